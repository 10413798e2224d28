package retro

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNewBoard(t *testing.T) {
	sail := MustFormat(t, FormatSailboat)
	base := BoardParams{ID: "B1", ChannelID: "C1", CreatedBy: "U1", Format: sail}
	tests := []struct {
		name       string
		edit       func(p *BoardParams)
		budget     int
		facilitate string
		err        error
	}{
		{"defaults", func(p *BoardParams) {}, DefaultVoteBudget, "U1", nil},
		{"budget 1", func(p *BoardParams) { p.VoteBudget = 1 }, 1, "U1", nil},
		{"budget 10", func(p *BoardParams) { p.VoteBudget = 10 }, 10, "U1", nil},
		{"budget 11", func(p *BoardParams) { p.VoteBudget = 11 }, 0, "", ErrBudgetRange},
		{"budget -1", func(p *BoardParams) { p.VoteBudget = -1 }, 0, "", ErrBudgetRange},
		{"facilitator", func(p *BoardParams) { p.Facilitator = "U2" }, 3, "U2", nil},
		{"no id", func(p *BoardParams) { p.ID = "" }, 0, "", ErrBadBoard},
		{"no channel", func(p *BoardParams) { p.ChannelID = "" }, 0, "", ErrBadBoard},
		{"no creator", func(p *BoardParams) { p.CreatedBy = "" }, 0, "", ErrBadBoard},
		{"no zones", func(p *BoardParams) { p.Format = Format{ID: "x"} }, 0, "", ErrBadBoard},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			tt.edit(&p)
			b, err := NewBoard(p, t0)
			checkErr(t, err, tt.err)
			if tt.err != nil {
				return
			}
			if b.VoteBudget != tt.budget || b.Facilitator != tt.facilitate || b.Phase != PhaseCollect || !b.CreatedAt.Equal(t0) {
				t.Errorf("got budget %d facilitator %q phase %s created %v; want %d %q collect %v",
					b.VoteBudget, b.Facilitator, b.Phase, b.CreatedAt, tt.budget, tt.facilitate, t0)
			}
		})
	}
}

func TestCanManage(t *testing.T) {
	b := MustBoard(t, PhaseCollect)
	tests := []struct {
		user  string
		admin bool
		want  bool
	}{
		{"UFAC", false, true},
		{"UCREATOR", false, true},
		{"UOTHER", true, true},
		{"UOTHER", false, false},
		{"", false, false},
	}
	for _, tt := range tests {
		if got := CanManage(b, tt.user, tt.admin); got != tt.want {
			t.Errorf("CanManage(%q, admin=%v) = %v, want %v", tt.user, tt.admin, got, tt.want)
		}
	}
}

func TestAdvance(t *testing.T) {
	later := t0.Add(time.Hour)
	tests := []struct {
		name  string
		from  Phase
		to    Phase
		user  string
		admin bool
		err   error
	}{
		{"facilitator reveals", PhaseCollect, PhaseReveal, "UFAC", false, nil},
		{"creator starts vote", PhaseReveal, PhaseVote, "UCREATOR", false, nil},
		{"admin closes", PhaseVote, PhaseClosed, "UX", true, nil},
		{"member cannot reveal", PhaseCollect, PhaseReveal, "UX", false, ErrNotFacilitator},
		{"no going back", PhaseVote, PhaseReveal, "UFAC", false, ErrWrongPhase},
		{"closed is terminal", PhaseClosed, PhaseVote, "UFAC", false, ErrClosed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := MustBoard(t, tt.from)
			err := b.Advance(tt.user, tt.admin, tt.to, later)
			checkErr(t, err, tt.err)
			want := tt.to
			if tt.err != nil {
				want = tt.from
			}
			if b.Phase != want {
				t.Errorf("phase = %s, want %s", b.Phase, want)
			}
			if closed := !b.ClosedAt.IsZero(); closed != (tt.err == nil && tt.to == PhaseClosed) {
				t.Errorf("ClosedAt = %v for a move to %s (err %v)", b.ClosedAt, tt.to, err)
			}
			if tt.err == nil && tt.to == PhaseClosed && !b.ClosedAt.Equal(later) {
				t.Errorf("ClosedAt = %v, want %v", b.ClosedAt, later)
			}
		})
	}
}

func TestSetFacilitator(t *testing.T) {
	b := MustBoard(t, PhaseReveal)
	checkErr(t, b.SetFacilitator("UX", false, "UX"), ErrNotFacilitator)
	checkErr(t, b.SetFacilitator("UFAC", false, ""), ErrBadBoard)
	checkErr(t, b.SetFacilitator("UFAC", false, "UNEW"), nil)
	if b.Facilitator != "UNEW" {
		t.Fatalf("facilitator = %q, want UNEW", b.Facilitator)
	}
	if !CanManage(b, "UNEW", false) || CanManage(b, "UFAC", false) {
		t.Errorf("after hand-over: UNEW manages=%v (want true), UFAC manages=%v (want false)",
			CanManage(b, "UNEW", false), CanManage(b, "UFAC", false))
	}
	b.Phase = PhaseClosed
	checkErr(t, b.SetFacilitator("UNEW", false, "UFAC"), ErrClosed)
}

func TestBoardJSONRoundTrip(t *testing.T) {
	f, err := CustomFormat([]string{"Hier", "Demain"})
	if err != nil {
		t.Fatalf("CustomFormat: %v", err)
	}
	b, err := NewBoard(BoardParams{ID: "B9", TeamID: "T", ChannelID: "C", Format: f, CreatedBy: "U1", Number: 2,
		PreviousActions: []Action{{ID: "A0", Text: "old", Owner: "U1", Status: ActionOpen, CreatedAt: t0}}}, t0)
	if err != nil {
		t.Fatalf("NewBoard: %v", err)
	}
	MustAddCard(t, &b, "c1", "col1", "named", "U1", t0)
	if _, err := b.AddCard(CardInput{ID: "c2", Zone: "col2", Text: "secret", Author: "U2", Anonymous: true}, t0); err != nil {
		t.Fatalf("AddCard: %v", err)
	}
	b.Phase = PhaseVote
	MustVote(t, &b, "c1", 2)
	if _, err := b.AddAction(ActionInput{ID: "A1", Text: "do it", Owner: "U1", Due: "2026-05-20", FromCard: "c1"}, t0); err != nil {
		t.Fatalf("AddAction: %v", err)
	}
	checkErr(t, b.Advance("U1", false, PhaseClosed, t0.Add(time.Hour)), nil)

	raw, err := json.Marshal(b)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var back Board
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if !reflect.DeepEqual(back, b) {
		t.Fatalf("round trip changed the board:\n got %+v\nwant %+v", back, b)
	}
	if strings.Contains(string(raw), "U2") {
		t.Errorf("the anonymous author U2 appears in the JSON: %s", raw)
	}
	open, _ := NewBoard(BoardParams{ID: "B", ChannelID: "C", CreatedBy: "U", Format: f}, t0)
	raw, _ = json.Marshal(open)
	if strings.Contains(string(raw), "closed_at") {
		t.Errorf("an open board serialises closed_at: %s", raw)
	}
}
