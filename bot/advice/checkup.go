package advice

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/knowledge"
	"ctocoach/store"
)

// Self-check surfaces: /cto checkup → a modal of warning signals → a score,
// a level and recommended cards; the score (never the ticked signals) is
// kept for the App Home trend.
const (
	viewCheckup  = "checkup"
	checkupTicks = "ticks"
	// homeOrder puts the self-checks' trend after the routines and the
	// retro actions on App Home.
	homeOrder = 30
)

func init() {
	bot.AddTexts(map[string][2]string{
		"checkup.pick":        {"Which self-check? Each takes a minute; only you see the answers, and I keep only the score.", "Quel auto-diagnostic ? Chacun prend une minute ; vous seul voyez les réponses, et je ne garde que le score."},
		"checkup.usage":       {"Usage: `/cto checkup` or `/cto checkup stagnation|isolation|burnout`.", "Usage : `/cto checkup` ou `/cto checkup stagnation|isolation|burnout`."},
		"checkup.submit":      {"See my result", "Voir mon résultat"},
		"checkup.cancel":      {"Cancel", "Annuler"},
		"checkup.close":       {"Close", "Fermer"},
		"checkup.result_t":    {"Your result", "Votre résultat"},
		"checkup.low":         {"Few signals right now. Keep your routines going and check again next month.", "Peu de signaux pour l'instant. Gardez vos rituels et refaites le point le mois prochain."},
		"checkup.watch":       {"Several signals: pick one card below and act on it this week.", "Plusieurs signaux : choisissez une fiche ci-dessous et passez à l'action cette semaine."},
		"checkup.high":        {"Many signals: take this seriously. Block time this week, and talk to someone you trust — a mentor, a peer, or a doctor if your health is involved.", "Beaucoup de signaux : prenez-le au sérieux. Bloquez du temps cette semaine et parlez-en à quelqu'un de confiance — un mentor, un pair, ou un médecin si votre santé est en jeu."},
		"checkup.recommended": {"*Recommended:*", "*Recommandé :*"},
		"checkup.unavailable": {"I could not save this score (my memory is unreachable); the result above is still yours.", "Je n'ai pas pu enregistrer ce score (ma mémoire est injoignable) ; le résultat ci-dessus reste valable."},
		"checkup.trend":       {"*Self-checks*", "*Auto-diagnostics*"},
		"checkup.none":        {"No self-check yet — try `/cto checkup`.", "Aucun auto-diagnostic pour l'instant — essayez `/cto checkup`."},
		"checkup.line":        {"%s %s: %d/%d on %s%s", "%s %s : %d/%d le %s%s"},
		"checkup.was":         {" (was %d)", " (avant : %d)"},

		"checkup.score.one":   {"*%s* — %d of %d signals.", "*%s* — %d signal sur %d."},
		"checkup.score.other": {"*%s* — %d of %d signals.", "*%s* — %d signaux sur %d."},
	})
}

func (f *feature) checkupByID(id string) (knowledge.Checkup, bool) {
	for _, c := range f.Checkups {
		if c.ID == id {
			return c, true
		}
	}
	return knowledge.Checkup{}, false
}

// checkupCommand answers "/cto checkup [id]".
func (f *feature) checkupCommand(ctx context.Context, r *bot.Request) error {
	arg := strings.ToLower(strings.TrimSpace(r.Args))
	if arg == "" {
		var buttons []slack.BlockElement
		for _, c := range f.Checkups {
			buttons = append(buttons, slack.NewButtonBlockElement(bot.ActionOpenCheckup, c.ID, bot.PlainText(c.Text(knowledge.Lang(r.Lang)).Title)))
		}
		text := bot.T(r.Lang, "checkup.pick")
		r.Answer(ctx, bot.Reply{Text: text, Blocks: []slack.Block{bot.Markdown("checkup-pick", text), slack.NewActionBlock("checkups", buttons...)}})
		return nil
	}
	c, ok := f.checkupByID(arg)
	if !ok {
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "checkup.usage")})
		return nil
	}
	r.Ack(nil)
	f.openCheckup(ctx, r, c)
	return nil
}

func (f *feature) checkupButton(ctx context.Context, r *bot.Request) error {
	if c, ok := f.checkupByID(r.Action.Value); ok {
		f.openCheckup(ctx, r, c)
	}
	return nil
}

func (f *feature) openCheckup(ctx context.Context, r *bot.Request, c knowledge.Checkup) {
	l := knowledge.Lang(r.Lang)
	t := c.Text(l)
	blocks := []slack.Block{bot.Markdown("intro", t.Intro)}
	for _, g := range c.Groups {
		var opts []*slack.OptionBlockObject
		for _, it := range g.Items {
			opts = append(opts, slack.NewOptionBlockObject(g.ID+"."+it.ID, bot.PlainText(it.Label(l)), nil))
		}
		in := slack.NewInputBlock(g.ID, bot.PlainText(g.Label(l)), nil, slack.NewCheckboxGroupsBlockElement(checkupTicks, opts...))
		in.Optional = true
		blocks = append(blocks, in)
	}
	view := slack.ModalViewRequest{
		Type: slack.VTModal, CallbackID: viewCheckup, PrivateMetadata: r.Lang + ":" + c.ID,
		Title: bot.PlainText(bot.Truncate(t.Title, 24)), Submit: bot.PlainText(bot.T(r.Lang, "checkup.submit")),
		Close: bot.PlainText(bot.T(r.Lang, "checkup.cancel")), Blocks: slack.Blocks{BlockSet: blocks},
	}
	_ = r.OpenView(ctx, view) // tells the user when Slack refuses
}

// checkupSubmit scores the ticks, stores the score and shows the result in
// the modal, in the ack.
func (f *feature) checkupSubmit(ctx context.Context, r *bot.Request) error {
	lang, id, _ := strings.Cut(r.Callback.View.PrivateMetadata, ":")
	if lang != bot.LangFR {
		lang = bot.LangEN
	}
	r.Lang = lang
	if r.WithoutState(ctx, lang) {
		return nil
	}
	c, ok := f.checkupByID(id)
	if !ok {
		r.Ack(nil)
		f.Log.Warn("checkup submission for an unknown checklist", "id", id)
		return nil
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
		bot.Markdown("score", bot.Tn(lang, "checkup.score", score, bot.Escape(c.Text(l).Title), score, c.Size())+"\n"+bot.T(lang, "checkup."+string(level))),
	}
	if level != knowledge.LevelLow || score > 0 {
		blocks = append(blocks, bot.Markdown("rec", bot.T(lang, "checkup.recommended")))
		for i, id := range c.Cards {
			card, ok := f.Corpus.Card(id)
			if !ok || i == 3 {
				continue
			}
			t := card.Text(l)
			blocks = append(blocks, bot.Markdown("card:"+id, "*"+bot.Escape(t.Title)+"*\n🎯 "+bot.T(lang, "advice.try", bot.Escape(t.Try))))
		}
	}
	// Stored before the ack (a view submission may take up to 3 s; a Redis
	// outage fails fast), so the modal can say whether the score was kept.
	res := store.CheckupResult{Checkup: c.ID, Score: score, Size: c.Size(), Level: string(level), At: f.Now()}
	sctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := f.Store.AddCheckupResult(sctx, r.TeamID, r.UserID, res); err != nil {
		f.Log.Error("cannot save checkup result", "user", r.UserID, "checkup", c.ID, "err", err)
		blocks = append(blocks, slack.NewContextBlock("unsaved", slack.NewTextBlockObject(slack.MarkdownType, bot.T(lang, "checkup.unavailable"), false, false)))
	}
	r.Ack(slack.NewUpdateViewSubmissionResponse(&slack.ModalViewRequest{
		Type: slack.VTModal, Title: bot.PlainText(bot.T(lang, "checkup.result_t")), Close: bot.PlainText(bot.T(lang, "checkup.close")),
		Blocks: slack.Blocks{BlockSet: blocks},
	}))
	return nil
}

// checkupHomeBlocks summarises the user's latest self-checks and their trend,
// for App Home.
func (f *feature) checkupHomeBlocks(ctx context.Context, team, user, lang string) []slack.Block {
	if len(f.Checkups) == 0 {
		return nil
	}
	hist, err := f.Store.CheckupHistory(ctx, team, user, 100)
	if err != nil {
		f.Log.Warn("checkup history unavailable for App Home", "user", user, "err", err)
		return nil
	}
	l := knowledge.Lang(lang)
	var lines []string
	for _, c := range f.Checkups {
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
			was = bot.T(lang, "checkup.was", previous.Score)
			switch {
			case latest.Score < previous.Score:
				arrow = "↘️"
			case latest.Score > previous.Score:
				arrow = "↗️"
			default:
				arrow = "➡️"
			}
		}
		lines = append(lines, bot.T(lang, "checkup.line", arrow, c.Text(l).Title, latest.Score, latest.Size, latest.At.Format("2006-01-02"), was))
	}
	text := bot.T(lang, "checkup.trend") + "\n"
	if len(lines) == 0 {
		text += bot.T(lang, "checkup.none")
	} else {
		text += strings.Join(lines, "\n")
	}
	return []slack.Block{bot.Markdown("checkups", text)}
}
