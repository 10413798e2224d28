package retro

import (
	"slices"
	"testing"
)

func TestNextFacilitator(t *testing.T) {
	people := []string{"UC", "UA", "UB", "UD"}
	tests := []struct {
		name    string
		people  []string
		history []string
		away    map[string]bool
		want    string
	}{
		{"no history starts with the first", people, nil, nil, "UA"},
		{"after the last", people, []string{"UA", "UB"}, nil, "UC"},
		{"wraps around", people, []string{"UD"}, nil, "UA"},
		{"only the last counts", people, []string{"UC", "UA"}, nil, "UB"},
		{"skips away", people, []string{"UA"}, map[string]bool{"UB": true, "UC": true}, "UD"},
		{"skips away across the wrap", people, []string{"UC"}, map[string]bool{"UD": true}, "UA"},
		{"everyone away ignores away", people, []string{"UB"}, map[string]bool{"UA": true, "UB": true, "UC": true, "UD": true}, "UC"},
		{"last facilitator left the team", []string{"UA", "UC"}, []string{"UB"}, nil, "UC"},
		{"last after everyone sorts to the first", []string{"UA", "UC"}, []string{"UZ"}, nil, "UA"},
		{"duplicates and blanks ignored", []string{"UB", "", "UA", "UB"}, []string{"UA"}, nil, "UB"},
		{"single person repeats", []string{"UA"}, []string{"UA"}, nil, "UA"},
		{"only the last is available", []string{"UA", "UB"}, []string{"UA"}, map[string]bool{"UB": true}, "UA"},
		{"nobody", nil, []string{"UA"}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NextFacilitator(tt.people, tt.history, tt.away); got != tt.want {
				t.Errorf("NextFacilitator(%v, %v, %v) = %q, want %q", tt.people, tt.history, tt.away, got, tt.want)
			}
		})
	}
}

func TestNextFacilitatorVisitsEveryoneOnce(t *testing.T) {
	people := []string{"U5", "U3", "U1", "U4", "U2"}
	var history []string
	for range len(people) {
		history = append(history, NextFacilitator(people, history, map[string]bool{}))
	}
	sorted := slices.Clone(history)
	slices.Sort(sorted)
	if !slices.Equal(sorted, []string{"U1", "U2", "U3", "U4", "U5"}) {
		t.Fatalf("five rounds gave %v, want each person once", history)
	}
	if order := []string{"U1", "U2", "U3", "U4", "U5"}; !slices.Equal(history, order) {
		t.Errorf("order = %v, want %v", history, order)
	}
	if input := []string{"U5", "U3", "U1", "U4", "U2"}; !slices.Equal(people, input) {
		t.Errorf("participants were reordered in place: %v", people)
	}
}

func TestNextFormat(t *testing.T) {
	tests := []struct {
		name   string
		chosen []string
		last   string
		want   string
	}{
		{"first time", []string{"sailboat", "4ls", "starfish"}, "", "sailboat"},
		{"cycles", []string{"sailboat", "4ls", "starfish"}, "sailboat", "4ls"},
		{"wraps", []string{"sailboat", "4ls", "starfish"}, "starfish", "sailboat"},
		{"last not chosen any more", []string{"4ls", "lean"}, "sailboat", "4ls"},
		{"only one repeats", []string{"lean"}, "lean", "lean"},
		{"duplicates ignored", []string{"lean", "lean", "", "4ls"}, "lean", "4ls"},
		{"empty list", nil, "4ls", DefaultFormatID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := NextFormat(tt.chosen, tt.last); got != tt.want {
				t.Errorf("NextFormat(%v, %q) = %q, want %q", tt.chosen, tt.last, got, tt.want)
			}
		})
	}
	chosen := []string{"sailboat", "4ls", "mad-sad-glad"}
	last := ""
	for i := range 12 {
		next := NextFormat(chosen, last)
		if next == last {
			t.Fatalf("round %d repeats %q", i, next)
		}
		last = next
	}
}
