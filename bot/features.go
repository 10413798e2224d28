package bot

// Features are the domain services the bot's surfaces use. A nil field turns
// its surface off (the help still lists it).
type Features struct{}

// registerRoutes wires every surface into the router.
func (b *Bot) registerRoutes() {
	b.router.Command("/cto", b.cto)
	b.router.Subcommand("help", b.help)
	b.router.Subcommand("aide", b.help)
	b.router.Subcommand("lang", b.setLang)
}
