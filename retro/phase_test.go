package retro

import (
	"encoding/json"
	"errors"
	"testing"
)

func TestPhasesWhere(t *testing.T) {
	tests := []struct {
		name string
		rule func(Phase) bool
		want []Phase
	}{
		{"cards", Phase.AcceptsCards, []Phase{PhaseCollect, PhaseReveal}},
		{"card changes", Phase.AcceptsCardChanges, []Phase{PhaseCollect}},
		{"votes", Phase.AcceptsVotes, []Phase{PhaseVote}},
		{"actions", Phase.AcceptsActions, []Phase{PhaseVote, PhaseActions}},
	}
	for _, tt := range tests {
		got := PhasesWhere(tt.rule)
		if len(got) != len(tt.want) {
			t.Errorf("%s: PhasesWhere = %v, want %v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: PhasesWhere = %v, want %v", tt.name, got, tt.want)
			}
		}
	}
}

func TestCanTransition(t *testing.T) {
	tests := []struct {
		from, to Phase
		want     bool
	}{
		{PhaseCollect, PhaseReveal, true},
		{PhaseCollect, PhaseVote, true},
		{PhaseCollect, PhaseClosed, true},
		{PhaseReveal, PhaseVote, true},
		{PhaseVote, PhaseActions, true},
		{PhaseActions, PhaseClosed, true},
		{PhaseReveal, PhaseCollect, false},
		{PhaseVote, PhaseReveal, false},
		{PhaseVote, PhaseVote, false},
		{PhaseClosed, PhaseCollect, false},
		{PhaseClosed, PhaseClosed, false},
		{PhaseCollect, Phase("bogus"), false},
		{Phase("bogus"), PhaseVote, false},
	}
	for _, tt := range tests {
		if got := CanTransition(tt.from, tt.to); got != tt.want {
			t.Errorf("CanTransition(%s, %s) = %v, want %v", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestPhaseRules(t *testing.T) {
	tests := []struct {
		p                             Phase
		cards, votes, actions, hidden bool
	}{
		{PhaseCollect, true, false, false, true},
		{PhaseReveal, true, false, false, false},
		{PhaseVote, false, true, true, false},
		{PhaseActions, false, false, true, false},
		{PhaseClosed, false, false, false, false},
	}
	for _, tt := range tests {
		got := [4]bool{tt.p.AcceptsCards(), tt.p.AcceptsVotes(), tt.p.AcceptsActions(), tt.p.HidesCards()}
		want := [4]bool{tt.cards, tt.votes, tt.actions, tt.hidden}
		if got != want {
			t.Errorf("%s cards/votes/actions/hidden = %v, want %v", tt.p, got, want)
		}
	}
	if got := len(Phases()); got != 5 {
		t.Errorf("len(Phases()) = %d, want 5", got)
	}
}

func TestPhaseJSON(t *testing.T) {
	var p Phase
	if err := json.Unmarshal([]byte(`"vote"`), &p); err != nil || p != PhaseVote {
		t.Fatalf("unmarshal vote: got %q, %v; want vote, nil", p, err)
	}
	err := json.Unmarshal([]byte(`"dancing"`), &p)
	if !errors.Is(err, ErrBadBoard) {
		t.Fatalf("unmarshal dancing: got %v, want ErrBadBoard", err)
	}
}
