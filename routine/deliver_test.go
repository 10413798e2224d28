package routine_test

import (
	"testing"
	"time"

	"ctocoach/routine"
)

func TestDecideDelivery(t *testing.T) {
	cat := mustCatalogue(t)
	coffee := mustByID(t, cat, "weekly-coffee")
	s := routine.Settings{Subscribed: []string{"weekly-coffee"}, TZ: "Europe/Paris"}
	at, ok := routine.Next(coffee, s, planNow)
	if !ok {
		t.Fatal("no next coffee")
	}
	regular := routine.NudgePayload{Routine: coffee.ID, User: "U1", At: at}
	paused := s
	paused.PausedUntil = "2026-01-31"
	moved := s
	hour := 15
	moved.Hour = &hour
	for _, tt := range []struct {
		name string
		s    routine.Settings
		p    routine.NudgePayload
		now  time.Time
		want routine.Delivery
	}{
		{"on time", s, regular, at, routine.Delivery{}},
		{"late but within grace", s, regular, at.Add(5 * time.Minute), routine.Delivery{Late: true}},
		{"too late after downtime", s, regular, at.Add(3 * 24 * time.Hour), routine.Delivery{Skip: routine.SkipTooLate}},
		{"unsubscribed", routine.Settings{TZ: "Europe/Paris"}, regular, at, routine.Delivery{Skip: routine.SkipUnsubscribed}},
		{"hour moved since planning", moved, regular, at, routine.Delivery{Skip: routine.SkipStale}},
		{"paused", paused, routine.NudgePayload{Routine: coffee.ID, User: "U1", At: at, Snoozed: true}, at, routine.Delivery{Skip: routine.SkipPaused}},
		{"snoozed is never stale", moved, routine.NudgePayload{Routine: coffee.ID, User: "U1", At: at, Snoozed: true}, at, routine.Delivery{}},
	} {
		if got := routine.DecideDelivery(coffee, tt.s, tt.p, at, tt.now, time.Hour); got != tt.want {
			t.Errorf("%s: DecideDelivery = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
