package bot

// AdviceDeps are what the advice surfaces need.
type AdviceDeps struct{}

func (b *Bot) registerAdvice() {}
