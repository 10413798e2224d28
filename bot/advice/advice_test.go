package advice

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/bot/advice/mock"
	botmock "ctocoach/bot/mock"
	"ctocoach/knowledge"
)

// These tests run the advice handlers without Slack or Redis: a recorder
// answers, function-field mocks stand for the store and the profile cache.

var now = time.Date(2026, 1, 15, 10, 0, 0, 0, time.UTC)

func newFeature(t *testing.T, st *mock.Store, prof *mock.Profiles) *feature {
	t.Helper()
	c, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	d := Deps{Corpus: c, Index: knowledge.NewIndex(c), Store: st, Profiles: prof, Now: func() time.Time { return now }}
	return &feature{d.withDefaults()}
}

func newRequest(out *botmock.Responder) *bot.Request {
	r := bot.NewRequest(out, func(any) {})
	r.TeamID, r.UserID, r.ChannelID, r.Lang = "T1", "U1", "C1", bot.LangEN
	return r
}

func aCard(t *testing.T, f *feature) *knowledge.Card {
	t.Helper()
	cards := f.Corpus.ByTopic(f.Corpus.Topics()[0].ID)
	if len(cards) == 0 {
		t.Fatal("no card in the first topic")
	}
	return cards[0]
}

func TestFeedbackStoresTheVoteAndThanks(t *testing.T) {
	var got []int
	st := &mock.Store{SetFeedbackFn: func(_ context.Context, team, card, user string, vote int) error {
		if team != "T1" || user != "U1" {
			t.Errorf("SetFeedback(%s, %s, %s)", team, card, user)
		}
		got = append(got, vote)
		return nil
	}}
	f := newFeature(t, st, &mock.Profiles{})
	out := &botmock.Responder{}
	r := newRequest(out)
	r.Action = &slack.BlockAction{ActionID: actionFeedDown, Value: aCard(t, f).ID}
	if err := f.feedback(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != -1 {
		t.Errorf("votes stored = %v, want [-1]", got)
	}
	if len(out.Answers) != 1 || out.Answers[0].Text != bot.T(bot.LangEN, "advice.thanks_down") {
		t.Errorf("answers = %+v, want the thanks", out.Answers)
	}
}

func TestFeedbackOnAnUnknownCardStoresNothing(t *testing.T) {
	f := newFeature(t, &mock.Store{}, &mock.Profiles{}) // any store call panics
	out := &botmock.Responder{}
	r := newRequest(out)
	r.Action = &slack.BlockAction{ActionID: actionFeedUp, Value: "no-such-card"}
	if err := f.feedback(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(out.Answers) != 1 || out.Answers[0].Text != bot.T(bot.LangEN, "advice.unknown_card") {
		t.Errorf("answers = %+v, want unknown card", out.Answers)
	}
}

// A store failure is returned, for the bot core to tell the user (once, in
// their language); the handler itself says nothing.
func TestFeedbackWhenTheStoreFailsReturnsUnavailable(t *testing.T) {
	boom := errors.New("redis: connection refused")
	st := &mock.Store{SetFeedbackFn: func(context.Context, string, string, string, int) error { return boom }}
	f := newFeature(t, st, &mock.Profiles{})
	out := &botmock.Responder{}
	r := newRequest(out)
	r.Action = &slack.BlockAction{ActionID: actionFeedUp, Value: aCard(t, f).ID}
	err := f.feedback(context.Background(), r)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "verb.save_feedback") {
		t.Errorf("err = %v, want the store's error as Unavailable(verb.save_feedback)", err)
	}
	if len(out.Answers) != 0 {
		t.Errorf("the handler answered %+v itself", out.Answers)
	}
}

func TestPhaseIsStoredAndTheProfileForgotten(t *testing.T) {
	var since string
	st := &mock.Store{SetCTOSinceFn: func(_ context.Context, _, _, s string) error { since = s; return nil }}
	prof := &mock.Profiles{}
	f := newFeature(t, st, prof)
	out := &botmock.Responder{}
	r := newRequest(out)
	r.Args = "2024-03"
	if err := f.phase(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if since != "2024-03" || len(prof.Forgotten) != 1 || prof.Forgotten[0] != "T1/U1" {
		t.Errorf("stored %q, forgot %v; want 2024-03 and T1/U1", since, prof.Forgotten)
	}
	want := bot.T(bot.LangEN, "phase.set", "2024-03", knowledge.PhaseFor(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), now))
	if len(out.Answers) != 1 || out.Answers[0].Text != want {
		t.Errorf("answers = %+v, want %q", out.Answers, want)
	}
}

func TestPhaseInTheFutureIsRefused(t *testing.T) {
	f := newFeature(t, &mock.Store{}, &mock.Profiles{}) // any store call panics
	out := &botmock.Responder{}
	r := newRequest(out)
	r.Args = "2030-01"
	if err := f.phase(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(out.Answers) != 1 || out.Answers[0].Text != bot.T(bot.LangEN, "phase.usage") {
		t.Errorf("answers = %+v, want the usage", out.Answers)
	}
}

func TestOneUnknownWordListsWhatTheBotCanDo(t *testing.T) {
	f := newFeature(t, &mock.Store{}, &mock.Profiles{})
	out := &botmock.Responder{}
	r := newRequest(out)
	r.Args = "zqxjkw"
	if err := f.question(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(out.Answers) != 1 || !strings.HasPrefix(out.Answers[0].Text, bot.T(bot.LangEN, "help.unknown", "zqxjkw")) {
		t.Errorf("answers = %+v, want the unknown-subcommand help", out.Answers)
	}
}
