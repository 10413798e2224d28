package routines

import (
	"context"
	"ctocoach/bot"
	botmock "ctocoach/bot/mock"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/slack-go/slack"

	"ctocoach/routine"
	"ctocoach/store"
)

// coffeeMonday is weekly-coffee's first occurrence for a Paris user after
// the fixture's clock: Monday 5 January 2026, 09:30 in Paris.
var coffeeMonday = time.Date(2026, 1, 5, 8, 30, 0, 0, time.UTC)

func (f *routineFixture) nudges(outcome string) float64 {
	return testutil.ToFloat64(f.b.metrics.Nudges.WithLabelValues(outcome))
}

func TestDeliverNudgeSendsDMNamesTeammateAndPlansNext(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	if err := f.b.store.SaveRoster(ctx, routineTeam, "UANA", store.Roster{Channel: "CTEAM", Members: []string{"UBEN", "UCAT"}}); err != nil {
		t.Fatal(err)
	}
	plan := f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
	if len(plan) != 1 || !plan[0].At.Equal(coffeeMonday) {
		t.Fatalf("plan = %+v, want the coffee at %v", plan, coffeeMonday)
	}
	f.clock.Set(coffeeMonday)
	if err := f.b.DeliverNudge(ctx, f.sched.take(t, plan[0].ID)); err != nil {
		t.Fatalf("DeliverNudge: %v", err)
	}
	dms := f.dms("UANA")
	if len(dms) != 1 {
		t.Fatalf("DMs to UANA = %d, want 1", len(dms))
	}
	body := plainBlocks(dms[0].Blocks)
	if !strings.Contains(body, "café") {
		t.Errorf("nudge for a French user = %s, want French", body)
	}
	if !strings.Contains(body, "<@UBEN>") && !strings.Contains(body, "<@UCAT>") {
		t.Errorf("coffee nudge names nobody from the roster: %s", body)
	}
	if !strings.Contains(body, "Card isolation-inside-links") {
		t.Errorf("nudge lacks the linked card title: %s", body)
	}
	want := []string{actionRoutineDone, actionRoutineSnooze + ":tomorrow", actionRoutineSnooze + ":next-week", actionRoutineSkip}
	if got := nudgeButtons(t, dms[0].Blocks); !slices.Equal(got, want) {
		t.Errorf("buttons = %v, want %v", got, want)
	}
	next := routine.OccurrenceID(routineTeam, "UANA", "weekly-coffee", coffeeMonday.AddDate(0, 0, 7))
	if got := f.sched.pendingIDs(); !slices.Equal(got, []string{next}) {
		t.Errorf("pending after sending = %v, want only next week's %s", got, next)
	}
	outs, _ := f.b.store.Outcomes(ctx, routineTeam, "UANA", time.Time{})
	if len(outs) != 1 || outs[0].Result != routine.Missed {
		t.Errorf("outcomes after sending = %+v, want one missed (until answered)", outs)
	}
	if got := f.nudges("sent"); got != 1 {
		t.Errorf("nudges{sent} = %v, want 1", got)
	}
}

func TestDeliverNudgeInsidePauseIsNotSent(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	// Planned before the pause (as another replica might have), then paused.
	old := nudgeTask(routineTeam, "UANA", mustRoutine(t, f, "weekly-coffee"), coffeeMonday, coffeeMonday, false)
	_ = f.sched.Schedule(ctx, old)
	f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}, PausedUntil: "2026-01-13"})
	if got := f.sched.pendingIDs(); slices.Contains(got, old.ID) {
		t.Errorf("re-planning for a pause kept the occurrence inside it: %v", got)
	}
	_ = f.sched.Schedule(ctx, old) // a replica re-plans it anyway
	f.clock.Set(coffeeMonday)
	if err := f.b.DeliverNudge(ctx, f.sched.take(t, old.ID)); err != nil {
		t.Fatal(err)
	}
	if n := len(f.dms("UANA")); n != 0 {
		t.Errorf("DMs during a pause = %d, want 0", n)
	}
	after := routine.OccurrenceID(routineTeam, "UANA", "weekly-coffee", coffeeMonday.AddDate(0, 0, 14))
	if got := f.sched.pendingIDs(); !slices.Equal(got, []string{after}) {
		t.Errorf("pending = %v, want only the first coffee after the pause %s (no burst)", got, after)
	}
	if got := f.nudges("skipped"); got != 1 {
		t.Errorf("nudges{skipped} = %v, want 1", got)
	}
}

func TestDeliverNudgeStalePlanIsDropped(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	plan := f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
	hour, minute := 11, 0
	s := routine.Settings{Subscribed: []string{"weekly-coffee"}, TZ: "Europe/Paris", Hour: &hour, Minute: &minute}
	if err := f.b.store.SaveRoutineSettings(ctx, routineTeam, "UANA", s); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(coffeeMonday)
	if err := f.b.DeliverNudge(ctx, f.sched.take(t, plan[0].ID)); err != nil {
		t.Fatal(err)
	}
	if n := len(f.dms("UANA")); n != 0 {
		t.Errorf("a nudge planned for 09:30 was sent after the hour moved to 11:00")
	}
	today11 := routine.OccurrenceID(routineTeam, "UANA", "weekly-coffee", time.Date(2026, 1, 5, 10, 0, 0, 0, time.UTC))
	if got := f.sched.pendingIDs(); !slices.Equal(got, []string{today11}) {
		t.Errorf("pending = %v, want today's 11:00 coffee %s", got, today11)
	}
}

func TestDeliverNudgeLateness(t *testing.T) {
	for _, tt := range []struct {
		name     string
		late     time.Duration
		wantDMs  int
		wantStat string
	}{
		{"on time", 2 * time.Second, 1, "sent"},
		{"late within grace", 40 * time.Minute, 1, "late"},
		{"beyond grace", 2*time.Hour + time.Minute, 0, "skipped"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := mustRoutineFixture(t)
			plan := f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
			f.clock.Set(coffeeMonday.Add(tt.late))
			if err := f.b.DeliverNudge(context.Background(), f.sched.take(t, plan[0].ID)); err != nil {
				t.Fatal(err)
			}
			if n := len(f.dms("UANA")); n != tt.wantDMs {
				t.Errorf("DMs = %d, want %d", n, tt.wantDMs)
			}
			if got := f.nudges(tt.wantStat); got != 1 {
				t.Errorf("nudges{%s} = %v, want 1", tt.wantStat, got)
			}
			if n := len(f.sched.pendingIDs()); n != 1 {
				t.Errorf("pending = %d, want the next occurrence planned", n)
			}
		})
	}
}

func TestDeliverNudgeSlackFailures(t *testing.T) {
	t.Run("rate limited", func(t *testing.T) {
		f := mustRoutineFixture(t)
		plan := f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
		f.clock.Set(coffeeMonday)
		f.slack.PostErr = failOnce(&slack.RateLimitedError{RetryAfter: time.Second})
		err := f.b.DeliverNudge(context.Background(), f.sched.take(t, plan[0].ID))
		var ra *bot.RetryAfterError
		if !errors.As(err, &ra) || ra.After < time.Second {
			t.Fatalf("DeliverNudge on 429 = %v, want a RetryAfterError of at least 1s", err)
		}
	})
	t.Run("server error", func(t *testing.T) {
		f := mustRoutineFixture(t)
		plan := f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
		f.clock.Set(coffeeMonday)
		f.slack.PostErr = failOnce(slack.StatusCodeError{Code: 503, Status: "503 Service Unavailable"})
		err := f.b.DeliverNudge(context.Background(), f.sched.take(t, plan[0].ID))
		var ra *bot.RetryAfterError
		if err == nil || errors.As(err, &ra) {
			t.Fatalf("DeliverNudge on 503 = %v, want a plain error (retry with backoff)", err)
		}
		if got := f.nudges("failed"); got != 0 {
			t.Errorf("nudges{failed} = %v after a transient error, want 0 (the engine retries)", got)
		}
	})
	t.Run("user gone", func(t *testing.T) {
		f := mustRoutineFixture(t)
		ctx := context.Background()
		f.slack.PostErr = func(channel string) error {
			if channel == "UGONE" {
				return slack.SlackErrorResponse{Err: "user_not_found"}
			}
			return nil
		}
		s := routine.Settings{Subscribed: []string{"weekly-coffee", "weekly-review"}, TZ: "Europe/Paris"}
		if err := f.b.store.SaveRoutineSettings(ctx, routineTeam, "UGONE", s); err != nil {
			t.Fatal(err)
		}
		plan, err := f.b.replan(ctx, routineTeam, "UGONE", s, f.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Set(coffeeMonday)
		if err := f.b.DeliverNudge(ctx, f.sched.take(t, plan[0].ID)); err != nil {
			t.Fatalf("DeliverNudge to a user who is gone = %v, want nil (no retry)", err)
		}
		got, _ := f.b.store.RoutineSettings(ctx, routineTeam, "UGONE")
		if len(got.Subscribed) != 0 {
			t.Errorf("subscriptions of a user who is gone = %v, want none", got.Subscribed)
		}
		if left := f.sched.pendingIDs(); len(left) != 0 {
			t.Errorf("pending nudges of a user who is gone = %v, want none", left)
		}
		if got := f.nudges("failed"); got != 1 {
			t.Errorf("nudges{failed} = %v, want 1", got)
		}
	})
}

func TestReplanIsIdempotentAndCancelsUnsubscribed(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	both := routine.Settings{Subscribed: []string{"weekly-coffee", "weekly-review"}}
	f.subscribe(t, both)
	first := f.sched.pendingIDs()
	f.subscribe(t, both) // the modal submitted twice
	if again := f.sched.pendingIDs(); !slices.Equal(first, again) || len(first) != 2 {
		t.Fatalf("pending after two identical submissions = %v then %v, want the same 2 tasks", first, again)
	}
	snoozed := nudgeTask(routineTeam, "UANA", mustRoutine(t, f, "weekly-review"), coffeeMonday, coffeeMonday.Add(24*time.Hour), true)
	_ = f.sched.Schedule(ctx, snoozed)
	f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-review"}})
	got := f.sched.pendingIDs()
	if len(got) != 2 || !slices.Contains(got, snoozed.ID) || slices.ContainsFunc(got, func(id string) bool { return strings.Contains(id, "weekly-coffee") }) {
		t.Errorf("pending after unsubscribing the coffee = %v, want the review and its snooze only", got)
	}
	f.subscribe(t, routine.Settings{})
	if left := f.sched.pendingIDs(); len(left) != 0 {
		t.Errorf("pending after unsubscribing everything = %v, want none", left)
	}
}

func TestNudgeDoneUpdatesInPlaceRecordsMeetingAndHome(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	_ = f.b.store.SaveRoster(ctx, routineTeam, "UANA", store.Roster{Channel: "CTEAM", Members: []string{"UBEN"}})
	plan := f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
	f.clock.Set(coffeeMonday)
	if err := f.b.DeliverNudge(ctx, f.sched.take(t, plan[0].ID)); err != nil {
		t.Fatal(err)
	}
	msg := f.dms("UANA")[0]
	f.clock.Set(coffeeMonday.Add(3 * time.Hour))
	f.b.nudgeAnswer(ctx, f.buttonPress(t, msg, actionRoutineDone))

	got, _ := f.slack.message(msg.Channel, msg.TS)
	if !got.Edited || !strings.Contains(plainBlocks(got.Blocks), "Fait") || len(nudgeButtons(t, got.Blocks)) != 0 {
		t.Errorf("message after Done = edited %v, %s; want it updated in place, saying done, without buttons", got.Edited, plainBlocks(got.Blocks))
	}
	ms, _ := f.b.store.Meetings(ctx, routineTeam, "UANA")
	if len(ms) != 1 || ms[0].With != "UBEN" || ms[0].Routine != "weekly-coffee" {
		t.Errorf("meetings after Done = %+v, want one with UBEN", ms)
	}
	outs, _ := f.b.store.Outcomes(ctx, routineTeam, "UANA", time.Time{})
	if len(outs) != 1 || outs[0].Result != routine.Done {
		t.Errorf("outcomes after Done = %+v, want one done", outs)
	}
	home, ok := f.homeText("UANA")
	if !ok || !strings.Contains(home, "réalisés : 1 sur 1") {
		t.Errorf("App Home after Done = %v %s, want the done count 1 of 1", ok, home)
	}
}

func TestNudgeSnoozePlansItAgain(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	plan := f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
	f.clock.Set(coffeeMonday)
	if err := f.b.DeliverNudge(ctx, f.sched.take(t, plan[0].ID)); err != nil {
		t.Fatal(err)
	}
	msg := f.dms("UANA")[0]
	f.b.nudgeAnswer(ctx, f.buttonPress(t, msg, actionRoutineSnooze+":"+routine.SnoozeTomorrow))
	tomorrow := routine.OccurrenceID(routineTeam, "UANA", "weekly-coffee", coffeeMonday.AddDate(0, 0, 1)) + snoozeSuffix
	if got := f.sched.pendingIDs(); !slices.Contains(got, tomorrow) || len(got) != 2 {
		t.Fatalf("pending after snoozing = %v, want next week's coffee and %s", got, tomorrow)
	}
	got, _ := f.slack.message(msg.Channel, msg.TS)
	if !strings.Contains(plainBlocks(got.Blocks), "Reporté") {
		t.Errorf("message after snooze = %s, want it to say snoozed", plainBlocks(got.Blocks))
	}
	// The snoozed nudge comes back without planning another occurrence.
	f.clock.Set(coffeeMonday.AddDate(0, 0, 1))
	if err := f.b.DeliverNudge(ctx, f.sched.take(t, tomorrow)); err != nil {
		t.Fatal(err)
	}
	if n := len(f.dms("UANA")); n != 2 {
		t.Errorf("DMs after the snooze came back = %d, want 2", n)
	}
	if got := f.sched.pendingIDs(); len(got) != 1 {
		t.Errorf("pending after the snoozed nudge = %v, want only next week's coffee", got)
	}
}

// buttonPress builds the request of the user pressing actionID in msg.
func (f *routineFixture) buttonPress(tb testing.TB, m sentMessage, actionID string) *bot.Request {
	tb.Helper()
	value := buttonValue(tb, m.Blocks, actionID)
	if value == "" {
		tb.Fatalf("no button %s in %s", actionID, m.Blocks)
	}
	cb := &slack.InteractionCallback{Type: slack.InteractionTypeBlockActions}
	cb.Container.ChannelID, cb.Container.MessageTs = m.Channel, m.TS
	r := bot.NewRequest(&botmock.Responder{}, func(any) {})
	r.Type, r.TeamID, r.UserID, r.Callback = "interactive", routineTeam, "UANA", cb
	r.Action = &slack.BlockAction{ActionID: actionID, Value: value}
	// What the core's middleware does before every handler.
	r.User = f.b.Profiles.Get(context.Background(), routineTeam, "UANA")
	r.Lang = r.User.Lang
	return r
}

func mustRoutine(tb testing.TB, f *routineFixture, id string) routine.Routine {
	tb.Helper()
	rt, ok := f.cat.ByID(id)
	if !ok {
		tb.Fatalf("no routine %s", id)
	}
	return rt
}

func TestReplanAfterMovingTheHourDoesNotSendTwiceADay(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	plan := f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
	f.clock.Set(coffeeMonday)
	if err := f.b.DeliverNudge(ctx, f.sched.take(t, plan[0].ID)); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(coffeeMonday.Add(30 * time.Minute)) // 10:00 in Paris
	hour := 11
	plan = f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}, Hour: &hour})
	nextWeek11 := time.Date(2026, 1, 12, 10, 0, 0, 0, time.UTC)
	if len(plan) != 1 || !plan[0].At.Equal(nextWeek11) {
		t.Fatalf("plan after moving the hour to 11:00 = %+v, want next Monday 11:00 (today's coffee was sent)", plan)
	}
	if got := f.sched.pendingIDs(); !slices.Equal(got, []string{plan[0].ID}) {
		t.Errorf("pending = %v, want only %s", got, plan[0].ID)
	}
}

// failOnce fails the next chat.postMessage with err, then lets them through.
func failOnce(err error) func(string) error {
	used := false
	return func(string) error {
		if used {
			return nil
		}
		used = true
		return err
	}
}
