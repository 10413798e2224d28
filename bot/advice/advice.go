package advice

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/knowledge"
	"ctocoach/metrics"
	"ctocoach/store"
)

// Deps are what the advice surfaces need. A nil Index turns them off; no
// Checkups turns the self-checks off.
type Deps struct {
	Corpus *knowledge.Corpus
	Index  *knowledge.Index
	// Checkups are the self-check checklists (/cto checkup).
	Checkups []knowledge.Checkup
	// Store keeps feedback, phases and self-check scores.
	Store Store
	// Profiles is the bot's user cache (a preference change forgets it).
	Profiles Profiles
	Metrics  *metrics.Metrics
	Log      *slog.Logger
	Now      func() time.Time
}

// Store is the part of the store the advice surfaces use (*store.Store;
// mock.Store in tests).
type Store interface {
	SetFeedback(ctx context.Context, team, cardID, user string, vote int) error
	SetCTOSince(ctx context.Context, team, user, since string) error
	AddCheckupResult(ctx context.Context, team, user string, r store.CheckupResult) error
	CheckupHistory(ctx context.Context, team, user string, n int) ([]store.CheckupResult, error)
}

// Profiles is the part of the bot's user cache the advice surfaces use.
type Profiles interface {
	Cached(team, user string) (bot.User, bool)
	Forget(team, user string)
}

func (d Deps) withDefaults() Deps {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Metrics == nil {
		d.Metrics = metrics.New()
	}
	return d
}

// feature holds the advice handlers.
type feature struct{ Deps }

// Register adds the advice routes (/cto <question>, topics, phase, sharing,
// feedback, the "Ask" shortcut, self-checks) and the self-checks' App Home
// section.
func Register(r *bot.Router, d Deps) {
	if d.Index == nil {
		return
	}
	f := &feature{d.withDefaults()}
	r.Question(f.question)
	r.Subcommand("topics", f.topics)
	r.Subcommand("themes", f.topics)
	r.Subcommand("phase", f.phase)
	r.Action(actionShare, f.share)
	r.Action(actionTopic, f.moreOnTopic)
	r.Action(actionTopics, f.pickTopic)
	r.Action(actionFeedUp, f.feedback)
	r.Action(actionFeedDown, f.feedback)
	r.Shortcut(shortcutAsk, f.askShortcut)
	r.View(viewAsk, f.askSubmit)
	if len(d.Checkups) > 0 {
		r.Subcommand("checkup", f.checkupCommand)
		r.Subcommand("diagnostic", f.checkupCommand)
		r.Action(bot.ActionOpenCheckup, f.checkupButton)
		r.View(viewCheckup, f.checkupSubmit)
		r.HomeSection(homeOrder, "checkups", func(ctx context.Context, team, user, lang string) ([]slack.Block, error) {
			return f.checkupHomeBlocks(ctx, team, user, lang), nil
		})
	}
}

// Action ids and callback ids of the advice surfaces.
const (
	actionShare     = "advice.share"
	actionTopic     = "advice.topic"
	actionTopics    = "advice.topics"
	actionFeedUp    = "advice.up"
	actionFeedDown  = "advice.down"
	shortcutAsk     = "ask_coach"
	viewAsk         = "ask_coach"
	maxTopicCards   = 10
	askInputBlockID = "question"
	askInputAction  = "text"
)

func init() {
	bot.AddTexts(map[string][2]string{
		"advice.try":          {"*Try this week:* %s", "*À essayer cette semaine :* %s"},
		"advice.source":       {"Source: %s", "Source : %s"},
		"advice.share":        {"Share in channel", "Partager dans le canal"},
		"advice.more":         {"More on this topic", "Plus sur ce thème"},
		"advice.commit":       {"Commit", "Je m'engage"},
		"advice.intro":        {"Here is what I have for “%s”:", "Voici ce que j'ai pour « %s » :"},
		"advice.closest":      {"The closest I have for “%s”:", "Ce que j'ai de plus proche pour « %s » :"},
		"advice.closest_more": {"Not quite it? Browse the topics:", "Pas tout à fait ça ? Parcourez les thèmes :"},
		"advice.nothing":      {"I have nothing relevant for “%s”. Try other words, or browse the topics:", "Je n'ai rien de pertinent pour « %s ». Essayez d'autres mots, ou parcourez les thèmes :"},
		"advice.topics":       {"Pick a topic to see its advice:", "Choisissez un thème pour voir ses conseils :"},
		"advice.topics_ph":    {"Choose a topic", "Choisir un thème"},
		"advice.shared_by":    {"Shared by <@%s> from /cto", "Partagé par <@%s> depuis /cto"},
		"advice.thanks_up":    {"Thanks! Glad it helped — I note it for this card.", "Merci ! Ravi que ça aide — je le note pour cette fiche."},
		"advice.thanks_down":  {"Thanks, noted. I use this to improve the advice.", "Merci, c'est noté. Cela sert à améliorer les conseils."},
		"advice.unknown_card": {"That card no longer exists.", "Cette fiche n'existe plus."},
		"help.unknown":        {"I don't know `%s`. Here is what I can do:", "Je ne connais pas `%s`. Voici ce que je sais faire :"},
		"advice.off":          {"Advice is not available on this installation.", "Les conseils ne sont pas disponibles sur cette installation."},
		"phase.set":           {"Noted: CTO since %s — you are in the %s months phase. Answers favour advice for this phase.", "C'est noté : CTO depuis %s — vous êtes dans la phase %s mois. Les réponses privilégient les conseils de cette phase."},
		"phase.show":          {"You became CTO in %s (phase %s months). Change it with `/cto phase YYYY-MM`, or `/cto phase clear`.", "Vous êtes devenu CTO en %s (phase %s mois). Changez-le avec `/cto phase AAAA-MM`, ou `/cto phase clear`."},
		"phase.usage":         {"Tell me when you became CTO: `/cto phase 2025-03` (year and month, not in the future). Answers then favour advice for your phase (0–6, 6–18 or 18+ months).", "Dites-moi depuis quand vous êtes CTO : `/cto phase 2025-03` (année et mois, pas dans le futur). Les réponses privilégient alors les conseils de votre phase (0–6, 6–18 ou 18+ mois)."},
		"phase.cleared":       {"Done: I no longer adapt answers to a phase.", "C'est fait : je n'adapte plus les réponses à une phase."},
		"verb.save_phase":     {"save your phase", "enregistrer votre phase"},
		"verb.save_feedback":  {"record your feedback", "enregistrer votre avis"},
		"ask.title":           {"Ask the CTO coach", "Demander au coach CTO"},
		"ask.label":           {"Your question", "Votre question"},
		"ask.placeholder":     {"e.g. how do I stop being the bottleneck?", "ex. comment ne plus être le goulot d'étranglement ?"},
		"ask.submit":          {"Ask", "Demander"},
		"ask.close":           {"Close", "Fermer"},
		"ask.empty":           {"Type a question first.", "Écrivez d'abord une question."},

		"advice.topic_title.one":   {"*%s* — %d card", "*%s* — %d fiche"},
		"advice.topic_title.other": {"*%s* — %d cards", "*%s* — %d fiches"},
	})
}

// question answers "/cto <question>" with the 1–3 most relevant cards.
func (f *feature) question(ctx context.Context, r *bot.Request) error {
	u := r.User
	res := f.Index.Search(knowledge.Query{Text: r.Args, Lang: knowledge.Lang(r.Lang), Phase: userPhase(u, f.Now())})
	if len(res.Hits) == 0 && !strings.ContainsAny(strings.TrimSpace(r.Args), " \t\n") {
		// One word that is neither a subcommand nor a topic: an unknown subcommand.
		f.Log.Info("unknown /cto subcommand", "user", r.UserID, "word", bot.Truncate(r.Args, 40))
		rp := bot.HelpReply(r.Lang)
		rp.Text = bot.T(r.Lang, "help.unknown", bot.Escape(bot.Truncate(r.Args, 40))) + "\n" + rp.Text
		rp.Blocks = append([]slack.Block{bot.Markdown("unknown", bot.T(r.Lang, "help.unknown", bot.Escape(bot.Truncate(r.Args, 40))))}, rp.Blocks...)
		r.Answer(ctx, rp)
		return nil
	}
	r.Answer(ctx, f.adviceReply(r.Lang, r.Args, res))
	return nil
}

// adviceReply renders a search result: the cards (high confidence), "the
// closest I have" with one or two cards and the topic picker (medium), or
// "nothing relevant" with the topic picker (low).
func (f *feature) adviceReply(lang, question string, res knowledge.Result) bot.Reply {
	q := bot.Escape(bot.Truncate(question, 120))
	hits := res.Hits
	if len(hits) == 0 {
		text := bot.T(lang, "advice.nothing", q)
		return bot.Reply{Text: text, Blocks: append([]slack.Block{bot.Markdown("nothing", text)}, f.topicPicker(lang)...)}
	}
	intro := bot.T(lang, "advice.intro", q)
	if res.Tier == knowledge.TierMedium {
		intro = bot.T(lang, "advice.closest", q)
	}
	blocks := []slack.Block{bot.Markdown("intro", intro)}
	var plain []string
	for _, h := range hits {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, cardBlocks(lang, h.Card, true)...)
		plain = append(plain, h.Card.Text(knowledge.Lang(lang)).Title)
	}
	if res.Tier == knowledge.TierMedium {
		blocks = append(blocks, slack.NewDividerBlock(), bot.Markdown("closest-more", bot.T(lang, "advice.closest_more")))
		blocks = append(blocks, f.topicPicker(lang)...)
	}
	return bot.Reply{Text: intro + " " + strings.Join(plain, " · "), Blocks: blocks}
}

// actionCommit is the Commit button on a card's "try this week" line. The
// coaching feature owns and handles it (bot/coaching.ActionCommit; features
// do not import each other, an end-to-end test presses it); its value is
// the card id.
const actionCommit = "coaching.commit"

// tryBlock is a card's "try this week" line with its Commit button (for
// whoever presses it, on a shared card too).
func tryBlock(lang string, c *knowledge.Card) *slack.SectionBlock {
	b := bot.Markdown("try:"+c.ID, "🎯 "+bot.T(lang, "advice.try", bot.Escape(c.Text(knowledge.Lang(lang)).Try)))
	b.Accessory = slack.NewAccessory(slack.NewButtonBlockElement(actionCommit, c.ID, bot.PlainText(bot.T(lang, "advice.commit"))))
	return b
}

// cardBlocks renders one card; with buttons, it adds Commit on the "try
// this week" line, and share, more, 👍 and 👎.
func cardBlocks(lang string, c *knowledge.Card, buttons bool) []slack.Block {
	t := c.Text(knowledge.Lang(lang))
	try := bot.Markdown("try:"+c.ID, "🎯 "+bot.T(lang, "advice.try", bot.Escape(t.Try)))
	if buttons {
		try = tryBlock(lang, c)
	}
	blocks := []slack.Block{
		bot.Markdown("card:"+c.ID, "*"+bot.Escape(t.Title)+"*\n"+bot.Escape(t.Body)),
		try,
		slack.NewContextBlock("src:"+c.ID, slack.NewTextBlockObject(slack.MarkdownType, bot.T(lang, "advice.source", bot.Escape(c.Source.Cite())), false, false)),
	}
	if buttons {
		blocks = append(blocks, slack.NewActionBlock("act:"+c.ID,
			slack.NewButtonBlockElement(actionShare, c.ID, bot.PlainText(bot.T(lang, "advice.share"))),
			slack.NewButtonBlockElement(actionTopic, c.Topic, bot.PlainText(bot.T(lang, "advice.more"))),
			slack.NewButtonBlockElement(actionFeedUp, c.ID, bot.PlainText("👍")),
			slack.NewButtonBlockElement(actionFeedDown, c.ID, bot.PlainText("👎")),
		))
	}
	return blocks
}

func (f *feature) topicPicker(lang string) []slack.Block {
	var opts []*slack.OptionBlockObject
	for _, t := range f.Corpus.Topics() {
		opts = append(opts, slack.NewOptionBlockObject(t.ID, bot.PlainText(bot.Truncate(t.Label(knowledge.Lang(lang)), 75)), nil))
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, bot.PlainText(bot.T(lang, "advice.topics_ph")), actionTopics, opts...)
	return []slack.Block{slack.NewActionBlock("topics", sel)}
}

// topics answers "/cto topics" with the topic browser.
func (f *feature) topics(ctx context.Context, r *bot.Request) error {
	text := bot.T(r.Lang, "advice.topics")
	r.Answer(ctx, bot.Reply{Text: text, Blocks: append([]slack.Block{bot.Markdown("topics-intro", text)}, f.topicPicker(r.Lang)...)})
	return nil
}

func (f *feature) pickTopic(ctx context.Context, r *bot.Request) error {
	f.showTopic(ctx, r, r.Action.SelectedOption.Value)
	return nil
}

func (f *feature) moreOnTopic(ctx context.Context, r *bot.Request) error {
	f.showTopic(ctx, r, r.Action.Value)
	return nil
}

// showTopic lists a topic's cards in place of the message the user clicked in.
func (f *feature) showTopic(ctx context.Context, r *bot.Request, topicID string) {
	cards := f.Corpus.ByTopic(topicID)
	label := topicID
	for _, t := range f.Corpus.Topics() {
		if t.ID == topicID {
			label = t.Label(knowledge.Lang(r.Lang))
		}
	}
	if len(cards) == 0 {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "advice.unknown_card")})
		return
	}
	title := bot.Tn(r.Lang, "advice.topic_title", len(cards), bot.Escape(label), len(cards))
	blocks := []slack.Block{bot.Markdown("topic", title)}
	for i, c := range cards {
		if i == maxTopicCards {
			break
		}
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, cardBlocks(r.Lang, c, true)...)
	}
	blocks = append(blocks, f.topicPicker(r.Lang)...)
	r.Answer(ctx, bot.Reply{Text: title, Blocks: blocks, Replace: true})
}

// share posts a card publicly in the channel, naming who shared it.
func (f *feature) share(ctx context.Context, r *bot.Request) error {
	c, ok := f.Corpus.Card(r.Action.Value)
	if !ok {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "advice.unknown_card")})
		return nil
	}
	blocks := cardBlocks(r.Lang, c, false)
	blocks[1] = tryBlock(r.Lang, c) // Commit, for whoever reads the shared card
	blocks = append(blocks, slack.NewContextBlock("by", slack.NewTextBlockObject(slack.MarkdownType, bot.T(r.Lang, "advice.shared_by", r.UserID), false, false)))
	title := c.Text(knowledge.Lang(r.Lang)).Title
	r.Answer(ctx, bot.Reply{Text: title, Blocks: blocks, InChannel: true})
	return nil
}

// feedback stores 👍 / 👎 per card and thanks the user privately.
func (f *feature) feedback(ctx context.Context, r *bot.Request) error {
	vote, label, key := 1, "up", "advice.thanks_up"
	if r.Action.ActionID == actionFeedDown {
		vote, label, key = -1, "down", "advice.thanks_down"
	}
	if _, ok := f.Corpus.Card(r.Action.Value); !ok {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "advice.unknown_card")})
		return nil
	}
	if err := f.Store.SetFeedback(ctx, r.TeamID, r.Action.Value, r.UserID, vote); err != nil {
		return bot.Unavailable("verb.save_feedback", err)
	}
	f.Metrics.Feedback.WithLabelValues(label).Inc()
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, key)})
	return nil
}

// phase shows or sets when the user became CTO.
func (f *feature) phase(ctx context.Context, r *bot.Request) error {
	r.Ack(nil)
	u := r.User
	arg := strings.ToLower(strings.TrimSpace(r.Args))
	now := f.Now()
	switch arg {
	case "":
		if since, ok := parseMonth(u.Prefs.CTOSince); ok {
			r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "phase.show", u.Prefs.CTOSince, knowledge.PhaseFor(since, now))})
			return nil
		}
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "phase.usage")})
		return nil
	case "clear", "off", "reset", "effacer":
		if err := f.Store.SetCTOSince(ctx, r.TeamID, r.UserID, ""); err != nil {
			return bot.Unavailable("verb.save_phase", err)
		}
		f.Profiles.Forget(r.TeamID, r.UserID)
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "phase.cleared")})
		return nil
	}
	since, ok := parseMonth(arg)
	if !ok || since.After(now) || since.Year() < 1980 {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "phase.usage")})
		return nil
	}
	if err := f.Store.SetCTOSince(ctx, r.TeamID, r.UserID, since.Format("2006-01")); err != nil {
		return bot.Unavailable("verb.save_phase", err)
	}
	f.Profiles.Forget(r.TeamID, r.UserID)
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "phase.set", since.Format("2006-01"), knowledge.PhaseFor(since, now))})
	return nil
}

// askShortcut opens the "Ask the CTO coach" modal (global shortcut).
func (f *feature) askShortcut(ctx context.Context, r *bot.Request) error {
	input := slack.NewPlainTextInputBlockElement(bot.PlainText(bot.T(r.Lang, "ask.placeholder")), askInputAction)
	input.Multiline = true
	input.MaxLength = bot.MaxCommandText
	view := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewAsk, PrivateMetadata: r.Lang,
		Title:  bot.PlainText(bot.T(r.Lang, "ask.title")),
		Submit: bot.PlainText(bot.T(r.Lang, "ask.submit")),
		Close:  bot.PlainText(bot.T(r.Lang, "ask.close")),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(askInputBlockID, bot.PlainText(bot.T(r.Lang, "ask.label")), nil, input),
		}},
	}
	_ = r.OpenView(ctx, view) // tells the user when Slack refuses
	return nil
}

// askSubmit answers in the modal itself (response_action update), computed
// in memory so it fits in the ack.
func (f *feature) askSubmit(ctx context.Context, r *bot.Request) error {
	lang := r.Callback.View.PrivateMetadata
	if lang != bot.LangFR {
		lang = bot.LangEN
	}
	r.Lang = lang
	if r.WithoutState(ctx, lang) {
		return nil
	}
	q := strings.TrimSpace(r.Callback.View.State.Values[askInputBlockID][askInputAction].Value)
	if q == "" {
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{askInputBlockID: bot.T(lang, "ask.empty")}))
		return nil
	}
	phase := knowledge.Phase("")
	if u, ok := f.Profiles.Cached(r.TeamID, r.UserID); ok {
		phase = userPhase(u, f.Now())
	}
	res := f.Index.Search(knowledge.Query{Text: q, Lang: knowledge.Lang(lang), Phase: phase})
	rp := f.adviceReply(lang, q, res)
	blocks := rp.Blocks
	if len(res.Hits) > 0 { // no buttons nor picker in the modal: re-render without them
		blocks = []slack.Block{blocks[0]}
		for _, h := range res.Hits {
			blocks = append(blocks, slack.NewDividerBlock())
			blocks = append(blocks, cardBlocks(lang, h.Card, false)...)
		}
	} else {
		blocks = blocks[:1]
	}
	r.Ack(slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{
		Type: slack.VTModal, Title: bot.PlainText(bot.T(lang, "ask.title")), Close: bot.PlainText(bot.T(lang, "ask.close")),
		Blocks: slack.Blocks{BlockSet: blocks},
	}))
	return nil
}

func userPhase(u bot.User, now time.Time) knowledge.Phase {
	if since, ok := parseMonth(u.Prefs.CTOSince); ok {
		return knowledge.PhaseFor(since, now)
	}
	return ""
}

func parseMonth(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", s)
	return t, err == nil
}
