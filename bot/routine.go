package bot

import (
	"context"
	"errors"
	"fmt"
	"github.com/slack-go/slack"
	"strings"
	"time"

	"ctocoach/routine"
	"ctocoach/store"
)

// RoutineDeps are what the routine surfaces need: the catalogue, the
// delivery engine that holds planned nudges, and optionally the titles of
// the advice cards a nudge links to. A nil Catalogue or Scheduler turns
// the routine surfaces off.
type RoutineDeps struct {
	// Catalogue lists the routines users can subscribe to.
	Catalogue *routine.Catalogue
	// Scheduler holds every planned nudge (tasks of kind NudgeKind).
	Scheduler RoutineScheduler
	// CardTitle returns an advice card's title in lang ("en"/"fr"), when
	// the corpus is loaded; nil means nudges name no card.
	CardTitle func(id, lang string) (string, bool)
	// Grace is how late a nudge may still be sent after downtime
	// (routine.DefaultGrace when zero).
	Grace time.Duration
	// OnDone, when set, is told that the user marked an occurrence done
	// (the coaching feature starts the programme a routine triggers).
	OnDone func(ctx context.Context, team, user, routineID string, at time.Time, lang string)
	// Extra, when set, gives blocks to add to a nudge of routineID (the
	// coaching feature's weekly review on the Friday review's nudge); nil
	// or an error adds nothing.
	Extra func(ctx context.Context, team, user, routineID, lang string) ([]slack.Block, error)
}

// NudgeKind is the scheduler task kind of routine nudges.
const NudgeKind = "routine.nudge"

// RoutineTask is one planned nudge as the delivery engine holds it.
type RoutineTask struct {
	// ID is routine.OccurrenceID for a regular occurrence, plus
	// snoozeSuffix for a snoozed one; unique, so planning is idempotent.
	ID string
	// Team is the workspace.
	Team string
	// Due is when the nudge should be sent.
	Due time.Time
	// Payload says which routine, user and occurrence (JSON, see nudgePayload).
	Payload []byte
	// Attempt counts earlier failed deliveries.
	Attempt int
	// Reclaimed counts earlier claims that died (a replica killed): the
	// nudge may have been sent already (see nudge_once.go).
	Reclaimed int
}

// RoutineScheduler is the part of the delivery engine (package scheduler)
// the routine surfaces use. Every task is of kind NudgeKind; the engine
// calls Bot.DeliverNudge when one is due.
type RoutineScheduler interface {
	// Schedule plans t; planning an id that is pending or done does nothing.
	Schedule(ctx context.Context, t RoutineTask) error
	// Cancel drops a pending task (no error when there is none).
	Cancel(ctx context.Context, id string) error
	// Pending lists the team's pending tasks whose id starts with prefix.
	Pending(ctx context.Context, team, prefix string) ([]RoutineTask, error)
}

// RetryAfterError asks the delivery engine to try a nudge again after a
// delay, as Slack asks when it rate-limits a call.
type RetryAfterError struct {
	After time.Duration
	Err   error
}

// Error implements error.
func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("retry after %s: %v", e.After, e.Err)
}

// Unwrap returns the cause.
func (e *RetryAfterError) Unwrap() error { return e.Err }

// Action ids, callback ids and block ids of the routine surfaces.
const (
	actionRoutineDone     = "routine.done"
	actionRoutineSnooze   = "routine.snooze" // "routine.snooze:<choice>"
	actionRoutineSkip     = "routine.skip"
	actionRoutineSettings = "routine.settings"
	viewRoutineSettings   = "routine.settings"
	blockNudgeActions     = "nudge_actions"
)

func (b *Bot) routinesOn() bool {
	return b.f.Routines.Catalogue != nil && b.f.Routines.Scheduler != nil
}

func (b *Bot) registerRoutines() {
	if !b.routinesOn() {
		return
	}
	b.router.Subcommand("routines", legacy(b.routinesCommand))
	b.router.Subcommand("pause", legacy(b.pause))
	b.router.Subcommand("resume", legacy(b.resume))
	b.router.Subcommand("team", legacy(b.team))
	b.router.Subcommand("contacts", legacy(b.contactsCommand))
	b.router.Action(actionRoutineDone, legacy(b.nudgeAnswer))
	b.router.Action(actionRoutineSnooze, legacy(b.nudgeAnswer))
	b.router.Action(actionRoutineSkip, legacy(b.nudgeAnswer))
	b.router.Action(actionRoutineSettings, legacy(b.openSettingsAction))
	b.router.View(viewRoutineSettings, legacy(b.settingsSubmit))
	b.registerContacts()
	b.router.HomeSection(10, "routines", b.routineHome)
	b.router.HomeActions(homeButtons)
}

// routinesCommand serves "/cto routines" (the settings modal) and
// "/cto routines test [routine-id]" (a sample nudge now).
func (b *Bot) routinesCommand(ctx context.Context, r *Request) {
	r.Ack(nil) // views.open and Redis come next; the trigger stays valid 3 s
	u := b.user(ctx, r)
	sub, rest := splitSubcommand(r.Args)
	switch sub {
	case "":
		b.openSettings(ctx, r, u)
	case "test", "essai":
		b.sampleNudge(ctx, r, strings.TrimSpace(rest))
	default:
		r.Answer(ctx, Reply{Text: T(r.Lang, "routines.usage")})
	}
}

// sampleNudge sends one nudge now: the named routine, else the first the
// user subscribed to. It counts like any occurrence when answered.
func (b *Bot) sampleNudge(ctx context.Context, r *Request, id string) {
	s, err := b.routineSettings(ctx, r.TeamID, r.UserID)
	if err != nil {
		b.unavailable(ctx, r, "verb.load_routines", err)
		return
	}
	if id == "" {
		if len(s.Subscribed) == 0 {
			r.Answer(ctx, Reply{Text: T(r.Lang, "routines.test_none")})
			return
		}
		for _, rt := range b.f.Routines.Catalogue.All() {
			if s.IsSubscribed(rt.ID) {
				id = rt.ID
				break
			}
		}
	}
	rt, ok := findRoutine(b.f.Routines.Catalogue, id)
	if !ok {
		r.Answer(ctx, Reply{Text: T(r.Lang, "routines.test_unknown", Escape(Truncate(id, 60))) + "\n" + routineList(r.Lang, b.f.Routines.Catalogue)})
		return
	}
	now := b.now()
	if err := b.deliver(ctx, r.TeamID, r.UserID, rt, now.Truncate(time.Minute), now, ""); err != nil {
		b.log.Warn("sample nudge failed", "user", r.UserID, "routine", rt.ID, "err", err)
		r.Answer(ctx, Reply{Text: T(r.Lang, "routines.test_failed")})
		return
	}
	r.Answer(ctx, Reply{Text: T(r.Lang, "routines.test_sent", Escape(rt.In(r.Lang).Title))})
}

// routineSettings returns the user's settings, or defaults (not
// subscribed, the profile's zone) for a user who never saved any.
func (b *Bot) routineSettings(ctx context.Context, team, user string) (routine.Settings, error) {
	s, err := b.store.RoutineSettings(ctx, team, user)
	if err == nil {
		return s, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return s, err
	}
	u := b.Profiles.get(ctx, team, user)
	return routine.Settings{TZ: u.TZ, Lang: u.Lang}, nil
}

// findRoutine finds a routine by id, or by its title in either language:
// the whole title, else the one title that contains name (case and
// accents as typed, spaces trimmed).
func findRoutine(cat *routine.Catalogue, name string) (routine.Routine, bool) {
	if rt, ok := cat.ByID(strings.ToLower(name)); ok {
		return rt, true
	}
	want := strings.ToLower(strings.Trim(strings.TrimSpace(name), "“”«»\"' "))
	if want == "" {
		return routine.Routine{}, false
	}
	var found []routine.Routine
	for _, rt := range cat.All() {
		for _, title := range []string{rt.EN.Title, rt.FR.Title} {
			t := strings.ToLower(title)
			if t == want {
				return rt, true
			}
			if strings.Contains(t, want) {
				found = append(found, rt)
				break
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return routine.Routine{}, false
}

// routineList lists every routine as "`id` — title", for
// "/cto routines test <name>".
func routineList(lang string, cat *routine.Catalogue) string {
	lines := []string{T(lang, "routines.test_list")}
	for _, rt := range cat.All() {
		lines = append(lines, "• `"+rt.ID+"` — "+Escape(rt.In(lang).Title))
	}
	return strings.Join(lines, "\n")
}
