package coaching

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"ctocoach/routine"
)

// Limits of form answers, which bound an enrolment's size.
const (
	MaxValues     = 40  // values of one field
	MaxValueText  = 200 // characters of one value
	MaxLaterTimes = 5   // "Later" presses on one step before it is only kept on App Home
)

// LaterDelay is how long "Later" puts a step off: to the user's slot on
// the next allowed day.
const LaterDelay = 24 * time.Hour

// EnrolStatus is where an enrolment stands.
type EnrolStatus string

// The statuses of an enrolment.
const (
	EnrolActive    EnrolStatus = "active"
	EnrolStopped   EnrolStatus = "stopped"
	EnrolCompleted EnrolStatus = "completed"
)

// Occurrence is one sending of a step: a step that repeats has several.
type Occurrence struct {
	// Seq numbers the programme's occurrences from 1.
	Seq int `json:"seq"`
	// Step is the step id.
	Step string `json:"step"`
	// N is the step's repetition, from 1.
	N int `json:"n"`
	// Offset is the occurrence's distance from the start.
	Offset Offset `json:"offset"`
}

// Occurrences lists the programme's sendings in order.
func (p Programme) Occurrences() []Occurrence {
	var out []Occurrence
	for _, s := range p.Steps {
		for n := range s.Times() {
			o := s.Offset
			if s.Repeat != nil {
				o = Offset{Months: o.Months + n*s.Repeat.Every.Months, Days: o.Days + n*s.Repeat.Every.Days, Hours: o.Hours + n*s.Repeat.Every.Hours}
			}
			out = append(out, Occurrence{Seq: len(out) + 1, Step: s.ID, N: n + 1, Offset: o})
		}
	}
	return out
}

// Occurrence returns occurrence seq (1-based).
func (p Programme) Occurrence(seq int) (Occurrence, bool) {
	occ := p.Occurrences()
	if seq < 1 || seq > len(occ) {
		return Occurrence{}, false
	}
	return occ[seq-1], true
}

// StepDue returns when occurrence o of a programme started at start
// reaches the user. The offset's months and days are added on the user's
// calendar (a month from 31 January is the last day of February); an
// offset without hours then arrives at the user's slot that day (Slot: their
// hour, moved to a working day, out of quiet hours, past a pause); an
// offset with hours is that instant, moved the same way (SlotAt). It
// returns false for settings that allow no moment.
func StepDue(o Offset, start time.Time, s routine.Settings) (time.Time, bool) {
	loc, err := s.Location()
	if err != nil {
		return time.Time{}, false
	}
	t := addMonths(start.In(loc), o.Months).AddDate(0, 0, o.Days)
	if o.Hours == 0 {
		return Slot(s, t)
	}
	return SlotAt(s, t.Add(time.Duration(o.Hours)*time.Hour))
}

// addMonths adds n calendar months, clamping the day to the month's end.
func addMonths(t time.Time, n int) time.Time {
	if n == 0 {
		return t
	}
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// StepRecord is what the user did with one occurrence.
type StepRecord struct {
	Seq int `json:"seq"`
	// Done is when the user pressed Done (zero if not yet).
	Done time.Time `json:"done,omitzero"`
	// Later counts the "Later" presses.
	Later int `json:"later,omitempty"`
}

// Enrolment is a user's run of one programme.
type Enrolment struct {
	Programme string `json:"programme"`
	// Start is when the run started (enrolment, or the trigger routine
	// marked done); its Unix time names the run in task ids.
	Start  time.Time   `json:"start"`
	Status EnrolStatus `json:"status"`
	// Lang is the language the steps are sent in.
	Lang string `json:"lang"`
	// Pending is the occurrence planned next (0 when none is).
	Pending int `json:"pending,omitempty"`
	// Sent is the last occurrence sent (0 before the first).
	Sent int `json:"sent,omitempty"`
	// Steps records Done and Later per occurrence, by seq.
	Steps []StepRecord `json:"steps,omitempty"`
	// Answers are the form answers by field id; a later answer to the same
	// field (a repeating step) replaces the earlier one.
	Answers map[string][]string `json:"answers,omitempty"`
	// EndedAt is when it was stopped or completed.
	EndedAt time.Time `json:"ended_at,omitzero"`
}

// Run names the run: the start's Unix seconds.
func (e Enrolment) Run() int64 { return e.Start.Unix() }

// NewEnrolment starts programme p at start; the first occurrence is pending.
func NewEnrolment(p Programme, start time.Time, lang string) Enrolment {
	if lang != "fr" {
		lang = "en"
	}
	return Enrolment{Programme: p.ID, Start: start, Status: EnrolActive, Lang: lang, Pending: 1}
}

// record returns the record of occurrence seq, adding it when missing.
func (e *Enrolment) record(seq int) *StepRecord {
	for i := range e.Steps {
		if e.Steps[i].Seq == seq {
			return &e.Steps[i]
		}
	}
	e.Steps = append(e.Steps, StepRecord{Seq: seq})
	return &e.Steps[len(e.Steps)-1]
}

// Record returns what the user did with occurrence seq.
func (e Enrolment) Record(seq int) StepRecord {
	for _, r := range e.Steps {
		if r.Seq == seq {
			return r
		}
	}
	return StepRecord{Seq: seq}
}

// clone copies the slices and map so updates do not alias the original.
func (e Enrolment) clone() Enrolment {
	e.Steps = slices.Clone(e.Steps)
	if e.Answers != nil {
		a := make(map[string][]string, len(e.Answers))
		for k, v := range e.Answers {
			a[k] = slices.Clone(v)
		}
		e.Answers = a
	}
	return e
}

// Arrive applies the arrival of occurrence seq's task of run `run`, as
// Commitment.FollowUpDue does: the decision says whether to send; on
// FollowUpSend the next occurrence (if any) becomes Pending, and a
// programme whose last occurrence is sent is completed.
func (e Enrolment) Arrive(p Programme, run int64, seq int, now time.Time) (Enrolment, FollowUp) {
	switch {
	case e.Status == EnrolStopped || run != e.Run():
		return e, FollowUpStale
	case seq != 0 && seq == e.Sent:
		return e, FollowUpResend
	case e.Status != EnrolActive || seq != e.Pending:
		return e, FollowUpStale
	}
	e = e.clone()
	e.Sent = seq
	if seq < len(p.Occurrences()) {
		e.Pending = seq + 1
	} else {
		e.Pending, e.Status, e.EndedAt = 0, EnrolCompleted, now
	}
	return e, FollowUpSend
}

// Complete records Done on occurrence seq with the form's answers, checked
// against the step's fields (see CheckAnswers). Answering an occurrence
// already done replaces its answers (the user edits them).
func (e Enrolment) Complete(p Programme, seq int, answers map[string][]string, now time.Time) (Enrolment, error) {
	o, ok := p.Occurrence(seq)
	if !ok || seq > max(e.Sent, 1) {
		return e, fmt.Errorf("coaching: complete %s step %d: %w", p.ID, seq, ErrInvalid)
	}
	if e.Status == EnrolStopped {
		return e, fmt.Errorf("coaching: complete %s step %d: %w", p.ID, seq, ErrNotEnrolled)
	}
	step, _ := p.Step(o.Step)
	clean, err := CheckAnswers(step, e.Answers, answers)
	if err != nil {
		return e, fmt.Errorf("coaching: complete %s step %s: %w", p.ID, step.ID, err)
	}
	e = e.clone()
	if e.Answers == nil {
		e.Answers = map[string][]string{}
	}
	for k, v := range clean {
		e.Answers[k] = v
	}
	r := e.record(seq)
	if r.Done.IsZero() {
		r.Done = now
	}
	return e, nil
}

// Later records a "Later" press on occurrence seq and returns when to send
// it again (the user's slot on the next allowed day), or false once
// MaxLaterTimes is reached (the step stays on App Home).
func (e Enrolment) Later(seq int, now time.Time, s routine.Settings) (Enrolment, time.Time, bool) {
	e = e.clone()
	r := e.record(seq)
	if r.Later >= MaxLaterTimes || !r.Done.IsZero() {
		return e, time.Time{}, false
	}
	r.Later++
	at, ok := Slot(s, now.Add(LaterDelay))
	return e, at, ok
}

// Stop ends the enrolment: nothing more is sent.
func (e Enrolment) Stop(now time.Time) Enrolment {
	if e.Status == EnrolActive {
		e.Status, e.EndedAt = EnrolStopped, now
	}
	e.Pending = 0
	return e
}

// CheckAnswers cleans the answers to step's fields: values are trimmed,
// blanks dropped; text, person and number take one value, list and choose
// up to the field's Max (MaxValues by default); a value is at most
// MaxValueText characters; a number is a whole number; a choose value is
// one of the source field's earlier answers (prev) or, from "items", an
// item's number (1-based). Unknown fields are ErrInvalid.
func CheckAnswers(step Step, prev, answers map[string][]string) (map[string][]string, error) {
	out := map[string][]string{}
	for id, vals := range answers {
		f, ok := step.Field(id)
		if !ok {
			return nil, fmt.Errorf("field %q: %w", id, ErrInvalid)
		}
		var clean []string
		for _, v := range vals {
			v = strings.TrimSpace(v)
			if v == "" {
				continue
			}
			if utf8.RuneCountInString(v) > MaxValueText {
				return nil, fmt.Errorf("field %s: a value over %d characters: %w", id, MaxValueText, ErrTooLong)
			}
			if !slices.Contains(clean, v) {
				clean = append(clean, v)
			}
		}
		limit := f.Max
		if limit == 0 {
			limit = MaxValues
		}
		switch f.Kind {
		case FieldText, FieldPerson, FieldNumber:
			limit = 1
		}
		if len(clean) > limit {
			return nil, fmt.Errorf("field %s: %d values, at most %d: %w", id, len(clean), limit, ErrTooLong)
		}
		for _, v := range clean {
			switch {
			case f.Kind == FieldNumber:
				if _, err := strconv.Atoi(v); err != nil {
					return nil, fmt.Errorf("field %s: %q is not a whole number: %w", id, v, ErrInvalid)
				}
			case f.Kind == FieldChoose && f.From == "items":
				n, err := strconv.Atoi(v)
				if err != nil || n < 1 || n > len(step.Items) {
					return nil, fmt.Errorf("field %s: item %q: %w", id, v, ErrInvalid)
				}
			case f.Kind == FieldChoose:
				if !slices.Contains(prev[f.From], v) {
					return nil, fmt.Errorf("field %s: %q is not among the answers to %s: %w", id, v, f.From, ErrInvalid)
				}
			}
		}
		out[id] = clean
	}
	return out, nil
}

// Shown is an earlier answer a step shows back.
type Shown struct {
	Field  Field    `json:"field"`
	Values []string `json:"values"`
}

// ShowBack returns the answers step shows back (its Show list), in order,
// with the field that asked them (its label, for the Slack side); fields
// not answered yet are left out. For a choose field from "items", values
// are item numbers.
func ShowBack(p Programme, step Step, answers map[string][]string) []Shown {
	var out []Shown
	for _, id := range step.Show {
		vals := answers[id]
		if len(vals) == 0 {
			continue
		}
		var field Field
		for _, s := range p.Steps {
			if f, ok := s.Field(id); ok {
				field = f
				break
			}
		}
		out = append(out, Shown{Field: field, Values: slices.Clone(vals)})
	}
	return out
}
