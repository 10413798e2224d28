// Package retrobot is the Slack side of retrospectives: /retro boards
// (cards, votes, phases, actions, export), recurring retro schedules, the
// team's book of standards (/cto standards), the retro actions' App Home
// section and the BoardUpdater that keeps board messages in step. It is
// named retrobot so that it does not clash with the domain package retro
// it builds on.
package retrobot

import (
	"context"
	"log/slog"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/metrics"
	"ctocoach/retro"
)

// Deps are what the retro surfaces need. A nil Updates turns them off; a
// nil Planner turns /retro schedule off.
type Deps struct {
	// API makes the Web API calls (boards, exports, reminders).
	API API
	// Store keeps boards, schedules and standards (*store.Store).
	Store Store
	// Profiles is the bot's user cache (languages of owners and members).
	Profiles Profiles
	// Updates keeps board messages in step with their boards.
	Updates *BoardUpdater
	// Planner plans the milestones of recurring retros.
	Planner RetroPlanner
	// Limits are the Block Kit limits boards are laid out in (Slack's when zero).
	Limits  retro.Limits
	Metrics *metrics.Metrics
	Log     *slog.Logger
	Now     func() time.Time
}

// API is the part of Slack's Web API the retro surfaces call (a
// *slack.Client, paced by the bot's transport).
type API interface {
	PostMessageContext(ctx context.Context, channelID string, options ...slack.MsgOption) (string, string, error)
	PostEphemeralContext(ctx context.Context, channelID, userID string, options ...slack.MsgOption) (string, error)
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	GetUsersInConversationContext(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error)
}

var (
	_ API = bot.SlackAPI(nil)
	_ API = (*slack.Client)(nil)
)

// Profiles is the part of the bot's user cache the retro surfaces use.
type Profiles interface {
	Cached(team, user string) (bot.User, bool)
	Get(ctx context.Context, team, user string) bot.User
	DefaultLang() string
}

func (d Deps) withDefaults() Deps {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Metrics == nil {
		d.Metrics = metrics.New()
	}
	return d
}

// feature holds the retro handlers and the Slack-free use cases they call.
type feature struct {
	Deps
	boards     *retro.BoardService
	milestones retro.MilestonePlanner
	runner     *retro.MilestoneRunner
	schedules  *retro.ScheduleService
}

func newFeature(d Deps) *feature {
	d = d.withDefaults()
	boards, schedules := boardRepo{d.Store}, scheduleRepo{d.Store}
	milestones := retro.MilestonePlanner{Queue: d.Planner}
	return &feature{Deps: d, boards: &retro.BoardService{Boards: boards, Now: d.Now}, milestones: milestones,
		runner: &retro.MilestoneRunner{Schedules: schedules, Boards: boards,
			Roster: channelRoster{api: d.API, profiles: d.Profiles}, Planner: milestones, Now: d.Now},
		schedules: &retro.ScheduleService{Schedules: schedules, Planner: milestones, Now: d.Now, Log: d.Log}}
}

// Milestones runs a due milestone of a recurring retro (the delivery
// engine's handler for RetroMilestoneKind).
type Milestones func(ctx context.Context, t RetroTask) error

// Register adds the retro routes (/retro, /cto standards, the board
// buttons and modals, the "Add to retro" shortcut) and the retro actions'
// App Home section, and returns the handler of scheduled milestones. With
// no Updates nothing is registered and milestones are dropped.
func Register(r *bot.Router, d Deps) Milestones {
	d = d.withDefaults()
	if d.Updates == nil {
		return func(_ context.Context, t RetroTask) error {
			d.Log.Warn("retro is off; dropping a milestone", "id", t.ID)
			return nil
		}
	}
	f := newFeature(d)
	f.registerRetro(r)
	return f.RunRetroMilestone
}

// submitter resolves the user of a view submission (the middleware leaves
// submissions to the handler: they ack at once) and sets r.Lang.
func (b *feature) submitter(ctx context.Context, r *bot.Request) bot.User {
	u, ok := b.Profiles.Cached(r.TeamID, r.UserID)
	if !ok {
		u = b.Profiles.Get(ctx, r.TeamID, r.UserID)
	}
	r.Lang = u.Lang
	return u
}

// langFor returns the request's language, or the cached one, or the default.
func (b *feature) langFor(r *bot.Request) string {
	if r.Lang != "" {
		return r.Lang
	}
	if u, ok := b.Profiles.Cached(r.TeamID, r.UserID); ok {
		return u.Lang
	}
	return b.Profiles.DefaultLang()
}
