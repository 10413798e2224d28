package routine

import (
	"testing"
	"time"
)

// dstRoutine fires on Sundays at 02:30, inside the hour clocks skip or
// repeat in Europe, and is used with quiet hours off and every day working.
var dstRoutine = Routine{ID: "weekly-dst", Cadence: Weekly, Cron: "30 2 * * SUN", Hour: 2, Minute: 30}

// anyTime allows every day and every hour.
func anyTime(tz string) Settings {
	return Settings{TZ: tz, WorkingDays: allDays, QuietStart: "00:00", QuietEnd: "00:00"}
}

// withTime sets a per-routine time on s.
func withTime(s Settings, id, hm string) Settings {
	s.Times = map[string]string{id: hm}
	return s
}

func TestNext(t *testing.T) {
	const (
		paris  = "Europe/Paris"
		ny     = "America/New_York"
		tokyo  = "Asia/Tokyo"
		sydney = "Australia/Sydney"
	)
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		routine string // catalogue id; empty uses dstRoutine
		s       Settings
		after   time.Time
		want    time.Time // UTC instant
	}{
		// Zones: local routine time whatever the zone.
		{"paris coffee winter", "weekly-coffee", Settings{TZ: paris}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 5, 8, 30)},
		{"paris coffee same day before", "weekly-coffee", Settings{TZ: paris}, at(t, paris, 2026, 1, 5, 9, 29), utc(2026, 1, 5, 8, 30)},
		{"paris coffee strictly after", "weekly-coffee", Settings{TZ: paris}, at(t, paris, 2026, 1, 5, 9, 30), utc(2026, 1, 12, 8, 30)},
		{"paris coffee summer", "weekly-coffee", Settings{TZ: paris}, at(t, paris, 2026, 3, 24, 12, 0), utc(2026, 3, 30, 7, 30)},
		{"new york review before DST", "weekly-review", Settings{TZ: ny}, at(t, ny, 2026, 2, 27, 17, 0), utc(2026, 3, 6, 21, 0)},
		{"new york review after DST", "weekly-review", Settings{TZ: ny}, at(t, ny, 2026, 3, 6, 17, 0), utc(2026, 3, 13, 20, 0)},
		{"tokyo coffee", "weekly-coffee", Settings{TZ: tokyo}, utc(2026, 1, 5, 0, 0), utc(2026, 1, 5, 0, 30)},
		{"tokyo coffee is Monday there, Sunday in UTC", "weekly-coffee", Settings{TZ: tokyo}, utc(2026, 1, 4, 12, 0), utc(2026, 1, 5, 0, 30)},
		{"sydney lunch summer time", "weekly-peer-lunch", Settings{TZ: sydney}, at(t, sydney, 2026, 4, 1, 8, 0), utc(2026, 4, 1, 1, 30)},
		{"sydney lunch standard time", "weekly-peer-lunch", Settings{TZ: sydney}, at(t, sydney, 2026, 4, 2, 8, 0), utc(2026, 4, 8, 2, 30)},
		{"empty zone is UTC", "weekly-coffee", Settings{}, utc(2026, 1, 1, 0, 0), utc(2026, 1, 5, 9, 30)},

		// DST: spring forward skips 02:00-03:00, autumn repeats it.
		{"paris spring gap moves to 03:00", "", anyTime(paris), at(t, paris, 2026, 3, 28, 12, 0), utc(2026, 3, 29, 1, 0)},
		{"paris after the gap", "", anyTime(paris), utc(2026, 3, 29, 1, 0), utc(2026, 4, 5, 0, 30)},
		{"paris autumn earlier instant", "", anyTime(paris), at(t, paris, 2026, 10, 24, 12, 0), utc(2026, 10, 25, 0, 30)},
		{"paris autumn sent once", "", anyTime(paris), utc(2026, 10, 25, 0, 30), utc(2026, 11, 1, 1, 30)},
		{"paris autumn asked in the repeated hour", "", anyTime(paris), utc(2026, 10, 25, 1, 15), utc(2026, 11, 1, 1, 30)},
		{"new york spring gap", "", anyTime(ny), at(t, ny, 2026, 3, 7, 12, 0), utc(2026, 3, 8, 7, 0)},
		{"new york autumn 02:30 is not repeated", "", anyTime(ny), at(t, ny, 2026, 10, 31, 12, 0), utc(2026, 11, 1, 7, 30)},
		{"new york autumn 01:30 earlier instant", "", withTime(anyTime(ny), "weekly-dst", "01:30"), at(t, ny, 2026, 10, 31, 12, 0), utc(2026, 11, 1, 5, 30)},
		{"new york autumn 01:30 sent once", "", withTime(anyTime(ny), "weekly-dst", "01:30"), utc(2026, 11, 1, 5, 30), utc(2026, 11, 8, 6, 30)},
		{"sydney spring gap (October)", "", anyTime(sydney), at(t, sydney, 2026, 10, 3, 12, 0), utc(2026, 10, 3, 16, 0)},
		{"sydney autumn earlier instant (April)", "", anyTime(sydney), at(t, sydney, 2026, 4, 4, 12, 0), utc(2026, 4, 4, 15, 30)},

		// Working days: a non-working day is skipped, not moved.
		{"coffee skipped on a Tue-Sat week", "weekly-review", Settings{TZ: paris, WorkingDays: []time.Weekday{2, 3, 4, 5, 6}}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 2, 15, 0)},

		// Quiet hours.
		{"hour override before 09:00 moves to 09:00", "weekly-coffee", Settings{TZ: paris, Hour: intp(7)}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 5, 8, 0)},
		{"hour and minute override", "weekly-coffee", Settings{TZ: paris, Hour: intp(11), Minute: intp(15)}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 5, 10, 15)},
		{"minute override only", "weekly-coffee", Settings{TZ: paris, Minute: intp(45)}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 5, 8, 45)},
		{"per-routine time wins", "weekly-coffee", Settings{TZ: paris, Hour: intp(11), Times: map[string]string{"weekly-coffee": "14:05"}}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 5, 13, 5)},
		{"Friday 20:00 moves to Monday 09:00", "weekly-review", Settings{TZ: paris, Times: map[string]string{"weekly-review": "20:00"}}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 5, 8, 0)},
		{"moved occurrence found from the weekend", "weekly-review", Settings{TZ: paris, Times: map[string]string{"weekly-review": "20:00"}}, at(t, paris, 2026, 1, 3, 10, 0), utc(2026, 1, 5, 8, 0)},
		{"Friday 20:00 moves to a chosen Saturday", "weekly-review", Settings{TZ: paris, Times: map[string]string{"weekly-review": "20:00"}, WorkingDays: []time.Weekday{1, 2, 3, 4, 5, 6}}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 3, 8, 0)},
		{"custom lunch-time quiet hours", "weekly-peer-lunch", Settings{TZ: paris, QuietStart: "12:00", QuietEnd: "14:00"}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 7, 13, 0)},
		{"quiet hours off", "weekly-coffee", Settings{TZ: paris, Hour: intp(6), QuietStart: "00:00", QuietEnd: "00:00"}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 5, 5, 0)},

		// Pause: nothing while paused, no burst after.
		{"pause skips two Mondays", "weekly-coffee", Settings{TZ: paris, PausedUntil: "2026-01-14"}, at(t, paris, 2026, 1, 1, 12, 0), utc(2026, 1, 19, 8, 30)},
		{"pause day is inclusive", "weekly-coffee", Settings{TZ: paris, PausedUntil: "2026-01-12"}, at(t, paris, 2026, 1, 6, 12, 0), utc(2026, 1, 19, 8, 30)},
		{"pause ended the day before", "weekly-coffee", Settings{TZ: paris, PausedUntil: "2026-01-11"}, at(t, paris, 2026, 1, 6, 12, 0), utc(2026, 1, 12, 8, 30)},
		{"monthly after pause waits a month", "monthly-skip-level", Settings{TZ: paris, PausedUntil: "2026-02-10"}, at(t, paris, 2026, 1, 20, 12, 0), utc(2026, 3, 3, 9, 0)},
		{"moved into the pause is dropped", "weekly-review", Settings{TZ: paris, Times: map[string]string{"weekly-review": "20:00"}, PausedUntil: "2026-01-12"}, at(t, paris, 2026, 1, 9, 12, 0), utc(2026, 1, 19, 8, 0)},

		// Week of the month: the n-th week is days 1-7, 8-14, 15-21, 22-28.
		{"skip-level week 1", "monthly-skip-level", Settings{TZ: paris}, at(t, paris, 2026, 1, 1, 0, 0), utc(2026, 1, 6, 9, 0)},
		{"skip-level next month", "monthly-skip-level", Settings{TZ: paris}, at(t, paris, 2026, 1, 6, 10, 0), utc(2026, 2, 3, 9, 0)},
		{"external CTO week 2", "monthly-external-cto", Settings{TZ: paris}, at(t, paris, 2026, 1, 1, 0, 0), utc(2026, 1, 8, 11, 30)},
		{"networking week 3", "monthly-networking-event", Settings{TZ: paris}, at(t, paris, 2026, 1, 1, 0, 0), utc(2026, 1, 19, 9, 0)},
		{"feedback week 4, not the 5th Thursday", "monthly-feedback", Settings{TZ: paris}, at(t, paris, 2026, 1, 22, 14, 0), utc(2026, 2, 26, 13, 0)},

		// Quarterly: month of the quarter and week.
		{"all-hands January week 2", "quarterly-all-hands", Settings{TZ: paris}, at(t, paris, 2026, 1, 1, 0, 0), utc(2026, 1, 13, 9, 0)},
		{"all-hands next quarter", "quarterly-all-hands", Settings{TZ: paris}, at(t, paris, 2026, 1, 13, 10, 0), utc(2026, 4, 14, 8, 0)},
		{"360 third month week 2", "quarterly-360", Settings{TZ: paris}, at(t, paris, 2026, 1, 1, 0, 0), utc(2026, 3, 9, 9, 0)},
		{"team building second month", "quarterly-team-building", Settings{TZ: paris}, at(t, paris, 2026, 3, 1, 0, 0), utc(2026, 5, 13, 8, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := dstRoutine
			if tt.routine != "" {
				r = MustRoutine(t, tt.routine)
			}
			got, ok := Next(r, tt.s, tt.after)
			if !ok {
				t.Fatalf("Next(%s, after %v): got no occurrence, want %v", r.ID, tt.after, tt.want)
			}
			if !got.Equal(tt.want) {
				loc, _ := tt.s.Location()
				t.Errorf("Next(%s, after %v): got %v, want %v", r.ID, tt.after, got.In(loc), tt.want.In(loc))
			}
		})
	}
}

func TestNextNone(t *testing.T) {
	after := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		r    Routine
		s    Settings
	}{
		{"Monday routine, Tue-Sat week", MustRoutine(t, "weekly-coffee"), Settings{WorkingDays: []time.Weekday{2, 3, 4, 5, 6}}},
		{"Friday routine, Sun-Thu week", MustRoutine(t, "weekly-review"), Settings{WorkingDays: []time.Weekday{0, 1, 2, 3, 4}}},
		{"beyond the horizon (29 February 2028)", Routine{ID: "x", Cron: "0 10 29 2 *", Hour: 10}, anyTime("UTC")},
		{"paused for two years", MustRoutine(t, "weekly-coffee"), Settings{PausedUntil: "2028-01-01"}},
		{"unknown zone", MustRoutine(t, "weekly-coffee"), Settings{TZ: "Mars/Olympus"}},
		{"bad quiet hours", MustRoutine(t, "weekly-coffee"), Settings{QuietStart: "25:00"}},
		{"bad pause date", MustRoutine(t, "weekly-coffee"), Settings{PausedUntil: "next week"}},
		{"bad per-routine time", MustRoutine(t, "weekly-coffee"), Settings{Times: map[string]string{"weekly-coffee": "9h"}}},
		{"bad hour override", MustRoutine(t, "weekly-coffee"), Settings{Hour: intp(24)}},
		{"bad working day", MustRoutine(t, "weekly-coffee"), Settings{WorkingDays: []time.Weekday{7}}},
		{"bad cron", Routine{ID: "x", Cron: "not a spec at all"}, Settings{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, ok := Next(tt.r, tt.s, after); ok {
				t.Errorf("Next: got %v, want no occurrence", got)
			}
		})
	}
}

// TestNextSequence walks a year of every catalogue routine in four zones
// with default settings and checks each occurrence against the rules.
func TestNextSequence(t *testing.T) {
	c := MustCatalogue(t)
	for _, tz := range []string{"Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Sydney"} {
		loc := MustLoc(t, tz)
		s := Settings{TZ: tz}
		for _, r := range c.All() {
			prev := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
			end := prev.AddDate(1, 0, 0)
			perMonth := map[time.Month]int{}
			n := 0
			for {
				got, ok := Next(r, s, prev)
				if !ok {
					t.Fatalf("%s %s: no occurrence after %v", tz, r.ID, prev)
				}
				if !got.After(prev) {
					t.Fatalf("%s %s: got %v, want strictly after %v", tz, r.ID, got, prev)
				}
				if got.After(end) {
					break
				}
				l := got.In(loc)
				if l.Hour() != r.Hour || l.Minute() != r.Minute {
					t.Errorf("%s %s: got local time %v, want %02d:%02d", tz, r.ID, l, r.Hour, r.Minute)
				}
				if !s.Allowed(got) {
					t.Errorf("%s %s: got %v, want an allowed moment", tz, r.ID, l)
				}
				if !r.inPeriod(wall(l)) {
					t.Errorf("%s %s: got %v, want week %d month-of-quarter %d", tz, r.ID, l, r.WeekOfMonth, r.MonthOfQuarter)
				}
				perMonth[l.Month()]++
				prev = got
				n++
			}
			want := map[Cadence][2]int{Weekly: {52, 53}, Monthly: {12, 12}, Quarterly: {4, 4}}[r.Cadence]
			if n < want[0] || n > want[1] {
				t.Errorf("%s %s: got %d occurrences in a year, want %d..%d", tz, r.ID, n, want[0], want[1])
			}
			if r.Cadence == Monthly {
				for m, k := range perMonth {
					if k != 1 {
						t.Errorf("%s %s: got %d occurrences in %s, want 1", tz, r.ID, k, m)
					}
				}
			}
		}
	}
}

func BenchmarkNext(b *testing.B) {
	c := MustCatalogue(b)
	s := Settings{TZ: "Europe/Paris", PausedUntil: "2026-02-01"}
	after := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for _, id := range []string{"weekly-coffee", "monthly-feedback", "quarterly-360"} {
		r, _ := c.ByID(id)
		b.Run(id, func(b *testing.B) {
			for b.Loop() {
				if _, ok := Next(r, s, after); !ok {
					b.Fatal("no occurrence")
				}
			}
		})
	}
}
