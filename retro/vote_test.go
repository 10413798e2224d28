package retro

import "testing"

func TestCheckVote(t *testing.T) {
	tests := []struct {
		name  string
		phase Phase
		used  int
		card  string
		err   error
	}{
		{"first vote", PhaseVote, 0, "c1", nil},
		{"last vote", PhaseVote, 2, "c1", nil},
		{"over budget", PhaseVote, 3, "c1", ErrVoteBudget},
		{"collect", PhaseCollect, 0, "c1", ErrWrongPhase},
		{"reveal", PhaseReveal, 0, "c1", ErrWrongPhase},
		{"actions", PhaseActions, 0, "c1", ErrWrongPhase},
		{"closed", PhaseClosed, 0, "c1", ErrClosed},
		{"missing card", PhaseVote, 0, "nope", ErrCardNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := MustBoard(t, tt.phase)
			MustAddCard(t, &b, "c1", "wind", "x", "U1", t0)
			checkErr(t, CheckVote(b, tt.used, tt.card), tt.err)
		})
	}
}

func TestDotVotingOnOneCard(t *testing.T) {
	b := MustBoard(t, PhaseVote)
	b.VoteBudget = 3
	MustAddCard(t, &b, "c1", "wind", "x", "U1", t0)
	used := 0
	for i := range 3 {
		if err := CheckVote(b, used, "c1"); err != nil {
			t.Fatalf("vote %d on the same card: %v", i+1, err)
		}
		checkErr(t, b.ApplyVote("c1", +1), nil)
		used++
	}
	checkErr(t, CheckVote(b, used, "c1"), ErrVoteBudget)
	if got := b.VoteCount("c1"); got != 3 || b.Cards[0].Votes != 3 {
		t.Fatalf("total = %d (card copy %d), want 3", got, b.Cards[0].Votes)
	}
	if got := VotesLeft(b, used); got != 0 {
		t.Errorf("VotesLeft = %d, want 0", got)
	}
	if got := VotesLeft(b, 1); got != 2 {
		t.Errorf("VotesLeft(1) = %d, want 2", got)
	}
}

func TestUnvote(t *testing.T) {
	tests := []struct {
		name  string
		phase Phase
		mine  int
		card  string
		err   error
	}{
		{"has a vote", PhaseVote, 1, "c1", nil},
		{"no vote", PhaseVote, 0, "c1", ErrNoVote},
		{"votes frozen", PhaseActions, 1, "c1", ErrWrongPhase},
		{"closed", PhaseClosed, 1, "c1", ErrClosed},
		{"missing card", PhaseVote, 1, "nope", ErrCardNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := MustBoard(t, tt.phase)
			MustAddCard(t, &b, "c1", "wind", "x", "U1", t0)
			checkErr(t, CheckUnvote(b, tt.mine, tt.card), tt.err)
		})
	}
}

func TestApplyVote(t *testing.T) {
	b := MustBoard(t, PhaseVote)
	MustAddCard(t, &b, "c1", "wind", "x", "U1", t0)
	MustAddCard(t, &b, "c2", "wind", "y", "U1", t0)
	MustVote(t, &b, "c1", 2)
	MustVote(t, &b, "c2", 1)
	checkErr(t, b.ApplyVote("c1", -1), nil)
	checkErr(t, b.ApplyVote("c2", -1), nil)
	checkErr(t, b.ApplyVote("c2", -1), nil) // never below zero
	checkErr(t, b.ApplyVote("nope", +1), ErrCardNotFound)
	if b.VoteCount("c1") != 1 || b.VoteCount("c2") != 0 || b.TotalVotes() != 1 {
		t.Fatalf("totals c1=%d c2=%d all=%d, want 1 0 1", b.VoteCount("c1"), b.VoteCount("c2"), b.TotalVotes())
	}
	if _, ok := b.Votes["c2"]; ok {
		t.Errorf("a zero total is kept in Votes: %v", b.Votes)
	}
	b.Cards[0].Votes = 99
	b.SyncVotes()
	if b.Cards[0].Votes != 1 || b.Cards[1].Votes != 0 {
		t.Errorf("SyncVotes: cards have %d and %d, want 1 and 0", b.Cards[0].Votes, b.Cards[1].Votes)
	}
}
