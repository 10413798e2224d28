package coaching

import (
	"errors"
	"testing"
	"time"
)

func group(t *testing.T) Mastermind {
	return Mastermind{
		Channel: "C1", Members: []string{"U6", "U2", "U4", "U1", "U3", "U5"},
		Weekday: time.Thursday, WeekOfMonth: 2, Hour: 18, Minute: 30, TZ: "Europe/Paris",
		CreatedAt: at(t, 2027, 1, 4, 10, 0), CreatedBy: "U1",
	}
}

func TestMastermindValidate(t *testing.T) {
	r := mustCatalogue(t).Mastermind
	m := group(t)
	if err := m.Validate(r); err != nil {
		t.Fatal(err)
	}
	small := m
	small.Members = m.Members[:5]
	big := m
	big.Members = append(append([]string{}, m.Members...), "U7", "U8", "U9")
	dup := m
	dup.Members = append(append([]string{}, m.Members[:5]...), "U1")
	week := m
	week.WeekOfMonth = 5
	zone := m
	zone.TZ = "Nowhere/Else"
	for name, bad := range map[string]Mastermind{"5 members": small, "9 members": big, "duplicate": dup, "week 5": week, "zone": zone} {
		if err := bad.Validate(r); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestMastermindThreeMonths runs three monthly sessions: the second
// Thursday at 18:30 Paris time, the presenter rotating, last month's
// actions followed up first.
func TestMastermindThreeMonths(t *testing.T) {
	r := mustCatalogue(t).Mastermind
	m := group(t)
	now := m.CreatedAt
	var sessions []Session
	for month := range 3 {
		next, ok := m.NextSession(now)
		if !ok {
			t.Fatal("no session")
		}
		s := m.PlanSession(next, r, map[string]bool{"U2": month == 1})
		sessions = append(sessions, s)
		m = m.Held(s)
		var err error
		if m, err = m.AddAction(s.Presenter, "try the advice of month "+string(rune('1'+month))); err != nil {
			t.Fatal(err)
		}
		now = next
	}
	wantAt := []time.Time{at(t, 2027, 1, 14, 18, 30), at(t, 2027, 2, 11, 18, 30), at(t, 2027, 3, 11, 18, 30)}
	wantWho := []string{"U1", "U3", "U4"} // U2 away in February
	for i, s := range sessions {
		if !s.At.Equal(wantAt[i]) || s.Presenter != wantWho[i] || s.PresenterMinutes != 20 || s.DiscussionMinutes != 40 {
			t.Errorf("session %d: %+v, want %v by %s", i+1, s, wantAt[i], wantWho[i])
		}
	}
	if len(sessions[0].FollowUp) != 0 || len(sessions[1].FollowUp) != 1 || sessions[1].FollowUp[0].Owner != "U1" || sessions[2].FollowUp[0].Owner != "U3" {
		t.Fatalf("follow-ups: %+v / %+v", sessions[1].FollowUp, sessions[2].FollowUp)
	}
	// Across the spring change the wall time holds: 8 April 2027 18:30 CEST.
	if next, _ := m.NextSession(now); !next.Equal(at(t, 2027, 4, 8, 18, 30)) || next.UTC().Hour() != 16 {
		t.Fatalf("april session %v", next)
	}
	if _, err := m.AddAction("U99", "x"); !errors.Is(err, ErrInvalid) {
		t.Fatal("an outsider's action accepted")
	}
	gone := m.Without("U1")
	if len(gone.Members) != 5 || gone.CreatedBy != "" || len(gone.Presenters) != 2 {
		t.Fatalf("without U1: %+v", gone)
	}
	for _, a := range gone.Actions {
		if a.Owner == "U1" {
			t.Fatal("U1's action kept")
		}
	}
	if len(m.Members) != 6 {
		t.Fatal("Without changed the original")
	}
}

func TestBudgetSummary(t *testing.T) {
	r := mustCatalogue(t).Budget
	entries := []BudgetEntry{
		{Category: "training", Euros: 12000, Date: "2027-02-01"},
		{Category: "conferences", Euros: 11000, Date: "2027-05-01"},
		{Category: "coaching", Euros: 8000, Date: "2027-03-01"},
		{Category: "books", Euros: 500, Date: "2027-01-10"},
		{Category: "training", Euros: 9999, Date: "2026-12-31"}, // last year
	}
	s := SummariseBudget(entries, 2027, r)
	if s.Euros != 31500 || s.Below || s.Above {
		t.Fatalf("total %+v", s)
	}
	got := map[string]CategorySpend{}
	for _, c := range s.Categories {
		got[c.Category.ID] = c
	}
	if c := got["training"]; c.Euros != 12000 || c.Below || c.Above {
		t.Errorf("training %+v", c)
	}
	if c := got["conferences"]; !c.Above {
		t.Errorf("conferences %+v", c)
	}
	if c := got["coaching"]; c.Below || c.Above {
		t.Errorf("coaching at the bound: %+v", c)
	}
	if c := got["books"]; !c.Below {
		t.Errorf("books %+v", c)
	}
	ok := BudgetEntry{Category: "books", Euros: 30, Date: "2027-01-01"}
	if err := ok.Validate(r); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []BudgetEntry{{Category: "yachts", Euros: 1, Date: "2027-01-01"}, {Category: "books", Euros: 0, Date: "2027-01-01"}, {Category: "books", Euros: 1, Date: "01/01/2027"}} {
		if err := bad.Validate(r); !errors.Is(err, ErrInvalid) {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}
