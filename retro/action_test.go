package retro

import (
	"strings"
	"testing"
	"time"
)

func TestNewAction(t *testing.T) {
	tests := []struct {
		name  string
		phase Phase
		in    ActionInput
		err   error
	}{
		{"vote phase", PhaseVote, ActionInput{ID: "a", Text: "Write the runbook", Owner: "U1", Due: "2026-05-14"}, nil},
		{"actions phase", PhaseActions, ActionInput{ID: "a", Text: "x", Owner: "U1"}, nil},
		{"due today", PhaseActions, ActionInput{ID: "a", Text: "x", Owner: "U1", Due: "2026-05-07"}, nil},
		{"from a card", PhaseActions, ActionInput{ID: "a", Text: "x", Owner: "U1", FromCard: "c1"}, nil},
		{"300 characters", PhaseActions, ActionInput{ID: "a", Text: strings.Repeat("ü", 300), Owner: "U1"}, nil},
		{"301 characters", PhaseActions, ActionInput{ID: "a", Text: strings.Repeat("u", 301), Owner: "U1"}, ErrActionTooLong},
		{"empty", PhaseActions, ActionInput{ID: "a", Text: "  ", Owner: "U1"}, ErrEmptyAction},
		{"no owner", PhaseActions, ActionInput{ID: "a", Text: "x"}, ErrNoOwner},
		{"yesterday", PhaseActions, ActionInput{ID: "a", Text: "x", Owner: "U1", Due: "2026-05-06"}, ErrDueInPast},
		{"bad date", PhaseActions, ActionInput{ID: "a", Text: "x", Owner: "U1", Due: "14/05/2026"}, ErrBadDue},
		{"impossible date", PhaseActions, ActionInput{ID: "a", Text: "x", Owner: "U1", Due: "2026-02-30"}, ErrBadDue},
		{"unknown card", PhaseActions, ActionInput{ID: "a", Text: "x", Owner: "U1", FromCard: "nope"}, ErrCardNotFound},
		{"collect", PhaseCollect, ActionInput{ID: "a", Text: "x", Owner: "U1"}, ErrWrongPhase},
		{"reveal", PhaseReveal, ActionInput{ID: "a", Text: "x", Owner: "U1"}, ErrWrongPhase},
		{"closed", PhaseClosed, ActionInput{ID: "a", Text: "x", Owner: "U1"}, ErrClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := MustBoard(t, tt.phase)
			MustAddCard(t, &b, "c1", "wind", "card", "U1", t0)
			a, err := b.AddAction(tt.in, t0)
			checkErr(t, err, tt.err)
			if tt.err != nil {
				if len(b.Actions) != 0 {
					t.Errorf("rejected action stored: %+v", b.Actions)
				}
				return
			}
			if a.Status != ActionOpen || a.BoardID != "B1" || a.Owner != tt.in.Owner || a.Due != tt.in.Due || !a.CreatedAt.Equal(t0) {
				t.Errorf("got %+v, want open action of B1 owned by %s due %q", a, tt.in.Owner, tt.in.Due)
			}
		})
	}
}

func TestCheckDueUsesNowsZone(t *testing.T) {
	// 23:30 UTC on the 7th is already the 8th in Paris.
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatalf("LoadLocation: %v", err)
	}
	now := time.Date(2026, 5, 7, 23, 30, 0, 0, time.UTC)
	if _, err := CheckDue("2026-05-07", now); err != nil {
		t.Errorf("CheckDue(7th) at %v UTC: %v, want ok", now, err)
	}
	_, err = CheckDue("2026-05-07", now.In(paris))
	checkErr(t, err, ErrDueInPast)
	got, err := CheckDue(" 2026-05-08 ", now.In(paris))
	if err != nil || got != "2026-05-08" {
		t.Errorf("CheckDue(8th) in Paris = %q, %v; want 2026-05-08, nil", got, err)
	}
}

func TestAddActionDuplicate(t *testing.T) {
	b := MustBoard(t, PhaseActions)
	if _, err := b.AddAction(ActionInput{ID: "a1", Text: "x", Owner: "U1"}, t0); err != nil {
		t.Fatalf("AddAction: %v", err)
	}
	_, err := b.AddAction(ActionInput{ID: "a1", Text: "y", Owner: "U1"}, t0)
	checkErr(t, err, ErrDuplicateID)
	_, err = b.AddAction(ActionInput{Text: "y", Owner: "U1"}, t0)
	checkErr(t, err, ErrBadBoard)
}

func TestSetActionStatus(t *testing.T) {
	later := t0.Add(48 * time.Hour)
	tests := []struct {
		name   string
		id     string
		status ActionStatus
		user   string
		admin  bool
		err    error
	}{
		{"owner marks done", "a1", ActionDone, "UOWNER", false, nil},
		{"facilitator marks done", "a1", ActionDone, "UFAC", false, nil},
		{"admin marks done", "a1", ActionDone, "UX", true, nil},
		{"carried-over action", "old", ActionDone, "UOLD", false, nil},
		{"stranger", "a1", ActionDone, "UX", false, ErrNotOwner},
		{"nobody", "a1", ActionDone, "", false, ErrNotOwner},
		{"bad status", "a1", "maybe", "UOWNER", false, ErrBadStatus},
		{"missing", "zz", ActionDone, "UOWNER", false, ErrActionNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := MustBoard(t, PhaseActions)
			b.PreviousActions = []Action{{ID: "old", Text: "old", Owner: "UOLD", Status: ActionOpen}}
			if _, err := b.AddAction(ActionInput{ID: "a1", Text: "x", Owner: "UOWNER"}, t0); err != nil {
				t.Fatalf("AddAction: %v", err)
			}
			b.Phase = PhaseClosed // statuses change after close too
			checkErr(t, b.SetActionStatus(tt.id, tt.status, tt.user, tt.admin, later), tt.err)
			if tt.err != nil {
				return
			}
			list, i, _ := b.action(tt.id)
			if list[i].Status != ActionDone || !list[i].DoneAt.Equal(later) {
				t.Errorf("action = %+v, want done at %v", list[i], later)
			}
			checkErr(t, b.SetActionStatus(tt.id, ActionOpen, tt.user, tt.admin, later), nil)
			list, i, _ = b.action(tt.id)
			if list[i].Status != ActionOpen || !list[i].DoneAt.IsZero() {
				t.Errorf("reopened action = %+v, want open with no DoneAt", list[i])
			}
		})
	}
}

func TestCarryOver(t *testing.T) {
	prev := MustBoard(t, PhaseClosed)
	prev.PreviousActions = []Action{
		{ID: "p1", Status: ActionOpen}, {ID: "p2", Status: ActionDone},
	}
	prev.Actions = []Action{
		{ID: "a1", Status: ActionDone}, {ID: "a2", Status: ActionOpen}, {ID: "p1", Status: ActionOpen},
	}
	var ids []string
	for _, a := range CarryOver(prev) {
		ids = append(ids, a.ID)
	}
	if got := strings.Join(ids, ","); got != "p1,a2" {
		t.Fatalf("CarryOver = %s, want p1,a2", got)
	}
	if got := CarryOver(MustBoard(t, PhaseClosed)); len(got) != 0 {
		t.Errorf("CarryOver(empty) = %v, want none", got)
	}
}
