package routine

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"ctocoach/knowledge"
)

func TestLoadCatalogue(t *testing.T) {
	c := MustCatalogue(t)
	want := map[Cadence][]string{
		Weekly:    {"weekly-coffee", "weekly-peer-lunch", "weekly-leadership-checkin", "weekly-review"},
		Monthly:   {"monthly-skip-level", "monthly-external-cto", "monthly-networking-event", "monthly-feedback", "monthly-self-check"},
		Quarterly: {"quarterly-all-hands", "quarterly-team-building", "quarterly-industry-event", "quarterly-360"},
	}
	for cad, ids := range want {
		var got []string
		for _, r := range c.ByCadence(cad) {
			got = append(got, r.ID)
		}
		if !reflect.DeepEqual(got, ids) {
			t.Errorf("ByCadence(%s): got %v, want %v", cad, got, ids)
		}
	}
	if got := len(c.All()); got != 13 {
		t.Errorf("len(All()): got %d, want 13", got)
	}
	weeks := map[string]int{"monthly-skip-level": 1, "monthly-external-cto": 2, "monthly-networking-event": 3, "monthly-feedback": 4}
	for id, w := range weeks {
		r, ok := c.ByID(id)
		if !ok || r.WeekOfMonth != w {
			t.Errorf("ByID(%s): got week %d (found %v), want %d", id, r.WeekOfMonth, ok, w)
		}
	}
	if _, ok := c.ByID("nope"); ok {
		t.Errorf("ByID(nope): got found, want not found")
	}
	who := map[string]Who{"weekly-coffee": WhoRosterOne, "monthly-skip-level": WhoRosterSkipLevel, "weekly-peer-lunch": WhoContactOverdue}
	for id, w := range who {
		if r, _ := c.ByID(id); r.Who != w {
			t.Errorf("%s who: got %q, want %q", id, r.Who, w)
		}
	}
}

func TestAllReturnsCopy(t *testing.T) {
	c := MustCatalogue(t)
	all := c.All()
	all[0].ID = "changed"
	if got := c.All()[0].ID; got == "changed" {
		t.Errorf("All()[0].ID after mutating a previous result: got %q, want the catalogue id", got)
	}
}

func TestRoutineIn(t *testing.T) {
	r := MustRoutine(t, "weekly-coffee")
	if got := r.In("fr").Title; got != r.FR.Title || got == r.EN.Title {
		t.Errorf("In(fr).Title: got %q, want the French title %q", got, r.FR.Title)
	}
	if got := r.In("de").Title; got != r.EN.Title {
		t.Errorf("In(de).Title: got %q, want English %q", got, r.EN.Title)
	}
}

func TestRoutineJSONRoundTrip(t *testing.T) {
	r := MustRoutine(t, "quarterly-360")
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var got Routine
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if !reflect.DeepEqual(got, r) {
		t.Errorf("round trip: got %+v, want %+v", got, r)
	}
}

// validEntry is one valid catalogue entry, edited by the failure cases.
const validEntry = `
  - id: weekly-x
    cadence: weekly
    cron: "30 9 * * MON"
    hour: 9
    minute: 30
    who: none
    cards: [a]
    en: {title: T, text: X, done_prompt: D}
    fr: {title: T, text: X, done_prompt: D}
`

func TestParseCatalogueErrors(t *testing.T) {
	tests := []struct {
		name, yaml, want string
	}{
		{"duplicate id", "routines:" + validEntry + validEntry, "duplicate id"},
		{"bad cron", "routines:" + strings.Replace(validEntry, "* * MON", "* * MOON", 1), "parse cron"},
		{"four cron fields", "routines:" + strings.Replace(validEntry, "30 9 * * MON", "30 9 * *", 1), "want 5 fields"},
		{"hour mismatch", "routines:" + strings.Replace(validEntry, "hour: 9", "hour: 10", 1), "default hour"},
		{"minute mismatch", "routines:" + strings.Replace(validEntry, "minute: 30", "minute: 0", 1), "default minute"},
		{"missing fr", "routines:" + strings.Replace(validEntry, "fr: {title: T, text: X, done_prompt: D}", "fr: {title: T, text: X}", 1), "fr title"},
		{"missing en", "routines:" + strings.Replace(validEntry, "en: {title: T, text: X, done_prompt: D}", "", 1), "en title"},
		{"unknown field", "routines:" + validEntry + "    colour: red\n", "colour"},
		{"id without cadence prefix", "routines:" + strings.Replace(validEntry, "weekly-x", "coffee", 1), "must start with"},
		{"unknown cadence", "routines:" + strings.Replace(strings.Replace(validEntry, "weekly-x", "daily-x", 1), "cadence: weekly", "cadence: daily", 1), "unknown cadence"},
		{"unknown who", "routines:" + strings.Replace(validEntry, "who: none", "who: everyone", 1), "unknown who"},
		{"no cards", "routines:" + strings.Replace(validEntry, "cards: [a]", "cards: []", 1), "no cards"},
		{"weekly with week", "routines:" + strings.Replace(validEntry, "who: none", "who: none\n    week_of_month: 2", 1), "weekly routines take no"},
		{"monthly without week", "routines:" + strings.Replace(strings.Replace(validEntry, "weekly-x", "monthly-x", 1), "cadence: weekly", "cadence: monthly", 1), "week_of_month 0"},
		{"quarterly without month", "routines:" + strings.Replace(strings.Replace(validEntry, "weekly-x", "quarterly-x", 1), "cadence: weekly", "cadence: quarterly\n    week_of_month: 1", 1), "month_of_quarter 0"},
		{"saturday never occurs", "routines:" + strings.Replace(validEntry, "* * MON", "* * SAT", 1), "never occurs"},
		{"zone in cron", "routines:" + strings.Replace(validEntry, `"30 9 * * MON"`, `"CRON_TZ=UTC 30 9 * * MON"`, 1), "want 5 fields"},
		{"empty", "routines: []", "no routines"},
		{"not yaml", "routines: [", "parse catalogue"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseCatalogue([]byte(tt.yaml))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseCatalogue: got error %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := ParseCatalogue([]byte("routines:" + validEntry)); err != nil {
		t.Errorf("ParseCatalogue(valid entry): got %v, want nil", err)
	}
}

func TestCatalogueIsEmbedded(t *testing.T) {
	if !strings.Contains(string(knowledge.RoutinesYAML), "weekly-coffee") {
		t.Errorf("knowledge.RoutinesYAML: got %d bytes without weekly-coffee, want the catalogue", len(knowledge.RoutinesYAML))
	}
}
