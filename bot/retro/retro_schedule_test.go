package retrobot

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	botmock "ctocoach/bot/mock"
	"ctocoach/bot/retro/mock"
	"ctocoach/retro"
	retromock "ctocoach/retro/mock"
	"ctocoach/store"
)

// These tests run /retro schedule and the scheduled milestones on fakes:
// the store, Slack's Web API and the delivery engine (no emulator, no
// Redis). The decisions themselves are tested in retro; here, what is
// posted, to whom, and what a failure tells.

var _ API = (*mock.API)(nil)

// posted is one message the fake Slack received (slack-go's
// UnsafeApplyMsgOptions gives the text, not the blocks: the reminder's
// button is checked end to end, in cmd/ctocoach's retro tests).
type posted struct {
	channel, user, text string
}

// slackRec records posts and ephemerals; fail, when set, answers instead.
type slackRec struct {
	posts []posted
	fail  func(p posted) error
}

func (s *slackRec) api(t *testing.T, members []string) *mock.API {
	record := func(channel, user string, opts []slack.MsgOption) error {
		_, vals, err := slack.UnsafeApplyMsgOptions("xoxb-test", channel, "http://unused/", opts...)
		if err != nil {
			t.Fatal(err)
		}
		p := posted{channel: channel, user: user, text: vals.Get("text")}
		if s.fail != nil {
			if err := s.fail(p); err != nil {
				return err
			}
		}
		s.posts = append(s.posts, p)
		return nil
	}
	return &mock.API{
		PostMessageFn: func(_ context.Context, channel string, opts ...slack.MsgOption) (string, string, error) {
			return channel, "1.000", record(channel, "", opts)
		},
		PostEphemeralFn: func(_ context.Context, channel, user string, opts ...slack.MsgOption) (string, error) {
			return "1.000", record(channel, user, opts)
		},
		GetUsersInConversationFn: func(_ context.Context, p *slack.GetUsersInConversationParameters) ([]string, string, error) {
			if p.ChannelID != "C1" {
				t.Errorf("members of %s, want C1", p.ChannelID)
			}
			return members, "", nil
		},
	}
}

// profiles answers every user as a person, except UBOT.
func profiles() *mock.Profiles {
	return &mock.Profiles{GetFn: func(_ context.Context, _, user string) bot.User {
		u := bot.User{Lang: bot.LangEN}
		u.Profile.IsBot = user == "UBOT"
		return u
	}}
}

// scheduleStore keeps one channel's schedule in memory, as the store does.
type scheduleStore struct {
	sc      store.RetroSchedule
	found   bool
	updates int
}

func (s *scheduleStore) on(st *mock.Store) {
	st.RetroScheduleFn = func(context.Context, string, string) (store.RetroSchedule, error) {
		if !s.found {
			return store.RetroSchedule{}, store.ErrNotFound
		}
		return s.sc, nil
	}
	st.UpdateRetroScheduleFn = func(_ context.Context, _, channel string, fn func(store.RetroSchedule, bool) (store.RetroSchedule, error)) (store.RetroSchedule, error) {
		next, err := fn(s.sc, s.found)
		if err != nil {
			return store.RetroSchedule{}, err
		}
		next.ChannelID = channel
		s.sc, s.found = next, true
		s.updates++
		return next, nil
	}
	st.DeleteRetroScheduleFn = func(context.Context, string, string) error {
		s.sc, s.found = store.RetroSchedule{}, false
		return nil
	}
}

// milestoneQueue records planned and cancelled milestone ids.
type milestoneQueue struct{ planned, cancelled []string }

func (q *milestoneQueue) mock() *retromock.MilestoneQueue {
	return &retromock.MilestoneQueue{
		ScheduleFn: func(_ context.Context, t retro.MilestoneTask) error { q.planned = append(q.planned, t.ID); return nil },
		CancelFn:   func(_ context.Context, id string) error { q.cancelled = append(q.cancelled, id); return nil },
	}
}

func scheduleFeature(t *testing.T, st *mock.Store, q *milestoneQueue, s *slackRec, members []string) *feature {
	return newFeature(Deps{Store: st, Planner: q.mock(), API: s.api(t, members), Profiles: profiles(),
		Now: func() time.Time { return boardT0 }})
}

func scheduleRequest(args string) (*bot.Request, *botmock.Responder) {
	var acks []any
	out := &botmock.Responder{}
	r := testRequest(out, &acks)
	r.Args = args
	r.User = bot.User{Lang: bot.LangEN, TZ: "Europe/Paris"}
	return r, out
}

// "/retro schedule weekly thu 16:00" saves the schedule in the setter's
// zone, plans the next retro's three milestones and says when it is.
func TestRetroScheduleSetIsSavedPlannedAndTold(t *testing.T) {
	ss := &scheduleStore{}
	st := &mock.Store{}
	ss.on(st)
	q := &milestoneQueue{}
	r, out := scheduleRequest("weekly thu 16:00")
	if err := scheduleFeature(t, st, q, &slackRec{}, nil).retroSchedule(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if !ss.found || ss.sc.TZ != "Europe/Paris" || ss.sc.Weekday != time.Thursday || ss.sc.SetBy != "U1" || ss.sc.Version != 1 {
		t.Fatalf("saved %+v, want Thursdays in Europe/Paris by U1, version 1", ss.sc)
	}
	if len(q.planned) != 3 || len(q.cancelled) != 0 {
		t.Errorf("planned %v, cancelled %v: want 3 planned, none cancelled", q.planned, q.cancelled)
	}
	if len(out.Answers) != 1 || out.Answers[0].Text != scheduleText(bot.LangEN, "sched.set", ss.sc) ||
		!strings.Contains(out.Answers[0].Text, "Thursday 13 Mar 16:00") {
		t.Errorf("answers %+v, want the schedule with its next retro, Thursday 13 Mar 16:00", out.Answers)
	}
}

// Garbage is refused with the usage, nothing is written or planned.
func TestRetroScheduleGarbageIsRefusedWithUsage(t *testing.T) {
	st := &mock.Store{} // no schedule functions: a read or write would panic
	q := &milestoneQueue{}
	r, out := scheduleRequest("every full moon")
	err := scheduleFeature(t, st, q, &slackRec{}, nil).retroSchedule(context.Background(), r)
	if !bot.IsRefusal(err) || !errors.Is(err, retro.ErrBadSchedule) {
		t.Fatalf("retroSchedule = %v, want a refusal wrapping ErrBadSchedule", err)
	}
	if got := bot.ErrorText(bot.LangEN, err); got != bot.T(bot.LangEN, "sched.usage") {
		t.Errorf("the user reads %q, want the usage", got)
	}
	if len(q.planned)+len(out.Answers) != 0 {
		t.Errorf("planned %v, answered %+v", q.planned, out.Answers)
	}
}

// Redis down when saving: the user reads that the schedule could not be
// saved, and nothing is planned.
func TestRetroScheduleStoreDownSaysUnavailable(t *testing.T) {
	down := errors.New("dial tcp 127.0.0.1:6379: connect: connection refused")
	st := &mock.Store{UpdateRetroScheduleFn: func(context.Context, string, string, func(store.RetroSchedule, bool) (store.RetroSchedule, error)) (store.RetroSchedule, error) {
		return store.RetroSchedule{}, down
	}}
	q := &milestoneQueue{}
	r, _ := scheduleRequest("weekly thu 16:00")
	err := scheduleFeature(t, st, q, &slackRec{}, nil).retroSchedule(context.Background(), r)
	if !errors.Is(err, down) {
		t.Fatalf("retroSchedule = %v, want the store's error", err)
	}
	want := bot.T(bot.LangEN, "error.unavailable", bot.T(bot.LangEN, "verb.retro_schedule"))
	if got := bot.ErrorText(bot.LangEN, err); got != want {
		t.Errorf("the user reads %q, want %q", got, want)
	}
	if len(q.planned) != 0 {
		t.Errorf("planned %v after a failed save", q.planned)
	}
}

// "/retro schedule off" removes it and cancels the next retro; "/retro
// schedule" then says there is none.
func TestRetroScheduleOffThenShow(t *testing.T) {
	ss := &scheduleStore{}
	st := &mock.Store{}
	ss.on(st)
	q := &milestoneQueue{}
	f := scheduleFeature(t, st, q, &slackRec{}, nil)
	r, _ := scheduleRequest("weekly thu 16:00")
	if err := f.retroSchedule(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	planned := slices.Clone(q.planned)
	r, out := scheduleRequest("off")
	if err := f.retroSchedule(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if ss.found || !slices.Equal(q.cancelled, planned) {
		t.Errorf("found %v, cancelled %v: want removed and %v cancelled", ss.found, q.cancelled, planned)
	}
	r, out2 := scheduleRequest("")
	if err := f.retroSchedule(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(out.Answers) != 1 || out.Answers[0].Text != bot.T(bot.LangEN, "sched.off") ||
		len(out2.Answers) != 1 || out2.Answers[0].Text != bot.T(bot.LangEN, "sched.none") {
		t.Errorf("answers %+v then %+v, want 'stopped' then 'none'", out.Answers, out2.Answers)
	}
}

// thursdaySchedule is a weekly Thursday 16:00 UTC retro in C1, version 3,
// set by USET, whose last facilitator was UB; and the task of its kind
// milestone.
func thursdaySchedule(t *testing.T, kind string) (store.RetroSchedule, RetroTask) {
	t.Helper()
	sc := retro.Schedule{ChannelID: "C1", Cadence: retro.CadenceWeekly, Weekday: time.Thursday, Hour: 16, TZ: "UTC",
		Formats: []string{retro.FormatSailboat, retro.Format4Ls}}
	state := store.RetroSchedule{Schedule: sc, Lang: bot.LangEN, SetBy: "USET", Version: 3,
		Facilitators: []string{"UB"}, LastFormat: retro.FormatSailboat, Next: sc.Next(boardT0)}
	m := retro.Milestone{Channel: "C1", Version: 3, Start: state.Next.Unix(), Kind: kind}
	payload, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return state, RetroTask{ID: m.ID("T1"), Team: "T1", Due: state.Next, Payload: payload}
}

// An hour before, the people without a signed card are reminded
// privately, in the channel; a member whose ephemeral fails does not stop the others.
func TestMilestoneRemindPostsToThoseWithoutASignedCard(t *testing.T) {
	state, task := thursdaySchedule(t, retro.MilestoneRemind)
	board := collectingBoard(t)
	for _, in := range []retro.CardInput{{ID: "k1", Zone: "wind", Text: "signed", Author: "UA"}, {ID: "k2", Zone: "wind", Text: "anonymous"}} {
		if _, err := board.AddCard(in, boardT0); err != nil {
			t.Fatal(err)
		}
	}
	ss := &scheduleStore{sc: state, found: true}
	st := &mock.Store{}
	ss.on(st)
	st.OpenBoardFn = func(context.Context, string, string) (store.RetroBoard, error) { return board, nil }
	s := &slackRec{fail: func(p posted) error {
		if p.user == "UC" {
			return slack.SlackErrorResponse{Err: "user_not_in_channel"}
		}
		return nil
	}}
	if err := scheduleFeature(t, st, &milestoneQueue{}, s, []string{"UA", "UB", "UBOT", "UC", "UD"}).RunRetroMilestone(context.Background(), task); err != nil {
		t.Fatal(err)
	}
	var whom []string
	for _, p := range s.posts {
		whom = append(whom, p.user)
		if p.channel != "C1" || p.text != bot.T(bot.LangEN, "sched.remind") {
			t.Errorf("reminder %+v, want the reminder in C1", p)
		}
	}
	if !slices.Equal(whom, []string{"UB", "UD"}) {
		t.Errorf("reminded %v, want UB and UD (UA signed a card, UBOT is a bot, UC failed)", whom)
	}
}

// Slack rate-limiting a reminder stops the round and asks the engine to
// retry after Slack's delay.
func TestMilestoneRemindRateLimitedIsRetriedLater(t *testing.T) {
	state, task := thursdaySchedule(t, retro.MilestoneRemind)
	ss := &scheduleStore{sc: state, found: true}
	st := &mock.Store{}
	ss.on(st)
	board := collectingBoard(t)
	st.OpenBoardFn = func(context.Context, string, string) (store.RetroBoard, error) { return board, nil }
	s := &slackRec{fail: func(posted) error { return &slack.RateLimitedError{RetryAfter: 7 * time.Second} }}
	err := scheduleFeature(t, st, &milestoneQueue{}, s, []string{"UA", "UB"}).RunRetroMilestone(context.Background(), task)
	var ra *bot.RetryAfterError
	if !errors.As(err, &ra) || ra.After != 7*time.Second {
		t.Fatalf("RunRetroMilestone = %v, want a RetryAfterError of 7s", err)
	}
	if len(s.posts) != 0 {
		t.Errorf("posted %+v", s.posts)
	}
}

// At the time, the open board's facilitator and format are named in the
// channel and the next retro is planned, a week on.
func TestMilestoneStartNamesTheFacilitatorAndPlansTheNext(t *testing.T) {
	state, task := thursdaySchedule(t, retro.MilestoneStart)
	board := collectingBoard(t) // facilitated by UFAC, sailboat
	ss := &scheduleStore{sc: state, found: true}
	st := &mock.Store{}
	ss.on(st)
	st.OpenBoardFn = func(context.Context, string, string) (store.RetroBoard, error) { return board, nil }
	q := &milestoneQueue{}
	s := &slackRec{}
	if err := scheduleFeature(t, st, q, s, nil).RunRetroMilestone(context.Background(), task); err != nil {
		t.Fatal(err)
	}
	want := bot.T(bot.LangEN, "sched.start", "UFAC", board.Format.Title(bot.LangEN))
	if len(s.posts) != 1 || s.posts[0].channel != "C1" || s.posts[0].user != "" || s.posts[0].text != want {
		t.Errorf("posts %+v, want %q in C1", s.posts, want)
	}
	if next := state.Next.AddDate(0, 0, 7); !ss.sc.Next.Equal(next) || len(q.planned) != 3 {
		t.Errorf("next retro %v, planned %v: want %v and its 3 milestones", ss.sc.Next, q.planned, next)
	}
}

// The start that cannot be posted is retried: the schedule does not move
// on, so the retry names the same retro.
func TestMilestoneStartPostFailingDoesNotMoveOn(t *testing.T) {
	state, task := thursdaySchedule(t, retro.MilestoneStart)
	ss := &scheduleStore{sc: state, found: true}
	st := &mock.Store{}
	ss.on(st)
	st.OpenBoardFn = func(context.Context, string, string) (store.RetroBoard, error) {
		return store.RetroBoard{}, store.ErrNotFound
	}
	q := &milestoneQueue{}
	s := &slackRec{fail: func(posted) error { return &slack.RateLimitedError{RetryAfter: time.Second} }}
	err := scheduleFeature(t, st, q, s, nil).RunRetroMilestone(context.Background(), task)
	var ra *bot.RetryAfterError
	if !errors.As(err, &ra) {
		t.Fatalf("RunRetroMilestone = %v, want a RetryAfterError", err)
	}
	if ss.updates != 0 || len(q.planned) != 0 {
		t.Errorf("schedule written %d times, planned %v: want untouched", ss.updates, q.planned)
	}
}

// The day before, with a board already open and posted in the channel,
// the channel is told to add cards to it; no second board is made.
func TestMilestoneOpenWithABoardOpenPointsToIt(t *testing.T) {
	state, task := thursdaySchedule(t, retro.MilestoneOpen)
	board := collectingBoard(t)
	board.MessageTS = "1.000"
	ss := &scheduleStore{sc: state, found: true}
	st := &mock.Store{}
	ss.on(st)
	st.OpenBoardFn = func(context.Context, string, string) (store.RetroBoard, error) { return board, nil }
	s := &slackRec{}
	if err := scheduleFeature(t, st, &milestoneQueue{}, s, []string{"UA", "UB"}).RunRetroMilestone(context.Background(), task); err != nil {
		t.Fatal(err)
	}
	want := bot.T(bot.LangEN, "sched.open_busy", dateLabel(bot.LangEN, state.Next))
	if len(s.posts) != 1 || s.posts[0].text != want {
		t.Errorf("posts %+v, want only %q", s.posts, want)
	}
	if ss.updates != 0 {
		t.Errorf("the rotation was recorded %d times for a board the schedule did not open", ss.updates)
	}
}

// A milestone of an older version of the schedule is dropped: nothing is
// posted and the engine is not asked to retry.
func TestMilestoneOfAnOldScheduleIsDropped(t *testing.T) {
	state, task := thursdaySchedule(t, retro.MilestoneStart)
	state.Version = 4
	ss := &scheduleStore{sc: state, found: true}
	st := &mock.Store{}
	ss.on(st)
	s := &slackRec{}
	if err := scheduleFeature(t, st, &milestoneQueue{}, s, nil).RunRetroMilestone(context.Background(), task); err != nil {
		t.Fatalf("RunRetroMilestone = %v, want nil (dropped)", err)
	}
	if len(s.posts) != 0 || ss.updates != 0 {
		t.Errorf("posts %+v, writes %d: want none", s.posts, ss.updates)
	}
}
