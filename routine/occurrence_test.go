package routine

import (
	"testing"
	"time"
)

func TestOccurrenceID(t *testing.T) {
	paris := at(t, "Europe/Paris", 2026, 1, 5, 9, 30)
	tokyo := paris.In(MustLoc(t, "Asia/Tokyo"))
	got := OccurrenceID("T1", "U1", "weekly-coffee", paris)
	if want := "T1:U1:weekly-coffee:20260105T0830Z"; got != want {
		t.Errorf("OccurrenceID: got %q, want %q", got, want)
	}
	if other := OccurrenceID("T1", "U1", "weekly-coffee", tokyo); other != got {
		t.Errorf("OccurrenceID of the same instant in Tokyo: got %q, want %q", other, got)
	}
	if other := OccurrenceID("T1", "U1", "weekly-coffee", paris.Add(45*time.Second)); other != got {
		t.Errorf("OccurrenceID within the same minute: got %q, want %q", other, got)
	}
	for _, diff := range []string{
		OccurrenceID("T2", "U1", "weekly-coffee", paris),
		OccurrenceID("T1", "U2", "weekly-coffee", paris),
		OccurrenceID("T1", "U1", "weekly-review", paris),
		OccurrenceID("T1", "U1", "weekly-coffee", paris.AddDate(0, 0, 7)),
	} {
		if diff == got {
			t.Errorf("OccurrenceID of a different occurrence: got %q, want something other than %q", diff, got)
		}
	}
}

func TestLateDecision(t *testing.T) {
	paris := Settings{TZ: "Europe/Paris"}
	monday := at(t, "Europe/Paris", 2026, 1, 5, 9, 30)
	friday := at(t, "Europe/Paris", 2026, 1, 9, 17, 0)
	tests := []struct {
		name     string
		due, now time.Time
		grace    time.Duration
		s        Settings
		want     bool
	}{
		{"on time", monday, monday, 0, paris, true},
		{"30 minutes late", monday, monday.Add(30 * time.Minute), 0, paris, true},
		{"just inside default grace", monday, monday.Add(2*time.Hour - time.Minute), 0, paris, true},
		{"at the grace limit", monday, monday.Add(2 * time.Hour), 0, paris, false},
		{"a day late", monday, monday.AddDate(0, 0, 1), 0, paris, false},
		{"custom grace inside", monday, monday.Add(20 * time.Minute), 30 * time.Minute, paris, true},
		{"custom grace outside", monday, monday.Add(40 * time.Minute), 30 * time.Minute, paris, false},
		{"late into quiet hours", friday, friday.Add(90 * time.Minute), 0, paris, false},
		{"late but still before 18:00", friday, friday.Add(59 * time.Minute), 0, paris, true},
		{"not due yet", monday, monday.Add(-time.Minute), 0, paris, false},
		{"paused", monday, monday.Add(10 * time.Minute), 0, Settings{TZ: "Europe/Paris", PausedUntil: "2026-01-05"}, false},
		{"invalid settings", monday, monday, 0, Settings{TZ: "Nowhere/Land"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := LateDecision(tt.due, tt.now, tt.grace, tt.s); got != tt.want {
				t.Errorf("LateDecision(due %v, now %v, grace %v): got %v, want %v", tt.due, tt.now, tt.grace, got, tt.want)
			}
		})
	}
}
