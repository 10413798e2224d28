package bot

// registerRoutes wires the core's own surfaces into the router: help,
// language, and direct messages (answered like "/cto <text>"). Features add
// theirs with their Register function.
func (b *Bot) registerRoutes() {
	b.router.Command("/cto", b.cto)
	b.router.Subcommand("help", b.help)
	b.router.Subcommand("aide", b.help)
	b.router.Subcommand("lang", b.setLang)
	b.router.Event("message", b.directMessage)
}
