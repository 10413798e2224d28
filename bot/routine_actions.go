package bot

import (
	"context"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/routine"
)

// nudgeAnswer handles Done, Snooze (tomorrow, next week) and Skip on a
// nudge: it records the outcome (and, for Done, the meeting with whoever
// was named), updates the DM in place and refreshes App Home.
func (b *Bot) nudgeAnswer(ctx context.Context, r *Request) {
	u := b.user(ctx, r)
	ref, err := parseNudgeRef(r.Action.Value)
	if err != nil {
		b.log.Warn("nudge button with a bad value", "user", r.UserID, "err", err)
		return
	}
	rt, ok := b.f.Routines.Catalogue.ByID(ref.Routine)
	if !ok {
		r.Answer(ctx, Reply{Text: T(r.Lang, "nudge.unknown")})
		return
	}
	now := b.now()
	occ := time.Unix(ref.At, 0).UTC()
	st := nudgeState{}
	switch {
	case r.Action.ActionID == actionRoutineDone:
		st.Result = routine.Done
	case r.Action.ActionID == actionRoutineSkip:
		st.Result = routine.Skipped
	case strings.HasPrefix(r.Action.ActionID, actionRoutineSnooze+":"):
		st.Result = routine.Snoozed
	default:
		return
	}
	if st.Result == routine.Snoozed {
		choice := strings.TrimPrefix(r.Action.ActionID, actionRoutineSnooze+":")
		until, merged, ok := b.snooze(ctx, r, rt, occ, choice, now)
		if !ok {
			return
		}
		loc, _ := time.LoadLocation(u.TZ)
		if s, err := b.routineSettings(ctx, r.TeamID, r.UserID); err == nil {
			if l, err := s.Location(); err == nil {
				loc = l
			}
		}
		st.Until = formatWhen(r.Lang, until, now, loc)
		st.Merged = merged
	}
	if err := b.store.AddOutcome(ctx, r.TeamID, r.UserID, routine.Outcome{Routine: rt.ID, OccurrenceAt: occ, Result: st.Result, At: now}); err != nil {
		b.unavailable(ctx, r, "verb.save_outcome", err)
		return
	}
	who := nudgeWho{Users: ref.Users}
	if ref.Contact != "" {
		if c, err := b.store.Contact(ctx, r.TeamID, r.UserID, ref.Contact); err == nil {
			who.Contact = &c
		}
	}
	if st.Result == routine.Done {
		b.recordMeeting(ctx, r, rt, ref, now)
		if b.f.Routines.OnDone != nil {
			b.f.Routines.OnDone(ctx, r.TeamID, r.UserID, rt.ID, now, r.Lang)
		}
	}
	blocks := nudgeBlocks(r.Lang, rt, who, b.cardTitle(rt, r.Lang), ref, st)
	if b.f.Routines.Extra != nil { // the weekly review stays on its nudge, recomputed
		if extra, err := b.f.Routines.Extra(ctx, r.TeamID, r.UserID, rt.ID, r.Lang); err == nil {
			blocks = append(blocks, extra...)
		}
	}
	b.updateNudge(ctx, r, blocks, rt.In(r.Lang).Title)
	b.router.PublishHome(ctx, r.TeamID, r.UserID)
}

// snooze plans the nudge again at the chosen time and returns it. A snooze
// that reaches the routine's next regular nudge is absorbed by it (merged):
// nothing more is planned, the user gets one DM then, and that time is
// returned.
func (b *Bot) snooze(ctx context.Context, r *Request, rt routine.Routine, occ time.Time, choice string, now time.Time) (until time.Time, merged, ok bool) {
	s, err := b.routineSettings(ctx, r.TeamID, r.UserID)
	if err != nil {
		b.unavailable(ctx, r, "verb.save_outcome", err)
		return time.Time{}, false, false
	}
	until, err = routine.SnoozeUntil(choice, rt, now, s)
	if err != nil {
		b.log.Warn("cannot snooze", "user", r.UserID, "choice", choice, "err", err)
		return time.Time{}, false, false
	}
	pending, err := b.f.Routines.Scheduler.Pending(ctx, r.TeamID, userTaskPrefix(r.TeamID, r.UserID))
	if err != nil {
		b.unavailable(ctx, r, "verb.save_outcome", err)
		return time.Time{}, false, false
	}
	if next, ok := nextRegular(pending, rt.ID, now); ok && !until.Before(next) {
		b.log.Info("snooze reaches the next regular nudge; merged into it", "user", r.UserID, "routine", rt.ID)
		return next, true, true
	}
	if err := b.f.Routines.Scheduler.Schedule(ctx, nudgeTask(r.TeamID, r.UserID, rt, occ, until, true)); err != nil {
		b.unavailable(ctx, r, "verb.save_outcome", err)
		return time.Time{}, false, false
	}
	return until, false, true
}

// nextRegular is when the earliest pending regular (not snoozed) nudge of
// routine id after now is due.
func nextRegular(pending []RoutineTask, id string, now time.Time) (time.Time, bool) {
	var next time.Time
	for _, t := range pending {
		p, err := decodeNudge(t)
		if err != nil || p.Snoozed || p.Routine != id || !t.Due.After(now) {
			continue
		}
		if next.IsZero() || t.Due.Before(next) {
			next = t.Due
		}
	}
	return next, !next.IsZero()
}

// recordMeeting adds the teammates named by a done nudge to the pairing
// history, and marks a named contact as seen today.
func (b *Bot) recordMeeting(ctx context.Context, r *Request, rt routine.Routine, ref nudgeRef, now time.Time) {
	var ms []routine.Meeting
	for _, u := range ref.Users {
		ms = append(ms, routine.Meeting{With: u, At: now, Routine: rt.ID})
	}
	if err := b.store.AddMeetings(ctx, r.TeamID, r.UserID, ms...); err != nil {
		b.log.Warn("cannot record meetings", "user", r.UserID, "err", err)
	}
	if ref.Contact != "" {
		if _, err := b.store.TouchContact(ctx, r.TeamID, r.UserID, ref.Contact, now); err != nil {
			b.log.Info("cannot mark the named contact as seen", "user", r.UserID, "contact", ref.Contact, "err", err)
		}
	}
}

// updateNudge replaces the nudge message the button was pressed in.
func (b *Bot) updateNudge(ctx context.Context, r *Request, blocks []slack.Block, text string) {
	c := r.Callback.Container
	channel, ts := c.ChannelID, c.MessageTs
	if channel == "" {
		channel = r.Callback.Channel.ID
	}
	if ts == "" {
		ts = r.Callback.Message.Timestamp
	}
	if channel == "" || ts == "" {
		r.Answer(ctx, Reply{Blocks: blocks, Text: text, Replace: true})
		return
	}
	if _, _, _, err := b.api.UpdateMessageContext(ctx, channel, ts, slack.MsgOptionText(text, false), slack.MsgOptionBlocks(blocks...)); err != nil {
		// chat.update failed after its retries: the outcome is stored, so
		// show it through the button's response_url (another host, another
		// limit) rather than leave the user with the old buttons.
		b.log.Warn("cannot update the nudge message; answering by response_url", "user", r.UserID, "err", err)
		r.Answer(ctx, Reply{Blocks: blocks, Text: text, Replace: true})
	}
}
