package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	botcoaching "ctocoach/bot/coaching"
	"ctocoach/coaching"
	"ctocoach/coaching/engine"
	"ctocoach/knowledge"
	"ctocoach/routine"
	"ctocoach/scheduler"
	"ctocoach/store"
)

// networkingRoutine is the routine whose Done starts the "after an event"
// programme (coaching.Catalogue.Triggered).
const networkingRoutine = "monthly-networking-event"

// coachingFeature builds the coaching service on the store and the ONE
// shared scheduler. It runs before the bot exists; registerCoaching adds
// the routes and the task kinds once it does.
func (m *Main) coachingFeature(ctx context.Context) (botcoaching.Deps, error) {
	cat, err := coaching.LoadCatalogue()
	if err != nil {
		return botcoaching.Deps{}, fmt.Errorf("coaching catalogue: %w", err)
	}
	svc := &coaching.Service{
		Repo: m.Store, Queue: engine.Queue{S: m.sharedScheduler()}, Settings: coachingSettings{m},
		Clock: coaching.ClockFunc(m.Now), Catalogue: cat, Actions: m.Store, Groups: m.Store,
		Log: m.Log.With("feature", "coaching"),
	}
	d := botcoaching.Deps{Service: svc, Slack: m.API, Contacts: m.Store, Log: m.Log.With("feature", "coaching")}
	if corpus := m.Corpus; corpus != nil {
		d.Try = func(card, lang string) (string, bool) {
			c, ok := corpus.Card(card)
			if !ok {
				return "", false
			}
			return c.Text(knowledge.Lang(lang)).Try, true
		}
	}
	if rc, err := routine.LoadCatalogue(); err == nil {
		d.RoutineName = func(id, lang string) string {
			if r, ok := rc.ByID(id); ok {
				return r.In(lang).Title
			}
			return id
		}
	}
	m.coachingReview = botcoaching.Deliverer{Deps: d}.ReviewBlocks
	return d, nil
}

// registerCoaching adds the coaching routes once the bot exists, and the
// coaching task kinds on the shared engine (every replica handles them
// all), before anything starts. Deliveries use the paced Web API client.
func (m *Main) registerCoaching() {
	d := m.coaching
	if d.Service == nil {
		return
	}
	d.Profiles = m.Bot.Profiles
	botcoaching.Register(m.Bot.Router(), d)
	deliver := botcoaching.Deliverer{Deps: d}
	engine.Handle(m.sharedScheduler(), func(ctx context.Context, t coaching.Task) error {
		err := deliver.Deliver(ctx, t)
		if ra, ok := errors.AsType[*botcoaching.RetryAfterError](err); ok {
			return scheduler.RetryAfter(ra.After, ra.Err)
		}
		return err
	})
}

// coachingRoutineDone starts the programmes a routine's Done triggers
// (the follow-up 48 hours after a networking event); the routine surfaces
// call it after recording Done. A failure is logged: the Done is saved.
func (m *Main) coachingRoutineDone(ctx context.Context, team, user, routineID string, at time.Time, lang string) {
	if m.coaching.Service == nil || routineID != networkingRoutine {
		return
	}
	if _, err := m.coaching.Service.RoutineDone(ctx, team, user, routineID, at, lang); err != nil {
		m.Log.Warn("cannot start the after-event programme", "routine", routineID, "err", err)
	}
}

// coachingSettings gives coaching the user's routine settings, or the
// defaults with their Slack zone when they saved none.
type coachingSettings struct{ m *Main }

func (s coachingSettings) Settings(ctx context.Context, team, user string) (routine.Settings, error) {
	set, err := s.m.Store.RoutineSettings(ctx, team, user)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return set, err
	}
	if set.TZ == "" {
		set.TZ = s.m.Config.DefaultTimezone
		if s.m.Bot != nil {
			if u := s.m.Bot.Profiles.Get(ctx, team, user); u.TZ != "" {
				set.TZ = u.TZ
			}
		}
	}
	return set, nil
}
