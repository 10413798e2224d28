package coaching

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// programmesYAML is the catalogue of guided programmes, reflection prompts,
// budget ranges and mastermind rules.
//
//go:embed programmes.yaml
var programmesYAML []byte

// Text is one text in both languages.
type Text struct {
	EN string `yaml:"en" json:"en"`
	FR string `yaml:"fr" json:"fr"`
}

// In returns the text in lang ("fr" or anything else for English).
func (t Text) In(lang string) string {
	if lang == "fr" {
		return t.FR
	}
	return t.EN
}

func (t Text) complete() bool { return strings.TrimSpace(t.EN) != "" && strings.TrimSpace(t.FR) != "" }

// Item is one line of a step's checklist or agenda.
type Item struct {
	Text `yaml:",inline"`
	// Minutes is the item's length in an agenda (0 when it is not timed).
	Minutes int `yaml:"minutes" json:"minutes,omitempty"`
}

// FieldKind is the kind of a step's form field.
type FieldKind string

// The form field kinds.
const (
	FieldText   FieldKind = "text"   // one line of text
	FieldList   FieldKind = "list"   // several lines, one value each
	FieldChoose FieldKind = "choose" // a subset of an earlier field's answers (or of the step's items)
	FieldPerson FieldKind = "person" // a Slack user id or a name
	FieldNumber FieldKind = "number" // a whole number
)

// Field is one question of a step's form. Its answers are kept on the
// enrolment under its id and shown back by later steps that list it in
// Show.
type Field struct {
	ID    string    `yaml:"id" json:"id"`
	Kind  FieldKind `yaml:"kind" json:"kind"`
	Label Text      `yaml:"label" json:"label"`
	// From, for FieldChoose, is the field whose answers are the choices,
	// or "items" for the step's own items.
	From string `yaml:"from" json:"from,omitempty"`
	// Max bounds the number of values (list, choose); 0 means MaxValues.
	Max int `yaml:"max" json:"max,omitempty"`
}

// Offset is a step's distance from the programme's start: calendar months
// and days in the user's zone, then hours.
type Offset struct {
	Months int `yaml:"months" json:"months,omitempty"`
	Days   int `yaml:"days" json:"days,omitempty"`
	Hours  int `yaml:"hours" json:"hours,omitempty"`
}

func (o Offset) zero() bool { return o == Offset{} }

// Repeat makes a step come back Count times in all, Every apart.
type Repeat struct {
	Every Offset `yaml:"every" json:"every"`
	Count int    `yaml:"count" json:"count"`
}

// Step is one message of a programme.
type Step struct {
	ID     string  `yaml:"id" json:"id"`
	Offset Offset  `yaml:"offset" json:"offset"`
	Repeat *Repeat `yaml:"repeat" json:"repeat,omitempty"`
	Title  Text    `yaml:"title" json:"title"`
	Prompt Text    `yaml:"prompt" json:"prompt"`
	Action Text    `yaml:"action" json:"action"`
	Items  []Item  `yaml:"items" json:"items,omitempty"`
	Fields []Field `yaml:"fields" json:"fields,omitempty"`
	// Show lists earlier fields whose answers the step shows back.
	Show []string `yaml:"show" json:"show,omitempty"`
}

// Field returns the step's field with that id.
func (s Step) Field(id string) (Field, bool) {
	i := slices.IndexFunc(s.Fields, func(f Field) bool { return f.ID == id })
	if i < 0 {
		return Field{}, false
	}
	return s.Fields[i], true
}

// Times is how many times the step is sent (1 unless it repeats).
func (s Step) Times() int {
	if s.Repeat == nil {
		return 1
	}
	return s.Repeat.Count
}

// Start says what starts a programme.
type Start string

// The starts of a programme.
const (
	// StartEnrol: the user enrols (from /cto programs or App Home).
	StartEnrol Start = "enrol"
	// StartRoutineDone: the user marks the Trigger routine done; each
	// time is a new run of the programme.
	StartRoutineDone Start = "routine-done"
)

// Programme is one guided programme.
type Programme struct {
	ID      string `yaml:"id" json:"id"`
	Start   Start  `yaml:"start" json:"start"`
	Trigger string `yaml:"trigger" json:"trigger,omitempty"`
	Title   Text   `yaml:"title" json:"title"`
	Summary Text   `yaml:"summary" json:"summary"`
	Steps   []Step `yaml:"steps" json:"steps"`
}

// Step returns the programme's step with that id.
func (p Programme) Step(id string) (Step, bool) {
	i := slices.IndexFunc(p.Steps, func(s Step) bool { return s.ID == id })
	if i < 0 {
		return Step{}, false
	}
	return p.Steps[i], true
}

// Range is a typical yearly amount, in thousands of euros (or a
// percentage for the salary share).
type Range struct {
	Min int `yaml:"min" json:"min"`
	Max int `yaml:"max" json:"max"`
}

// Category is one budget category and its typical yearly range.
type Category struct {
	ID    string `yaml:"id" json:"id"`
	Range Range  `yaml:"range" json:"range"`
	Text  `yaml:",inline"`
}

// BudgetRanges are the typical yearly figures of a CTO's development budget.
type BudgetRanges struct {
	Currency    string     `yaml:"currency" json:"currency"`
	Total       Range      `yaml:"total" json:"total"`
	SalaryShare Range      `yaml:"salary_share" json:"salary_share"`
	Categories  []Category `yaml:"categories" json:"categories"`
}

// MastermindRules are the mastermind format's figures and rules.
type MastermindRules struct {
	MinMembers int `yaml:"min_members" json:"min_members"`
	MaxMembers int `yaml:"max_members" json:"max_members"`
	Minutes    struct {
		Presenter  int `yaml:"presenter" json:"presenter"`
		Discussion int `yaml:"discussion" json:"discussion"`
	} `yaml:"minutes" json:"minutes"`
	TrialMonths int    `yaml:"trial_months" json:"trial_months"`
	Rules       []Text `yaml:"rules" json:"rules"`
}

// ReflectionPrompt is one of the weekly review's rotating questions.
type ReflectionPrompt struct {
	ID   string `yaml:"id" json:"id"`
	Text `yaml:",inline"`
}

// Catalogue is the validated, read-only content of programmes.yaml.
type Catalogue struct {
	Source     string             `yaml:"source"`
	Reflection []ReflectionPrompt `yaml:"reflection"`
	Budget     BudgetRanges       `yaml:"budget"`
	Mastermind MastermindRules    `yaml:"mastermind"`
	Programmes []Programme        `yaml:"programmes"`
}

// Programme returns the programme with that id.
func (c *Catalogue) Programme(id string) (Programme, bool) {
	i := slices.IndexFunc(c.Programmes, func(p Programme) bool { return p.ID == id })
	if i < 0 {
		return Programme{}, false
	}
	return c.Programmes[i], true
}

// Triggered returns the programmes started when routine id is marked done.
func (c *Catalogue) Triggered(routineID string) []Programme {
	var out []Programme
	for _, p := range c.Programmes {
		if p.Start == StartRoutineDone && p.Trigger == routineID {
			out = append(out, p)
		}
	}
	return out
}

var (
	loadOnce sync.Once
	loaded   *Catalogue
	loadErr  error
)

// LoadCatalogue parses and validates the embedded programmes.yaml (once).
func LoadCatalogue() (*Catalogue, error) {
	loadOnce.Do(func() { loaded, loadErr = ParseCatalogue(programmesYAML) })
	return loaded, loadErr
}

// ParseCatalogue parses and validates a catalogue in the layout of
// programmes.yaml: unknown fields are rejected; ids are unique; every text
// exists in both languages; steps are in offset order; a choose field
// chooses from an earlier field or the step's items; shown fields exist
// in an earlier (or the same, for a repeating step) step; four reflection
// prompts; budget categories and ranges ordered.
func ParseCatalogue(data []byte) (*Catalogue, error) {
	var c Catalogue
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("coaching: parse programmes: %w", err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("coaching: parse programmes: %w", err)
	}
	return &c, nil
}

func (c *Catalogue) validate() error {
	if len(c.Reflection) != 4 {
		return fmt.Errorf("want 4 reflection prompts, got %d", len(c.Reflection))
	}
	for _, r := range c.Reflection {
		if r.ID == "" || !r.complete() {
			return fmt.Errorf("reflection prompt %q: id and both languages required", r.ID)
		}
	}
	b := c.Budget
	if b.Total.Min <= 0 || b.Total.Min > b.Total.Max || b.SalaryShare.Min <= 0 || b.SalaryShare.Min > b.SalaryShare.Max || len(b.Categories) == 0 {
		return fmt.Errorf("budget: ranges and categories required")
	}
	for _, cat := range b.Categories {
		if cat.ID == "" || !cat.complete() || cat.Range.Min <= 0 || cat.Range.Min > cat.Range.Max {
			return fmt.Errorf("budget category %q: id, both languages and an ordered range required", cat.ID)
		}
	}
	m := c.Mastermind
	if m.MinMembers < 2 || m.MinMembers > m.MaxMembers || m.Minutes.Presenter <= 0 || m.Minutes.Discussion <= 0 || len(m.Rules) == 0 {
		return fmt.Errorf("mastermind: sizes, minutes and rules required")
	}
	for i, r := range m.Rules {
		if !r.complete() {
			return fmt.Errorf("mastermind rule %d: both languages required", i+1)
		}
	}
	seen := map[string]bool{}
	for _, p := range c.Programmes {
		if p.ID == "" || seen[p.ID] {
			return fmt.Errorf("programme %q: empty or duplicate id", p.ID)
		}
		seen[p.ID] = true
		if err := p.validate(); err != nil {
			return fmt.Errorf("programme %s: %w", p.ID, err)
		}
	}
	if len(c.Programmes) == 0 {
		return fmt.Errorf("no programmes")
	}
	return nil
}

func (p Programme) validate() error {
	switch p.Start {
	case StartEnrol:
		if p.Trigger != "" {
			return fmt.Errorf("trigger %q on a programme started by enrolment", p.Trigger)
		}
	case StartRoutineDone:
		if p.Trigger == "" {
			return fmt.Errorf("a routine-done programme needs a trigger")
		}
	default:
		return fmt.Errorf("start %q: want enrol or routine-done", p.Start)
	}
	if !p.Title.complete() || !p.Summary.complete() || len(p.Steps) == 0 {
		return fmt.Errorf("title, summary (both languages) and steps required")
	}
	fields := map[string]bool{}
	steps := map[string]bool{}
	var prev Offset
	for i, s := range p.Steps {
		if s.ID == "" || steps[s.ID] {
			return fmt.Errorf("step %d: empty or duplicate id %q", i+1, s.ID)
		}
		steps[s.ID] = true
		if !s.Title.complete() || !s.Prompt.complete() || !s.Action.complete() {
			return fmt.Errorf("step %s: title, prompt and action in both languages required", s.ID)
		}
		if s.Offset.Months < 0 || s.Offset.Days < 0 || s.Offset.Hours < 0 || (i > 0 && !later(s.Offset, prev)) {
			return fmt.Errorf("step %s: offsets must grow from one step to the next", s.ID)
		}
		prev = s.Offset
		if s.Repeat != nil && (s.Repeat.Count < 2 || s.Repeat.Every.zero() || s.Repeat.Every.Months < 0 || s.Repeat.Every.Days < 0 || s.Repeat.Every.Hours < 0) {
			return fmt.Errorf("step %s: a repeat needs a count of at least 2 and a positive interval", s.ID)
		}
		if s.Repeat != nil && i != len(p.Steps)-1 {
			return fmt.Errorf("step %s: only the last step may repeat", s.ID)
		}
		for _, it := range s.Items {
			if !it.complete() || it.Minutes < 0 {
				return fmt.Errorf("step %s: items need both languages", s.ID)
			}
		}
		own := map[string]bool{}
		for _, f := range s.Fields {
			if f.ID == "" || f.ID == "items" || own[f.ID] || !f.Label.complete() || f.Max < 0 || f.Max > MaxValues {
				return fmt.Errorf("step %s: field %q: id, both labels and max 0..%d required, ids unique", s.ID, f.ID, MaxValues)
			}
			own[f.ID] = true
			switch f.Kind {
			case FieldText, FieldList, FieldPerson, FieldNumber:
				if f.From != "" {
					return fmt.Errorf("step %s: field %s: only choose fields have from", s.ID, f.ID)
				}
			case FieldChoose:
				if (f.From == "items" && len(s.Items) == 0) || (f.From != "items" && !fields[f.From]) {
					return fmt.Errorf("step %s: field %s chooses from %q, which no earlier step asks", s.ID, f.ID, f.From)
				}
			default:
				return fmt.Errorf("step %s: field %s: kind %q", s.ID, f.ID, f.Kind)
			}
		}
		for _, id := range s.Show {
			if !fields[id] && !(s.Repeat != nil && own[id]) {
				return fmt.Errorf("step %s shows %q, which no earlier step asks", s.ID, id)
			}
		}
		for id := range own {
			fields[id] = true
		}
	}
	return nil
}

// later reports whether offset a comes strictly after b, comparing months,
// then days, then hours (a month is longer than any days offset used).
func later(a, b Offset) bool {
	if a.Months != b.Months {
		return a.Months > b.Months
	}
	if a.Days != b.Days {
		return a.Days > b.Days
	}
	return a.Hours > b.Hours
}
