package routine

import (
	"fmt"
	"slices"
	"testing"
	"time"
)

// roster returns n member ids U00..U(n-1).
func roster(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("U%02d", i)
	}
	return out
}

// simulateCoffee runs weekly coffees for weeks weeks and returns the picks.
func simulateCoffee(tb testing.TB, members []string, weeks int, seed int64) ([]string, []Meeting) {
	tb.Helper()
	start := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	var history []Meeting
	var picks []string
	for w := range weeks {
		now := start.AddDate(0, 0, 7*w)
		p := PickCoffee(members, "ME", history, now, 0, seed)
		if p == "" {
			tb.Fatalf("week %d: got no pick, want one", w)
		}
		picks = append(picks, p)
		history = append(history, Meeting{With: p, At: now, Routine: "weekly-coffee"})
	}
	return picks, history
}

func TestPickCoffeeLargeRosterNoRepeatInWindow(t *testing.T) {
	members := append(roster(20), "ME")
	picks, _ := simulateCoffee(t, members, 40, 7)
	for i, p := range picks {
		if p == "ME" {
			t.Fatalf("week %d: got self, want a teammate", i)
		}
		for j := max(0, i-7); j < i; j++ {
			if picks[j] == p {
				t.Errorf("week %d: got %s, already met in week %d (within 8 weeks)", i, p, j)
			}
		}
	}
	// Everyone is met once before anybody is met twice.
	first := picks[:20]
	if got := len(slices.Compact(slices.Sorted(slices.Values(first)))); got != 20 {
		t.Errorf("first 20 picks: got %d distinct people, want 20: %v", got, first)
	}
}

func TestPickCoffeeSmallRosterLeastRecent(t *testing.T) {
	members := []string{"A", "ME", "B", "C"}
	picks, _ := simulateCoffee(t, members, 9, 1)
	// With 3 people and an 8-week window repeats are unavoidable: the
	// rotation must be the least recently met, so a cycle of 3.
	for i := 3; i < len(picks); i++ {
		if picks[i] != picks[i-3] {
			t.Errorf("week %d: got %s, want %s (least recently met): %v", i, picks[i], picks[i-3], picks)
		}
	}
	if got := len(slices.Compact(slices.Sorted(slices.Values(picks[:3])))); got != 3 {
		t.Errorf("first 3 picks: got %d distinct, want 3: %v", got, picks[:3])
	}
}

func TestPickCoffeeRules(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	weeksAgo := func(n int) time.Time { return now.AddDate(0, 0, -7*n) }
	tests := []struct {
		name    string
		roster  []string
		history []Meeting
		window  time.Duration
		want    string
	}{
		{"empty roster", nil, nil, 0, ""},
		{"only self", []string{"ME", "ME"}, nil, 0, ""},
		{"never met beats met long ago", []string{"A", "B"}, []Meeting{{With: "A", At: weeksAgo(30)}}, 0, "B"},
		{"outside the window beats inside", []string{"A", "B"}, []Meeting{{With: "A", At: weeksAgo(9)}, {With: "B", At: weeksAgo(1)}}, 0, "A"},
		{"all inside: least recent", []string{"A", "B", "C"}, []Meeting{{With: "A", At: weeksAgo(2)}, {With: "B", At: weeksAgo(5)}, {With: "C", At: weeksAgo(1)}}, 0, "B"},
		{"latest meeting counts", []string{"A", "B"}, []Meeting{{With: "A", At: weeksAgo(20)}, {With: "A", At: weeksAgo(1)}, {With: "B", At: weeksAgo(3)}}, 0, "B"},
		{"custom window", []string{"A", "B"}, []Meeting{{With: "A", At: weeksAgo(3)}, {With: "B", At: weeksAgo(1)}}, 2 * 7 * 24 * time.Hour, "A"},
		{"empty ids ignored", []string{"", "A"}, nil, 0, "A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PickCoffee(tt.roster, "ME", tt.history, now, tt.window, 42); got != tt.want {
				t.Errorf("PickCoffee: got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPickCoffeeDeterministic(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)
	members := roster(12)
	reversed := slices.Clone(members)
	slices.Reverse(reversed)
	firsts := map[string]bool{}
	for seed := range int64(10) {
		a := PickCoffee(members, "ME", nil, now, 0, seed)
		if b := PickCoffee(members, "ME", nil, now, 0, seed); b != a {
			t.Errorf("seed %d: got %q then %q, want the same pick", seed, a, b)
		}
		if b := PickCoffee(reversed, "ME", nil, now, 0, seed); b != a {
			t.Errorf("seed %d, reversed roster: got %q, want %q", seed, b, a)
		}
		firsts[a] = true
	}
	if len(firsts) < 3 {
		t.Errorf("first picks over 10 seeds: got %d distinct %v, want the seed to vary them", len(firsts), firsts)
	}
}

func TestPickSkipLevel(t *testing.T) {
	now := time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC)
	members := []string{"ME", "A", "B", "C", "D", "E"}
	history := []Meeting{
		{With: "A", At: now.AddDate(0, -1, 0)},
		{With: "B", At: now.AddDate(0, -3, 0)},
		{With: "C", At: now.AddDate(0, -2, 0)},
	}
	tests := []struct {
		name    string
		roster  []string
		history []Meeting
		n       int
		want    []string // as a set, unless ordered
	}{
		{"never met first", members, history, 2, []string{"D", "E"}},
		{"then the longest not met", members, history, 3, []string{"B", "D", "E"}},
		{"n clamped to 3", members, history, 10, []string{"B", "D", "E"}},
		{"n clamped to 2", members, history, 1, []string{"D", "E"}},
		{"small roster", []string{"ME", "A"}, nil, 3, []string{"A"}},
		{"only self", []string{"ME"}, nil, 3, []string{}},
		{"everyone met", []string{"A", "B", "C"}, history, 2, []string{"B", "C"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := PickSkipLevel(tt.roster, "ME", tt.history, now, tt.n)
			if !slices.Equal(slices.Sorted(slices.Values(got)), tt.want) {
				t.Errorf("PickSkipLevel(n=%d): got %v, want %v", tt.n, got, tt.want)
			}
			if again := PickSkipLevel(tt.roster, "ME", tt.history, now, tt.n); !slices.Equal(again, got) {
				t.Errorf("PickSkipLevel again: got %v, want %v", again, got)
			}
		})
	}
}

func TestPickSkipLevelRotatesMonthly(t *testing.T) {
	members := roster(24)
	var history []Meeting
	seen := map[string]int{}
	now := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
	for month := range 8 {
		picks := PickSkipLevel(members, "ME", history, now.AddDate(0, month, 0), 3)
		if len(picks) != 3 {
			t.Fatalf("month %d: got %d picks, want 3", month, len(picks))
		}
		for _, p := range picks {
			seen[p]++
			history = append(history, Meeting{With: p, At: now.AddDate(0, month, 0), Routine: "monthly-skip-level"})
		}
	}
	// 8 months x 3 = 24: everyone exactly once.
	for _, m := range members {
		if seen[m] != 1 {
			t.Errorf("%s: met %d times in 8 months, want 1", m, seen[m])
		}
	}
}
