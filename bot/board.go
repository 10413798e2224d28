package bot

// RetroDeps are what the retro surfaces need.
type RetroDeps struct{}

func (b *Bot) registerRetro() {}
