package routines

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	botmock "ctocoach/bot/mock"
	"ctocoach/routine"
)

// submitSettings submits the settings modal (opened in lang) as UANA and
// returns the ack, what the handler answered and its error.
func (f *routineFixture) submitSettings(tb testing.TB, lang string, values map[string]map[string]slack.BlockAction) (any, *botmock.Responder, error) {
	out := &botmock.Responder{}
	var ack any
	acked := false
	r := bot.NewRequest(out, func(p any) { ack, acked = p, true })
	r.Type, r.TeamID, r.UserID = "interaction", routineTeam, "UANA"
	r.User = fixtureUsers["UANA"]
	r.Lang = r.User.Lang
	r.Callback = &slack.InteractionCallback{Type: slack.InteractionTypeViewSubmission,
		View: slack.View{CallbackID: viewRoutineSettings, PrivateMetadata: lang, State: &slack.ViewState{Values: values}}}
	err := f.b.settingsSubmit(context.Background(), r)
	if !acked {
		tb.Fatal("the settings submission was not acked")
	}
	return ack, out, err
}

// fieldErrors is the errors an ack shows in the modal (nil when it closes it).
func fieldErrors(ack any) map[string]string {
	if vr, ok := ack.(*slack.ViewSubmissionResponse); ok && vr != nil && vr.ResponseAction == slack.RAErrors {
		return vr.Errors
	}
	return nil
}

func TestSettingsSubmitRefusedNamesTheFieldAndSavesNothing(t *testing.T) {
	f := mustRoutineFixture(t)
	days := []string{"1", "2", "3", "4", "5"}
	quietTime := settingsValues([]string{"weekly-coffee"}, rsHourDefault, days, "UTC", "", "")
	quietTime[rsBlockTime+"weekly-coffee"] = map[string]slack.BlockAction{rsPick: {SelectedOption: slack.OptionBlockObject{Value: "07:30"}}}
	for _, tt := range []struct {
		name   string
		lang   string
		values map[string]map[string]slack.BlockAction
		block  string
		want   []string
	}{
		{"unknown zone", bot.LangEN, settingsValues(nil, rsHourDefault, days, "Mars/Olympus", "", ""), rsBlockTZ, []string{"not a time zone"}},
		{"empty zone", bot.LangEN, settingsValues(nil, rsHourDefault, days, "", "", ""), rsBlockTZ, []string{"not a time zone"}},
		{"Local", bot.LangEN, settingsValues(nil, rsHourDefault, days, "Local", "", ""), rsBlockTZ, []string{"not a time zone"}},
		{"escaped zone", bot.LangEN, settingsValues(nil, rsHourDefault, days, "<!channel>", "", ""), rsBlockTZ, []string{"&lt;!channel&gt;"}},
		{"no day", bot.LangEN, settingsValues(nil, rsHourDefault, nil, "UTC", "", ""), rsBlockDays, []string{"at least one"}},
		{"bad day", bot.LangEN, settingsValues(nil, rsHourDefault, []string{"9"}, "UTC", "", ""), rsBlockDays, []string{"at least one"}},
		{"not a day", bot.LangEN, settingsValues(nil, rsHourDefault, []string{"lundi"}, "UTC", "", ""), rsBlockDays, []string{"at least one"}},
		{"bad hour", bot.LangEN, settingsValues(nil, "25:99", days, "UTC", "", ""), rsBlockHour, []string{"Pick a time"}},
		{"hour in quiet hours", bot.LangEN, settingsValues(nil, "20:00", days, "UTC", "18:00", "09:00"), rsBlockHour, []string{"quiet hours"}},
		{"routine time in quiet hours", bot.LangEN, quietTime, rsBlockTime + "weekly-coffee", []string{"quiet hours"}},
		{"bad quiet time", bot.LangEN, settingsValues(nil, rsHourDefault, days, "UTC", "7pm", ""), rsBlockQuietStart, []string{"such as 18:00"}},
		{"French", bot.LangFR, settingsValues(nil, rsHourDefault, nil, "UTC", "", ""), rsBlockDays, []string{"Cochez"}},
		{"never arrives", bot.LangEN, settingsValues([]string{"weekly-coffee", "weekly-review"}, rsHourDefault, []string{"2", "3"}, "UTC", "", ""), rsBlockDays,
			[]string{"“Monday coffee with a teammate” only comes on Monday", "tick Monday", "on Friday"}},
		{"never arrives, French", bot.LangFR, settingsValues([]string{"weekly-coffee"}, rsHourDefault, []string{"2"}, "UTC", "", ""), rsBlockDays, []string{"n'arrive que le lundi", "cochez lundi"}},
	} {
		ack, out, err := f.submitSettings(t, tt.lang, tt.values)
		errs := fieldErrors(ack)
		if err != nil || len(errs) != 1 {
			t.Errorf("%s: error %v, field errors %v; want one field error", tt.name, err, errs)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(errs[tt.block], w) {
				t.Errorf("%s: errors = %v, want %s to contain %q", tt.name, errs, tt.block, w)
			}
		}
		if len(out.Answers) != 0 {
			t.Errorf("%s: answered %+v, want only the modal's errors", tt.name, out.Answers)
		}
	}
	if _, err := f.st.RoutineSettings(context.Background(), routineTeam, "UANA"); err == nil {
		t.Error("a refused submission saved settings")
	}
	if ids := f.sched.pendingIDs(); len(ids) != 0 {
		t.Errorf("a refused submission planned %v", ids)
	}
}

func TestSettingsSubmitSavedTwicePlansOnce(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	// A pause and the own time of a routine the modal does not show are kept.
	if err := f.st.SaveRoutineSettings(ctx, routineTeam, "UANA", routine.Settings{PausedUntil: "2026-01-04",
		Times: map[string]string{"weekly-review": "15:00"}}); err != nil {
		t.Fatal(err)
	}
	values := settingsValues([]string{"weekly-coffee", "weekly-review"}, "10:30", []string{"1", "2", "3", "4", "5"}, "Europe/Paris", "", "")
	var first []string
	for i := range 2 { // Slack delivers the same submission again
		ack, out, err := f.submitSettings(t, bot.LangFR, values)
		if err != nil || ack != nil {
			t.Fatalf("submission %d: error %v, ack %+v; want the modal closed", i+1, err, ack)
		}
		if len(out.Answers) != 1 || !strings.Contains(out.Answers[0].Text, "10:30") {
			t.Errorf("submission %d answered %+v, want the plan (coffee today 10:30)", i+1, out.Answers)
		}
		pending := f.sched.pendingIDs()
		if i == 0 {
			first = pending
		}
		if len(pending) != 2 || !slices.Equal(pending, first) {
			t.Errorf("pending after submission %d = %v, want one nudge per routine, the same as after the first (%v)", i+1, pending, first)
		}
	}
	s, err := f.st.RoutineSettings(ctx, routineTeam, "UANA")
	if err != nil || s.PausedUntil != "2026-01-04" || s.Times["weekly-review"] != "15:00" || s.Lang != bot.LangFR || *s.Hour != 10 {
		t.Errorf("saved %+v, %v; want the form over the kept pause and review time", s, err)
	}
	if home, ok := f.homeText("UANA"); !ok || !strings.Contains(home, "10:30") {
		t.Errorf("App Home after saving = %v %s, want it refreshed", ok, home)
	}
}

func TestSettingsSubmitWithTheStoreDownReturnsUnavailable(t *testing.T) {
	f := mustRoutineFixture(t)
	down := errors.New("redis down")
	f.st.SaveRoutineSettingsFn = func(context.Context, string, string, routine.Settings) error { return down }
	ack, out, err := f.submitSettings(t, bot.LangEN, settingsValues([]string{"weekly-coffee"}, rsHourDefault, []string{"1"}, "UTC", "", ""))
	if !errors.Is(err, down) || !strings.Contains(err.Error(), "verb.save_routines") {
		t.Errorf("submission with the store down = %v, want bot.Unavailable(verb.save_routines, …)", err)
	}
	if ack != nil || len(out.Answers) != 0 {
		t.Errorf("ack %+v, answers %+v; want the modal closed and nothing answered (the core DMs the error)", ack, out.Answers)
	}
	if ids := f.sched.pendingIDs(); len(ids) != 0 {
		t.Errorf("planned %v though nothing was saved", ids)
	}
}
