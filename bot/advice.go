package bot

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/knowledge"
)

// AdviceDeps are what the advice surfaces need: the corpus and its index.
type AdviceDeps struct {
	Corpus *knowledge.Corpus
	Index  *knowledge.Index
	// Checkups are the self-check checklists (/cto checkup).
	Checkups []knowledge.Checkup
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
	addTexts(map[string][2]string{
		"advice.try":          {"*Try this week:* %s", "*À essayer cette semaine :* %s"},
		"advice.source":       {"Source: %s", "Source : %s"},
		"advice.share":        {"Share in channel", "Partager dans le canal"},
		"advice.more":         {"More on this topic", "Plus sur ce thème"},
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

func (b *Bot) registerAdvice() {
	if b.f.Advice.Index == nil {
		return
	}
	b.router.Question(b.question)
	b.router.Subcommand("topics", b.topics)
	b.router.Subcommand("themes", b.topics)
	b.router.Subcommand("phase", b.phase)
	b.router.Action(actionShare, b.share)
	b.router.Action(actionTopic, b.moreOnTopic)
	b.router.Action(actionTopics, b.pickTopic)
	b.router.Action(actionFeedUp, b.feedback)
	b.router.Action(actionFeedDown, b.feedback)
	b.router.Shortcut(shortcutAsk, b.askShortcut)
	b.router.View(viewAsk, b.askSubmit)
	b.registerCheckups()
}

// question answers "/cto <question>" with the 1–3 most relevant cards.
func (b *Bot) question(ctx context.Context, r *Request) {
	u := b.user(ctx, r)
	res := b.f.Advice.Index.Search(knowledge.Query{Text: r.Args, Lang: knowledge.Lang(r.Lang), Phase: userPhase(u, b.now())})
	if len(res.Hits) == 0 && !strings.ContainsAny(strings.TrimSpace(r.Args), " \t\n") {
		// One word that is neither a subcommand nor a topic: an unknown subcommand.
		b.log.Info("unknown /cto subcommand", "user", r.UserID, "word", truncate(r.Args, 40))
		rp := helpReply(r.Lang)
		rp.Text = tr(r.Lang, "help.unknown", Escape(truncate(r.Args, 40))) + "\n" + rp.Text
		rp.Blocks = append([]slack.Block{markdown("unknown", tr(r.Lang, "help.unknown", Escape(truncate(r.Args, 40))))}, rp.Blocks...)
		b.answer(ctx, r, rp)
		return
	}
	b.answer(ctx, r, b.adviceReply(r.Lang, r.Args, res))
}

// adviceReply renders a search result: the cards (high confidence), "the
// closest I have" with one or two cards and the topic picker (medium), or
// "nothing relevant" with the topic picker (low).
func (b *Bot) adviceReply(lang, question string, res knowledge.Result) reply {
	q := Escape(truncate(question, 120))
	hits := res.Hits
	if len(hits) == 0 {
		text := tr(lang, "advice.nothing", q)
		return reply{Text: text, Blocks: append([]slack.Block{markdown("nothing", text)}, b.topicPicker(lang)...)}
	}
	intro := tr(lang, "advice.intro", q)
	if res.Tier == knowledge.TierMedium {
		intro = tr(lang, "advice.closest", q)
	}
	blocks := []slack.Block{markdown("intro", intro)}
	var plain []string
	for _, h := range hits {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, cardBlocks(lang, h.Card, true)...)
		plain = append(plain, h.Card.Text(knowledge.Lang(lang)).Title)
	}
	if res.Tier == knowledge.TierMedium {
		blocks = append(blocks, slack.NewDividerBlock(), markdown("closest-more", tr(lang, "advice.closest_more")))
		blocks = append(blocks, b.topicPicker(lang)...)
	}
	return reply{Text: intro + " " + strings.Join(plain, " · "), Blocks: blocks}
}

// cardBlocks renders one card; with buttons, it adds share, more, 👍 and 👎.
func cardBlocks(lang string, c *knowledge.Card, buttons bool) []slack.Block {
	t := c.Text(knowledge.Lang(lang))
	blocks := []slack.Block{
		markdown("card:"+c.ID, "*"+Escape(t.Title)+"*\n"+Escape(t.Body)),
		markdown("try:"+c.ID, "🎯 "+tr(lang, "advice.try", Escape(t.Try))),
		slack.NewContextBlock("src:"+c.ID, slack.NewTextBlockObject(slack.MarkdownType, tr(lang, "advice.source", Escape(c.Source.Cite())), false, false)),
	}
	if buttons {
		blocks = append(blocks, slack.NewActionBlock("act:"+c.ID,
			slack.NewButtonBlockElement(actionShare, c.ID, plainText(tr(lang, "advice.share"))),
			slack.NewButtonBlockElement(actionTopic, c.Topic, plainText(tr(lang, "advice.more"))),
			slack.NewButtonBlockElement(actionFeedUp, c.ID, plainText("👍")),
			slack.NewButtonBlockElement(actionFeedDown, c.ID, plainText("👎")),
		))
	}
	return blocks
}

func (b *Bot) topicPicker(lang string) []slack.Block {
	var opts []*slack.OptionBlockObject
	for _, t := range b.f.Advice.Corpus.Topics() {
		opts = append(opts, slack.NewOptionBlockObject(t.ID, plainText(truncate(t.Label(knowledge.Lang(lang)), 75)), nil))
	}
	sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plainText(tr(lang, "advice.topics_ph")), actionTopics, opts...)
	return []slack.Block{slack.NewActionBlock("topics", sel)}
}

// topics answers "/cto topics" with the topic browser.
func (b *Bot) topics(ctx context.Context, r *Request) {
	b.user(ctx, r)
	text := tr(r.Lang, "advice.topics")
	b.answer(ctx, r, reply{Text: text, Blocks: append([]slack.Block{markdown("topics-intro", text)}, b.topicPicker(r.Lang)...)})
}

func (b *Bot) pickTopic(ctx context.Context, r *Request) {
	b.showTopic(ctx, r, r.Action.SelectedOption.Value)
}

func (b *Bot) moreOnTopic(ctx context.Context, r *Request) {
	b.showTopic(ctx, r, r.Action.Value)
}

// showTopic lists a topic's cards in place of the message the user clicked in.
func (b *Bot) showTopic(ctx context.Context, r *Request, topicID string) {
	b.user(ctx, r)
	cards := b.f.Advice.Corpus.ByTopic(topicID)
	label := topicID
	for _, t := range b.f.Advice.Corpus.Topics() {
		if t.ID == topicID {
			label = t.Label(knowledge.Lang(r.Lang))
		}
	}
	if len(cards) == 0 {
		b.answer(ctx, r, reply{Text: tr(r.Lang, "advice.unknown_card")})
		return
	}
	title := trn(r.Lang, "advice.topic_title", len(cards), Escape(label), len(cards))
	blocks := []slack.Block{markdown("topic", title)}
	for i, c := range cards {
		if i == maxTopicCards {
			break
		}
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, cardBlocks(r.Lang, c, true)...)
	}
	blocks = append(blocks, b.topicPicker(r.Lang)...)
	b.answer(ctx, r, reply{Text: title, Blocks: blocks, Replace: true})
}

// share posts a card publicly in the channel, naming who shared it.
func (b *Bot) share(ctx context.Context, r *Request) {
	b.user(ctx, r)
	c, ok := b.f.Advice.Corpus.Card(r.Action.Value)
	if !ok {
		b.answer(ctx, r, reply{Text: tr(r.Lang, "advice.unknown_card")})
		return
	}
	blocks := cardBlocks(r.Lang, c, false)
	blocks = append(blocks, slack.NewContextBlock("by", slack.NewTextBlockObject(slack.MarkdownType, tr(r.Lang, "advice.shared_by", r.UserID), false, false)))
	title := c.Text(knowledge.Lang(r.Lang)).Title
	b.answer(ctx, r, reply{Text: title, Blocks: blocks, InChannel: true})
}

// feedback stores 👍 / 👎 per card and thanks the user privately.
func (b *Bot) feedback(ctx context.Context, r *Request) {
	b.user(ctx, r)
	vote, label, key := 1, "up", "advice.thanks_up"
	if r.Action.ActionID == actionFeedDown {
		vote, label, key = -1, "down", "advice.thanks_down"
	}
	if _, ok := b.f.Advice.Corpus.Card(r.Action.Value); !ok {
		b.answer(ctx, r, reply{Text: tr(r.Lang, "advice.unknown_card")})
		return
	}
	if err := b.store.SetFeedback(ctx, r.TeamID, r.Action.Value, r.UserID, vote); err != nil {
		b.unavailable(ctx, r, "verb.save_feedback", err)
		return
	}
	b.metrics.Feedback.WithLabelValues(label).Inc()
	b.answer(ctx, r, reply{Text: tr(r.Lang, key)})
}

// phase shows or sets when the user became CTO.
func (b *Bot) phase(ctx context.Context, r *Request) {
	r.Ack(nil)
	u := b.user(ctx, r)
	arg := strings.ToLower(strings.TrimSpace(r.Args))
	now := b.now()
	switch arg {
	case "":
		if since, ok := parseMonth(u.Prefs.CTOSince); ok {
			b.answer(ctx, r, reply{Text: tr(r.Lang, "phase.show", u.Prefs.CTOSince, knowledge.PhaseFor(since, now))})
			return
		}
		b.answer(ctx, r, reply{Text: tr(r.Lang, "phase.usage")})
		return
	case "clear", "off", "reset", "effacer":
		if err := b.store.SetCTOSince(ctx, r.TeamID, r.UserID, ""); err != nil {
			b.unavailable(ctx, r, "verb.save_phase", err)
			return
		}
		b.profiles.forget(r.TeamID, r.UserID)
		b.answer(ctx, r, reply{Text: tr(r.Lang, "phase.cleared")})
		return
	}
	since, ok := parseMonth(arg)
	if !ok || since.After(now) || since.Year() < 1980 {
		b.answer(ctx, r, reply{Text: tr(r.Lang, "phase.usage")})
		return
	}
	if err := b.store.SetCTOSince(ctx, r.TeamID, r.UserID, since.Format("2006-01")); err != nil {
		b.unavailable(ctx, r, "verb.save_phase", err)
		return
	}
	b.profiles.forget(r.TeamID, r.UserID)
	b.answer(ctx, r, reply{Text: tr(r.Lang, "phase.set", since.Format("2006-01"), knowledge.PhaseFor(since, now))})
}

// askShortcut opens the "Ask the CTO coach" modal (global shortcut).
func (b *Bot) askShortcut(ctx context.Context, r *Request) {
	b.user(ctx, r)
	input := slack.NewPlainTextInputBlockElement(plainText(tr(r.Lang, "ask.placeholder")), askInputAction)
	input.Multiline = true
	input.MaxLength = MaxCommandText
	view := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewAsk, PrivateMetadata: r.Lang,
		Title:  plainText(tr(r.Lang, "ask.title")),
		Submit: plainText(tr(r.Lang, "ask.submit")),
		Close:  plainText(tr(r.Lang, "ask.close")),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			slack.NewInputBlock(askInputBlockID, plainText(tr(r.Lang, "ask.label")), nil, input),
		}},
	}
	_ = b.openView(ctx, r, view, false)
}

// askSubmit answers in the modal itself (response_action update), computed
// in memory so it fits in the ack.
func (b *Bot) askSubmit(ctx context.Context, r *Request) {
	lang := r.Callback.View.PrivateMetadata
	if lang != langFR {
		lang = langEN
	}
	r.Lang = lang
	if b.withoutState(ctx, r, lang) {
		return
	}
	q := strings.TrimSpace(r.Callback.View.State.Values[askInputBlockID][askInputAction].Value)
	if q == "" {
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{askInputBlockID: tr(lang, "ask.empty")}))
		return
	}
	phase := knowledge.Phase("")
	if u, ok := b.profiles.cached(r.TeamID, r.UserID); ok {
		phase = userPhase(u, b.now())
	}
	res := b.f.Advice.Index.Search(knowledge.Query{Text: q, Lang: knowledge.Lang(lang), Phase: phase})
	rp := b.adviceReply(lang, q, res)
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
		Type: slack.VTModal, Title: plainText(tr(lang, "ask.title")), Close: plainText(tr(lang, "ask.close")),
		Blocks: slack.Blocks{BlockSet: blocks},
	}))
}

func userPhase(u userInfo, now time.Time) knowledge.Phase {
	if since, ok := parseMonth(u.Prefs.CTOSince); ok {
		return knowledge.PhaseFor(since, now)
	}
	return ""
}

func parseMonth(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01", s)
	return t, err == nil
}

func markdown(blockID, text string) *slack.SectionBlock {
	return slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, truncate(text, 3000), false, false), nil, nil, slack.SectionBlockOptionBlockID(blockID))
}

func plainText(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

// truncate cuts s to at most n runes, marking the cut with an ellipsis.
func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
