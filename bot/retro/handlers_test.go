package retrobot

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	botmock "ctocoach/bot/mock"
	"ctocoach/bot/retro/mock"
	"ctocoach/retro"
	"ctocoach/store"
)

// These tests run retro handlers without the emulator or Redis: a recorder
// answers, function-field fakes stand for the store (a call the test did
// not expect panics).

var (
	_ Store    = (*mock.Store)(nil)
	_ Profiles = (*mock.Profiles)(nil)
)

func newTestFeature(st *mock.Store) *feature {
	return newFeature(Deps{Store: st, Now: func() time.Time { return boardT0 }})
}

func testRequest(out *botmock.Responder, acks *[]any) *bot.Request {
	r := bot.NewRequest(out, func(p any) { *acks = append(*acks, p) })
	r.TeamID, r.UserID, r.ChannelID, r.Lang = "T1", "U1", "C1", bot.LangEN
	return r
}

func collectingBoard(t *testing.T) store.RetroBoard {
	t.Helper()
	f, _ := retro.FormatByID(retro.FormatSailboat)
	b, err := retro.NewBoard(retro.BoardParams{ID: "C1-1", TeamID: "T1", ChannelID: "C1", Format: f, CreatedBy: "UCREATOR", Facilitator: "UFAC", Number: 1}, boardT0)
	if err != nil {
		t.Fatal(err)
	}
	return store.RetroBoard{Board: b, Lang: bot.LangEN}
}

// Someone who does not run the board pressing "Close" is refused, told who
// the facilitator is and what they could not do; nothing is written.
func TestPhaseChangeRefusedNamesTheFacilitator(t *testing.T) {
	rb := collectingBoard(t)
	st := &mock.Store{}
	st.BoardFn = func(_ context.Context, team, id string) (store.RetroBoard, error) {
		if team != "T1" || id != rb.ID {
			t.Errorf("Board(%s, %s)", team, id)
		}
		return rb, nil
	} // no SetPhaseFn: a write would panic
	var acks []any
	out := &botmock.Responder{}
	r := testRequest(out, &acks)
	r.Action = &slack.BlockAction{ActionID: "retro." + string(retro.ButtonClose), Value: rb.ID}
	err := newTestFeature(st).phaseButton(context.Background(), r)
	if !bot.IsRefusal(err) || !errors.Is(err, retro.ErrNotFacilitator) {
		t.Fatalf("phaseButton = %v, want a refusal wrapping ErrNotFacilitator", err)
	}
	want := bot.T(bot.LangEN, "retro.err.facilitator", "UFAC", bot.T(bot.LangEN, "retro.do.close"))
	if got := bot.ErrorText(bot.LangEN, err); got != want || !strings.Contains(got, "<@UFAC>") {
		t.Errorf("the user reads %q, want %q", got, want)
	}
	if fr := bot.ErrorText(bot.LangFR, err); fr != bot.T(bot.LangFR, "retro.err.facilitator", "UFAC", bot.T(bot.LangFR, "retro.do.close")) {
		t.Errorf("in French the user reads %q: the verb is not translated at render time", fr)
	}
	if len(out.Answers) != 0 {
		t.Errorf("the handler answered %+v itself; the core renders the refusal", out.Answers)
	}
}

// A card submitted while Redis is down keeps the modal open with "my memory
// is unreachable" on the text field, and nothing else is tried.
func TestAddCardWithRedisDownSaysUnavailable(t *testing.T) {
	down := errors.New("dial tcp 127.0.0.1:6379: connect: connection refused")
	st := &mock.Store{AddCardFn: func(_ context.Context, _, boardID string, in retro.CardInput, _ string, _ time.Time) (retro.Card, error) {
		if in.Author != "" {
			t.Errorf("anonymous card stored with author %q", in.Author)
		}
		return retro.Card{}, down
	}}
	var acks []any
	out := &botmock.Responder{}
	r := testRequest(out, &acks)
	r.Callback = cardSubmission("C1-1", map[string]map[string]slack.BlockAction{
		blockZone: {blockZone: {SelectedOption: slack.OptionBlockObject{Value: "wind"}}},
		blockText: {blockText: {Value: "deploys are slow"}},
		blockAnon: {blockAnon: {SelectedOptions: []slack.OptionBlockObject{{Value: optAnonymous}}}},
	})
	if err := newTestFeature(st).addCardSubmit(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	want := bot.T(bot.LangEN, "error.unavailable", bot.T(bot.LangEN, "verb.retro_change"))
	if len(acks) != 1 {
		t.Fatalf("acks = %+v, want one errors answer", acks)
	}
	vr, ok := acks[0].(*slack.ViewSubmissionResponse)
	if !ok || vr.ResponseAction != slack.RAErrors || vr.Errors[blockText] != want {
		t.Errorf("ack = %+v, want errors {%s: %q}", acks[0], blockText, want)
	}
}

// A submission that arrives without its state stores nothing and is told so.
func TestStatelessCardSubmissionIsTold(t *testing.T) {
	var acks []any
	out := &botmock.Responder{}
	r := testRequest(out, &acks)
	r.Callback = cardSubmission("C1-1", nil)
	if err := newTestFeature(&mock.Store{}).addCardSubmit(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(out.Failed) != 1 || out.Failed[0] != bot.T(bot.LangEN, "submit.no_state") {
		t.Errorf("failed = %q, want the no-state message", out.Failed)
	}
}

// cardSubmission is the add-card modal of board submitted with values (nil:
// no state at all).
func cardSubmission(board string, values map[string]map[string]slack.BlockAction) *slack.InteractionCallback {
	cb := &slack.InteractionCallback{Type: slack.InteractionTypeViewSubmission}
	cb.View.ID = "V1"
	cb.View.CallbackID = viewAddCard
	cb.View.PrivateMetadata = retroMeta{Board: board, Lang: bot.LangEN}.String()
	if values != nil {
		cb.View.State = &slack.ViewState{Values: values}
	}
	return cb
}
