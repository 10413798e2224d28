package bot

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
)

// App Home limits.
const (
	homeNextNudges   = 5
	homeDueContacts  = 5
	homeHistoryWeeks = 53
)

func init() {
	AddTexts(map[string][2]string{
		"home.no_routines":   {"*Your routines* — none yet. Weekly coffees, peer lunches, skip-levels and more: choose what fits you.", "*Vos rituels* — aucun pour l'instant. Cafés hebdo, déjeuners entre pairs, skip-levels… : choisissez ce qui vous va."},
		"home.next":          {"*Next nudges*", "*Prochains rappels*"},
		"home.none_planned":  {"Nothing planned.", "Rien de prévu."},
		"home.snoozed":       {" _(snoozed)_", " _(reporté)_"},
		"home.paused":        {"⏸ Paused until %s (inclusive) — `/cto resume` to come back earlier.", "⏸ En pause jusqu'au %s inclus — `/cto resume` pour reprendre plus tôt."},
		"home.progress":      {"*Progress* — done %d of %d in the last 4 weeks (%s) · %d of %d in the last 12 weeks (%s) · %s", "*Progression* — réalisés : %d sur %d ces 4 dernières semaines (%s) · %d sur %d ces 12 dernières semaines (%s) · %s"},
		"home.contacts":      {"*Contacts due* — %d of %d", "*Contacts à relancer* — %d sur %d"},
		"home.contacts_none": {"*Contacts* — nobody is due. Tier 1 monthly, tier 2 quarterly, tier 3 yearly.", "*Contacts* — personne à relancer. Niveau 1 chaque mois, niveau 2 chaque trimestre, niveau 3 chaque année."},
		"home.btn_settings":  {"Routine settings", "Réglages des rituels"},
		"home.btn_contacts":  {"Network list", "Mon réseau"},

		"home.routines.one":   {"*Your routines* — %d subscribed", "*Vos rituels* — %d choisi"},
		"home.routines.other": {"*Your routines* — %d subscribed", "*Vos rituels* — %d choisis"},
		"home.streak.one":     {"streak: %d week", "série : %d semaine"},
		"home.streak.other":   {"streak: %d weeks", "série : %d semaines"},
	})
}

// routineHome is the routines' App Home section: subscriptions, pause,
// next nudges in the user's zone, done-rate over 4 and 12 weeks, streak and
// contacts due (bot/home composes the page).
func (b *Bot) routineHome(ctx context.Context, team, user, lang string) ([]slack.Block, error) {
	s, err := b.routineSettings(ctx, team, user)
	if err != nil {
		return nil, err
	}
	next, err := b.pendingNudges(ctx, team, user)
	if err != nil {
		return nil, err
	}
	now := b.now()
	loc, err := s.Location()
	if err != nil {
		loc = time.UTC
	}
	outcomes, err := b.store.Outcomes(ctx, team, user, now.AddDate(0, 0, -7*homeHistoryWeeks))
	if err != nil {
		return nil, err
	}
	contacts, err := b.store.Contacts(ctx, team, user)
	if err != nil {
		return nil, err
	}
	var blocks []slack.Block
	if len(s.Subscribed) == 0 {
		blocks = append(blocks, Markdown("routines", T(lang, "home.no_routines")))
	} else {
		blocks = append(blocks, Markdown("routines", Tn(lang, "home.routines", len(s.Subscribed), len(s.Subscribed))))
	}
	if s.PausedUntil != "" {
		if d, err := time.Parse(time.DateOnly, s.PausedUntil); err == nil && !d.Before(homeDay(now.In(loc))) {
			blocks = append(blocks, Markdown("paused", T(lang, "home.paused", formatDay(lang, d, now.In(loc)))))
		}
	}
	lines := []string{T(lang, "home.next")}
	for i, n := range next {
		if i == homeNextNudges {
			break
		}
		line := "• " + formatWhen(lang, n.At, now, loc) + " — " + Escape(n.Routine.In(lang).Title)
		if n.Snoozed {
			line += T(lang, "home.snoozed")
		}
		lines = append(lines, line)
	}
	if len(next) == 0 {
		lines = append(lines, T(lang, "home.none_planned"))
	}
	blocks = append(blocks, Markdown("next", strings.Join(lines, "\n")))

	local := now.In(loc)
	d4, t4, r4 := routine.DoneRate(outcomes, local, 4)
	d12, t12, r12 := routine.DoneRate(outcomes, local, 12)
	streak := routine.Streak(outcomes, local)
	blocks = append(blocks, Markdown("progress", T(lang, "home.progress", d4, t4, percent(r4), d12, t12, percent(r12), Tn(lang, "home.streak", streak, streak))))

	blocks = append(blocks, slack.NewDividerBlock())
	due := routine.Overdue(contacts, now)
	if len(due) == 0 {
		blocks = append(blocks, Markdown("contacts", T(lang, "home.contacts_none")))
	} else {
		blocks = append(blocks, Markdown("contacts", T(lang, "home.contacts", len(due), len(contacts))))
		for i, c := range due {
			if i == homeDueContacts {
				break
			}
			blocks = append(blocks, contactSection(lang, c, now))
		}
	}
	return blocks, nil
}

// homeButtons are the routines' buttons at the foot of App Home.
func homeButtons(lang string) []slack.Block {
	settings := slack.NewButtonBlockElement(actionRoutineSettings, "open", PlainText(T(lang, "home.btn_settings")))
	settings.Style = slack.StylePrimary
	return []slack.Block{slack.NewActionBlock("home_actions",
		settings,
		slack.NewButtonBlockElement(actionContactsOpen, "open", PlainText(T(lang, "home.btn_contacts"))),
		slack.NewButtonBlockElement(actionContactsAdd, "add", PlainText(T(lang, "contacts.add"))),
	)}
}

// homeDay is midnight UTC of t's calendar day (for comparing dates).
func homeDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
