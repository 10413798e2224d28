package bot

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/knowledge"
	"ctocoach/store"
)

// Self-check surfaces: /cto checkup → a modal of warning signals → a score,
// a level and recommended cards; the score (never the ticked signals) is
// kept for the App Home trend.
const (
	actionCheckupOpen = "checkup.open"
	viewCheckup       = "checkup"
	checkupTicks      = "ticks"
)

func init() {
	addTexts(map[string][2]string{
		"checkup.pick":            {"Which self-check? Each takes a minute; only you see the answers, and I keep only the score.", "Quel auto-diagnostic ? Chacun prend une minute ; vous seul voyez les réponses, et je ne garde que le score."},
		"checkup.usage":           {"Usage: `/cto checkup` or `/cto checkup stagnation|isolation|burnout`.", "Usage : `/cto checkup` ou `/cto checkup stagnation|isolation|burnout`."},
		"checkup.submit":          {"See my result", "Voir mon résultat"},
		"checkup.cancel":          {"Cancel", "Annuler"},
		"checkup.close":           {"Close", "Fermer"},
		"checkup.result_t":        {"Your result", "Votre résultat"},
		"checkup.low":             {"Few signals right now. Keep your routines going and check again next month.", "Peu de signaux pour l'instant. Gardez vos rituels et refaites le point le mois prochain."},
		"checkup.watch":           {"Several signals: pick one card below and act on it this week.", "Plusieurs signaux : choisissez une fiche ci-dessous et passez à l'action cette semaine."},
		"checkup.high":            {"Many signals: take this seriously. Block time this week, and talk to someone you trust — a mentor, a peer, or a doctor if your health is involved.", "Beaucoup de signaux : prenez-le au sérieux. Bloquez du temps cette semaine et parlez-en à quelqu'un de confiance — un mentor, un pair, ou un médecin si votre santé est en jeu."},
		"checkup.recommended":     {"*Recommended:*", "*Recommandé :*"},
		"checkup.unavailable":     {"I could not save this score (my memory is unreachable); the result above is still yours.", "Je n'ai pas pu enregistrer ce score (ma mémoire est injoignable) ; le résultat ci-dessus reste valable."},
		"checkup.trend":           {"*Self-checks*", "*Auto-diagnostics*"},
		"checkup.none":            {"No self-check yet — try `/cto checkup`.", "Aucun auto-diagnostic pour l'instant — essayez `/cto checkup`."},
		"checkup.line":            {"%s %s: %d/%d on %s%s", "%s %s : %d/%d le %s%s"},
		"checkup.was":             {" (was %d)", " (avant : %d)"},
		"checkup.name.stagnation": {"Self-check: stagnation", "Diagnostic : stagnation"},
		"checkup.name.isolation":  {"Self-check: isolation", "Diagnostic : isolement"},
		"checkup.name.burnout":    {"Self-check: burnout", "Diagnostic : épuisement"},

		"checkup.score.one":   {"*%s* — %d of %d signals.", "*%s* — %d signal sur %d."},
		"checkup.score.other": {"*%s* — %d of %d signals.", "*%s* — %d signaux sur %d."},
	})
}

func (b *Bot) registerCheckups() {
	if len(b.f.Advice.Checkups) == 0 {
		return
	}
	b.router.Subcommand("checkup", b.checkupCommand)
	b.router.Subcommand("diagnostic", b.checkupCommand)
	b.router.Action(actionCheckupOpen, b.checkupButton)
	b.router.View(viewCheckup, b.checkupSubmit)
}

func (b *Bot) checkupByID(id string) (knowledge.Checkup, bool) {
	for _, c := range b.f.Advice.Checkups {
		if c.ID == id {
			return c, true
		}
	}
	return knowledge.Checkup{}, false
}

// checkupCommand answers "/cto checkup [id]".
func (b *Bot) checkupCommand(ctx context.Context, r *Request) {
	arg := strings.ToLower(strings.TrimSpace(r.Args))
	if arg == "" {
		b.user(ctx, r)
		var buttons []slack.BlockElement
		for _, c := range b.f.Advice.Checkups {
			buttons = append(buttons, slack.NewButtonBlockElement(actionCheckupOpen, c.ID, plainText(c.Text(knowledge.Lang(r.Lang)).Title)))
		}
		text := tr(r.Lang, "checkup.pick")
		b.answer(ctx, r, reply{Text: text, Blocks: []slack.Block{markdown("checkup-pick", text), slack.NewActionBlock("checkups", buttons...)}})
		return
	}
	c, ok := b.checkupByID(arg)
	if !ok {
		b.user(ctx, r)
		b.answer(ctx, r, reply{Text: tr(r.Lang, "checkup.usage")})
		return
	}
	r.Ack(nil)
	b.user(ctx, r)
	b.openCheckup(ctx, r, c)
}

func (b *Bot) checkupButton(ctx context.Context, r *Request) {
	b.user(ctx, r)
	if c, ok := b.checkupByID(r.Action.Value); ok {
		b.openCheckup(ctx, r, c)
	}
}

func (b *Bot) openCheckup(ctx context.Context, r *Request, c knowledge.Checkup) {
	l := knowledge.Lang(r.Lang)
	t := c.Text(l)
	blocks := []slack.Block{markdown("intro", t.Intro)}
	for _, g := range c.Groups {
		var opts []*slack.OptionBlockObject
		for _, it := range g.Items {
			opts = append(opts, slack.NewOptionBlockObject(g.ID+"."+it.ID, plainText(it.Label(l)), nil))
		}
		in := slack.NewInputBlock(g.ID, plainText(g.Label(l)), nil, slack.NewCheckboxGroupsBlockElement(checkupTicks, opts...))
		in.Optional = true
		blocks = append(blocks, in)
	}
	view := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewCheckup, PrivateMetadata: r.Lang + ":" + c.ID,
		Title: plainText(truncate(t.Title, 24)), Submit: plainText(tr(r.Lang, "checkup.submit")),
		Close: plainText(tr(r.Lang, "checkup.cancel")), Blocks: slack.Blocks{BlockSet: blocks},
	}
	_ = b.openView(ctx, r, view, false)
}

// checkupSubmit scores the ticks, stores the score and shows the result in
// the modal, in the ack.
func (b *Bot) checkupSubmit(ctx context.Context, r *Request) {
	lang, id, _ := strings.Cut(r.Callback.View.PrivateMetadata, ":")
	if lang != langFR {
		lang = langEN
	}
	r.Lang = lang
	if b.withoutState(ctx, r, lang) {
		return
	}
	c, ok := b.checkupByID(id)
	if !ok {
		r.Ack(nil)
		b.log.Warn("checkup submission for an unknown checklist", "id", id)
		return
	}
	var ticked []string
	for _, g := range c.Groups {
		for _, o := range r.Callback.View.State.Values[g.ID][checkupTicks].SelectedOptions {
			ticked = append(ticked, o.Value)
		}
	}
	score, level := c.Score(ticked)
	l := knowledge.Lang(lang)
	blocks := []slack.Block{
		markdown("score", trn(lang, "checkup.score", score, Escape(c.Text(l).Title), score, c.Size())+"\n"+tr(lang, "checkup."+string(level))),
	}
	if level != knowledge.LevelLow || score > 0 {
		blocks = append(blocks, markdown("rec", tr(lang, "checkup.recommended")))
		for i, id := range c.Cards {
			card, ok := b.f.Advice.Corpus.Card(id)
			if !ok || i == 3 {
				continue
			}
			t := card.Text(l)
			blocks = append(blocks, markdown("card:"+id, "*"+Escape(t.Title)+"*\n🎯 "+tr(lang, "advice.try", Escape(t.Try))))
		}
	}
	// Stored before the ack (a view submission may take up to 3 s; a Redis
	// outage fails fast), so the modal can say whether the score was kept.
	res := store.CheckupResult{Checkup: c.ID, Score: score, Size: c.Size(), Level: string(level), At: b.now()}
	sctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := b.store.AddCheckupResult(sctx, r.TeamID, r.UserID, res); err != nil {
		b.log.Error("cannot save checkup result", "user", r.UserID, "checkup", c.ID, "err", err)
		blocks = append(blocks, slack.NewContextBlock("unsaved", slack.NewTextBlockObject(slack.MarkdownType, tr(lang, "checkup.unavailable"), false, false)))
	}
	r.Ack(slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{
		Type: slack.VTModal, Title: plainText(tr(lang, "checkup.result_t")), Close: plainText(tr(lang, "checkup.close")),
		Blocks: slack.Blocks{BlockSet: blocks},
	}))
}

// checkupHomeBlocks summarises the user's latest self-checks and their trend,
// for App Home.
func (b *Bot) checkupHomeBlocks(ctx context.Context, team, user, lang string) []slack.Block {
	if len(b.f.Advice.Checkups) == 0 {
		return nil
	}
	hist, err := b.store.CheckupHistory(ctx, team, user, 100)
	if err != nil {
		b.log.Warn("checkup history unavailable for App Home", "user", user, "err", err)
		return nil
	}
	l := knowledge.Lang(lang)
	var lines []string
	for _, c := range b.f.Advice.Checkups {
		var latest, previous *store.CheckupResult
		for i := range hist {
			if hist[i].Checkup != c.ID {
				continue
			}
			if latest == nil {
				latest = &hist[i]
			} else {
				previous = &hist[i]
				break
			}
		}
		if latest == nil {
			continue
		}
		arrow, was := "•", ""
		if previous != nil {
			was = tr(lang, "checkup.was", previous.Score)
			switch {
			case latest.Score < previous.Score:
				arrow = "↘️"
			case latest.Score > previous.Score:
				arrow = "↗️"
			default:
				arrow = "➡️"
			}
		}
		lines = append(lines, tr(lang, "checkup.line", arrow, c.Text(l).Title, latest.Score, latest.Size, latest.At.Format("2006-01-02"), was))
	}
	text := tr(lang, "checkup.trend") + "\n"
	if len(lines) == 0 {
		text += tr(lang, "checkup.none")
	} else {
		text += strings.Join(lines, "\n")
	}
	return []slack.Block{markdown("checkups", text)}
}
