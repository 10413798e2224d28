package retro

import (
	"slices"
)

// NextFacilitator picks who facilitates the next retro: round-robin over
// the participants sorted by user ID, starting after the last facilitator
// in history (history is oldest first), skipping people who are away. If
// everybody is away, away is ignored. A last facilitator who is no longer a
// participant still marks the place in the order. It returns "" when there
// are no participants.
func NextFacilitator(participants []string, history []string, away map[string]bool) string {
	people := sortedUnique(participants)
	if len(people) == 0 {
		return ""
	}
	start := 0
	if len(history) > 0 && history[len(history)-1] != "" {
		last := history[len(history)-1]
		// The first participant strictly after last in the order, wrapping.
		start, _ = slices.BinarySearch(people, last)
		if start < len(people) && people[start] == last {
			start++
		}
	}
	allAway := true
	for _, p := range people {
		if !away[p] {
			allAway = false
			break
		}
	}
	for i := range people {
		p := people[(start+i)%len(people)]
		if allAway || !away[p] {
			return p
		}
	}
	return ""
}

// NextFormat picks the next format ID from the team's chosen list, cycling
// in the list's order after last, so two retros in a row never share a
// format unless only one is chosen. Duplicates and empty entries in chosen
// are ignored; an empty list gives DefaultFormatID; a last that is not in
// the list restarts at the first.
func NextFormat(chosen []string, last string) string {
	var list []string
	for _, c := range chosen {
		if c != "" && !slices.Contains(list, c) {
			list = append(list, c)
		}
	}
	if len(list) == 0 {
		return DefaultFormatID
	}
	i := slices.Index(list, last)
	return list[(i+1)%len(list)]
}

// sortedUnique returns the non-empty values of in, sorted, without duplicates.
func sortedUnique(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		if s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
