package retro

import "testing"

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
