package retro

// builtinFormats is the catalogue, in display order. Wording is ours; the
// sailboat and the lean problem board follow the practices Glen Jaguin
// (Webikeo) describes: a drawing with zones to stick notes on, and problems
// that end up, once solved for good, in a book of standards.
var builtinFormats = []Format{
	{
		ID:   FormatSailboat,
		Name: tr("Sailboat", "Voilier"),
		Zones: []Zone{
			{ID: "wind", Emoji: "🌬️", Name: tr("Wind", "Vent"),
				Prompt: tr("What pushes us forward?", "Qu'est-ce qui nous fait avancer ?")},
			{ID: "anchor", Emoji: "⚓", Name: tr("Anchor", "Ancre"),
				Prompt: tr("What slows us down?", "Qu'est-ce qui nous freine ?")},
			{ID: "rocks", Emoji: "🪨", Name: tr("Rocks", "Rochers"),
				Prompt: tr("Which risks lie ahead?", "Quels risques nous attendent ?")},
			{ID: "island", Emoji: "🏝️", Name: tr("Island", "Île"),
				Prompt: tr("Where are we heading? Which opportunities do we see?", "Où allons-nous ? Quelles opportunités voyons-nous ?")},
		},
	},
	{
		ID:   FormatStartStop,
		Name: tr("Start / Stop / Continue", "Commencer / Arrêter / Continuer"),
		Zones: []Zone{
			{ID: "start", Emoji: "🟢", Name: tr("Start", "Commencer"),
				Prompt: tr("What should we begin doing?", "Que devrions-nous commencer à faire ?")},
			{ID: "stop", Emoji: "🔴", Name: tr("Stop", "Arrêter"),
				Prompt: tr("What should we drop?", "Que devrions-nous abandonner ?")},
			{ID: "continue", Emoji: "🔵", Name: tr("Continue", "Continuer"),
				Prompt: tr("What works and should stay?", "Qu'est-ce qui marche et doit rester ?")},
		},
	},
	{
		ID:   Format4Ls,
		Name: tr("4Ls", "4L"),
		Zones: []Zone{
			{ID: "liked", Emoji: "❤️", Name: tr("Liked", "Apprécié"),
				Prompt: tr("What did you enjoy?", "Qu'avez-vous aimé ?")},
			{ID: "learned", Emoji: "📚", Name: tr("Learned", "Appris"),
				Prompt: tr("What did you discover?", "Qu'avez-vous découvert ?")},
			{ID: "lacked", Emoji: "🕳️", Name: tr("Lacked", "Manqué"),
				Prompt: tr("What was missing?", "Qu'est-ce qui a fait défaut ?")},
			{ID: "longed", Emoji: "🌠", Name: tr("Longed for", "Souhaité"),
				Prompt: tr("What do you wish we had?", "Qu'auriez-vous voulu avoir ?")},
		},
	},
	{
		ID:   FormatMadSadGlad,
		Name: tr("Mad / Sad / Glad", "Fâché / Triste / Content"),
		Zones: []Zone{
			{ID: "mad", Emoji: "😠", Name: tr("Mad", "Fâché"),
				Prompt: tr("What made you angry?", "Qu'est-ce qui vous a agacé ?")},
			{ID: "sad", Emoji: "😢", Name: tr("Sad", "Triste"),
				Prompt: tr("What let you down?", "Qu'est-ce qui vous a déçu ?")},
			{ID: "glad", Emoji: "😄", Name: tr("Glad", "Content"),
				Prompt: tr("What made you happy?", "Qu'est-ce qui vous a fait plaisir ?")},
		},
	},
	{
		ID:   FormatStarfish,
		Name: tr("Starfish", "Étoile de mer"),
		Zones: []Zone{
			{ID: "keep", Emoji: "✅", Name: tr("Keep", "Garder"),
				Prompt: tr("What should stay as it is?", "Que faut-il garder tel quel ?")},
			{ID: "more", Emoji: "⬆️", Name: tr("More of", "Plus de"),
				Prompt: tr("What deserves more room?", "Que faut-il faire davantage ?")},
			{ID: "less", Emoji: "⬇️", Name: tr("Less of", "Moins de"),
				Prompt: tr("What should we do less?", "Que faut-il réduire ?")},
			{ID: "stop", Emoji: "⛔", Name: tr("Stop", "Arrêter"),
				Prompt: tr("What brings nothing and should go?", "Qu'est-ce qui n'apporte rien et doit cesser ?")},
			{ID: "start", Emoji: "🚀", Name: tr("Start", "Commencer"),
				Prompt: tr("What new thing should we try?", "Que faut-il essayer de nouveau ?")},
		},
	},
	{
		ID:   FormatLean,
		Name: tr("Lean problem board", "Tableau des problèmes (lean)"),
		Zones: []Zone{
			{ID: "problem", Emoji: "🚧", Name: tr("Problem", "Problème"),
				Prompt: tr("Which problem did we hit? Make it visible.", "Quel problème avons-nous rencontré ? Rendons-le visible.")},
			{ID: "fix", Emoji: "🔧", Name: tr("Proposed fix", "Solution proposée"),
				Prompt: tr("How could the team solve it?", "Comment l'équipe pourrait-elle le résoudre ?")},
			{ID: "standard", Emoji: "📘", Name: tr("Standard", "Standard"),
				Prompt: tr("Which rule keeps it from coming back?", "Quelle règle l'empêche de revenir ?")},
		},
	},
}
