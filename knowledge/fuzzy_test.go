package knowledge

import (
	"slices"
	"testing"
)

func TestOSADistance(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"delegation", "delegation", 0},
		{"delegation", "delagation", 1},
		{"delegation", "delegtaion", 1}, // swap
		{"delegation", "delgation", 1},  // deletion
		{"delegation", "deleggation", 1},
		{"delegation", "dlegatoin", 2},
		{"network", "netwrok", 1},
		{"abc", "xyz", 3},
	}
	for _, c := range cases {
		if got := osaDistance([]rune(c.a), []rune(c.b), 5); got != c.want {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
	}
	if got := osaDistance([]rune("abcdef"), []rune("uvwxyz"), 2); got != 3 {
		t.Errorf("osaDistance with limit 2 = %d, want 3 (limit+1)", got)
	}
}

func TestFuzzyLookup(t *testing.T) {
	words := []string{"delegation", "network", "networking", "burnout", "retro", "retros", "tarte", "carte", "importe", "finance"}
	f := newFuzzyIndex(words)
	cases := []struct {
		q     string
		want  []string
		wantD int
	}{
		{"delagation", []string{"delegation"}, 1},
		{"dlegatoin", []string{"delegation"}, 2}, // 9 letters: two typos allowed
		{"netwrok", []string{"network"}, 1},
		{"burnuot", []string{"burnout"}, 1},
		{"networkign", []string{"networking"}, 1},
		{"netwroks", []string{"network"}, 2},
		{"retors", []string{"retros"}, 1}, // swap
		{"ratri", nil, 0},                 // 5 letters, 2 edits: too far
		{"rto", nil, 0},                   // too short for typos
		{"tartes", []string{"tarte"}, 1},
		{"zzzzzzzz", nil, 0},
		{"impots", nil, 0}, // 6 letters, 2 edits from "importe": too far
		{"france", nil, 0}, // 2 edits from "finance"
	}
	for _, c := range cases {
		ids, d := f.lookup(c.q)
		var got []string
		for _, id := range ids {
			got = append(got, words[id])
		}
		if !slices.Equal(got, c.want) || d != c.wantD {
			t.Errorf("lookup(%q) = %q at %d, want %q at %d", c.q, got, d, c.want, c.wantD)
		}
	}
}

func TestMaxTypos(t *testing.T) {
	for n, want := range map[int]int{3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 2, 12: 2} {
		if got := maxTypos(n); got != want {
			t.Errorf("maxTypos(%d) = %d, want %d", n, got, want)
		}
	}
}
