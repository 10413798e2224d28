package coaching

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"ctocoach/retro"
	"ctocoach/routine"
)

// Mastermind limits.
const (
	MaxMastermindActions = 100 // actions kept per group (the oldest go first)
	MaxActionTextLen     = 300 // characters of one action
)

// MastermindAction is an action a member took at a session, followed up
// first thing at the next one.
type MastermindAction struct {
	Owner string `json:"owner"`
	Text  string `json:"text"`
	// Session is the session it was taken at.
	Session time.Time `json:"session"`
	Done    bool      `json:"done,omitempty"`
}

// Mastermind is a peer group meeting monthly in a channel, with a rotating
// presenter.
type Mastermind struct {
	Channel string   `json:"channel"`
	Members []string `json:"members"`
	// Weekday, WeekOfMonth (1..4), Hour and Minute place the monthly
	// session in TZ: "the 2nd Thursday at 18:30".
	Weekday     time.Weekday `json:"weekday"`
	WeekOfMonth int          `json:"week_of_month"`
	Hour        int          `json:"hour"`
	Minute      int          `json:"minute"`
	TZ          string       `json:"tz"`
	// Presenters is who presented, oldest first (the rotation's history).
	Presenters []string           `json:"presenters,omitempty"`
	Actions    []MastermindAction `json:"actions,omitempty"`
	// Last is the last session held (zero before the first).
	Last time.Time `json:"last,omitzero"`
	// LastSession is the plan of that session, posted again on a retry.
	LastSession *Session  `json:"last_session,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	// CreatedBy is the member who set the group up.
	CreatedBy string `json:"created_by"`
	// Lang is the language the group's session posts are written in (its
	// creator's).
	Lang string `json:"lang,omitempty"`
}

// Validate checks the group against the format's rules: MinMembers to
// MaxMembers distinct members (6–8), a week of the month 1..4, a time and
// a zone.
func (m Mastermind) Validate(r MastermindRules) error {
	members := slices.Compact(slices.Sorted(slices.Values(m.Members)))
	if slices.Contains(members, "") || len(members) != len(m.Members) {
		return fmt.Errorf("coaching: mastermind %s: empty or repeated member: %w", m.Channel, ErrInvalid)
	}
	if n := len(members); n < r.MinMembers || n > r.MaxMembers {
		return fmt.Errorf("coaching: mastermind %s: %d members, want %d to %d: %w", m.Channel, n, r.MinMembers, r.MaxMembers, ErrInvalid)
	}
	if m.WeekOfMonth < 1 || m.WeekOfMonth > 4 || m.Weekday < time.Sunday || m.Weekday > time.Saturday || m.Hour < 0 || m.Hour > 23 || m.Minute < 0 || m.Minute > 59 {
		return fmt.Errorf("coaching: mastermind %s: schedule: %w", m.Channel, ErrInvalid)
	}
	if _, err := (routine.Settings{TZ: m.TZ}).Location(); err != nil {
		return fmt.Errorf("coaching: mastermind %s: zone %q: %w", m.Channel, m.TZ, ErrInvalid)
	}
	return nil
}

// everyDay are the working days of a group's schedule: a group meets on
// the day it chose, whatever any member's working days.
var everyDay = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}

// NextSession returns the first session strictly after `after`: the n-th
// weekday of the month at the group's time in its zone. It is
// routine.Next on a monthly routine with that week of the month, quiet
// hours off and every day a working day, so daylight saving is handled as
// for routines.
func (m Mastermind) NextSession(after time.Time) (time.Time, bool) {
	r := routine.Routine{
		ID:          "coaching-mastermind",
		Cron:        fmt.Sprintf("%d %d * * %d", m.Minute, m.Hour, int(m.Weekday)),
		WeekOfMonth: m.WeekOfMonth,
		Hour:        m.Hour,
		Minute:      m.Minute,
	}
	return routine.Next(r, routine.Settings{TZ: m.TZ, WorkingDays: everyDay, QuietStart: "00:00", QuietEnd: "00:00"}, after)
}

// NextPresenter is who presents next: retro's facilitator rotation
// (round-robin over the members in id order after the last presenter,
// skipping those away).
func (m Mastermind) NextPresenter(away map[string]bool) string {
	return retro.NextFacilitator(m.Members, m.Presenters, away)
}

// Session is one monthly meeting's plan.
type Session struct {
	At        time.Time `json:"at"`
	Presenter string    `json:"presenter"`
	// FollowUp are last session's actions, followed up first.
	FollowUp []MastermindAction `json:"follow_up,omitempty"`
	// PresenterMinutes and DiscussionMinutes are the format's 20 + 40.
	PresenterMinutes  int `json:"presenter_minutes"`
	DiscussionMinutes int `json:"discussion_minutes"`
}

// PlanSession plans the session at `at`: the next presenter, and the
// actions taken at the last session that are not done yet.
func (m Mastermind) PlanSession(at time.Time, r MastermindRules, away map[string]bool) Session {
	s := Session{At: at, Presenter: m.NextPresenter(away), PresenterMinutes: r.Minutes.Presenter, DiscussionMinutes: r.Minutes.Discussion}
	for _, a := range m.Actions {
		if !a.Done && !m.Last.IsZero() && a.Session.Equal(m.Last) {
			s.FollowUp = append(s.FollowUp, a)
		}
	}
	return s
}

// Held records session s as held: the presenter joins the rotation's
// history (kept to the last 24) and Last moves to s.At.
func (m Mastermind) Held(s Session) Mastermind {
	m.Presenters = append(slices.Clone(m.Presenters), s.Presenter)
	if len(m.Presenters) > 24 {
		m.Presenters = m.Presenters[len(m.Presenters)-24:]
	}
	m.Last = s.At
	m.LastSession = &s
	return m
}

// AddAction records an action a member takes at the last session.
func (m Mastermind) AddAction(owner, text string) (Mastermind, error) {
	text = strings.TrimSpace(text)
	switch {
	case !slices.Contains(m.Members, owner):
		return m, fmt.Errorf("coaching: mastermind %s: %s is not a member: %w", m.Channel, owner, ErrInvalid)
	case text == "":
		return m, fmt.Errorf("coaching: mastermind action: %w", ErrEmpty)
	case utf8.RuneCountInString(text) > MaxActionTextLen:
		return m, fmt.Errorf("coaching: mastermind action over %d characters: %w", MaxActionTextLen, ErrTooLong)
	}
	m.Actions = append(slices.Clone(m.Actions), MastermindAction{Owner: owner, Text: text, Session: m.Last})
	if len(m.Actions) > MaxMastermindActions {
		m.Actions = m.Actions[len(m.Actions)-MaxMastermindActions:]
	}
	return m, nil
}

// Without removes a user from the group: membership, rotation history,
// actions and creator (for /cto forget).
func (m Mastermind) Without(user string) Mastermind {
	m.Members = slices.DeleteFunc(slices.Clone(m.Members), func(u string) bool { return u == user })
	m.Presenters = slices.DeleteFunc(slices.Clone(m.Presenters), func(u string) bool { return u == user })
	m.Actions = slices.DeleteFunc(slices.Clone(m.Actions), func(a MastermindAction) bool { return a.Owner == user })
	if m.CreatedBy == user {
		m.CreatedBy = ""
	}
	if m.LastSession != nil {
		ls := *m.LastSession
		if ls.Presenter == user {
			ls.Presenter = ""
		}
		ls.FollowUp = slices.DeleteFunc(slices.Clone(ls.FollowUp), func(a MastermindAction) bool { return a.Owner == user })
		m.LastSession = &ls
	}
	return m
}
