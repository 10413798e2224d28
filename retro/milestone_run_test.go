package retro_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"ctocoach/retro"
	"ctocoach/retro/mock"
)

// schedules is an in-memory retro.ScheduleRepository on mock's fields:
// one channel's schedule, updated as the store does (fn's error aborts).
type schedules struct {
	sc      retro.ScheduleState
	found   bool
	updates int
	deletes int
}

func (s *schedules) repo() *mock.ScheduleRepository {
	return &mock.ScheduleRepository{
		ScheduleFn: func(_ context.Context, _, _ string) (retro.ScheduleState, error) {
			if !s.found {
				return retro.ScheduleState{}, retro.ErrNoSchedule
			}
			return s.sc, nil
		},
		UpdateScheduleFn: func(_ context.Context, _, channel string, fn func(retro.ScheduleState, bool) (retro.ScheduleState, error)) (retro.ScheduleState, error) {
			next, err := fn(s.sc, s.found)
			if err != nil {
				return retro.ScheduleState{}, err
			}
			next.ChannelID = channel
			s.sc, s.found = next, true
			s.updates++
			return next, nil
		},
		DeleteScheduleFn: func(context.Context, string, string) error {
			s.sc, s.found = retro.ScheduleState{}, false
			s.deletes++
			return nil
		},
	}
}

// thursdays is a weekly Thursday 16:00 UTC schedule set by UBOSS, version
// 3, whose next retro is Thursday 7 May 2026 (now is 10:00 that day).
func thursdays(t *testing.T) retro.ScheduleState {
	t.Helper()
	sc := retro.Schedule{ChannelID: "C1", Cadence: retro.CadenceWeekly, Weekday: time.Thursday, Hour: 16, TZ: "UTC",
		Formats: []string{retro.FormatSailboat, retro.Format4Ls}}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	return retro.ScheduleState{Schedule: sc, Lang: "en", SetBy: "UBOSS", Version: 3, Next: sc.Next(now)}
}

// runner is a MilestoneRunner on s, a channel of people, no open board
// unless a test sets one, and a queue that records what is planned.
func runner(s *schedules, people []string) (*retro.MilestoneRunner, *[]retro.MilestoneTask, *mock.BoardRepository) {
	var planned []retro.MilestoneTask
	boards := &mock.BoardRepository{OpenBoardFn: func(context.Context, string, string) (retro.ChannelBoard, error) {
		return retro.ChannelBoard{}, retro.ErrNoBoard
	}}
	r := &retro.MilestoneRunner{
		Schedules: s.repo(),
		Boards:    boards,
		Roster: &mock.ChannelRoster{PeopleFn: func(context.Context, string, string) ([]string, error) {
			return people, nil
		}},
		Planner: retro.MilestonePlanner{Queue: &mock.MilestoneQueue{ScheduleFn: func(_ context.Context, t retro.MilestoneTask) error {
			planned = append(planned, t)
			return nil
		}}},
		Now: func() time.Time { return now },
	}
	return r, &planned, boards
}

func task(t *testing.T, st retro.ScheduleState, kind string) retro.MilestoneTask {
	t.Helper()
	m := retro.Milestone{Channel: st.ChannelID, Version: st.Version, Start: st.Next.Unix(), Kind: kind}
	payload, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return retro.MilestoneTask{ID: m.ID("T1"), Team: "T1", Due: now, Payload: payload}
}

func TestDueReadsTheMilestoneAndItsSchedule(t *testing.T) {
	s := &schedules{sc: thursdays(t), found: true}
	r, _, _ := runner(s, nil)
	d, err := r.Due(context.Background(), task(t, s.sc, retro.MilestoneRemind))
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != retro.MilestoneRemind || d.Team != "T1" || !d.Start.Equal(s.sc.Next) || d.State.Version != 3 {
		t.Errorf("Due = %+v, want the reminder of v3's retro at %s", d, s.sc.Next)
	}
}

func TestDueDropsUnreadableAndStaleMilestones(t *testing.T) {
	ctx := context.Background()
	st := thursdays(t)
	old := task(t, st, retro.MilestoneOpen)
	for name, c := range map[string]struct {
		s    *schedules
		task retro.MilestoneTask
		want error
	}{
		"unreadable payload": {&schedules{sc: st, found: true}, retro.MilestoneTask{ID: "x", Team: "T1", Payload: []byte("{")}, retro.ErrBadMilestone},
		"schedule removed":   {&schedules{}, old, retro.ErrStaleMilestone},
		"schedule set again": {&schedules{sc: retro.ScheduleState{Schedule: st.Schedule, Version: 4}, found: true}, old, retro.ErrStaleMilestone},
	} {
		t.Run(name, func(t *testing.T) {
			r, _, _ := runner(c.s, nil)
			if _, err := r.Due(ctx, c.task); !errors.Is(err, c.want) {
				t.Errorf("Due: %v, want %v", err, c.want)
			}
		})
	}
	t.Run("store down", func(t *testing.T) {
		down := errors.New("redis down")
		r, _, _ := runner(&schedules{}, nil)
		r.Schedules = &mock.ScheduleRepository{ScheduleFn: func(context.Context, string, string) (retro.ScheduleState, error) {
			return retro.ScheduleState{}, down
		}}
		if _, err := r.Due(ctx, old); !errors.Is(err, down) || errors.Is(err, retro.ErrStaleMilestone) {
			t.Errorf("Due: %v, want the store's error (retried), not a drop", err)
		}
	})
}

func TestDecideOpenRotatesFacilitatorAndFormat(t *testing.T) {
	ctx := context.Background()
	for name, c := range map[string]struct {
		people, history []string
		participants    []string
		last            string
		wantFac, wantF  string
	}{
		"first retro":                 {people: []string{"UANA", "UBOB"}, wantFac: "UANA", wantF: retro.FormatSailboat},
		"next in turn, next format":   {people: []string{"UANA", "UBOB", "UCID"}, history: []string{"UANA"}, last: retro.FormatSailboat, wantFac: "UBOB", wantF: retro.Format4Ls},
		"wrap-around of both":         {people: []string{"UANA", "UBOB", "UCID"}, history: []string{"UBOB", "UCID"}, last: retro.Format4Ls, wantFac: "UANA", wantF: retro.FormatSailboat},
		"nobody in the channel":       {people: nil, history: []string{"UANA"}, wantFac: "UBOSS", wantF: retro.FormatSailboat},
		"schedule's own participants": {people: []string{"UANA"}, participants: []string{"UZED", "UYAN"}, wantFac: "UYAN", wantF: retro.FormatSailboat},
		"last facilitator who left":   {people: []string{"UANA", "UCID"}, history: []string{"UBOB"}, wantFac: "UCID", wantF: retro.FormatSailboat},
	} {
		t.Run(name, func(t *testing.T) {
			st := thursdays(t)
			st.Facilitators, st.LastFormat, st.Participants = c.history, c.last, c.participants
			s := &schedules{sc: st, found: true}
			r, _, _ := runner(s, c.people)
			o, err := r.DecideOpen(ctx, retro.DueMilestone{Team: "T1", Kind: retro.MilestoneOpen, Start: st.Next, State: st})
			if err != nil {
				t.Fatal(err)
			}
			if o.Facilitator != c.wantFac || o.Format.ID != c.wantF || o.CreatedBy != "UBOSS" || o.Lang != "en" {
				t.Errorf("DecideOpen = %s, %s (by %s, %s); want %s, %s", o.Facilitator, o.Format.ID, o.CreatedBy, o.Lang, c.wantFac, c.wantF)
			}
		})
	}
}

func TestDecideOpenFailsWhenTheChannelCannotBeRead(t *testing.T) {
	st := thursdays(t)
	r, _, _ := runner(&schedules{sc: st, found: true}, nil)
	busy := errors.New("ratelimited")
	r.Roster = &mock.ChannelRoster{PeopleFn: func(context.Context, string, string) ([]string, error) { return nil, busy }}
	if _, err := r.DecideOpen(context.Background(), retro.DueMilestone{Team: "T1", State: st}); !errors.Is(err, busy) {
		t.Errorf("DecideOpen: %v, want the roster's error (the engine retries)", err)
	}
}

func TestOpenedRecordsTheRotation(t *testing.T) {
	ctx := context.Background()
	st := thursdays(t)
	st.Facilitators = []string{"UANA"}
	s := &schedules{sc: st, found: true}
	r, _, _ := runner(s, nil)
	d := retro.DueMilestone{Team: "T1", Kind: retro.MilestoneOpen, Start: st.Next, State: st}
	o := retro.OpenDecision{CreatedBy: "UBOSS", Facilitator: "UBOB", Format: format(t, retro.Format4Ls)}
	if err := r.Opened(ctx, d, o, "C1-2"); err != nil {
		t.Fatal(err)
	}
	if got := s.sc; got.LastFormat != retro.Format4Ls || got.BoardID != "C1-2" || !slices.Equal(got.Facilitators, []string{"UANA", "UBOB"}) || got.Version != 3 {
		t.Errorf("schedule after Opened = %+v; want 4ls, board C1-2, facilitators [UANA UBOB], v3", got)
	}

	t.Run("schedule set again meanwhile", func(t *testing.T) {
		s := &schedules{sc: retro.ScheduleState{Schedule: st.Schedule, Version: 4}, found: true}
		r, _, _ := runner(s, nil)
		if err := r.Opened(ctx, d, o, "C1-2"); !errors.Is(err, retro.ErrScheduleChanged) || s.updates != 0 || s.sc.BoardID != "" {
			t.Errorf("Opened: %v, %d writes, %+v; want ErrScheduleChanged and nothing written", err, s.updates, s.sc)
		}
	})
	t.Run("schedule removed meanwhile", func(t *testing.T) {
		s := &schedules{}
		r, _, _ := runner(s, nil)
		if err := r.Opened(ctx, d, o, "C1-2"); !errors.Is(err, retro.ErrScheduleChanged) || s.found {
			t.Errorf("Opened: %v (schedule found %v); want ErrScheduleChanged and no schedule re-created", err, s.found)
		}
	})
}

func TestDecideRemindPicksPeopleWithoutASignedCard(t *testing.T) {
	ctx := context.Background()
	st := thursdays(t)
	d := retro.DueMilestone{Team: "T1", Kind: retro.MilestoneRemind, Start: st.Next, State: st}
	b := collectBoard(t)
	addCard(t, &b, "signed", "UBOB")
	addCard(t, &b, "anonymous", "")

	r, _, boards := runner(&schedules{sc: st, found: true}, []string{"UANA", "UBOB", "UCID"})
	boards.OpenBoardFn = func(context.Context, string, string) (retro.ChannelBoard, error) {
		return retro.ChannelBoard{Board: b, Lang: "fr"}, nil
	}
	rem, err := r.DecideRemind(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rem.Whom, []string{"UANA", "UCID"}) || rem.Board.ID != "B1" || rem.Board.Lang != "fr" {
		t.Errorf("DecideRemind = %v about %s (%s); want [UANA UCID] about B1 in fr (an anonymous author cannot be told apart)", rem.Whom, rem.Board.ID, rem.Board.Lang)
	}

	t.Run("no open board: nobody, the channel not read", func(t *testing.T) {
		r, _, _ := runner(&schedules{sc: st, found: true}, nil)
		r.Roster = nil // a call would panic
		rem, err := r.DecideRemind(ctx, d)
		if err != nil || rem.Whom != nil {
			t.Errorf("DecideRemind without a board = %v, %v; want nobody", rem.Whom, err)
		}
	})
	t.Run("nobody in the channel", func(t *testing.T) {
		r, _, boards := runner(&schedules{sc: st, found: true}, nil)
		boards.OpenBoardFn = func(context.Context, string, string) (retro.ChannelBoard, error) {
			return retro.ChannelBoard{Board: b}, nil
		}
		if rem, err := r.DecideRemind(ctx, d); err != nil || len(rem.Whom) != 0 {
			t.Errorf("DecideRemind in an empty channel = %v, %v; want nobody", rem.Whom, err)
		}
	})
	t.Run("board unreadable", func(t *testing.T) {
		down := errors.New("redis down")
		r, _, boards := runner(&schedules{sc: st, found: true}, nil)
		boards.OpenBoardFn = func(context.Context, string, string) (retro.ChannelBoard, error) { return retro.ChannelBoard{}, down }
		if _, err := r.DecideRemind(ctx, d); !errors.Is(err, down) {
			t.Errorf("DecideRemind: %v, want the store's error (retried)", err)
		}
	})
}

func TestDecideStartNamesTheFacilitator(t *testing.T) {
	ctx := context.Background()
	st := thursdays(t)
	b := collectBoard(t) // UFAC, sailboat
	for name, c := range map[string]struct {
		history        []string
		last           string
		board          bool
		wantFac, wantF string
	}{
		"the open board's":              {history: []string{"UANA"}, last: retro.Format4Ls, board: true, wantFac: "UFAC", wantF: format(t, retro.FormatSailboat).Title("en")},
		"no board: the rotation's last": {history: []string{"UANA", "UBOB"}, last: retro.Format4Ls, wantFac: "UBOB", wantF: format(t, retro.Format4Ls).Title("en")},
		"no board, no rotation yet":     {wantFac: "UBOSS", wantF: retro.DefaultFormatID},
	} {
		t.Run(name, func(t *testing.T) {
			st := st
			st.Facilitators, st.LastFormat = c.history, c.last
			r, _, boards := runner(&schedules{sc: st, found: true}, nil)
			if c.board {
				boards.OpenBoardFn = func(context.Context, string, string) (retro.ChannelBoard, error) {
					return retro.ChannelBoard{Board: b}, nil
				}
			}
			got := r.DecideStart(ctx, retro.DueMilestone{Team: "T1", Kind: retro.MilestoneStart, Start: st.Next, State: st})
			if got.Facilitator != c.wantFac || got.Format != c.wantF {
				t.Errorf("DecideStart = %+v, want %s, %s", got, c.wantFac, c.wantF)
			}
		})
	}
}

func TestAdvancePlansTheNextRetro(t *testing.T) {
	ctx := context.Background()
	st := thursdays(t)
	st.BoardID = "C1-2"
	s := &schedules{sc: st, found: true}
	r, planned, _ := runner(s, nil)
	d := retro.DueMilestone{Team: "T1", Kind: retro.MilestoneStart, Start: st.Next, State: st}
	next, err := r.Advance(ctx, d)
	if err != nil {
		t.Fatal(err)
	}
	week := st.Next.AddDate(0, 0, 7)
	if !next.Next.Equal(week) || !s.sc.Next.Equal(week) || s.sc.BoardID != "" || next.Version != 3 {
		t.Errorf("Advance = %+v, schedule %+v; want the next Thursday %s, no board", next, s.sc, week)
	}
	if len(*planned) != 3 {
		t.Fatalf("planned %d milestones, want open, reminder and start of %s", len(*planned), week)
	}
	for _, p := range *planned {
		if m, _ := retro.ParseMilestone(p.Payload); m.Start != week.Unix() || m.Version != 3 {
			t.Errorf("planned %s, want a milestone of v3 at %s", p.ID, week)
		}
	}

	t.Run("delivered twice: same retro, same ids", func(t *testing.T) {
		first := slices.Clone(*planned)
		again, err := r.Advance(ctx, d)
		if err != nil || !again.Next.Equal(week) {
			t.Fatalf("Advance again = %+v, %v; want %s again", again, err, week)
		}
		for i, p := range (*planned)[len(first):] {
			if p.ID != first[i].ID {
				t.Errorf("second delivery planned %s, want %s (the queue ignores a known id)", p.ID, first[i].ID)
			}
		}
	})
	t.Run("schedule set again or removed: nothing planned", func(t *testing.T) {
		for _, s := range []*schedules{{sc: retro.ScheduleState{Schedule: st.Schedule, Version: 4}, found: true}, {}} {
			r, planned, _ := runner(s, nil)
			if _, err := r.Advance(ctx, d); !errors.Is(err, retro.ErrScheduleChanged) || len(*planned) != 0 || s.updates != 0 {
				t.Errorf("Advance: %v, planned %d, %d writes; want ErrScheduleChanged, nothing", err, len(*planned), s.updates)
			}
		}
	})
}

func format(t *testing.T, id string) retro.Format {
	t.Helper()
	f, ok := retro.FormatByID(id)
	if !ok {
		t.Fatalf("FormatByID(%q): not found", id)
	}
	return f
}

// collectBoard is sailboat board B1 of C1, facilitated by UFAC.
func collectBoard(t *testing.T) retro.Board {
	t.Helper()
	b, err := retro.NewBoard(retro.BoardParams{ID: "B1", TeamID: "T1", ChannelID: "C1", Format: format(t, retro.FormatSailboat),
		CreatedBy: "UBOSS", Facilitator: "UFAC", Number: 2}, now)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func addCard(t *testing.T, b *retro.Board, text, author string) {
	t.Helper()
	if _, err := b.AddCard(retro.CardInput{ID: text, Zone: "wind", Text: text, Author: author}, now); err != nil {
		t.Fatal(err)
	}
}
