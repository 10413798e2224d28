package routine

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name    string
		s       Settings
		wantErr bool
	}{
		{"zero value", Settings{}, false},
		{"full", Settings{TZ: "Europe/Paris", Hour: intp(8), Minute: intp(15), QuietStart: "19:30", QuietEnd: "08:00", PausedUntil: "2026-08-23", Lang: "fr", WorkingDays: []time.Weekday{0, 1, 2, 3, 4}, Times: map[string]string{"weekly-coffee": "10:00"}}, false},
		{"unknown zone", Settings{TZ: "Europe/Atlantis"}, true},
		{"Local zone", Settings{TZ: "Local"}, true},
		{"hour 24", Settings{Hour: intp(24)}, true},
		{"minute 60", Settings{Minute: intp(60)}, true},
		{"quiet end", Settings{QuietEnd: "9"}, true},
		{"pause", Settings{PausedUntil: "23/08/2026"}, true},
		{"lang", Settings{Lang: "de"}, true},
		{"working day", Settings{WorkingDays: []time.Weekday{-1}}, true},
		{"routine time", Settings{Times: map[string]string{"weekly-coffee": "25:00"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.s.Validate(); (err != nil) != tt.wantErr {
				t.Errorf("Validate: got %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

func TestSettingsAllowed(t *testing.T) {
	const paris = "Europe/Paris"
	tests := []struct {
		name string
		s    Settings
		t    time.Time
		want bool
	}{
		{"Monday 09:00", Settings{TZ: paris}, at(t, paris, 2026, 1, 5, 9, 0), true},
		{"Monday 08:59", Settings{TZ: paris}, at(t, paris, 2026, 1, 5, 8, 59), false},
		{"Monday 17:59", Settings{TZ: paris}, at(t, paris, 2026, 1, 5, 17, 59), true},
		{"Monday 18:00", Settings{TZ: paris}, at(t, paris, 2026, 1, 5, 18, 0), false},
		{"Saturday", Settings{TZ: paris}, at(t, paris, 2026, 1, 10, 11, 0), false},
		{"Saturday chosen", Settings{TZ: paris, WorkingDays: []time.Weekday{6}}, at(t, paris, 2026, 1, 10, 11, 0), true},
		{"Paris noon is Tokyo evening", Settings{TZ: "Asia/Tokyo"}, at(t, paris, 2026, 1, 5, 12, 0), false},
		{"quiet hours off", Settings{TZ: paris, QuietStart: "07:00", QuietEnd: "07:00"}, at(t, paris, 2026, 1, 5, 23, 0), true},
		{"non-wrapping quiet hours", Settings{TZ: paris, QuietStart: "12:00", QuietEnd: "13:30"}, at(t, paris, 2026, 1, 5, 13, 0), false},
		{"paused", Settings{TZ: paris, PausedUntil: "2026-01-05"}, at(t, paris, 2026, 1, 5, 11, 0), false},
		{"pause over", Settings{TZ: paris, PausedUntil: "2026-01-05"}, at(t, paris, 2026, 1, 6, 11, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Allowed(tt.t); got != tt.want {
				t.Errorf("Allowed(%v): got %v, want %v", tt.t, got, tt.want)
			}
		})
	}
}

func TestSettingsPausedAndSubscribed(t *testing.T) {
	s := Settings{TZ: "Europe/Paris", PausedUntil: "2026-01-05", Subscribed: []string{"weekly-coffee"}}
	// 23:30 UTC on 5 January is already 6 January in Paris.
	if got := s.Paused(time.Date(2026, 1, 5, 23, 30, 0, 0, time.UTC)); got {
		t.Errorf("Paused(6 January in Paris): got true, want false")
	}
	if got := s.Paused(time.Date(2026, 1, 5, 22, 30, 0, 0, time.UTC)); !got {
		t.Errorf("Paused(5 January in Paris): got false, want true")
	}
	if !s.IsSubscribed("weekly-coffee") || s.IsSubscribed("weekly-review") {
		t.Errorf("IsSubscribed: got coffee=%v review=%v, want true false", s.IsSubscribed("weekly-coffee"), s.IsSubscribed("weekly-review"))
	}
}

func TestSettingsJSONRoundTrip(t *testing.T) {
	s := Settings{Subscribed: []string{"weekly-coffee"}, Hour: intp(0), TZ: "Asia/Tokyo", WorkingDays: []time.Weekday{1, 2}, PausedUntil: "2026-08-23", Lang: "fr", Times: map[string]string{"weekly-review": "15:00"}}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var got Settings
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("round trip: got %+v, want %+v", got, s)
	}
}
