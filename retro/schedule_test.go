package retro

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
	"time"
)

// mustLoc loads a time zone or fails the test.
func mustLoc(tb testing.TB, name string) *time.Location {
	tb.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		tb.Fatalf("LoadLocation(%s): %v", name, err)
	}
	return loc
}

func TestParseSchedule(t *testing.T) {
	tests := []struct {
		args    string
		tz      string
		cadence Cadence
		day     time.Weekday
		h, m    int
		zone    string
		formats []string
		err     error
	}{
		{"weekly thu 16:00", "Europe/Paris", CadenceWeekly, time.Thursday, 16, 0, "Europe/Paris", nil, nil},
		{"biweekly jeudi 16h30", "Europe/Paris", CadenceBiweekly, time.Thursday, 16, 30, "Europe/Paris", nil, nil},
		{"Hebdo LUNDI 9h", "", CadenceWeekly, time.Monday, 9, 0, "UTC", nil, nil},
		{"toutes les deux semaines le mardi à 9h", "Europe/Paris", CadenceBiweekly, time.Tuesday, 9, 0, "Europe/Paris", nil, nil},
		{"every other week on fri 4:30pm", "America/New_York", CadenceBiweekly, time.Friday, 16, 30, "America/New_York", nil, nil},
		{"every week on Wednesday at 12am", "UTC", CadenceWeekly, time.Wednesday, 0, 0, "UTC", nil, nil},
		{"thursdays 4 pm", "UTC", CadenceWeekly, time.Thursday, 16, 0, "UTC", nil, nil},
		{"fortnightly sun 10:15 Europe/Paris", "UTC", CadenceBiweekly, time.Sunday, 10, 15, "Europe/Paris", nil, nil},
		{"weekly thu 16:00 voilier, 4l starfish", "UTC", CadenceWeekly, time.Thursday, 16, 0, "UTC",
			[]string{FormatSailboat, Format4Ls, FormatStarfish}, nil},
		{"weekly 16:00", "UTC", "", 0, 0, 0, "", nil, ErrBadSchedule},
		{"weekly thu", "UTC", "", 0, 0, 0, "", nil, ErrBadSchedule},
		{"weekly thu 16", "UTC", "", 0, 0, 0, "", nil, ErrBadSchedule},
		{"weekly thu 25:00", "UTC", "", 0, 0, 0, "", nil, ErrBadSchedule},
		{"weekly thu 16:75", "UTC", "", 0, 0, 0, "", nil, ErrBadSchedule},
		{"weekly thu 13pm", "UTC", "", 0, 0, 0, "", nil, ErrBadSchedule},
		{"monthly thu 16:00", "UTC", "", 0, 0, 0, "", nil, ErrBadSchedule},
		{"weekly thu 16:00", "Mars/Olympus", "", 0, 0, 0, "", nil, ErrBadSchedule},
		{"", "UTC", "", 0, 0, 0, "", nil, ErrBadSchedule},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			s, err := ParseSchedule(tt.args, tt.tz)
			checkErr(t, err, tt.err)
			if tt.err != nil {
				return
			}
			if s.Cadence != tt.cadence || s.Weekday != tt.day || s.Hour != tt.h || s.Minute != tt.m || s.TZ != tt.zone {
				t.Errorf("got %s %s %02d:%02d %s, want %s %s %02d:%02d %s",
					s.Cadence, s.Weekday, s.Hour, s.Minute, s.TZ, tt.cadence, tt.day, tt.h, tt.m, tt.zone)
			}
			if !slices.Equal(s.Formats, tt.formats) {
				t.Errorf("formats = %v, want %v", s.Formats, tt.formats)
			}
		})
	}
}

func TestScheduleValidate(t *testing.T) {
	ok := Schedule{Cadence: CadenceWeekly, Weekday: time.Monday, Hour: 9, TZ: "Europe/Paris"}
	checkErr(t, ok.Validate(), nil)
	for name, edit := range map[string]func(*Schedule){
		"cadence": func(s *Schedule) { s.Cadence = "daily" },
		"weekday": func(s *Schedule) { s.Weekday = 7 },
		"hour":    func(s *Schedule) { s.Hour = 24 },
		"minute":  func(s *Schedule) { s.Minute = -1 },
		"zone":    func(s *Schedule) { s.TZ = "Nowhere/Land" },
	} {
		s := ok
		edit(&s)
		if err := s.Validate(); err == nil {
			t.Errorf("%s: Validate accepted %+v", name, s)
		}
	}
}

func TestScheduleNextWeekly(t *testing.T) {
	paris, ny := mustLoc(t, "Europe/Paris"), mustLoc(t, "America/New_York")
	tests := []struct {
		name  string
		s     Schedule
		after time.Time
		want  time.Time // in UTC
	}{
		{"later the same day", Schedule{Weekday: time.Thursday, Hour: 16, TZ: "Europe/Paris"},
			time.Date(2026, 5, 7, 9, 0, 0, 0, paris), time.Date(2026, 5, 7, 14, 0, 0, 0, time.UTC)},
		{"exactly at the start gives the next week", Schedule{Weekday: time.Thursday, Hour: 16, TZ: "Europe/Paris"},
			time.Date(2026, 5, 7, 16, 0, 0, 0, paris), time.Date(2026, 5, 14, 14, 0, 0, 0, time.UTC)},
		{"Paris before spring forward (CET)", Schedule{Weekday: time.Thursday, Hour: 16, TZ: "Europe/Paris"},
			time.Date(2026, 3, 23, 0, 0, 0, 0, paris), time.Date(2026, 3, 26, 15, 0, 0, 0, time.UTC)},
		{"Paris across spring forward (CEST)", Schedule{Weekday: time.Thursday, Hour: 16, TZ: "Europe/Paris"},
			time.Date(2026, 3, 26, 17, 0, 0, 0, paris), time.Date(2026, 4, 2, 14, 0, 0, 0, time.UTC)},
		{"Paris on the spring-forward Sunday at 16:00", Schedule{Weekday: time.Sunday, Hour: 16, TZ: "Europe/Paris"},
			time.Date(2026, 3, 29, 1, 0, 0, 0, paris), time.Date(2026, 3, 29, 14, 0, 0, 0, time.UTC)},
		{"Paris 02:30 does not exist on 29 March: moved to 03:30 CEST", Schedule{Weekday: time.Sunday, Hour: 2, Minute: 30, TZ: "Europe/Paris"},
			time.Date(2026, 3, 28, 12, 0, 0, 0, paris), time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)},
		{"Paris across fall back (CET)", Schedule{Weekday: time.Monday, Hour: 9, TZ: "Europe/Paris"},
			time.Date(2026, 10, 23, 12, 0, 0, 0, paris), time.Date(2026, 10, 26, 8, 0, 0, 0, time.UTC)},
		{"New York before spring forward (EST)", Schedule{Weekday: time.Tuesday, Hour: 10, TZ: "America/New_York"},
			time.Date(2026, 3, 2, 0, 0, 0, 0, ny), time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC)},
		{"New York across spring forward (EDT)", Schedule{Weekday: time.Tuesday, Hour: 10, TZ: "America/New_York"},
			time.Date(2026, 3, 5, 0, 0, 0, 0, ny), time.Date(2026, 3, 10, 14, 0, 0, 0, time.UTC)},
		{"New York across fall back (EST)", Schedule{Weekday: time.Friday, Hour: 16, Minute: 30, TZ: "America/New_York"},
			time.Date(2026, 10, 30, 17, 0, 0, 0, ny), time.Date(2026, 11, 6, 21, 30, 0, 0, time.UTC)},
		{"after given in UTC, date taken in the zone", Schedule{Weekday: time.Thursday, Hour: 0, Minute: 30, TZ: "Europe/Paris"},
			time.Date(2026, 5, 6, 23, 0, 0, 0, time.UTC), time.Date(2026, 5, 13, 22, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.s.Cadence = CadenceWeekly
			got := tt.s.Next(tt.after)
			if !got.Equal(tt.want) {
				t.Errorf("Next(%v) = %v, want %v", tt.after, got.UTC(), tt.want)
			}
			if !got.After(tt.after) {
				t.Errorf("Next(%v) = %v is not after it", tt.after, got)
			}
		})
	}
}

func TestScheduleNextKeepsWallClockAcrossDST(t *testing.T) {
	for _, tz := range []string{"Europe/Paris", "America/New_York"} {
		loc := mustLoc(t, tz)
		for _, c := range []Cadence{CadenceWeekly, CadenceBiweekly} {
			s := Schedule{Cadence: c, Weekday: time.Thursday, Hour: 16, Minute: 30, TZ: tz,
				Anchor: time.Date(2026, 1, 5, 9, 0, 0, 0, loc)}
			at := time.Date(2026, 1, 1, 0, 0, 0, 0, loc)
			step := 7
			if c == CadenceBiweekly {
				step = 14
			}
			var prev time.Time
			for i := range 60 { // more than a year: both DST changes
				at = s.Next(at)
				local := at.In(loc)
				if local.Weekday() != time.Thursday || local.Hour() != 16 || local.Minute() != 30 {
					t.Fatalf("%s %s #%d: %v, want Thursday 16:30 local", tz, c, i, local)
				}
				if !prev.IsZero() {
					py, pm, pd := prev.In(loc).Date()
					ny, nm, nd := local.Date()
					days := time.Date(ny, nm, nd, 0, 0, 0, 0, time.UTC).Sub(time.Date(py, pm, pd, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour)
					if int(days) != step {
						t.Fatalf("%s %s: %v then %v, %d days apart, want %d", tz, c, prev, local, days, step)
					}
				}
				prev = at
			}
		}
	}
}

func TestScheduleNextBiweekly(t *testing.T) {
	paris := mustLoc(t, "Europe/Paris")
	mon := time.Date(2026, 5, 4, 10, 0, 0, 0, paris) // Monday
	tests := []struct {
		name   string
		anchor time.Time
		after  time.Time
		want   time.Time // Paris wall clock
	}{
		{"in the anchor week", mon, mon, time.Date(2026, 5, 7, 16, 0, 0, 0, paris)},
		{"skips the off week", mon, time.Date(2026, 5, 7, 17, 0, 0, 0, paris), time.Date(2026, 5, 21, 16, 0, 0, 0, paris)},
		{"created after this week's slot", time.Date(2026, 5, 8, 9, 0, 0, 0, paris), time.Date(2026, 5, 8, 9, 0, 0, 0, paris), time.Date(2026, 5, 21, 16, 0, 0, 0, paris)},
		{"weeks before the anchor keep the rhythm", mon, time.Date(2026, 4, 18, 0, 0, 0, 0, paris), time.Date(2026, 4, 23, 16, 0, 0, 0, paris)},
		{"across spring forward", time.Date(2026, 3, 16, 9, 0, 0, 0, paris), time.Date(2026, 3, 20, 9, 0, 0, 0, paris), time.Date(2026, 4, 2, 16, 0, 0, 0, paris)},
		// Sunday 23:30 UTC is already Monday in Paris: the anchor week is the one of 11 May.
		{"anchor week taken in the schedule's zone", time.Date(2026, 5, 10, 23, 30, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, paris), time.Date(2026, 5, 14, 16, 0, 0, 0, paris)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Schedule{Cadence: CadenceBiweekly, Weekday: time.Thursday, Hour: 16, TZ: "Europe/Paris", Anchor: tt.anchor}
			if got := s.Next(tt.after); !got.Equal(tt.want) {
				t.Errorf("Next(%v) = %v, want %v", tt.after, got.In(paris), tt.want)
			}
		})
	}
	zero := Schedule{Cadence: CadenceBiweekly, Weekday: time.Monday, Hour: 9, TZ: "UTC"}
	// Zero anchor: weeks counted from Monday 1970-01-05; 2026-01-05 is 2922 weeks later (even).
	if got, want := zero.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)), time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("zero anchor Next = %v, want %v", got, want)
	}
}

func TestMilestones(t *testing.T) {
	paris := mustLoc(t, "Europe/Paris")
	tests := []struct {
		name     string
		start    time.Time
		open     time.Time
		reminder time.Time
	}{
		{"Thursday opens Wednesday", time.Date(2026, 5, 7, 16, 0, 0, 0, paris),
			time.Date(2026, 5, 6, 16, 0, 0, 0, paris), time.Date(2026, 5, 7, 15, 0, 0, 0, paris)},
		{"Monday opens Friday, across spring forward", time.Date(2026, 3, 30, 16, 0, 0, 0, paris),
			time.Date(2026, 3, 27, 16, 0, 0, 0, paris), time.Date(2026, 3, 30, 15, 0, 0, 0, paris)},
		{"Monday opens Friday, across fall back", time.Date(2026, 10, 26, 9, 0, 0, 0, paris),
			time.Date(2026, 10, 23, 9, 0, 0, 0, paris), time.Date(2026, 10, 26, 8, 0, 0, 0, paris)},
		{"Sunday opens Friday", time.Date(2026, 5, 10, 11, 0, 0, 0, paris),
			time.Date(2026, 5, 8, 11, 0, 0, 0, paris), time.Date(2026, 5, 10, 10, 0, 0, 0, paris)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Schedule{Cadence: CadenceWeekly, Weekday: tt.start.Weekday(), Hour: tt.start.Hour(), TZ: "Europe/Paris"}
			m := s.Milestones(tt.start)
			if !m.Open.Equal(tt.open) || !m.Reminder.Equal(tt.reminder) || !m.Start.Equal(tt.start) {
				t.Errorf("Milestones = open %v reminder %v start %v; want %v %v %v",
					m.Open.In(paris), m.Reminder.In(paris), m.Start.In(paris), tt.open, tt.reminder, tt.start)
			}
			if !(m.Open.Before(m.Reminder) && m.Reminder.Before(m.Start)) {
				t.Errorf("milestones out of order: %+v", m)
			}
		})
	}
}

func TestScheduleJSON(t *testing.T) {
	s, err := ParseSchedule("biweekly jeudi 16h30 voilier lean", "Europe/Paris")
	if err != nil {
		t.Fatalf("ParseSchedule: %v", err)
	}
	s.ChannelID, s.Participants, s.Anchor = "C1", []string{"U1", "U2"}, t0
	raw, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var back Schedule
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if !reflect.DeepEqual(back, s) {
		t.Fatalf("round trip: got %+v, want %+v", back, s)
	}
}

func TestFloorDiv(t *testing.T) {
	for _, tt := range []struct{ a, b, want int64 }{{7, 7, 1}, {6, 7, 0}, {0, 7, 0}, {-1, 7, -1}, {-7, 7, -1}, {-8, 7, -2}} {
		if got := floorDiv(tt.a, tt.b); got != tt.want {
			t.Errorf("floorDiv(%d, %d) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
