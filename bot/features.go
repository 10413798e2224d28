package bot

// Features are the domain services the bot's surfaces use, one field per
// feature, each defined in that feature's file. A nil service turns its
// surface off.
type Features struct {
}

// registerRoutes wires every surface into the router.
func (b *Bot) registerRoutes() {
	b.router.Command("/cto", b.cto)
	b.router.Subcommand("help", legacy(b.help))
	b.router.Subcommand("aide", legacy(b.help))
	b.router.Subcommand("lang", legacy(b.setLang))
	b.router.Event("message", b.directMessage)
}
