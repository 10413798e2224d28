package coaching

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/coaching"
	"ctocoach/routine"
)

// Deps are what the coaching surfaces need.
type Deps struct {
	// Service holds the use cases (built with the store and the one shared
	// scheduler, see cmd/ctocoach/wire_coaching.go).
	Service *coaching.Service
	// Try gives a card's "try this week" line in lang (false: no such card).
	Try func(card, lang string) (string, bool)
	// RoutineName gives a routine's title in lang (the weekly review, the
	// programme started by a routine).
	RoutineName func(id, lang string) string
	// Slack posts the scheduled DMs (follow-ups, steps) and the export:
	// the bot's paced Web API client.
	Slack Slack
	// Profiles is the bot's user cache: /cto forget drops the user from it.
	Profiles Profiles
	// Contacts receives the people met at an event (the after-event
	// step's list goes to the network list); nil keeps them in the
	// programme's answers only.
	Contacts Contacts
	Log      *slog.Logger
}

// Contacts is the network list (*store.Store).
type Contacts interface {
	Contacts(ctx context.Context, team, user string) ([]routine.Contact, error)
	AddContact(ctx context.Context, team, user string, c routine.Contact) (routine.Contact, error)
}

// Slack is the part of the Web API the coaching DMs use (*slack.Client).
type Slack interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	GetUsersInConversationContext(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error)
	// OpenConversationContext and GetConversationHistoryContext look for
	// a DM already sent before sending it again (bot.PostOnce).
	OpenConversationContext(ctx context.Context, params *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error)
	GetConversationHistoryContext(ctx context.Context, params *slack.GetConversationHistoryParameters) (*slack.GetConversationHistoryResponse, error)
	// PublishViewContext clears App Home after /cto forget.
	PublishViewContext(ctx context.Context, req slack.PublishViewContextRequest) (*slack.ViewResponse, error)
}

// Profiles is the part of the bot's user cache the coaching surfaces use.
type Profiles interface {
	Forget(team, user string)
	// Get resolves a user (a mastermind group leaves bots out).
	Get(ctx context.Context, team, user string) bot.User
}

// homeOrder places the coaching section on App Home (after the routines).
const homeOrder = 30

// feature holds the coaching handlers.
type feature struct {
	Deps
	router *bot.Router
}

// Register adds the coaching routes: the Commit button, the follow-up
// answers and notes, /cto commitments, journal, programs, export and
// forget (with their French aliases), the step buttons and forms, and the
// App Home section. A nil Service turns the feature off.
func Register(r *bot.Router, d Deps) {
	if d.Service == nil {
		return
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.RoutineName == nil {
		d.RoutineName = func(id, _ string) string { return id }
	}
	f := &feature{Deps: d, router: r}
	r.Action(ActionCommit, f.commit)
	for _, a := range []string{ActionDone, ActionPartly, ActionNotYet, ActionDrop} {
		r.Action(a, f.answer)
	}
	r.Action(ActionNote, f.noteButton)
	r.Action(ActionRow, f.row)
	r.Action(ActionNoteRow, f.noteRow)
	r.View(ViewNote, f.noteSubmit)
	for _, name := range []string{"commitments", "engagements"} {
		r.Subcommand(name, f.commitments)
	}
	r.Subcommand("journal", f.journal)
	r.Action(ActionJournal, f.journalButton)
	r.View(ViewJournal, f.journalSubmit)
	for _, name := range []string{"programs", "programmes"} {
		r.Subcommand(name, f.programmes)
	}
	r.Action(ActionEnrol, f.enrol)
	r.Action(ActionStepDone, f.stepDone)
	r.Action(ActionStepLater, f.stepLater)
	r.Action(ActionStepStop, f.stepStop)
	r.View(ViewStep, f.stepSubmit)
	for _, name := range []string{"export", "exporter"} {
		r.Subcommand(name, f.export)
	}
	for _, name := range []string{"forget", "oublier"} {
		r.Subcommand(name, f.forget)
	}
	r.Subcommand("budget", f.budget)
	r.Action(ActionBudgetAdd, f.budgetButton)
	r.View(ViewBudget, f.budgetSubmit)
	r.Subcommand("mastermind", f.mastermind)
	r.Action(ActionMastermindAction, f.mastermindAction)
	r.View(ViewMastermindAction, f.mastermindActionSubmit)
	r.Action(ActionForget, f.forgetConfirmed)
	r.Action(ActionCancel, f.forgetCancelled)
	r.HomeSection(homeOrder, "coaching", f.home)
}

func init() {
	// The core renders Unavailable errors with these verbs.
	verbs := map[string][2]string{}
	for k, v := range texts {
		if len(k) > 5 && k[:5] == "verb." {
			verbs["coaching."+k] = v
		}
	}
	bot.AddTexts(verbs)
}

// unavailable wraps a store failure for the core to tell the user.
func unavailable(verb string, err error) error { return bot.Unavailable("coaching.verb."+verb, err) }

// loc is the user's zone: their routine settings' (or Slack's), else UTC.
func (f *feature) loc(ctx context.Context, team, user string) *time.Location {
	set, err := f.Service.Settings.Settings(ctx, team, user)
	if err != nil {
		return time.UTC
	}
	l, err := set.Location()
	if err != nil {
		return time.UTC
	}
	return l
}

// reply turns a Message into the core's Reply.
func reply(m Message, replace bool) bot.Reply {
	return bot.Reply{Text: m.Text, Blocks: m.Blocks, Replace: replace}
}

// say answers with one line.
func say(ctx context.Context, r *bot.Request, text string) {
	r.Answer(ctx, bot.Reply{Text: text, Blocks: []slack.Block{md("say", text)}})
}

// publishHome refreshes the user's App Home after a change; a failure is
// logged (the answer already reached the user).
func (f *feature) publishHome(ctx context.Context, team, user string) {
	if err := f.router.PublishHome(ctx, team, user); err != nil {
		f.Log.Warn("cannot refresh App Home after a coaching change", "err", err)
	}
}

// fromHome reports whether the interaction came from App Home.
func fromHome(r *bot.Request) bool {
	return r.Callback != nil && r.Callback.View.Type == slack.VTHomeTab
}

// origin is the message an interaction came from (for a modal to edit it).
func origin(r *bot.Request) (channel, ts string) {
	if r.Callback == nil || fromHome(r) {
		return "", ""
	}
	return r.Callback.Container.ChannelID, r.Callback.Container.MessageTs
}

// domainText is the user's answer to a refused use case, "" for an error
// that is not the user's (the store failed).
func domainText(lang string, err error) string {
	switch {
	case errors.Is(err, coaching.ErrNotFound), errors.Is(err, coaching.ErrNotEnrolled):
		return tr(lang, "gone")
	case errors.Is(err, coaching.ErrClosed):
		return tr(lang, "answered.closed", tr(lang, "status.closed"))
	case errors.Is(err, coaching.ErrInvalid):
		return tr(lang, "invalid")
	}
	return ""
}

// fail answers a refused use case, or returns the store failure for the core.
func fail(ctx context.Context, r *bot.Request, verb string, err error) error {
	if text := domainText(r.Lang, err); text != "" {
		say(ctx, r, text)
		return nil
	}
	return unavailable(verb, err)
}

// errMalformed is a payload the bot did not build (a forged or truncated
// value); the core apologises and logs it.
func errMalformed(what, v string) error {
	return fmt.Errorf("coaching: malformed %s %q", what, bot.Truncate(v, 80))
}
