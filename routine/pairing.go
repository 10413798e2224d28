package routine

import (
	"encoding/binary"
	"hash/fnv"
	"slices"
	"time"
)

// DefaultPairingWindow is how long PickCoffee avoids meeting the same
// person again.
const DefaultPairingWindow = 8 * 7 * 24 * time.Hour

// Meeting is one past meeting of the user with a teammate.
type Meeting struct {
	// With is the teammate (a Slack user id).
	With string `json:"with"`
	// At is when the meeting was proposed or held.
	At time.Time `json:"at"`
	// Routine is the routine that led to it.
	Routine string `json:"routine"`
}

// lastMet returns, per person, the time of the latest meeting.
func lastMet(history []Meeting) map[string]time.Time {
	last := make(map[string]time.Time, len(history))
	for _, m := range history {
		if t, ok := last[m.With]; !ok || m.At.After(t) {
			last[m.With] = m.At
		}
	}
	return last
}

// candidates returns the roster without self, empty ids and duplicates, in
// roster order.
func candidates(roster []string, self string) []string {
	out := make([]string, 0, len(roster))
	for _, id := range roster {
		if id != "" && id != self && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// rank is a deterministic pseudo-random rank of id for a seed.
func rank(seed int64, id string) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(seed))
	h.Write(b[:])
	h.Write([]byte(id))
	return h.Sum64()
}

// PickCoffee names the teammate for the Monday coffee, or "" when the
// roster has nobody but self. It rotates through the roster: people never
// met come first, then people not met within window (DefaultPairingWindow
// when window <= 0), each group in an order drawn from seed; when everyone
// was met within the window, the least recently met is named. Every
// meeting in history counts, whatever its routine. The result depends only
// on its arguments (not on roster order).
func PickCoffee(roster []string, self string, history []Meeting, now time.Time, window time.Duration, seed int64) string {
	if window <= 0 {
		window = DefaultPairingWindow
	}
	last := lastMet(history)
	since := now.Add(-window)
	best, bestGroup := "", 3
	var bestLast time.Time
	var bestRank uint64
	for _, id := range candidates(roster, self) {
		t, met := last[id]
		group := 2 // met within the window
		switch {
		case !met:
			group = 0
		case !t.After(since):
			group = 1
		}
		r := rank(seed, id)
		better := group < bestGroup
		if group == bestGroup {
			if group == 2 && !t.Equal(bestLast) {
				better = t.Before(bestLast)
			} else {
				better = r < bestRank
			}
		}
		if better {
			best, bestGroup, bestLast, bestRank = id, group, t, r
		}
	}
	return best
}

// PickSkipLevel names n developers (clamped to 2..3) for the monthly
// skip-level meeting: the people not met for the longest time, those never
// met first. Ties are broken by an order drawn from now's month, so that it
// changes from one month to the next but not within one. Fewer than n are
// returned when the roster is smaller.
func PickSkipLevel(roster []string, self string, history []Meeting, now time.Time, n int) []string {
	n = max(2, min(n, 3))
	last := lastMet(history)
	seed := int64(now.Year()*100 + int(now.Month()))
	people := candidates(roster, self)
	slices.SortStableFunc(people, func(a, b string) int {
		ta, tb := last[a], last[b] // zero (never met) sorts first
		if c := ta.Compare(tb); c != 0 {
			return c
		}
		ra, rb := rank(seed, a), rank(seed, b)
		switch {
		case ra < rb:
			return -1
		case ra > rb:
			return 1
		}
		return 0
	})
	return people[:min(n, len(people))]
}
