package bot

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"

	"ctocoach/routine"
)

// App Home limits.
const (
	homeNextNudges   = 5
	homeDueContacts  = 5
	homeHistoryWeeks = 53
)

func init() {
	addTexts(map[string][2]string{
		"home.header":        {"CTO coach", "Coach CTO"},
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
		"home.unavailable":   {"My memory (Redis) is unreachable right now, so I cannot show your routines. Reopen this tab in a minute.", "Ma mémoire (Redis) est injoignable pour le moment : je ne peux pas afficher vos rituels. Rouvrez cet onglet dans une minute."},

		"home.routines.one":   {"*Your routines* — %d subscribed", "*Vos rituels* — %d choisi"},
		"home.routines.other": {"*Your routines* — %d subscribed", "*Vos rituels* — %d choisis"},
		"home.streak.one":     {"streak: %d week", "série : %d semaine"},
		"home.streak.other":   {"streak: %d weeks", "série : %d semaines"},
	})
}

// homeOpened publishes the dashboard when the user opens the Home tab.
func (b *Bot) homeOpened(ctx context.Context, r *Request) {
	if ev, ok := r.Event.InnerEvent.Data.(*slackevents.AppHomeOpenedEvent); ok && ev.Tab != "" && ev.Tab != "home" {
		return
	}
	if r.UserID == "" {
		return
	}
	if err := b.publishHome(ctx, r.TeamID, r.UserID); err != nil {
		// The user opened the tab and sees a stale one: say why, in the
		// app's Messages tab (an event has no response_url or channel).
		b.notify(ctx, r, reply{Text: tr(b.langFor(r), "slack.busy_home")})
	}
}

// publishHome renders and publishes the user's App Home: next nudges in
// their zone, done-rate over 4 and 12 weeks, streak, contacts due, and
// buttons to the settings and the network list. It returns the publish
// error (after the retries), for callers whose user is waiting on it.
func (b *Bot) publishHome(ctx context.Context, team, user string) error {
	if !b.routinesOn() {
		return nil
	}
	u := b.profiles.get(ctx, team, user)
	blocks, err := b.homeBlocks(ctx, team, user, u.Lang)
	if err != nil {
		b.log.Warn("App Home without data", "user", user, "err", err)
		blocks = []slack.Block{markdown("unavailable", tr(u.Lang, "home.unavailable")), homeButtons(u.Lang)}
	}
	req := slack.PublishViewContextRequest{UserID: user, View: slack.HomeTabViewRequest{Type: slack.VTHomeTab, Blocks: slack.Blocks{BlockSet: blocks}}}
	if _, err := b.api.PublishViewContext(ctx, req); err != nil {
		b.log.Warn("cannot publish App Home", "user", user, "err", err)
		return fmt.Errorf("bot: publish App Home: %w", err)
	}
	return nil
}

func (b *Bot) homeBlocks(ctx context.Context, team, user, lang string) ([]slack.Block, error) {
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
	blocks := []slack.Block{slack.NewHeaderBlock(plainText(tr(lang, "home.header")))}
	if len(s.Subscribed) == 0 {
		blocks = append(blocks, markdown("routines", tr(lang, "home.no_routines")))
	} else {
		blocks = append(blocks, markdown("routines", trn(lang, "home.routines", len(s.Subscribed), len(s.Subscribed))))
	}
	if s.PausedUntil != "" {
		if d, err := time.Parse(time.DateOnly, s.PausedUntil); err == nil && !d.Before(homeDay(now.In(loc))) {
			blocks = append(blocks, markdown("paused", tr(lang, "home.paused", formatDay(lang, d, now.In(loc)))))
		}
	}
	lines := []string{tr(lang, "home.next")}
	for i, n := range next {
		if i == homeNextNudges {
			break
		}
		line := "• " + formatWhen(lang, n.At, now, loc) + " — " + Escape(n.Routine.In(lang).Title)
		if n.Snoozed {
			line += tr(lang, "home.snoozed")
		}
		lines = append(lines, line)
	}
	if len(next) == 0 {
		lines = append(lines, tr(lang, "home.none_planned"))
	}
	blocks = append(blocks, markdown("next", strings.Join(lines, "\n")))

	local := now.In(loc)
	d4, t4, r4 := routine.DoneRate(outcomes, local, 4)
	d12, t12, r12 := routine.DoneRate(outcomes, local, 12)
	streak := routine.Streak(outcomes, local)
	blocks = append(blocks, markdown("progress", tr(lang, "home.progress", d4, t4, percent(r4), d12, t12, percent(r12), trn(lang, "home.streak", streak, streak))))

	blocks = append(blocks, slack.NewDividerBlock())
	due := routine.Overdue(contacts, now)
	if len(due) == 0 {
		blocks = append(blocks, markdown("contacts", tr(lang, "home.contacts_none")))
	} else {
		blocks = append(blocks, markdown("contacts", tr(lang, "home.contacts", len(due), len(contacts))))
		for i, c := range due {
			if i == homeDueContacts {
				break
			}
			blocks = append(blocks, contactSection(lang, c, now))
		}
	}
	if acts := b.actionsHomeBlocks(ctx, team, user, lang); len(acts) > 0 {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, acts...)
	}
	if ck := b.checkupHomeBlocks(ctx, team, user, lang); len(ck) > 0 {
		blocks = append(blocks, slack.NewDividerBlock())
		blocks = append(blocks, ck...)
	}
	return append(blocks, homeButtons(lang)), nil
}

func homeButtons(lang string) *slack.ActionBlock {
	settings := slack.NewButtonBlockElement(actionRoutineSettings, "open", plainText(tr(lang, "home.btn_settings")))
	settings.Style = slack.StylePrimary
	return slack.NewActionBlock("home_actions",
		settings,
		slack.NewButtonBlockElement(actionContactsOpen, "open", plainText(tr(lang, "home.btn_contacts"))),
		slack.NewButtonBlockElement(actionContactsAdd, "add", plainText(tr(lang, "contacts.add"))),
	)
}

// homeDay is midnight UTC of t's calendar day (for comparing dates).
func homeDay(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
