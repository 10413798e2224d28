package routine

import (
	"slices"
	"strings"
	"time"
)

// SkipLevelPeople is how many developers a skip-level nudge names.
const SkipLevelPeople = 3

// Missing says why a nudge names nobody ("" when it names someone).
type Missing string

// Why a nudge could name nobody.
const (
	// MissingRoster: no roster, or nobody on it but the user.
	MissingRoster Missing = "roster"
	// MissingContacts: the network list is empty.
	MissingContacts Missing = "contacts"
	// MissingDue: nobody on the network list is due.
	MissingDue Missing = "none_due"
)

// Named is whom a nudge names: teammates, a contact, or nobody and why.
type Named struct {
	// Users are the teammates named (Slack user ids).
	Users []string
	// Contact is the contact named.
	Contact *Contact
	// Missing says why nobody is named.
	Missing Missing
}

// NameTeammates names the people of a roster routine's nudge for the
// occurrence occ: one teammate for WhoRosterOne (PickCoffee, its draw
// seeded by the occurrence so that a retry names the same person),
// SkipLevelPeople for WhoRosterSkipLevel (PickSkipLevel). Nobody, with
// MissingRoster, when the roster holds nobody but self; the zero Named for
// a routine that names no teammate.
func NameTeammates(rt Routine, self string, roster []string, history []Meeting, occ, now time.Time) Named {
	var picks []string
	switch rt.Who {
	case WhoRosterOne:
		if p := PickCoffee(roster, self, history, now, 0, occ.Unix()); p != "" {
			picks = []string{p}
		}
	case WhoRosterSkipLevel:
		picks = PickSkipLevel(roster, self, history, now, SkipLevelPeople)
	default:
		return Named{}
	}
	if len(picks) == 0 {
		return Named{Missing: MissingRoster}
	}
	return Named{Users: picks}
}

// NameContact names the most overdue contact of the list (Overdue), or
// nobody: MissingContacts for an empty list, MissingDue when nobody is due.
func NameContact(contacts []Contact, now time.Time) Named {
	if len(contacts) == 0 {
		return Named{Missing: MissingContacts}
	}
	due := Overdue(contacts, now)
	if len(due) == 0 {
		return Named{Missing: MissingDue}
	}
	return Named{Contact: &due[0]}
}

// RosterOf makes a roster of a channel's members: everyone but self and
// the bots (isBot), in the channel's order.
func RosterOf(members []string, self string, isBot func(id string) bool) []string {
	var out []string
	for _, m := range members {
		if m == self || isBot(m) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// ByDue orders the network list by due date (the most overdue first),
// then by name (case aside); contacts is not changed.
func ByDue(contacts []Contact, now time.Time) []Contact {
	out := slices.Clone(contacts)
	slices.SortStableFunc(out, func(a, c Contact) int {
		if d := a.Due(now).Compare(c.Due(now)); d != 0 {
			return d
		}
		return strings.Compare(strings.ToLower(a.Name), strings.ToLower(c.Name))
	})
	return out
}
