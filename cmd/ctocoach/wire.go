package main

import (
	"context"

	"ctocoach/bot/advice"
	"ctocoach/bot/home"
	"ctocoach/bot/routines"
)

// features builds every feature's services; each feature wires itself in its
// own wire_*.go file.
func (m *Main) features(ctx context.Context) error {
	var err error
	if m.advice, err = m.adviceFeature(ctx); err != nil {
		return err
	}
	if m.routines, err = m.routineFeature(ctx); err != nil {
		return err
	}
	if m.coaching, err = m.coachingFeature(ctx); err != nil {
		return err
	}
	m.routines.OnDone, m.routines.Extra = m.coachingRoutineDone, m.coachingReview
	if m.retro, err = m.retroFeature(ctx); err != nil {
		return err
	}
	return nil
}

// register adds the feature packages' routes to the bot's router, once the
// bot (and its profile cache) exists.
func (m *Main) register() {
	d := m.advice
	d.Store, d.Profiles, d.Metrics, d.Log, d.Now = m.Store, m.Bot.Profiles, m.Metrics, m.Log, m.Now
	advice.Register(m.Bot.Router(), d)
	rd := m.routines
	rd.API, rd.Store, rd.Profiles, rd.Metrics, rd.Log, rd.Now = m.API, m.Store, m.Bot.Profiles, m.Metrics, m.Log, m.Now
	m.Routines = routines.Register(m.Bot.Router(), rd)
	m.registerRetro()
	m.registerCoaching()
	home.Register(m.Bot.Router(), home.Deps{API: m.API, Profiles: m.Bot.Profiles, Log: m.Log})
}
