package routines

import (
	"context"
	"ctocoach/bot"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
	"ctocoach/store"
)

// nudgeRef is what a nudge's buttons carry: which occurrence, and whom it
// named, so that Done can record the meeting.
type nudgeRef struct {
	Routine string
	At      int64 // the occurrence, unix seconds
	Users   []string
	Contact string
}

// String encodes the ref as "routine|unix|U1,U2|contact" (well under the
// 2,000 characters of a button value).
func (n nudgeRef) String() string {
	return strings.Join([]string{n.Routine, strconv.FormatInt(n.At, 10), strings.Join(n.Users, ","), n.Contact}, "|")
}

// parseNudgeRef decodes a button value.
func parseNudgeRef(s string) (nudgeRef, error) {
	f := strings.Split(s, "|")
	if len(f) != 4 || f[0] == "" {
		return nudgeRef{}, fmt.Errorf("bot: nudge ref %q: want 4 fields", s)
	}
	at, err := strconv.ParseInt(f[1], 10, 64)
	if err != nil || at <= 0 {
		return nudgeRef{}, fmt.Errorf("bot: nudge ref %q: bad time", s)
	}
	n := nudgeRef{Routine: f[0], At: at, Contact: f[3]}
	if f[2] != "" {
		n.Users = strings.Split(f[2], ",")
	}
	return n, nil
}

// nudgeWho is whom a nudge names (routine.Named).
type nudgeWho = routine.Named

// nudgeState is what the user did with a nudge: nothing yet (zero), or
// done, snoozed until Until, or skipped.
type nudgeState struct {
	Result routine.Result
	Until  string // formatted snooze time
	// Merged says the snooze reached the next regular nudge and became it.
	Merged bool
}

// pickWho reads what the routine's nudge names people from (the roster
// and the pairing history, or the network list); routine.NameTeammates and
// routine.NameContact pick. Redis errors only cost the name, never the
// nudge.
func (b *Feature) pickWho(ctx context.Context, team, user string, rt routine.Routine, occ, now time.Time) nudgeWho {
	switch rt.Who {
	case routine.WhoRosterOne, routine.WhoRosterSkipLevel:
		roster, err := b.store.Roster(ctx, team, user)
		if err != nil {
			if !errors.Is(err, store.ErrNotFound) {
				b.log.Warn("cannot read roster for a nudge", "user", user, "err", err)
			}
			return nudgeWho{Missing: routine.MissingRoster}
		}
		history, err := b.store.Meetings(ctx, team, user)
		if err != nil {
			b.log.Warn("cannot read pairing history for a nudge", "user", user, "err", err)
		}
		return routine.NameTeammates(rt, user, roster.Members, history, occ, now)
	case routine.WhoContactOverdue:
		contacts, err := b.store.Contacts(ctx, team, user)
		if err != nil {
			b.log.Warn("cannot read contacts for a nudge", "user", user, "err", err)
			return nudgeWho{}
		}
		return routine.NameContact(contacts, now)
	}
	return nudgeWho{}
}

// missingHint is the text key saying how to let the bot name someone.
var missingHint = map[routine.Missing]string{
	routine.MissingRoster:   "nudge.hint_roster",
	routine.MissingContacts: "nudge.hint_contacts",
	routine.MissingDue:      "nudge.none_due",
}

// nudgeBlocks renders a nudge: the routine, whom to meet, the linked card,
// and either the Done / Snooze / Skip buttons or what the user chose.
func nudgeBlocks(lang string, rt routine.Routine, who nudgeWho, card string, ref nudgeRef, st nudgeState) []slack.Block {
	w := rt.In(lang)
	blocks := []slack.Block{bot.Markdown("nudge", "*"+bot.Escape(w.Title)+"*\n"+bot.Escape(w.Text))}
	if line := whoLine(lang, rt, who); line != "" {
		blocks = append(blocks, bot.Markdown("who", line))
	}
	if card != "" {
		blocks = append(blocks, routineNote("card", bot.T(lang, "nudge.card", bot.Escape(card))))
	}
	value := ref.String()
	switch st.Result {
	case routine.Done:
		blocks = append(blocks, bot.Markdown("result", bot.T(lang, "nudge.done", bot.Escape(w.DonePrompt))))
	case routine.Snoozed:
		key := "nudge.snoozed"
		if st.Merged {
			key = "nudge.snoozed_merged"
		}
		blocks = append(blocks, routineNote("result", bot.T(lang, key, st.Until)))
	case routine.Skipped:
		blocks = append(blocks, routineNote("result", bot.T(lang, "nudge.skipped")))
	default:
		done := slack.NewButtonBlockElement(actionRoutineDone, value, bot.PlainText(bot.T(lang, "nudge.btn_done")))
		done.Style = slack.StylePrimary
		blocks = append(blocks, slack.NewActionBlock(blockNudgeActions,
			done,
			slack.NewButtonBlockElement(actionRoutineSnooze+":"+routine.SnoozeTomorrow, value, bot.PlainText(bot.T(lang, "nudge.btn_tomorrow"))),
			slack.NewButtonBlockElement(actionRoutineSnooze+":"+routine.SnoozeNextWeek, value, bot.PlainText(bot.T(lang, "nudge.btn_next_week"))),
			slack.NewButtonBlockElement(actionRoutineSkip, value, bot.PlainText(bot.T(lang, "nudge.btn_skip"))),
		))
		if len(rt.Checkups) > 0 {
			var open []slack.BlockElement
			for _, id := range rt.Checkups {
				open = append(open, slack.NewButtonBlockElement(bot.ActionOpenCheckup, id, bot.PlainText(bot.T(lang, "checkup.name."+id))))
			}
			blocks = append(blocks, slack.NewActionBlock("nudge_checkups", open...))
		}
	}
	return blocks
}

// whoLine says whom to meet, or how to let the bot name someone.
func whoLine(lang string, rt routine.Routine, who nudgeWho) string {
	switch {
	case who.Contact != nil:
		name := "*" + bot.Escape(who.Contact.Name) + "*"
		if who.Contact.SlackUser != "" {
			name = "<@" + who.Contact.SlackUser + ">"
		}
		return bot.T(lang, "nudge.who_contact", name, int(who.Contact.Tier))
	case len(who.Users) > 0:
		mentions := make([]string, len(who.Users))
		for i, u := range who.Users {
			mentions[i] = "<@" + u + ">"
		}
		key := "nudge.who_coffee"
		if rt.Who == routine.WhoRosterSkipLevel {
			key = "nudge.who_skip"
		}
		return bot.T(lang, key, strings.Join(mentions, ", "))
	case missingHint[who.Missing] != "":
		return bot.T(lang, missingHint[who.Missing])
	}
	return ""
}
