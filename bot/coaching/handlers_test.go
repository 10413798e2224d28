package coaching

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	botmock "ctocoach/bot/mock"
	"ctocoach/coaching"
	"ctocoach/coaching/mock"
	"ctocoach/routine"
)

type profiles struct{ forgotten []string }

func (p *profiles) Forget(team, user string)                     { p.forgotten = append(p.forgotten, team+"/"+user) }
func (p *profiles) Get(context.Context, string, string) bot.User { return bot.User{} }

// newFeature builds the feature on fakes: a repository and a queue whose
// unset functions panic when called (a dependency the test did not expect).
func newFeature(t *testing.T, repo *mock.Repository, q *mock.Queue) (*feature, *profiles) {
	t.Helper()
	cat, err := coaching.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	set := &mock.Settings{SettingsFn: func(context.Context, string, string) (routine.Settings, error) {
		return routine.Settings{TZ: "Europe/Paris"}, nil
	}}
	p := &profiles{}
	svc := &coaching.Service{Repo: repo, Queue: q, Settings: set, Clock: &mock.Clock{T: t0}, Catalogue: cat}
	f := &feature{Deps: Deps{Service: svc, Profiles: p, Log: nil,
		Try: func(card, lang string) (string, bool) {
			if card == "known" {
				return "Write down your week.", true
			}
			return "", false
		}}, router: bot.NewRouter()}
	f.Log = discardLog()
	return f, p
}

func request(out *botmock.Responder, acked *any) *bot.Request {
	r := bot.NewRequest(out, func(p any) { *acked = p })
	r.TeamID, r.UserID, r.Lang = "T1", "U1", langFR
	return r
}

func TestCommitOnAnUnknownCardStoresNothing(t *testing.T) {
	f, _ := newFeature(t, &mock.Repository{}, &mock.Queue{})
	out, acked := &botmock.Responder{}, any(nil)
	r := request(out, &acked)
	r.Action = &slack.BlockAction{ActionID: ActionCommit, Value: "nope"}
	if err := f.commit(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(out.Answers) != 1 || out.Answers[0].Text != tr(langFR, "commit.no_action") {
		t.Errorf("answers %+v, want commit.no_action", out.Answers)
	}
}

func TestCommitStoresAndPlansTheFollowUp(t *testing.T) {
	var planned []coaching.Task
	repo := &mock.Repository{CreateCommitmentFn: func(_ context.Context, team, user string, c coaching.Commitment) (coaching.Commitment, bool, error) {
		return c, true, nil
	}}
	q := &mock.Queue{ScheduleFn: func(_ context.Context, tk coaching.Task) error { planned = append(planned, tk); return nil }}
	f, _ := newFeature(t, repo, q)
	out, acked := &botmock.Responder{}, any(nil)
	r := request(out, &acked)
	r.Action = &slack.BlockAction{ActionID: ActionCommit, Value: "known"}
	if err := f.commit(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(planned) != 1 || planned[0].Kind != coaching.KindFollowUp || !planned[0].Due.Equal(time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC)) {
		t.Errorf("planned %+v, want one follow-up on Mon 9 Mar 09:00 Paris", planned)
	}
	if len(out.Answers) != 1 || !strings.Contains(out.Answers[0].Text, "lun. 9 mars 09:00") || out.Answers[0].Replace {
		t.Errorf("answers %+v, want the date, the card kept (no replace)", out.Answers)
	}
}

func TestCommitWhenTheStoreFailsIsUnavailable(t *testing.T) {
	down := errors.New("redis: connection refused")
	repo := &mock.Repository{CreateCommitmentFn: func(context.Context, string, string, coaching.Commitment) (coaching.Commitment, bool, error) {
		return coaching.Commitment{}, false, down
	}}
	f, _ := newFeature(t, repo, &mock.Queue{})
	out, acked := &botmock.Responder{}, any(nil)
	r := request(out, &acked)
	r.Action = &slack.BlockAction{ActionID: ActionCommit, Value: "known"}
	err := f.commit(context.Background(), r)
	if !errors.Is(err, down) || len(out.Answers) != 0 {
		t.Errorf("err %v, answers %+v: want the store error returned for the core to tell, no answer", err, out.Answers)
	}
}

func TestAnswerWithAForgedValueTouchesNothing(t *testing.T) {
	f, _ := newFeature(t, &mock.Repository{}, &mock.Queue{})
	for _, v := range []string{"", "x", "c|abc", "c|-1"} {
		out, acked := &botmock.Responder{}, any(nil)
		r := request(out, &acked)
		r.Action = &slack.BlockAction{ActionID: ActionDone, Value: v}
		if err := f.answer(context.Background(), r); err == nil {
			t.Errorf("value %q accepted", v)
		}
	}
}

func TestAnswerOnAClosedCommitmentSaysSo(t *testing.T) {
	closed := coaching.Commitment{ID: "c@1", Status: coaching.StatusDropped, Pending: 0}
	repo := &mock.Repository{
		UpdateCommitmentFn: func(_ context.Context, _, _, _ string, fn func(coaching.Commitment) (coaching.Commitment, error)) (coaching.Commitment, error) {
			return fn(closed)
		},
		CommitmentFn: func(context.Context, string, string, string) (coaching.Commitment, error) { return closed, nil },
	}
	f, _ := newFeature(t, repo, &mock.Queue{})
	out, acked := &botmock.Responder{}, any(nil)
	r := request(out, &acked)
	r.Action = &slack.BlockAction{ActionID: ActionDone, Value: "c@1|0"}
	if err := f.answer(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(out.Answers) != 1 || !strings.Contains(out.Answers[0].Text, "abandonné") {
		t.Errorf("answers %+v, want 'already closed (abandonné)'", out.Answers)
	}
}

func TestNoteSubmitRefusesABlankNoteInTheModal(t *testing.T) {
	f, _ := newFeature(t, &mock.Repository{}, &mock.Queue{})
	out, acked := &botmock.Responder{}, any(nil)
	r := request(out, &acked)
	r.Callback = &slack.InteractionCallback{View: slack.View{
		PrivateMetadata: Meta{Lang: langEN, ID: "c@1", Seq: 1}.String(),
		State:           &slack.ViewState{Values: map[string]map[string]slack.BlockAction{inputNote: {inputText: {Value: "  \n "}}}},
	}}
	if err := f.noteSubmit(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	resp, ok := acked.(*slack.ViewSubmissionResponse)
	if !ok || resp.Errors[inputNote] != tr(langEN, "note.empty") {
		t.Errorf("ack %#v, want the English 'write something first' under the note", acked)
	}
}

func TestNoteSubmitWithoutStateIsToldAndStoresNothing(t *testing.T) {
	f, _ := newFeature(t, &mock.Repository{}, &mock.Queue{})
	out, acked := &botmock.Responder{}, any(nil)
	r := request(out, &acked)
	r.Callback = &slack.InteractionCallback{View: slack.View{PrivateMetadata: Meta{Lang: langFR, ID: "c@1"}.String()}}
	if err := f.noteSubmit(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if len(out.Failed) != 1 {
		t.Errorf("a submission without state was not told: %+v", out)
	}
	r.Callback.View.PrivateMetadata = "garbage"
	if err := f.noteSubmit(context.Background(), r); err == nil {
		t.Errorf("malformed metadata accepted")
	}
}

func TestForgetDeletesTasksThenDataAndDropsTheProfile(t *testing.T) {
	var calls []string
	repo := &mock.Repository{ForgetUserFn: func(_ context.Context, team, user string) (int, error) {
		calls = append(calls, "data "+team+"/"+user)
		return 3, nil
	}}
	q := &mock.Queue{ForgetFn: func(_ context.Context, team, prefix string) (int, error) {
		calls = append(calls, "tasks "+prefix)
		return 1, nil
	}}
	f, p := newFeature(t, repo, q)
	out, acked := &botmock.Responder{}, any(nil)
	r := request(out, &acked)
	r.Action = &slack.BlockAction{ActionID: ActionForget, Value: "forget"}
	if err := f.forgetConfirmed(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	want := "tasks T1:U1: data T1/U1 tasks T1:U1:"
	if strings.Join(calls, " ") != want || len(p.forgotten) != 1 {
		t.Errorf("calls %v, profiles forgotten %v; want %s and the profile dropped", calls, p.forgotten, want)
	}
	if len(out.Answers) != 1 || !out.Answers[0].Replace || out.Answers[0].Text != tr(langFR, "forget.done") {
		t.Errorf("answers %+v, want the confirmation replaced by 'forgotten'", out.Answers)
	}
}
