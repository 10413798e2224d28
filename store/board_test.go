package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"ctocoach/retro"
	"ctocoach/store"
	"ctocoach/store/storetest"
)

var t0 = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

// mustBoard creates and stores an open sailboat board in channel C1.
func mustBoard(tb testing.TB, s *store.Store, budget int) store.RetroBoard {
	tb.Helper()
	ctx := context.Background()
	id, n, err := s.NextBoardID(ctx, "T1", "C1")
	if err != nil {
		tb.Fatal(err)
	}
	f, _ := retro.FormatByID(retro.FormatSailboat)
	b, err := retro.NewBoard(retro.BoardParams{ID: id, TeamID: "T1", ChannelID: "C1", Format: f, CreatedBy: "UFAC", VoteBudget: budget, Number: n}, t0)
	if err != nil {
		tb.Fatal(err)
	}
	rb := store.RetroBoard{Board: b, Lang: "en"}
	if _, err := s.CreateBoard(ctx, rb); err != nil {
		tb.Fatalf("CreateBoard: %v", err)
	}
	return rb
}

// mustPhase moves the board forward to phase to.
func mustPhase(tb testing.TB, s *store.Store, id string, from, to retro.Phase) {
	tb.Helper()
	if err := s.SetPhase(context.Background(), "T1", id, from, to, t0); err != nil {
		tb.Fatalf("SetPhase %s→%s: %v", from, to, err)
	}
}

func TestBoardCreateOpenClose(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, err := s.OpenBoard(ctx, "T1", "C1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("OpenBoard on an empty channel: err = %v, want ErrNotFound", err)
		}
		b := mustBoard(t, s, 0)
		if b.Number != 1 || b.ID != "C1-1" {
			t.Errorf("first board = %s #%d, want C1-1 #1", b.ID, b.Number)
		}
		second := b
		second.ID, second.Number = "C1-2", 2
		open, err := s.CreateBoard(ctx, second)
		if !errors.Is(err, store.ErrBoardOpen) || open != b.ID {
			t.Fatalf("second CreateBoard = %q, %v; want %q, ErrBoardOpen", open, err, b.ID)
		}
		got, err := s.OpenBoard(ctx, "T1", "C1")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != b.ID || got.Phase != retro.PhaseCollect || got.Facilitator != "UFAC" || got.VoteBudget != 3 || got.Lang != "en" || got.Format.ID != retro.FormatSailboat {
			t.Errorf("OpenBoard = %+v, want the stored board", got)
		}
		if err := s.SetBoardMessage(ctx, "T1", b.ID, "123.456"); err != nil {
			t.Fatal(err)
		}
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseClosed)
		if _, err := s.OpenBoard(ctx, "T1", "C1"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("OpenBoard after close: err = %v, want ErrNotFound", err)
		}
		last, err := s.LastBoard(ctx, "T1", "C1")
		if err != nil || last.ID != b.ID || last.Phase != retro.PhaseClosed || !last.ClosedAt.Equal(t0) || last.MessageTS != "123.456" {
			t.Errorf("LastBoard = %+v, %v; want the closed board with its ts", last, err)
		}
		ttl := s.Client().TTL(ctx, s.Key("T1", "retro", "board", b.ID)).Val()
		if ttl <= 0 || ttl > store.BoardRetention {
			t.Errorf("closed board TTL = %v, want in (0, %v]", ttl, store.BoardRetention)
		}
		if _, err := s.CreateBoard(ctx, second); err != nil {
			t.Errorf("CreateBoard after close: %v", err)
		}
	})
}

func TestBoardDanglingOpenPointerIsCleared(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 0)
		s.Client().Del(ctx, s.Key("T1", "retro", "board", b.ID))
		if _, err := s.OpenBoard(ctx, "T1", "C1"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("OpenBoard of a vanished board: err = %v, want ErrNotFound", err)
		}
		next := b
		next.ID = "C1-9"
		if _, err := s.CreateBoard(ctx, next); err != nil {
			t.Errorf("CreateBoard after a dangling pointer: %v", err)
		}
	})
}

func TestBoardSetPhaseIsCompareAndSwap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 0)
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseReveal)
		err := s.SetPhase(ctx, "T1", b.ID, retro.PhaseCollect, retro.PhaseVote, t0)
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("SetPhase from a stale phase: err = %v, want ErrConflict", err)
		}
		if err := s.SetPhase(ctx, "T1", "C1-404", retro.PhaseCollect, retro.PhaseVote, t0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("SetPhase of an unknown board: err = %v, want ErrNotFound", err)
		}
	})
}

func TestBoardAddCard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 0)
		named, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "  pairing helps  ", Author: "UANA"}, "V1", t0)
		if err != nil {
			t.Fatal(err)
		}
		anon, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "anchor", Text: "slow CI", Author: "UBOB", Anonymous: true}, "V2", t0)
		if err != nil {
			t.Fatal(err)
		}
		if named.ID == anon.ID || named.Author != "UANA" || anon.Author != "" || named.Text != "pairing helps" {
			t.Errorf("cards = %+v and %+v, want distinct ids, a named and an anonymous card, trimmed text", named, anon)
		}
		if _, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "anchor", Text: "slow CI", Author: "UBOB", Anonymous: true}, "V2", t0); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("same submission twice: err = %v, want ErrDuplicate", err)
		}
		for _, tt := range []struct {
			name string
			in   retro.CardInput
			want error
		}{
			{"unknown zone", retro.CardInput{Zone: "moon", Text: "x"}, retro.ErrUnknownZone},
			{"empty", retro.CardInput{Zone: "wind", Text: "   "}, retro.ErrEmptyCard},
			{"too long", retro.CardInput{Zone: "wind", Text: strings.Repeat("é", retro.MaxCardLen+1)}, retro.ErrCardTooLong},
		} {
			if _, err := s.AddCard(ctx, "T1", b.ID, tt.in, "", t0); !errors.Is(err, tt.want) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
			}
		}
		got, err := s.Board(ctx, "T1", b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Cards) != 2 || got.Cards[0].ID != named.ID || got.Cards[1].ID != anon.ID {
			t.Fatalf("cards = %+v, want the two cards in creation order", got.Cards)
		}
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseReveal)
		if _, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "late card"}, "", t0); err != nil {
			t.Errorf("late card during reveal: %v", err)
		}
		mustPhase(t, s, b.ID, retro.PhaseReveal, retro.PhaseVote)
		if _, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "too late"}, "", t0); !errors.Is(err, retro.ErrWrongPhase) {
			t.Errorf("card during vote: err = %v, want ErrWrongPhase", err)
		}
		mustPhase(t, s, b.ID, retro.PhaseVote, retro.PhaseClosed)
		if _, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "closed"}, "", t0); !errors.Is(err, retro.ErrClosed) {
			t.Errorf("card on a closed board: err = %v, want ErrClosed", err)
		}
	})
}

func TestBoardConcurrentAddsLoseNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 0)
		const users, each = 50, 10
		zones := []string{"wind", "anchor", "rocks", "island"}
		var wg sync.WaitGroup
		errs := make(chan error, users*each)
		for u := range users {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					in := retro.CardInput{Zone: zones[(u+i)%4], Text: fmt.Sprintf("card %d/%d", u, i), Author: fmt.Sprintf("U%02d", u), Anonymous: i%2 == 0}
					if _, err := s.AddCard(ctx, "T1", b.ID, in, fmt.Sprintf("V%d-%d", u, i), t0); err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("AddCard: %v", err)
		}
		got, err := s.Board(ctx, "T1", b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Cards) != users*each {
			t.Fatalf("stored %d cards, want %d", len(got.Cards), users*each)
		}
		texts := map[string]bool{}
		ids := map[string]bool{}
		for _, c := range got.Cards {
			texts[c.Text], ids[c.ID] = true, true
		}
		if len(texts) != users*each || len(ids) != users*each {
			t.Errorf("distinct texts %d, ids %d; want %d each", len(texts), len(ids), users*each)
		}
	})
}

func TestBoardVoteBudgetUnderConcurrency(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 3)
		var cards []string
		for i := range 4 {
			c, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: fmt.Sprint("c", i)}, "", t0)
			if err != nil {
				t.Fatal(err)
			}
			cards = append(cards, c.ID)
		}
		if _, err := s.Vote(ctx, "T1", b.ID, cards[0], "U1"); !errors.Is(err, retro.ErrWrongPhase) {
			t.Errorf("vote while collecting: err = %v, want ErrWrongPhase", err)
		}
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseVote)
		const voters, tries = 20, 10
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, refused := map[string]int{}, 0
		for v := range voters {
			for i := range tries {
				wg.Add(1)
				go func() {
					defer wg.Done()
					user := fmt.Sprintf("U%02d", v)
					_, err := s.Vote(ctx, "T1", b.ID, cards[i%len(cards)], user)
					mu.Lock()
					defer mu.Unlock()
					switch {
					case err == nil:
						ok[user]++
					case errors.Is(err, retro.ErrVoteBudget):
						refused++
					default:
						t.Errorf("Vote: %v", err)
					}
				}()
			}
		}
		wg.Wait()
		for v := range voters {
			user := fmt.Sprintf("U%02d", v)
			if ok[user] != 3 {
				t.Errorf("%s got %d votes through, want exactly the budget 3", user, ok[user])
			}
			if used, _ := s.VotesUsed(ctx, "T1", b.ID, user); used != 3 {
				t.Errorf("VotesUsed(%s) = %d, want 3", user, used)
			}
		}
		if refused != voters*(tries-3) {
			t.Errorf("refused %d votes, want %d", refused, voters*(tries-3))
		}
		got, err := s.Board(ctx, "T1", b.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.TotalVotes() != voters*3 {
			t.Errorf("total votes = %d, want %d", got.TotalVotes(), voters*3)
		}
		sum := 0
		for _, c := range got.Cards {
			sum += c.Votes
		}
		if sum != voters*3 {
			t.Errorf("card vote mirrors sum to %d, want %d", sum, voters*3)
		}
	})
}

func TestBoardVoteAndUnvote(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 2)
		c, _ := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "x"}, "", t0)
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseVote)
		if _, err := s.Unvote(ctx, "T1", b.ID, c.ID, "U1"); !errors.Is(err, retro.ErrNoVote) {
			t.Errorf("unvote without a vote: err = %v, want ErrNoVote", err)
		}
		r, err := s.Vote(ctx, "T1", b.ID, c.ID, "U1")
		if err != nil || r != (store.VoteResult{Used: 1, Left: 1, Mine: 1, Total: 1}) {
			t.Errorf("first vote = %+v, %v; want used 1, left 1, mine 1, total 1", r, err)
		}
		r, _ = s.Vote(ctx, "T1", b.ID, c.ID, "U1")
		if r.Left != 0 || r.Total != 2 {
			t.Errorf("second vote = %+v, want left 0, total 2", r)
		}
		r, err = s.Vote(ctx, "T1", b.ID, c.ID, "U1")
		if !errors.Is(err, retro.ErrVoteBudget) || r.Used != 2 || r.Left != 0 {
			t.Errorf("third vote = %+v, %v; want ErrVoteBudget with used 2", r, err)
		}
		r, err = s.Unvote(ctx, "T1", b.ID, c.ID, "U1")
		if err != nil || r.Used != 1 || r.Total != 1 {
			t.Errorf("unvote = %+v, %v; want used 1, total 1", r, err)
		}
		if _, err := s.Vote(ctx, "T1", b.ID, "c404", "U1"); !errors.Is(err, retro.ErrCardNotFound) {
			t.Errorf("vote on an unknown card: err = %v, want ErrCardNotFound", err)
		}
	})
}

func TestBoardEditAndDeleteOwnNamedCards(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 0)
		mine, _ := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "v1", Author: "UANA"}, "", t0)
		anon, _ := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "secret", Author: "UANA", Anonymous: true}, "", t0)
		if err := s.EditCard(ctx, "T1", b.ID, mine.ID, "UANA", "v2"); err != nil {
			t.Fatalf("edit own card: %v", err)
		}
		if err := s.EditCard(ctx, "T1", b.ID, mine.ID, "UBOB", "hijack"); !errors.Is(err, retro.ErrNotAuthor) {
			t.Errorf("edit someone else's card: err = %v, want ErrNotAuthor", err)
		}
		if err := s.EditCard(ctx, "T1", b.ID, anon.ID, "UANA", "x"); !errors.Is(err, retro.ErrNotAuthor) {
			t.Errorf("edit an anonymous card: err = %v, want ErrNotAuthor", err)
		}
		if err := s.DeleteCard(ctx, "T1", b.ID, "c404", "UANA"); !errors.Is(err, retro.ErrCardNotFound) {
			t.Errorf("delete an unknown card: err = %v, want ErrCardNotFound", err)
		}
		got, _ := s.Board(ctx, "T1", b.ID)
		if c, _ := got.Card(mine.ID); c.Text != "v2" || c.Author != "UANA" {
			t.Errorf("edited card = %+v, want text v2 by UANA", c)
		}
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseReveal)
		if err := s.DeleteCard(ctx, "T1", b.ID, mine.ID, "UANA"); !errors.Is(err, retro.ErrWrongPhase) {
			t.Errorf("delete after reveal: err = %v, want ErrWrongPhase", err)
		}
	})
}

func TestBoardDeleteOwnCard(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 0)
		mine, _ := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "v1", Author: "UANA"}, "", t0)
		if err := s.DeleteCard(ctx, "T1", b.ID, mine.ID, "UANA"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Board(ctx, "T1", b.ID); len(got.Cards) != 0 {
			t.Errorf("cards after delete = %+v, want none", got.Cards)
		}
	})
}

func TestBoardActions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 0)
		c, _ := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "anchor", Text: "flaky tests"}, "", t0)
		in := retro.ActionInput{Text: "quarantine flaky tests", Owner: "UANA", Due: "2025-03-20", FromCard: c.ID}
		if _, err := s.AddAction(ctx, "T1", b.ID, in, "", t0); !errors.Is(err, retro.ErrWrongPhase) {
			t.Errorf("action while collecting: err = %v, want ErrWrongPhase", err)
		}
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseActions)
		a, err := s.AddAction(ctx, "T1", b.ID, in, "V9", t0)
		if err != nil {
			t.Fatal(err)
		}
		if a.ID != b.ID+".a1" || a.BoardID != b.ID || a.Status != retro.ActionOpen {
			t.Errorf("action = %+v, want id %s.a1, open, on the board", a, b.ID)
		}
		if _, err := s.AddAction(ctx, "T1", b.ID, in, "V9", t0); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("same action submission twice: err = %v, want ErrDuplicate", err)
		}
		if _, err := s.AddAction(ctx, "T1", b.ID, retro.ActionInput{Text: "x", Owner: "U1", Due: "2025-03-01"}, "", t0); !errors.Is(err, retro.ErrDueInPast) {
			t.Errorf("due in the past: err = %v, want ErrDueInPast", err)
		}
		if _, err := s.AddAction(ctx, "T1", b.ID, retro.ActionInput{Text: "x", Owner: "U1", FromCard: "c404"}, "", t0); !errors.Is(err, retro.ErrCardNotFound) {
			t.Errorf("action from an unknown card: err = %v, want ErrCardNotFound", err)
		}
		if _, err := s.SetActionStatus(ctx, "T1", b.ID, a.ID, retro.ActionDone, "UBOB", false, t0); !errors.Is(err, retro.ErrNotOwner) {
			t.Errorf("status by a stranger: err = %v, want ErrNotOwner", err)
		}
		done, err := s.SetActionStatus(ctx, "T1", b.ID, a.ID, retro.ActionDone, "UANA", false, t0)
		if err != nil || done.Status != retro.ActionDone || !done.DoneAt.Equal(t0) {
			t.Errorf("done by owner = %+v, %v", done, err)
		}
		mustPhase(t, s, b.ID, retro.PhaseActions, retro.PhaseClosed)
		if _, err := s.SetActionStatus(ctx, "T1", b.ID, a.ID, retro.ActionOpen, "UFAC", false, t0); err != nil {
			t.Errorf("facilitator reopens an action of a closed board: %v", err)
		}
		got, _ := s.Board(ctx, "T1", b.ID)
		if len(got.Actions) != 1 || got.Actions[0].Status != retro.ActionOpen || got.Actions[0].FromCard != c.ID {
			t.Fatalf("actions = %+v, want the reopened action", got.Actions)
		}

		if mine, err := s.ActionsOwnedBy(ctx, "T1", "UANA"); err != nil || len(mine) != 1 || mine[0].ID != a.ID {
			t.Errorf("ActionsOwnedBy(UANA) = %+v, %v; want the open action", mine, err)
		}
		if other, _ := s.ActionsOwnedBy(ctx, "T1", "UBOB"); len(other) != 0 {
			t.Errorf("ActionsOwnedBy(UBOB) = %+v, want none", other)
		}

		// The next board carries the open action over; its status changes there.
		id, n, _ := s.NextBoardID(ctx, "T1", "C1")
		next, _ := retro.NewBoard(retro.BoardParams{ID: id, TeamID: "T1", ChannelID: "C1", Format: got.Format, CreatedBy: "UFAC", Number: n, PreviousActions: retro.CarryOver(got.Board)}, t0)
		if _, err := s.CreateBoard(ctx, store.RetroBoard{Board: next}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SetActionStatus(ctx, "T1", id, a.ID, retro.ActionDone, "UANA", false, t0); err != nil {
			t.Fatalf("mark a carried-over action done: %v", err)
		}
		nb, _ := s.Board(ctx, "T1", id)
		if len(nb.PreviousActions) != 1 || nb.PreviousActions[0].Status != retro.ActionDone || nb.PreviousActions[0].ID != a.ID {
			t.Errorf("carried-over actions = %+v, want %s done", nb.PreviousActions, a.ID)
		}
		if len(retro.CarryOver(nb.Board)) != 0 {
			t.Errorf("a done action would be carried over again")
		}
		if mine, _ := s.ActionsOwnedBy(ctx, "T1", "UANA"); len(mine) != 0 {
			t.Errorf("ActionsOwnedBy after done on the next board = %+v, want none (status copied to its retro)", mine)
		}
	})
}

func TestBoardPromoteOncePerSource(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 0)
		c, _ := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "island", Text: "review every PR within a day"}, "", t0)
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseReveal)
		full, _ := s.Board(ctx, "T1", b.ID)
		id, err := s.NextStandardID(ctx, "T1")
		if err != nil {
			t.Fatal(err)
		}
		std, err := full.Promote(c.ID, id, "UFAC", "", t0)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Promote(ctx, "T1", b.ID, "card:"+c.ID, std); err != nil {
			t.Fatal(err)
		}
		if err := s.Promote(ctx, "T1", b.ID, "card:"+c.ID, std); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("second promotion: err = %v, want ErrDuplicate", err)
		}
		got, _ := s.Board(ctx, "T1", b.ID)
		if len(got.Promoted) != 1 || got.Promoted[0].FromCard != c.ID {
			t.Errorf("board promoted = %+v, want the standard", got.Promoted)
		}
		book, err := s.Standards(ctx, "T1")
		if err != nil || len(book) != 1 || book[0].ID != id || book[0].Title != "review every PR within a day" {
			t.Errorf("book = %+v, %v; want the promoted standard", book, err)
		}
	})
}

func TestBoardRenderStateAndLock(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for range 3 {
			if _, err := s.MarkBoardDirty(ctx, "T1", "B1"); err != nil {
				t.Fatal(err)
			}
		}
		if st, _ := s.BoardRenderState(ctx, "T1", "B1"); !st.At.IsZero() || !st.Dirty() {
			t.Errorf("render state before any update = %+v, want dirty, never shown", st)
		}
		if err := s.SetBoardRendered(ctx, "T1", "B1", 2, t0); err != nil {
			t.Fatal(err)
		}
		_ = s.SetBoardRendered(ctx, "T1", "B1", 1, t0.Add(time.Second)) // never backwards
		st, err := s.BoardRenderState(ctx, "T1", "B1")
		if err != nil || st.Version != 3 || st.Rendered != 2 || !st.At.Equal(t0.Add(time.Second)) || !st.Dirty() {
			t.Errorf("render state = %+v, %v; want 3 changes, 2 shown, last at t0+1s", st, err)
		}
		ok, _ := s.LockBoard(ctx, "T1", "B1", "replica-a", time.Minute)
		again, _ := s.LockBoard(ctx, "T1", "B1", "replica-b", time.Minute)
		if !ok || again {
			t.Fatalf("lock = %v then %v, want true then false", ok, again)
		}
		_ = s.UnlockBoard(ctx, "T1", "B1", "replica-b") // not the holder: no effect
		if held, _ := s.LockBoard(ctx, "T1", "B1", "replica-b", time.Minute); held {
			t.Errorf("a non-holder released the lock")
		}
		_ = s.UnlockBoard(ctx, "T1", "B1", "replica-a")
		if got, _ := s.LockBoard(ctx, "T1", "B1", "replica-b", time.Minute); !got {
			t.Errorf("lock not free after its holder released it")
		}
	})
}

func TestReserveBoardUpdateIsAWorkspaceBudget(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.UnixMilli(1_700_000_000_000)
		// 60/min = one per second, bursts of 3.
		for i := range 3 {
			if wait, err := s.ReserveBoardUpdate(ctx, "T1", now, 60, 3); err != nil || wait != 0 {
				t.Fatalf("reservation %d in the burst: wait %v, err %v; want 0", i, wait, err)
			}
		}
		wait, err := s.ReserveBoardUpdate(ctx, "T1", now, 60, 3)
		if err != nil || wait != time.Second {
			t.Errorf("fourth reservation: wait %v, err %v; want 1s", wait, err)
		}
		if w, _ := s.ReserveBoardUpdate(ctx, "T1", now.Add(time.Second), 60, 3); w != 0 {
			t.Errorf("reservation a second later: wait %v, want 0", w)
		}
		if w, _ := s.ReserveBoardUpdate(ctx, "T2", now, 60, 3); w != 0 {
			t.Errorf("another workspace waited %v, want its own budget", w)
		}
	})
}

func TestAnonymousCardsStoreNoAuthorAnywhere(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := mustBoard(t, s, 3)
		const secret = "UANONYMOUS7"
		var ids []string
		for i, zone := range []string{"wind", "anchor", "rocks"} {
			c, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: zone, Text: fmt.Sprint("honest card ", i), Author: secret, Anonymous: true}, fmt.Sprint("VIEW", i), t0)
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		if _, err := s.AddCard(ctx, "T1", b.ID, retro.CardInput{Zone: "wind", Text: "named", Author: "UNAMED"}, "", t0); err != nil {
			t.Fatal(err)
		}
		// The board lives on: votes by others, actions, a promotion, a close.
		mustPhase(t, s, b.ID, retro.PhaseCollect, retro.PhaseVote)
		if _, err := s.Vote(ctx, "T1", b.ID, ids[0], "UVOTER"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddAction(ctx, "T1", b.ID, retro.ActionInput{Text: "fix it", Owner: "UOWNER", FromCard: ids[1]}, "", t0); err != nil {
			t.Fatal(err)
		}
		full, _ := s.Board(ctx, "T1", b.ID)
		std, _ := full.Promote(ids[2], "S1", "UFAC", "", t0)
		if err := s.Promote(ctx, "T1", b.ID, "card:"+ids[2], std); err != nil {
			t.Fatal(err)
		}
		mustPhase(t, s, b.ID, retro.PhaseVote, retro.PhaseClosed)

		dump := storetest.Dump(t, s)
		if len(dump) < 5 {
			t.Fatalf("dump has %d keys, want the board's keys", len(dump))
		}
		sawNamed := false
		for key, val := range dump {
			if strings.Contains(key, secret) || strings.Contains(val, secret) {
				t.Errorf("anonymous author %s found in %s = %s", secret, key, val)
			}
			sawNamed = sawNamed || strings.Contains(val, "UNAMED")
		}
		if !sawNamed {
			t.Errorf("the named author is nowhere in the dump either: the scan reads nothing")
		}
		got, _ := s.Board(ctx, "T1", b.ID)
		for _, c := range got.Cards {
			if c.Text != "named" && !c.Anonymous() {
				t.Errorf("card %s came back with author %q", c.ID, c.Author)
			}
		}
	})
}

func BenchmarkBoardAddCardAndLoad(b *testing.B) {
	s := storetest.MustOpen(b)
	ctx := context.Background()
	rb := mustBoard(b, s, retro.MaxVoteBudget)
	b.Run("AddCard", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			i++
			if _, err := s.AddCard(ctx, "T1", rb.ID, retro.CardInput{Zone: "wind", Text: "a card of ordinary length"}, fmt.Sprint("V", i), t0); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Board(load)", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Board(ctx, "T1", rb.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
}
