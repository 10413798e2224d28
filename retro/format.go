package retro

import "maps"

// Format IDs of the built-in formats and of custom formats.
const (
	FormatSailboat     = "sailboat"
	FormatStartStop    = "start-stop-continue"
	Format4Ls          = "4ls"
	FormatMadSadGlad   = "mad-sad-glad"
	FormatStarfish     = "starfish"
	FormatLean         = "lean"
	FormatCustom       = "custom"
	DefaultFormatID    = FormatSailboat
	customZonePrefix   = "col"
	minCustomColumns   = 2
	maxCustomColumns   = 6
	defaultCustomEmoji = "🗂️"
)

// Format is a retrospective layout: an ordered list of zones cards go into.
// Names hold one string per language ("en", "fr"). A board keeps its whole
// Format, so custom formats survive serialisation.
type Format struct {
	ID    string            `json:"id"`
	Name  map[string]string `json:"name"`
	Zones []Zone            `json:"zones"`
}

// Zone is one column / area of a format (the wind of the sailboat, "Stop"
// of start-stop-continue…). Prompt is the question it asks, per language.
type Zone struct {
	ID     string            `json:"id"`
	Emoji  string            `json:"emoji"`
	Name   map[string]string `json:"name"`
	Prompt map[string]string `json:"prompt"`
}

// Title is the format's name in lang (English when lang is unknown).
func (f Format) Title(lang string) string { return pick(f.Name, lang) }

// Zone returns the zone with this ID and whether it exists.
func (f Format) Zone(id string) (Zone, bool) {
	for _, z := range f.Zones {
		if z.ID == id {
			return z, true
		}
	}
	return Zone{}, false
}

// Label is the zone's name in lang.
func (z Zone) Label(lang string) string { return pick(z.Name, lang) }

// Question is the zone's prompt in lang.
func (z Zone) Question(lang string) string { return pick(z.Prompt, lang) }

// Formats returns the built-in formats in display order (the sailboat
// first). Custom formats are built with CustomFormat. The result is a fresh
// copy the caller may modify.
func Formats() []Format {
	out := make([]Format, len(builtinFormats))
	for i, f := range builtinFormats {
		out[i] = f.clone()
	}
	return out
}

// FormatByID returns the built-in format with this exact ID.
func FormatByID(id string) (Format, bool) {
	for _, f := range builtinFormats {
		if f.ID == id {
			return f.clone(), true
		}
	}
	return Format{}, false
}

// clone deep-copies f so callers cannot change the catalogue.
func (f Format) clone() Format {
	c := Format{ID: f.ID, Name: maps.Clone(f.Name), Zones: make([]Zone, len(f.Zones))}
	for i, z := range f.Zones {
		c.Zones[i] = Zone{ID: z.ID, Emoji: z.Emoji, Name: maps.Clone(z.Name), Prompt: maps.Clone(z.Prompt)}
	}
	return c
}

// tr builds a two-language text.
func tr(en, fr string) map[string]string { return map[string]string{LangEN: en, LangFR: fr} }
