package store_test

import (
	"context"
	"errors"
	"testing"

	"ctocoach/retro"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

// The Lua scripts get their phase lists from retro: in every phase, each
// write is accepted exactly when retro's rule says so.
func TestBoardScriptsFollowRetroPhaseRules(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 3)
		seed, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "seed", Author: "UANA"}, "", t0)
		if err != nil {
			t.Fatal(err)
		}
		check := func(p retro.Phase, op string, want bool, err error) {
			t.Helper()
			if want && err != nil {
				t.Errorf("%s in %s: %v, want accepted", op, p, err)
			}
			if !want && !errors.Is(err, retro.ErrWrongPhase) && !errors.Is(err, retro.ErrClosed) {
				t.Errorf("%s in %s: err = %v, want a phase error", op, p, err)
			}
		}
		prev := retro.PhaseCollect
		for _, p := range retro.Phases() {
			if p != prev {
				mustPhase(t, s, b.ID, prev, p)
				prev = p
			}
			_, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "card in " + string(p)}, "", t0)
			check(p, "add card", p.AcceptsCards(), err)
			check(p, "edit card", p.AcceptsCardChanges(), s.EditCard(ctx, "T1", b.ID, seed.ID, "UANA", "seed, edited in "+string(p)))
			_, err = s.Vote(ctx, "T1", b.ID, seed.ID, "UBOB")
			check(p, "vote", p.AcceptsVotes(), err)
			if err == nil {
				_, err = s.Unvote(ctx, "T1", b.ID, seed.ID, "UBOB")
				check(p, "unvote", p.AcceptsVotes(), err)
			}
			_, err = s.AddAction(ctx, "T1", b.ID, retro.ActionInput{Text: "act in " + string(p), Owner: "UANA"}, "", t0)
			check(p, "add action", p.AcceptsActions(), err)
		}
	})
}
