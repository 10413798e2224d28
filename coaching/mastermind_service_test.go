package coaching_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"ctocoach/coaching"
	"ctocoach/coaching/mock"
)

func withGroups(f *fixture) map[string]coaching.Mastermind {
	groups := map[string]coaching.Mastermind{}
	f.svc.Groups = &mock.Groups{
		UpdateMastermindFn: func(_ context.Context, team, ch string, fn func(coaching.Mastermind, bool) (coaching.Mastermind, error)) (coaching.Mastermind, error) {
			cur, found := groups[ch]
			next, err := fn(cur, found)
			if err != nil {
				return cur, err
			}
			next.Channel = ch
			groups[ch] = next
			return next, nil
		},
	}
	return groups
}

// TestMastermindRotationOverThreeMonths: created with its rules shown,
// three monthly sessions on the second Thursday, the presenter rotating,
// last month's actions followed up first, a retried task posting the same
// session.
func TestMastermindRotationOverThreeMonths(t *testing.T) {
	f := newFixture(t, paris(2027, 1, 4, 10, 0))
	groups := withGroups(f)
	ctx := context.Background()
	m := coaching.Mastermind{Channel: "CMM", Members: []string{"U1", "U2", "U3", "U4", "U5", "U6"}, Weekday: time.Thursday, WeekOfMonth: 2, Hour: 18, Minute: 30, TZ: "Europe/Paris", CreatedBy: "U1"}
	got, rules, err := f.svc.CreateMastermind(ctx, "T1", m)
	if err != nil || len(rules.Rules) == 0 || rules.Minutes.Presenter != 20 || !got.CreatedAt.Equal(f.clock.T) {
		t.Fatal(err, rules)
	}
	if _, _, err := f.svc.CreateMastermind(ctx, "T1", m); !errors.Is(err, coaching.ErrInvalid) {
		t.Fatal("a second group in the same channel:", err)
	}
	small := m
	small.Channel, small.Members = "C2", m.Members[:3]
	if _, _, err := f.svc.CreateMastermind(ctx, "T1", small); !errors.Is(err, coaching.ErrInvalid) {
		t.Fatal("a group of 3:", err)
	}
	wantAt := []time.Time{paris(2027, 1, 14, 18, 30), paris(2027, 2, 11, 18, 30), paris(2027, 3, 11, 18, 30)}
	wantWho := []string{"U1", "U2", "U3"}
	for i, at := range wantAt {
		task := f.take(t, coaching.MastermindTaskID("T1", "CMM", at))
		f.clock.T = at
		msg, err := f.svc.MastermindDue(ctx, task, nil)
		if err != nil || !msg.Send || msg.Session.Presenter != wantWho[i] || msg.Session.DiscussionMinutes != 40 {
			t.Fatalf("session %d: %v %+v", i+1, err, msg)
		}
		if i > 0 && (len(msg.Session.FollowUp) != 1 || msg.Session.FollowUp[0].Owner != wantWho[i-1]) {
			t.Fatalf("session %d follows up %+v", i+1, msg.Session.FollowUp)
		}
		if i == 1 {
			again, err := f.svc.MastermindDue(ctx, task, nil)
			if err != nil || again.Session.Presenter != msg.Session.Presenter || len(again.Session.FollowUp) != 1 {
				t.Fatalf("retry posted another session: %+v", again)
			}
		}
		if _, err := f.svc.AddMastermindAction(ctx, "T1", "CMM", wantWho[i], "action of month"); err != nil {
			t.Fatal(err)
		}
	}
	if g := groups["CMM"]; len(g.Presenters) != 3 || len(g.Actions) != 3 {
		t.Fatalf("group %+v", g)
	}
	// The fourth session is planned.
	if _, ok := f.tasks[coaching.MastermindTaskID("T1", "CMM", paris(2027, 4, 8, 18, 30))]; !ok {
		t.Fatalf("april session not planned: %v", f.tasks)
	}
	// A removed group's task posts nothing.
	delete(groups, "CMM")
	task := f.take(t, coaching.MastermindTaskID("T1", "CMM", paris(2027, 4, 8, 18, 30)))
	if msg, err := f.svc.MastermindDue(ctx, task, nil); err != nil || msg.Send {
		t.Fatal(err, msg)
	}
}
