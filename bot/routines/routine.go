package routines

import (
	"context"
	"ctocoach/bot"
	"ctocoach/metrics"
	"errors"
	"github.com/slack-go/slack"
	"log/slog"
	"strings"
	"time"

	"ctocoach/routine"
	"ctocoach/store"
)

// Deps are what the routine surfaces need: the catalogue, the delivery
// engine that holds planned nudges, and optionally the titles of the advice
// cards a nudge links to. A nil Catalogue or Scheduler turns the routine
// surfaces off.
type Deps struct {
	// Catalogue lists the routines users can subscribe to.
	Catalogue *routine.Catalogue
	// Scheduler holds every planned nudge (tasks of kind NudgeKind).
	Scheduler Scheduler
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
	// API makes the Web API calls the nudges and rosters need.
	API API
	// Store keeps settings, occurrences, pauses, rosters and contacts.
	Store Store
	// Profiles is the bot's user cache.
	Profiles Profiles
	Metrics  *metrics.Metrics
	Log      *slog.Logger
	Now      func() time.Time
}

// Feature serves the routine surfaces and delivers due nudges
// (DeliverNudge, called by the delivery engine).
type Feature struct {
	d        Deps
	api      API
	store    Store
	Profiles Profiles
	metrics  *metrics.Metrics
	log      *slog.Logger
	now      func() time.Time
	router   *bot.Router
	// planner decides which nudges the queue holds (routine.Planner).
	planner *routine.Planner
	// pauses pauses and resumes the routines (routine.Pauses).
	pauses *routine.Pauses
	// settings checks and saves the settings modal (routine.SettingsService).
	settings *routine.SettingsService
}

// Register adds the routine routes (/cto routines, pause, resume, team,
// contacts, the nudges' buttons, the settings and contact modals) and the
// routines' App Home section (order 10). It returns the feature, whose
// DeliverNudge the delivery engine calls; nil when the routines are off.
func Register(r *bot.Router, d Deps) *Feature {
	if d.Catalogue == nil || d.Scheduler == nil {
		return nil
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Metrics == nil {
		d.Metrics = metrics.New()
	}
	b := &Feature{d: d, api: d.API, store: d.Store, Profiles: d.Profiles, metrics: d.Metrics, log: d.Log, now: d.Now, router: r,
		planner: &routine.Planner{Catalogue: d.Catalogue, Queue: d.Scheduler, Outcomes: d.Store, Log: d.Log}}
	b.pauses = &routine.Pauses{Settings: userSettings{b}, Planner: b.planner, Now: d.Now}
	b.settings = &routine.SettingsService{Catalogue: d.Catalogue, Settings: userSettings{b}, Planner: b.planner, Now: d.Now}
	b.registerRoutines()
	return b
}

// NudgeKind is the scheduler task kind of routine nudges.
const NudgeKind = "routine.nudge"

// Task is one planned nudge as the delivery engine holds it.
type Task = routine.Task

// Scheduler is the part of the delivery engine (package scheduler) the
// routine surfaces use: routine.Queue. Every task is of kind NudgeKind; the
// engine calls Feature.DeliverNudge when one is due.
type Scheduler = routine.Queue

// Action ids, callback ids and block ids of the routine surfaces.
const (
	actionRoutineDone     = "routine.done"
	actionRoutineSnooze   = "routine.snooze" // "routine.snooze:<choice>"
	actionRoutineSkip     = "routine.skip"
	actionRoutineSettings = "routine.settings"
	viewRoutineSettings   = "routine.settings"
	blockNudgeActions     = "nudge_actions"
)

func (b *Feature) registerRoutines() {
	b.router.Subcommand("routines", b.routinesCommand)
	b.router.Subcommand("pause", b.pause)
	b.router.Subcommand("resume", b.resume)
	b.router.Subcommand("team", b.team)
	b.router.Subcommand("contacts", b.contactsCommand)
	b.router.Action(actionRoutineDone, b.nudgeAnswer)
	b.router.Action(actionRoutineSnooze, b.nudgeAnswer)
	b.router.Action(actionRoutineSkip, b.nudgeAnswer)
	b.router.Action(actionRoutineSettings, b.openSettingsAction)
	b.router.View(viewRoutineSettings, b.settingsSubmit)
	b.registerContacts()
	b.router.HomeSection(10, "routines", b.routineHome)
	b.router.HomeActions(homeButtons)
}

// routinesCommand serves "/cto routines" (the settings modal) and
// "/cto routines test [routine-id]" (a sample nudge now).
func (b *Feature) routinesCommand(ctx context.Context, r *bot.Request) error {
	r.Ack(nil) // views.open and Redis come next; the trigger stays valid 3 s
	u := r.User
	sub, rest := bot.SplitSubcommand(r.Args)
	switch sub {
	case "":
		if err := b.openSettings(ctx, r, u); err != nil {
			return err
		}
	case "test", "essai":
		if err := b.sampleNudge(ctx, r, strings.TrimSpace(rest)); err != nil {
			return err
		}
	default:
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "routines.usage")})
	}
	return nil
}

// sampleNudge sends one nudge now: the named routine, else the first the
// user subscribed to (routine.Catalogue.Sample). It counts like any
// occurrence when answered.
func (b *Feature) sampleNudge(ctx context.Context, r *bot.Request, id string) error {
	s, err := b.routineSettings(ctx, r.TeamID, r.UserID)
	if err != nil {
		return bot.Unavailable("verb.load_routines", err)
	}
	rt, err := b.d.Catalogue.Sample(s, id)
	switch {
	case errors.Is(err, routine.ErrNothingSubscribed):
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "routines.test_none")})
		return nil
	case err != nil:
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "routines.test_unknown", bot.Escape(bot.Truncate(id, 60))) + "\n" + routineList(r.Lang, b.d.Catalogue)})
		return nil
	}
	now := b.now()
	if err := b.deliver(ctx, r.TeamID, r.UserID, rt, now.Truncate(time.Minute), now, ""); err != nil {
		b.log.Warn("sample nudge failed", "user", r.UserID, "routine", rt.ID, "err", err)
		r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "routines.test_failed")})
		return nil
	}
	r.Answer(ctx, bot.Reply{Text: bot.T(r.Lang, "routines.test_sent", bot.Escape(rt.In(r.Lang).Title))})
	return nil
}

// routineSettings returns the user's settings, or defaults (not
// subscribed, the profile's zone) for a user who never saved any.
func (b *Feature) routineSettings(ctx context.Context, team, user string) (routine.Settings, error) {
	s, err := b.store.RoutineSettings(ctx, team, user)
	if err == nil {
		return s, nil
	}
	if !errors.Is(err, store.ErrNotFound) {
		return s, err
	}
	u := b.Profiles.Get(ctx, team, user)
	return routine.Settings{TZ: u.TZ, Lang: u.Lang}, nil
}

// routineList lists every routine as "`id` — title", for
// "/cto routines test <name>".
func routineList(lang string, cat *routine.Catalogue) string {
	lines := []string{bot.T(lang, "routines.test_list")}
	for _, rt := range cat.All() {
		lines = append(lines, "• `"+rt.ID+"` — "+bot.Escape(rt.In(lang).Title))
	}
	return strings.Join(lines, "\n")
}
