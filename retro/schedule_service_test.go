package retro_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"ctocoach/retro"
	"ctocoach/retro/mock"
)

// queue records what the schedule service plans and cancels; cancelErr
// makes every Cancel fail.
type queue struct {
	planned   []retro.MilestoneTask
	cancelled []string
	cancelErr error
}

func (q *queue) mock() *mock.MilestoneQueue {
	return &mock.MilestoneQueue{
		ScheduleFn: func(_ context.Context, t retro.MilestoneTask) error {
			q.planned = append(q.planned, t)
			return nil
		},
		CancelFn: func(_ context.Context, id string) error {
			q.cancelled = append(q.cancelled, id)
			return q.cancelErr
		},
	}
}

func scheduleService(repo retro.ScheduleRepository, q *queue, log *slog.Logger) *retro.ScheduleService {
	return &retro.ScheduleService{Schedules: repo, Planner: retro.MilestonePlanner{Queue: q.mock()},
		Now: func() time.Time { return now }, Log: log}
}

// milestoneIDs are the three milestone ids of st's next retro.
func milestoneIDs(st retro.ScheduleState) []string {
	var ids []string
	for _, k := range []string{retro.MilestoneOpen, retro.MilestoneRemind, retro.MilestoneStart} {
		ids = append(ids, retro.Milestone{Channel: st.ChannelID, Version: st.Version, Start: st.Next.Unix(), Kind: k}.ID("T1"))
	}
	return ids
}

// Setting a schedule over another saves a new version that keeps the
// rotation, cancels the old retro's milestones and plans the new one's.
func TestScheduleSetReplacesTheOldRetro(t *testing.T) {
	s := &schedules{sc: thursdays(t), found: true}
	s.sc.Facilitators, s.sc.LastFormat = []string{"UA", "UB"}, retro.FormatSailboat
	old := s.sc
	q := &queue{}
	saved, err := scheduleService(s.repo(), q, nil).Set(context.Background(), retro.ScheduleRequest{
		Team: "T1", Channel: "C1", Text: "biweekly fri 09:30 Europe/Paris 4ls", TZ: "America/New_York", Lang: "fr", By: "UNEW"})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != old.Version+1 || saved.Cadence != retro.CadenceBiweekly || saved.Weekday != time.Friday ||
		saved.Hour != 9 || saved.Minute != 30 || saved.TZ != "Europe/Paris" || !slices.Equal(saved.Formats, []string{retro.Format4Ls}) {
		t.Errorf("saved %+v, want version %d, biweekly Friday 09:30 Europe/Paris, 4ls", saved, old.Version+1)
	}
	if saved.Lang != "fr" || saved.SetBy != "UNEW" || !saved.Anchor.Equal(now) {
		t.Errorf("saved lang %q, set by %q, anchor %v: want fr, UNEW, now", saved.Lang, saved.SetBy, saved.Anchor)
	}
	if !slices.Equal(saved.Facilitators, old.Facilitators) || saved.LastFormat != old.LastFormat {
		t.Errorf("rotation lost: facilitators %v, last format %q", saved.Facilitators, saved.LastFormat)
	}
	if want := saved.Schedule.Next(now); !saved.Next.Equal(want) || !saved.Next.After(now) {
		t.Errorf("next retro %v, want %v", saved.Next, want)
	}
	if !slices.Equal(q.cancelled, milestoneIDs(old)) {
		t.Errorf("cancelled %v, want the old retro's %v", q.cancelled, milestoneIDs(old))
	}
	var planned []string
	for _, p := range q.planned {
		planned = append(planned, p.ID)
	}
	if want := milestoneIDs(saved); !slices.Equal(planned, want) {
		t.Errorf("planned %v, want %v", planned, want)
	}
	if s.updates != 1 {
		t.Errorf("%d writes, want 1", s.updates)
	}
}

// The setter's zone is used when the text names none; a first schedule is
// version 1 and cancels nothing.
func TestScheduleSetFirstUsesTheSettersZone(t *testing.T) {
	s := &schedules{}
	q := &queue{}
	saved, err := scheduleService(s.repo(), q, nil).Set(context.Background(), retro.ScheduleRequest{
		Team: "T1", Channel: "C1", Text: "weekly thu 16:00", TZ: "Europe/Paris", Lang: "en", By: "U1"})
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != 1 || saved.TZ != "Europe/Paris" || len(saved.Facilitators) != 0 {
		t.Errorf("saved %+v, want version 1 in Europe/Paris", saved)
	}
	if len(q.cancelled) != 0 || len(q.planned) != 3 {
		t.Errorf("cancelled %v, planned %d: want none cancelled, 3 planned", q.cancelled, len(q.planned))
	}
}

// Text that is not a schedule is ErrBadSchedule and touches nothing.
func TestScheduleSetRefusesGarbage(t *testing.T) {
	for _, text := range []string{"whenever", "weekly 16:00", "weekly thu", "weekly thu 25:00", "weekly thu 16:00 Mars/Olympus", strings.Repeat("x", 5000)} {
		s := &schedules{sc: thursdays(t), found: true}
		q := &queue{}
		_, err := scheduleService(s.repo(), q, nil).Set(context.Background(), retro.ScheduleRequest{Team: "T1", Channel: "C1", Text: text, TZ: "UTC"})
		if !errors.Is(err, retro.ErrBadSchedule) {
			t.Errorf("Set(%.20q) = %v, want ErrBadSchedule", text, err)
		}
		if s.updates != 0 || len(q.planned) != 0 || len(q.cancelled) != 0 {
			t.Errorf("Set(%.20q) wrote %d, planned %d, cancelled %d: want nothing", text, s.updates, len(q.planned), len(q.cancelled))
		}
	}
}

// When the save fails nothing is cancelled or planned: the old schedule
// and its milestones stay as they were.
func TestScheduleSetSaveFailingKeepsTheOld(t *testing.T) {
	down := errors.New("connection refused")
	repo := &mock.ScheduleRepository{UpdateScheduleFn: func(context.Context, string, string, func(retro.ScheduleState, bool) (retro.ScheduleState, error)) (retro.ScheduleState, error) {
		return retro.ScheduleState{}, down
	}}
	q := &queue{}
	saved, err := scheduleService(repo, q, nil).Set(context.Background(), retro.ScheduleRequest{Team: "T1", Channel: "C1", Text: "weekly thu 16:00", TZ: "UTC"})
	if !errors.Is(err, down) || saved.Version != 0 {
		t.Errorf("Set = %+v, %v; want the store's error and no schedule", saved, err)
	}
	if len(q.planned) != 0 || len(q.cancelled) != 0 {
		t.Errorf("planned %d, cancelled %v after a failed save", len(q.planned), q.cancelled)
	}
}

// Milestones that cannot be cancelled are logged and the new retro is
// still planned (the old ones are dropped as stale when they come due).
func TestScheduleSetCancelFailingStillPlans(t *testing.T) {
	s := &schedules{sc: thursdays(t), found: true}
	q := &queue{cancelErr: errors.New("queue busy")}
	var logs bytes.Buffer
	saved, err := scheduleService(s.repo(), q, slog.New(slog.NewTextHandler(&logs, nil))).Set(context.Background(),
		retro.ScheduleRequest{Team: "T1", Channel: "C1", Text: "weekly mon 10:00", TZ: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	if len(q.planned) != 3 || q.planned[0].ID != milestoneIDs(saved)[0] {
		t.Errorf("planned %+v, want the new retro's 3 milestones", q.planned)
	}
	if !strings.Contains(logs.String(), "cannot cancel a retro milestone") || !strings.Contains(logs.String(), "queue busy") {
		t.Errorf("log %q does not say the cancel failed", logs.String())
	}
}

// Stop deletes the schedule and cancels its next retro; stopping a
// channel with none is not an error.
func TestScheduleStop(t *testing.T) {
	s := &schedules{sc: thursdays(t), found: true}
	old := s.sc
	q := &queue{}
	svc := scheduleService(s.repo(), q, nil)
	if err := svc.Stop(context.Background(), "T1", "C1"); err != nil {
		t.Fatal(err)
	}
	if s.found || s.deletes != 1 || !slices.Equal(q.cancelled, milestoneIDs(old)) {
		t.Errorf("found %v, deletes %d, cancelled %v: want deleted once and %v cancelled", s.found, s.deletes, q.cancelled, milestoneIDs(old))
	}
	if _, err := svc.Current(context.Background(), "T1", "C1"); !errors.Is(err, retro.ErrNoSchedule) {
		t.Errorf("Current after Stop = %v, want ErrNoSchedule", err)
	}
	q.cancelled = nil
	if err := svc.Stop(context.Background(), "T1", "C1"); err != nil || len(q.cancelled) != 0 {
		t.Errorf("second Stop = %v, cancelled %v: want nil and nothing", err, q.cancelled)
	}
}

// A store that cannot be read stops nothing.
func TestScheduleStopReadFailingDeletesNothing(t *testing.T) {
	down := errors.New("i/o timeout")
	repo := &mock.ScheduleRepository{ScheduleFn: func(context.Context, string, string) (retro.ScheduleState, error) {
		return retro.ScheduleState{}, down
	}} // no DeleteScheduleFn: a delete would panic
	if err := scheduleService(repo, &queue{}, nil).Stop(context.Background(), "T1", "C1"); !errors.Is(err, down) {
		t.Errorf("Stop = %v, want the store's error", err)
	}
}
