package routine

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestContactDue(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, time.UTC) }
	now := day(2026, 6, 1)
	tests := []struct {
		name string
		c    Contact
		want time.Time
	}{
		{"tier 1 monthly", Contact{Tier: 1, LastContact: day(2026, 1, 15)}, day(2026, 2, 15)},
		{"tier 2 quarterly", Contact{Tier: 2, LastContact: day(2026, 1, 15)}, day(2026, 4, 15)},
		{"tier 3 yearly", Contact{Tier: 3, LastContact: day(2026, 1, 15)}, day(2027, 1, 15)},
		{"never contacted: from creation", Contact{Tier: 1, CreatedAt: day(2026, 5, 20)}, day(2026, 6, 20)},
		{"last contact wins over creation", Contact{Tier: 1, CreatedAt: day(2025, 1, 1), LastContact: day(2026, 5, 20)}, day(2026, 6, 20)},
		{"end of month clamped", Contact{Tier: 1, LastContact: day(2026, 1, 31)}, day(2026, 2, 28)},
		{"leap year clamp", Contact{Tier: 3, LastContact: day(2028, 2, 29)}, day(2029, 2, 28)},
		{"no dates: due now", Contact{Tier: 2}, now},
		{"bad tier: due now", Contact{Tier: 9, LastContact: day(2026, 1, 1)}, now},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.c.Due(now); !got.Equal(tt.want) {
				t.Errorf("Due: got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOverdue(t *testing.T) {
	now := time.Date(2026, 6, 1, 10, 0, 0, 0, time.UTC)
	contacts := []Contact{
		{ID: "fresh", Name: "Fresh", Tier: 1, LastContact: now.AddDate(0, 0, -10)},
		{ID: "t3-late", Name: "Yearly", Tier: 3, LastContact: now.AddDate(-2, 0, 0)},
		{ID: "t1-late", Name: "Monthly", Tier: 1, LastContact: now.AddDate(0, -2, 0)},
		{ID: "t2-late", Name: "Quarterly", Tier: 2, LastContact: now.AddDate(0, -5, 0)},
		{ID: "due-now", Name: "Exactly", Tier: 1, LastContact: now.AddDate(0, -1, 0)},
		{ID: "t2-fine", Name: "Recent", Tier: 2, LastContact: now.AddDate(0, -2, 0)},
		{ID: "tie-b", Name: "B", Tier: 2, LastContact: now.AddDate(0, -4, 0)},
		{ID: "tie-a", Name: "A", Tier: 2, LastContact: now.AddDate(0, -4, 0)},
		{ID: "tie-t1", Name: "Z", Tier: 1, LastContact: now.AddDate(0, -2, 0)},
	}
	var got []string
	for _, c := range Overdue(contacts, now) {
		got = append(got, c.ID)
	}
	// t1-late, tie-t1, tie-a and tie-b are all due on 1 May: tier 1 first, then by name.
	want := []string{"t3-late", "t2-late", "t1-late", "tie-t1", "tie-a", "tie-b", "due-now"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Overdue: got %v, want %v", got, want)
	}
	if got := Overdue(nil, now); len(got) != 0 {
		t.Errorf("Overdue(nil): got %v, want none", got)
	}
}

func TestContactValidate(t *testing.T) {
	tests := []struct {
		name    string
		c       Contact
		wantErr bool
	}{
		{"ok", Contact{Name: "Ada", Tier: 1}, false},
		{"80 characters", Contact{Name: strings.Repeat("a", 80), Tier: 2}, false},
		{"80 accented characters", Contact{Name: strings.Repeat("é", 80), Tier: 3}, false},
		{"81 characters", Contact{Name: strings.Repeat("a", 81), Tier: 1}, true},
		{"blank name", Contact{Name: "  ", Tier: 1}, true},
		{"tier 0", Contact{Name: "Ada"}, true},
		{"tier 4", Contact{Name: "Ada", Tier: 4}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.c.Validate(); (err != nil) != tt.wantErr {
				t.Errorf("Validate: got %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

func TestOverCap(t *testing.T) {
	for n, want := range map[int]bool{0: false, 150: false, 151: true, 500: true} {
		if got := OverCap(n); got != want {
			t.Errorf("OverCap(%d): got %v, want %v", n, got, want)
		}
	}
}

func TestContactJSONRoundTrip(t *testing.T) {
	c := Contact{ID: "c1", SlackUser: "U1", Name: "Ada", Tier: Tier2, Note: "infra", CreatedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	if strings.Contains(string(b), "last_contact") {
		t.Errorf("Marshal: got %s, want no last_contact when never contacted", b)
	}
	var got Contact
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Errorf("round trip: got %+v, want %+v", got, c)
	}
}
