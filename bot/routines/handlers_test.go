package routines

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	botmock "ctocoach/bot/mock"
	"ctocoach/routine"
)

// command builds UANA's "/cto sub args" on a recorder.
func (f *routineFixture) command(sub, args string) (*bot.Request, *botmock.Responder) {
	out := &botmock.Responder{}
	r := bot.NewRequest(out, func(any) {})
	r.Type, r.TeamID, r.UserID, r.ChannelID = "command", routineTeam, "UANA", "CTEAM"
	r.Args, r.Raw = args, sub+" "+args
	r.User = fixtureUsers["UANA"]
	r.Lang = r.User.Lang
	return r, out
}

func onlyAnswer(t *testing.T, out *botmock.Responder) string {
	t.Helper()
	if len(out.Answers) != 1 {
		t.Fatalf("answers = %+v, want one", out.Answers)
	}
	return out.Answers[0].Text
}

func TestPauseCommandAnswersAndPublishesHome(t *testing.T) {
	f := mustRoutineFixture(t)
	f.subscribe(t, routine.Settings{Subscribed: []string{"weekly-coffee"}})
	ctx := context.Background()

	r, out := f.command("pause", "until 2026-01-04") // yesterday in Paris
	if err := f.b.pause(ctx, r); err != nil {
		t.Fatal(err)
	}
	if got := onlyAnswer(t, out); got != bot.T(bot.LangFR, "pause.past") {
		t.Errorf("pause in the past answered %q, want pause.past", got)
	}
	if s, _ := f.st.RoutineSettings(ctx, routineTeam, "UANA"); s.PausedUntil != "" {
		t.Errorf("a refused pause saved paused_until %q", s.PausedUntil)
	}

	r, out = f.command("pause", "jusqu'au 13/01/2026")
	if err := f.b.pause(ctx, r); err != nil {
		t.Fatal(err)
	}
	got := onlyAnswer(t, out)
	if !strings.Contains(got, "En pause jusqu'au") || !strings.Contains(got, "Prochain :") || !strings.Contains(got, "19") {
		t.Errorf("pause answered %q, want the pause and the next nudge (Monday 19)", got)
	}
	if home, ok := f.homeText("UANA"); !ok || !strings.Contains(home, "En pause jusqu") {
		t.Errorf("App Home after the pause = %v %s, want it to show the pause", ok, home)
	}

	r, out = f.command("resume", "")
	if err := f.b.resume(ctx, r); err != nil {
		t.Fatal(err)
	}
	if got := onlyAnswer(t, out); !strings.HasPrefix(got, bot.T(bot.LangFR, "resume.done")) {
		t.Errorf("resume answered %q, want resume.done", got)
	}
	r, out = f.command("resume", "")
	if err := f.b.resume(ctx, r); err != nil {
		t.Fatal(err)
	}
	if got := onlyAnswer(t, out); got != bot.T(bot.LangFR, "resume.not_paused") {
		t.Errorf("second resume answered %q, want resume.not_paused", got)
	}
}

func TestPauseWithTheStoreDownReturnsUnavailable(t *testing.T) {
	f := mustRoutineFixture(t)
	down := errors.New("redis down")
	f.st.SaveRoutineSettingsFn = func(context.Context, string, string, routine.Settings) error { return down }
	r, out := f.command("pause", "until 2026-01-13")
	err := f.b.pause(context.Background(), r)
	if !errors.Is(err, down) || !strings.Contains(err.Error(), "verb.save_pause") {
		t.Errorf("pause with the store down = %v, want bot.Unavailable(verb.save_pause, …)", err)
	}
	if len(out.Answers) != 0 {
		t.Errorf("answers = %+v, want none (the core renders the error)", out.Answers)
	}
}

func TestTeamSetsTheRosterWithoutSelfAndBots(t *testing.T) {
	f := mustRoutineFixture(t)
	f.slack.addChannel("CTEAM", "team", "UANA", "UBEN", "UCAT", "UROBOT")
	ctx := context.Background()
	r, out := f.command("team", "<#CTEAM|team>")
	if err := f.b.team(ctx, r); err != nil {
		t.Fatal(err)
	}
	roster, err := f.st.Roster(ctx, routineTeam, "UANA")
	if err != nil || roster.Channel != "CTEAM" || !slices.Equal(roster.Members, []string{"UBEN", "UCAT"}) {
		t.Fatalf("roster = %+v, %v; want UBEN and UCAT from CTEAM", roster, err)
	}
	if got := onlyAnswer(t, out); !strings.Contains(got, "<@UBEN>, <@UCAT>") {
		t.Errorf("team answered %q, want the two teammates", got)
	}

	r, out = f.command("team", "#general") // by name, not the channel typed in
	if err := f.b.team(ctx, r); err != nil {
		t.Fatal(err)
	}
	if got := onlyAnswer(t, out); got != bot.T(bot.LangFR, "team.by_name", "general") {
		t.Errorf("team by another channel's name answered %q, want team.by_name", got)
	}
	if r2, _ := f.st.Roster(ctx, routineTeam, "UANA"); !slices.Equal(r2.Members, roster.Members) {
		t.Errorf("a refused /cto team changed the roster to %v", r2.Members)
	}
}

// When Slack stays busy (rate-limited or failing after the retries), /cto
// team says so and to try again, not that the channel is private or unknown,
// and the roster is left as it was.
func TestTeamWhenSlackIsBusySaysSo(t *testing.T) {
	f := mustRoutineFixture(t)
	f.slack.addChannel("CTEAM", "team", "UANA", "UBEN")
	ctx := context.Background()
	busy := []error{&slack.RateLimitedError{RetryAfter: time.Second}, slack.StatusCodeError{Code: 503}}
	for _, err := range busy {
		f.slack.GetUsersInConversationFn = func(context.Context, *slack.GetUsersInConversationParameters) ([]string, string, error) {
			return nil, "", err
		}
		f.slack.GetConversationInfoFn = func(context.Context, *slack.GetConversationInfoInput) (*slack.Channel, error) {
			return nil, err
		}
		for _, arg := range []string{"<#CTEAM|team>", "#team"} {
			r, out := f.command("team", arg)
			if err := f.b.team(ctx, r); err != nil {
				t.Fatal(err)
			}
			if got := onlyAnswer(t, out); got != bot.T(bot.LangFR, "team.slack_busy") {
				t.Errorf("team %s with %v answered %q, want team.slack_busy", arg, err, got)
			}
		}
	}
	if _, err := f.st.Roster(ctx, routineTeam, "UANA"); err == nil {
		t.Error("a roster was saved while Slack was busy")
	}
}

func TestContactNudgeNamesTheMostOverdueAndDoneTouchesIt(t *testing.T) {
	f := mustRoutineFixture(t)
	ctx := context.Background()
	now := f.clock.Now()
	_, _ = f.st.AddContact(ctx, routineTeam, "UANA", routine.Contact{Name: "Camille", Tier: routine.Tier1, LastContact: now.AddDate(0, -3, 0)})
	_, _ = f.st.AddContact(ctx, routineTeam, "UANA", routine.Contact{Name: "Dominique", Tier: routine.Tier1, LastContact: now.AddDate(0, 0, -3)})
	var lunch routine.Routine
	for _, rt := range f.cat.All() {
		if rt.Who == routine.WhoContactOverdue {
			lunch = rt
			break
		}
	}
	if lunch.ID == "" {
		t.Fatal("no routine names a contact")
	}
	if err := f.b.deliver(ctx, routineTeam, "UANA", lunch, now, now, ""); err != nil {
		t.Fatal(err)
	}
	msg := f.dms("UANA")[0]
	if body := plainBlocks(msg.Blocks); !strings.Contains(body, "Camille") || strings.Contains(body, "Dominique") {
		t.Fatalf("nudge = %s, want Camille (overdue), not Dominique", body)
	}
	f.b.nudgeAnswer(ctx, f.buttonPress(t, msg, actionRoutineDone))
	c, err := f.st.Contact(ctx, routineTeam, "UANA", "c1")
	if err != nil || !c.LastContact.Equal(now) {
		t.Errorf("Camille after Done = %+v, %v; want last contact now", c, err)
	}
}
