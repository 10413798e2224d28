package routine

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// MaxContacts is the 150 rule: keep regular contact with at most about
// 150 people.
const MaxContacts = 150

// MaxContactName is the longest contact name accepted, in characters.
const MaxContactName = 80

// Tier is how close a contact is: 1 is seen monthly, 2 quarterly, 3 yearly.
type Tier int

// The tiers of the network list.
const (
	Tier1 Tier = 1
	Tier2 Tier = 2
	Tier3 Tier = 3
)

// Period returns the contact interval of the tier in months (1, 3, 12),
// or 0 for an invalid tier.
func (t Tier) Period() int {
	switch t {
	case Tier1:
		return 1
	case Tier2:
		return 3
	case Tier3:
		return 12
	}
	return 0
}

// Contact is one person of the user's network list.
type Contact struct {
	// ID identifies the contact in the user's list.
	ID string `json:"id"`
	// SlackUser is the contact's Slack user id, when they have one.
	SlackUser string `json:"slack_user,omitempty"`
	// Name is the contact's display name (at most MaxContactName characters).
	Name string `json:"name"`
	// Tier is 1, 2 or 3.
	Tier Tier `json:"tier"`
	// Note is free text (last topic, shared interests).
	Note string `json:"note,omitempty"`
	// LastContact is when the user last met or talked to them; zero if never.
	LastContact time.Time `json:"last_contact,omitzero"`
	// CreatedAt is when the contact was added.
	CreatedAt time.Time `json:"created_at"`
}

// Validate checks the name (not blank, at most MaxContactName characters)
// and the tier (1..3).
func (c Contact) Validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return errors.New("routine: contact: empty name")
	}
	if n := utf8.RuneCountInString(c.Name); n > MaxContactName {
		return fmt.Errorf("routine: contact %s: name has %d characters, at most %d", c.ID, n, MaxContactName)
	}
	if c.Tier.Period() == 0 {
		return fmt.Errorf("routine: contact %s: tier %d: want 1, 2 or 3", c.ID, c.Tier)
	}
	return nil
}

// Due returns when the contact should next be seen: one tier period
// (1, 3 or 12 calendar months, the day clamped to the month's end) after
// LastContact, or after CreatedAt when never contacted. With neither date (or an invalid tier) it is due now.
func (c Contact) Due(now time.Time) time.Time {
	from := c.LastContact
	if from.IsZero() {
		from = c.CreatedAt
	}
	months := c.Tier.Period()
	if from.IsZero() || months == 0 {
		return now
	}
	return addMonths(from, months)
}

// addMonths adds n calendar months to t, keeping the day of the month but
// clamping it to the end of a shorter month (31 January + 1 = 28 February).
func addMonths(t time.Time, n int) time.Time {
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return first.AddDate(0, 0, min(d, last)-1)
}

// Overdue returns the contacts due at or before now, the most overdue (the
// earliest due date) first; ties go to the closer tier, then the name.
func Overdue(contacts []Contact, now time.Time) []Contact {
	var out []Contact
	for _, c := range contacts {
		if !c.Due(now).After(now) {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b Contact) int {
		if c := a.Due(now).Compare(b.Due(now)); c != 0 {
			return c
		}
		if a.Tier != b.Tier {
			return int(a.Tier - b.Tier)
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// OverCap reports whether a list of n contacts breaks the 150 rule, so the
// user can be warned (adding is still allowed).
func OverCap(n int) bool { return n > MaxContacts }
