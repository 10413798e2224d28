package coaching

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/coaching"
)

// mastermind answers /cto mastermind #channel: the channel's members (the
// bot excluded) become the group, which meets on the default slot in the
// creator's zone; the rules are posted in the channel.
func (f *feature) mastermind(ctx context.Context, r *bot.Request) error {
	ch, ok := ParseChannel(r.Raw)
	if !ok {
		say(ctx, r, tr(r.Lang, "mm.usage"))
		return nil
	}
	members, _, err := f.Slack.GetUsersInConversationContext(ctx, &slack.GetUsersInConversationParameters{ChannelID: ch, Limit: 100})
	if err != nil {
		return fmt.Errorf("coaching: members of %s: %w", ch, err)
	}
	cat := f.Service.Catalogue.Mastermind
	if len(members) <= cat.MaxMembers+2 && f.Profiles != nil { // else too many anyway: no lookups
		members = slices.DeleteFunc(members, func(u string) bool { return f.Profiles.Get(ctx, r.TeamID, u).Profile.IsBot })
	}
	if n := len(members); n < cat.MinMembers || n > cat.MaxMembers {
		say(ctx, r, tr(r.Lang, "mm.size", ch, n))
		return nil
	}
	tz := r.User.TZ
	if _, err := time.LoadLocation(tz); err != nil || tz == "" {
		tz = "UTC"
	}
	m := coaching.Mastermind{Channel: ch, Members: members, Weekday: mastermindWeekday, WeekOfMonth: mastermindWeek,
		Hour: mastermindHour, Minute: mastermindMinute, TZ: tz, CreatedBy: r.UserID, Lang: r.Lang}
	got, rules, err := f.Service.CreateMastermind(ctx, r.TeamID, m)
	switch {
	case errors.Is(err, coaching.ErrInvalid) && got.CreatedAt.IsZero():
		say(ctx, r, tr(r.Lang, "mm.exists", ch))
		return nil
	case err != nil:
		return unavailable("mastermind", err)
	}
	next, _ := got.NextSession(got.CreatedAt)
	if err := (Deliverer{f.Deps}).post(ctx, ch, MastermindCreated(got, rules, next)); err != nil {
		return err
	}
	say(ctx, r, tr(r.Lang, "mm.done", ch))
	return nil
}

// mastermindAction opens the "my action" modal from a session post.
func (f *feature) mastermindAction(ctx context.Context, r *bot.Request) error {
	_ = r.OpenView(ctx, MastermindActionModal(Meta{Lang: r.Lang, ID: r.Action.Value}))
	return nil
}

// mastermindActionSubmit records a member's action for next session.
func (f *feature) mastermindActionSubmit(ctx context.Context, r *bot.Request) error {
	m, err := ParseMeta(r.Callback.View.PrivateMetadata)
	if err != nil || m.ID == "" {
		return errMalformed("mastermind modal", r.Callback.View.PrivateMetadata)
	}
	r.Lang = m.Lang
	if r.WithoutState(ctx, m.Lang) {
		return nil
	}
	_, err = f.Service.AddMastermindAction(ctx, r.TeamID, m.ID, r.UserID, NoteText(r.Callback.View.State))
	switch {
	case errors.Is(err, coaching.ErrEmpty):
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{inputNote: tr(m.Lang, "note.empty")}))
		return nil
	case errors.Is(err, coaching.ErrTooLong):
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{inputNote: tr(m.Lang, "step.too_long", coaching.MaxActionTextLen)}))
		return nil
	case errors.Is(err, coaching.ErrInvalid), errors.Is(err, coaching.ErrNotFound):
		r.Ack(slack.NewErrorsViewSubmissionResponse(map[string]string{inputNote: tr(m.Lang, "mm.not_member")}))
		return nil
	case err != nil:
		return unavailable("mastermind", err)
	}
	r.Ack(nil)
	return nil
}
