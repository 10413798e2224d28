package retro

import (
	"errors"
	"strings"
	"testing"
)

func TestFormatsCatalogue(t *testing.T) {
	fs := Formats()
	var ids []string
	for _, f := range fs {
		ids = append(ids, f.ID)
	}
	got := strings.Join(ids, ",")
	want := "sailboat,start-stop-continue,4ls,mad-sad-glad,starfish,lean"
	if got != want {
		t.Fatalf("Formats() ids = %s, want %s", got, want)
	}
	wantZones := map[string]string{
		FormatSailboat:   "wind,anchor,rocks,island",
		FormatStartStop:  "start,stop,continue",
		Format4Ls:        "liked,learned,lacked,longed",
		FormatMadSadGlad: "mad,sad,glad",
		FormatStarfish:   "keep,more,less,stop,start",
		FormatLean:       "problem,fix,standard",
	}
	for _, f := range fs {
		var zs []string
		for _, z := range f.Zones {
			zs = append(zs, z.ID)
			for _, lang := range []string{LangEN, LangFR} {
				if z.Name[lang] == "" || z.Prompt[lang] == "" || z.Emoji == "" {
					t.Errorf("%s/%s: missing %s name, prompt or emoji", f.ID, z.ID, lang)
				}
			}
		}
		if got := strings.Join(zs, ","); got != wantZones[f.ID] {
			t.Errorf("%s zones = %s, want %s", f.ID, got, wantZones[f.ID])
		}
		if f.Name[LangEN] == "" || f.Name[LangFR] == "" {
			t.Errorf("%s: missing a name", f.ID)
		}
	}
}

func TestSailboatMeanings(t *testing.T) {
	f := MustFormat(t, FormatSailboat)
	for zone, want := range map[string]string{
		"wind": "forward", "anchor": "slows", "rocks": "risk", "island": "opportunit",
	} {
		z, _ := f.Zone(zone)
		if !strings.Contains(strings.ToLower(z.Question(LangEN)), want) {
			t.Errorf("%s prompt = %q, want it to mention %q", zone, z.Question(LangEN), want)
		}
	}
	z, _ := f.Zone("anchor")
	if got := z.Label("fr-FR"); got != "Ancre" {
		t.Errorf("anchor label fr-FR = %q, want Ancre", got)
	}
	if got := z.Label("de"); got != "Anchor" {
		t.Errorf("anchor label de = %q, want the English Anchor", got)
	}
}

func TestFormatsAreCopies(t *testing.T) {
	fs := Formats()
	fs[0].Zones[0].Name[LangEN] = "changed"
	fs[0].Zones = nil
	f := MustFormat(t, FormatSailboat)
	if got := f.Zones[0].Name[LangEN]; got != "Wind" {
		t.Fatalf("catalogue changed through Formats(): got %q, want Wind", got)
	}
	if _, ok := FormatByID("nope"); ok {
		t.Fatalf("FormatByID(nope) found a format")
	}
}

func TestCustomFormat(t *testing.T) {
	long := strings.Repeat("é", MaxColumnLen)
	tests := []struct {
		name  string
		names []string
		want  string // zone names joined, when valid
		err   error
	}{
		{"two", []string{"Good", "Bad"}, "Good|Bad", nil},
		{"trimmed and collapsed", []string{"  Good  stuff ", "\tBad\n"}, "Good stuff|Bad", nil},
		{"six", []string{"a", "b", "c", "d", "e", "f"}, "a|b|c|d|e|f", nil},
		{"40 chars", []string{long, "x"}, long + "|x", nil},
		{"one", []string{"a"}, "", ErrCustomColumns},
		{"seven", []string{"a", "b", "c", "d", "e", "f", "g"}, "", ErrCustomColumns},
		{"none", nil, "", ErrCustomColumns},
		{"empty name", []string{"a", "  "}, "", ErrColumnName},
		{"41 chars", []string{long + "x", "b"}, "", ErrColumnName},
		{"duplicate ignoring case and accents", []string{"Idées", "idees"}, "", ErrColumnName},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := CustomFormat(tt.names)
			checkErr(t, err, tt.err)
			if tt.err != nil {
				return
			}
			var got []string
			for i, z := range f.Zones {
				got = append(got, z.Label(LangFR))
				if wantID := "col" + string(rune('1'+i)); z.ID != wantID {
					t.Errorf("zone %d id = %q, want %q", i, z.ID, wantID)
				}
			}
			if strings.Join(got, "|") != tt.want {
				t.Errorf("zones = %q, want %q", strings.Join(got, "|"), tt.want)
			}
			if f.ID != FormatCustom {
				t.Errorf("id = %q, want custom", f.ID)
			}
		})
	}
}

func TestParseFormat(t *testing.T) {
	tests := []struct {
		arg   string
		want  string
		zones int
		err   error
	}{
		{"sailboat", FormatSailboat, 4, nil},
		{"Voilier", FormatSailboat, 4, nil},
		{"  bateau ", FormatSailboat, 4, nil},
		{"ssc", FormatStartStop, 3, nil},
		{"Start/Stop/Continue", FormatStartStop, 3, nil},
		{"start stop continue", FormatStartStop, 3, nil},
		{"4l", Format4Ls, 4, nil},
		{"4Ls", Format4Ls, 4, nil},
		{"4 Ls", Format4Ls, 4, nil},
		{"mad-sad-glad", FormatMadSadGlad, 3, nil},
		{"MSG", FormatMadSadGlad, 3, nil},
		{"étoile de mer", FormatStarfish, 5, nil},
		{"starfish", FormatStarfish, 5, nil},
		{"lean-board", FormatLean, 3, nil},
		{"tableau des problèmes", FormatLean, 3, nil},
		{"custom: Good, Bad, Ideas", FormatCustom, 3, nil},
		{"custom Good | Bad, really | Ideas", FormatCustom, 3, nil},
		{"perso: Hier; Demain", FormatCustom, 2, nil},
		{"custom", "", 0, ErrCustomColumns},
		{"custom: only", "", 0, ErrCustomColumns},
		{"speedboat", "", 0, ErrUnknownFormat},
		{"", "", 0, ErrUnknownFormat},
	}
	for _, tt := range tests {
		t.Run(tt.arg, func(t *testing.T) {
			f, err := ParseFormat(tt.arg)
			checkErr(t, err, tt.err)
			if tt.err != nil {
				return
			}
			if f.ID != tt.want || len(f.Zones) != tt.zones {
				t.Errorf("ParseFormat(%q) = %s with %d zones, want %s with %d", tt.arg, f.ID, len(f.Zones), tt.want, tt.zones)
			}
		})
	}
	f, err := ParseFormat("custom Good | Bad, really | Ideas")
	if err != nil {
		t.Fatalf("ParseFormat: %v", err)
	}
	if got := f.Zones[1].Label(LangEN); got != "Bad, really" {
		t.Errorf("second column = %q, want %q (| wins over ,)", got, "Bad, really")
	}
	if _, err := ParseFormat("nope"); err == nil || !strings.Contains(err.Error(), "nope") || !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("error %v should name the argument and wrap ErrUnknownFormat", err)
	}
}

func TestNormLang(t *testing.T) {
	for in, want := range map[string]string{
		"fr": LangFR, "FR": LangFR, "fr-FR": LangFR, "fr_CA": LangFR,
		"en": LangEN, "en-US": LangEN, "": LangEN, "de-DE": LangEN, "french": LangEN,
	} {
		if got := NormLang(in); got != want {
			t.Errorf("NormLang(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPickFallbacks(t *testing.T) {
	tests := []struct {
		m    map[string]string
		lang string
		want string
	}{
		{tr("Wind", "Vent"), "fr", "Vent"},
		{tr("Wind", "Vent"), "es", "Wind"},
		{map[string]string{LangFR: "Vent"}, "en", "Vent"},
		{map[string]string{LangEN: "", LangFR: "Vent"}, "en", "Vent"},
		{nil, "en", ""},
	}
	for _, tt := range tests {
		if got := pick(tt.m, tt.lang); got != tt.want {
			t.Errorf("pick(%v, %q) = %q, want %q", tt.m, tt.lang, got, tt.want)
		}
	}
}
