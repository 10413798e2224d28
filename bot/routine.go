package bot

// RoutineDeps are what the routine surfaces need.
type RoutineDeps struct{}

func (b *Bot) registerRoutines() {}
