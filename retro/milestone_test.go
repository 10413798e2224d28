package retro_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ctocoach/retro"
	"ctocoach/retro/mock"
)

func weeklyRetro(t *testing.T) retro.ScheduledRetro {
	t.Helper()
	sc := retro.Schedule{ChannelID: "C1", Cadence: retro.CadenceWeekly, Weekday: time.Thursday, Hour: 16, TZ: "UTC"}
	if err := sc.Validate(); err != nil {
		t.Fatal(err)
	}
	return retro.ScheduledRetro{Channel: "C1", Version: 3, Schedule: sc, Next: sc.Next(now)}
}

func TestPlanQueuesOpenReminderAndStart(t *testing.T) {
	var got []retro.MilestoneTask
	q := &mock.MilestoneQueue{ScheduleFn: func(_ context.Context, task retro.MilestoneTask) error { got = append(got, task); return nil }}
	r := weeklyRetro(t) // Thursday 7 May 16:00; now is 10:00 that day
	if err := (retro.MilestonePlanner{Queue: q}).Plan(context.Background(), "T1", r, now); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		kind string
		due  time.Time
	}{{retro.MilestoneOpen, now}, {retro.MilestoneRemind, r.Next.Add(-time.Hour)}, {retro.MilestoneStart, r.Next}}
	if len(got) != len(want) {
		t.Fatalf("planned %d tasks, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		m, err := retro.ParseMilestone(got[i].Payload)
		if err != nil || m.Kind != w.kind || m.Channel != "C1" || m.Version != 3 || m.Start != r.Next.Unix() {
			t.Errorf("task %d payload = %+v, %v; want %s of C1 v3", i, m, err, w.kind)
		}
		if !got[i].Due.Equal(w.due) || got[i].ID != m.ID("T1") || got[i].Team != "T1" {
			t.Errorf("task %d = %s due %s, want %s due %s (open past: due now)", i, got[i].ID, got[i].Due, m.ID("T1"), w.due)
		}
	}
}

func TestPlanSkipsAPastReminder(t *testing.T) {
	var kinds []string
	q := &mock.MilestoneQueue{ScheduleFn: func(_ context.Context, task retro.MilestoneTask) error {
		m, _ := retro.ParseMilestone(task.Payload)
		kinds = append(kinds, m.Kind)
		return nil
	}}
	r := weeklyRetro(t)
	late := r.Next.Add(-30 * time.Minute)
	if err := (retro.MilestonePlanner{Queue: q}).Plan(context.Background(), "T1", r, late); err != nil {
		t.Fatal(err)
	}
	if len(kinds) != 2 || kinds[0] != retro.MilestoneOpen || kinds[1] != retro.MilestoneStart {
		t.Errorf("planned %v half an hour before, want [open start]", kinds)
	}
}

func TestCancelTriesEveryMilestone(t *testing.T) {
	var ids []string
	q := &mock.MilestoneQueue{CancelFn: func(_ context.Context, id string) error {
		ids = append(ids, id)
		if len(ids) == 1 {
			return errors.New("timeout")
		}
		return nil
	}}
	r := weeklyRetro(t)
	err := (retro.MilestonePlanner{Queue: q}).Cancel(context.Background(), "T1", r)
	if err == nil || len(ids) != 3 {
		t.Errorf("Cancel = %v after %v; want the first failure reported and all three tried", err, ids)
	}
	if err := (retro.MilestonePlanner{Queue: &mock.MilestoneQueue{}}).Cancel(context.Background(), "T1", retro.ScheduledRetro{Channel: "C1"}); err != nil {
		t.Errorf("Cancel of no planned retro = %v, want nothing done", err)
	}
}

func TestRotationFallsBackToTheSetterAndTheDefaultFormat(t *testing.T) {
	fac, f := retro.Rotation(nil, nil, "USET", nil, "")
	if fac != "USET" || f.ID != retro.DefaultFormatID {
		t.Errorf("Rotation with nobody = %s, %s; want USET, %s", fac, f.ID, retro.DefaultFormatID)
	}
	fac, _ = retro.Rotation([]string{"UA", "UB"}, []string{"UA"}, "USET", nil, "")
	if fac != "UB" {
		t.Errorf("Rotation after UA = %s, want UB", fac)
	}
}
