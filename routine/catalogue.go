package routine

import (
	"bytes"
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"

	"ctocoach/knowledge"
)

// Cadence is how often a routine comes back.
type Cadence string

// The cadences of the catalogue. A routine's id starts with its cadence and
// a dash ("weekly-coffee"), which LoadCatalogue enforces.
const (
	Weekly    Cadence = "weekly"
	Monthly   Cadence = "monthly"
	Quarterly Cadence = "quarterly"
)

// Who says whom a routine's nudge names.
type Who string

// The people a nudge can name.
const (
	// WhoNone names nobody.
	WhoNone Who = "none"
	// WhoRosterOne names one teammate from the roster (see PickCoffee).
	WhoRosterOne Who = "roster-one"
	// WhoRosterSkipLevel names two or three N-2 from the roster (see PickSkipLevel).
	WhoRosterSkipLevel Who = "roster-skip-level"
	// WhoContactOverdue names the most overdue contact of the network list (see Overdue).
	WhoContactOverdue Who = "contact-overdue"
)

// Wording is a routine's text in one language.
type Wording struct {
	// Title is the nudge's headline.
	Title string `json:"title" yaml:"title"`
	// Text is one or two sentences saying what to do.
	Text string `json:"text" yaml:"text"`
	// DonePrompt is asked when the user marks the routine done.
	DonePrompt string `json:"done_prompt" yaml:"done_prompt"`
}

// Routine is one entry of the catalogue.
type Routine struct {
	// ID is unique and starts with the cadence ("monthly-skip-level").
	ID string `json:"id" yaml:"id"`
	// Cadence is weekly, monthly or quarterly.
	Cadence Cadence `json:"cadence" yaml:"cadence"`
	// Cron is a robfig/cron 5-field spec (minute hour dom month dow) in the
	// user's local time, e.g. "30 9 * * MON".
	Cron string `json:"cron" yaml:"cron"`
	// WeekOfMonth (1..4) keeps, for monthly and quarterly routines, only the
	// occurrences on days 1-7, 8-14, 15-21 or 22-28 of the month.
	WeekOfMonth int `json:"week_of_month,omitempty" yaml:"week_of_month"`
	// MonthOfQuarter (1..3) keeps, for quarterly routines, only the
	// occurrences in that month of each quarter (1 = Jan, Apr, Jul, Oct).
	MonthOfQuarter int `json:"month_of_quarter,omitempty" yaml:"month_of_quarter"`
	// Hour is the default local hour; it matches the cron hour field.
	Hour int `json:"hour" yaml:"hour"`
	// Minute is the default local minute; it matches the cron minute field.
	Minute int `json:"minute" yaml:"minute"`
	// Who says whom the nudge names.
	Who Who `json:"who" yaml:"who"`
	// Cards are the ids of the advice cards the nudge links to.
	Cards []string `json:"cards" yaml:"cards"`
	// Checkups are self-check checklists the nudge offers to open
	// (knowledge/checkups.yaml ids), for the monthly check-in.
	Checkups []string `json:"checkups,omitempty" yaml:"checkups"`
	// EN is the English wording.
	EN Wording `json:"en" yaml:"en"`
	// FR is the French wording.
	FR Wording `json:"fr" yaml:"fr"`
}

// In returns the routine's wording in lang ("fr" or "en"); any other
// language gets English.
func (r Routine) In(lang string) Wording {
	if lang == "fr" {
		return r.FR
	}
	return r.EN
}

// Catalogue is the validated, read-only list of routines.
type Catalogue struct {
	routines []Routine
	byID     map[string]int
}

// catalogueFile is the YAML layout of the catalogue.
type catalogueFile struct {
	Routines []Routine `yaml:"routines"`
}

// LoadCatalogue parses and validates the embedded catalogue
// (knowledge.RoutinesYAML).
func LoadCatalogue() (*Catalogue, error) {
	return ParseCatalogue(knowledge.RoutinesYAML)
}

// ParseCatalogue parses and validates a catalogue in the YAML layout of
// knowledge/routines.yaml: unknown fields are rejected, ids must be unique,
// every cron spec must parse, and both languages must be complete.
func ParseCatalogue(data []byte) (*Catalogue, error) {
	var f catalogueFile
	if err := decodeStrict(data, &f); err != nil {
		return nil, fmt.Errorf("routine: parse catalogue: %w", err)
	}
	if len(f.Routines) == 0 {
		return nil, fmt.Errorf("routine: parse catalogue: no routines")
	}
	c := &Catalogue{routines: f.Routines, byID: make(map[string]int, len(f.Routines))}
	for i, r := range f.Routines {
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("routine: parse catalogue: entry %d: %w", i+1, err)
		}
		if _, dup := c.byID[r.ID]; dup {
			return nil, fmt.Errorf("routine: parse catalogue: duplicate id %q", r.ID)
		}
		c.byID[r.ID] = i
	}
	return c, nil
}

// ByID returns the routine with that id.
func (c *Catalogue) ByID(id string) (Routine, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Routine{}, false
	}
	return c.routines[i], true
}

// All returns every routine, in catalogue order. The slice is a copy.
func (c *Catalogue) All() []Routine {
	return slices.Clone(c.routines)
}

// ByCadence returns the routines of one cadence, in catalogue order.
func (c *Catalogue) ByCadence(cad Cadence) []Routine {
	var out []Routine
	for _, r := range c.routines {
		if r.Cadence == cad {
			out = append(out, r)
		}
	}
	return out
}

// decodeStrict decodes YAML, rejecting unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	return dec.Decode(v)
}
