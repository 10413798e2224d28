package bot

// Features are the domain services the bot's surfaces use, one field per
// feature, each defined in that feature's file. A nil service turns its
// surface off.
type Features struct {
	// Advice serves /cto <question>, topics, sharing and feedback (advice.go).
	Advice AdviceDeps
	// Routines serves scheduled nudges, settings, contacts and App Home (routine.go).
	Routines RoutineDeps
	// Retro serves /retro boards and the book of standards (board.go).
	Retro RetroDeps
}

// registerRoutes wires every surface into the router.
func (b *Bot) registerRoutes() {
	b.router.Command("/cto", b.cto)
	b.router.Subcommand("help", b.help)
	b.router.Subcommand("aide", b.help)
	b.router.Subcommand("lang", b.setLang)
	b.router.Event("message", b.directMessage)
	b.registerAdvice()
	b.registerRoutines()
	b.registerRetro()
}
