package routines

import (
	"context"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/routine"
	"ctocoach/store"
)

// SettingsStore keeps the users' routine settings (store.ErrNotFound for
// a user who never saved any).
type SettingsStore interface {
	RoutineSettings(ctx context.Context, team, user string) (routine.Settings, error)
	SaveRoutineSettings(ctx context.Context, team, user string, s routine.Settings) error
}

// OutcomeStore keeps what users did with their nudges (every nudge sent
// is recorded as missed until answered).
type OutcomeStore interface {
	Outcomes(ctx context.Context, team, user string, since time.Time) ([]routine.Outcome, error)
	AddOutcome(ctx context.Context, team, user string, o routine.Outcome) error
}

// TeamStore keeps the rosters (store.ErrNotFound when none) and the
// pairing history.
type TeamStore interface {
	Roster(ctx context.Context, team, user string) (store.Roster, error)
	SaveRoster(ctx context.Context, team, user string, r store.Roster) error
	Meetings(ctx context.Context, team, user string) ([]routine.Meeting, error)
	AddMeetings(ctx context.Context, team, user string, ms ...routine.Meeting) error
}

// ContactStore keeps the network lists (store.ErrNotFound for an unknown
// contact, store.ErrContactLimit for a full list).
type ContactStore interface {
	Contacts(ctx context.Context, team, user string) ([]routine.Contact, error)
	Contact(ctx context.Context, team, user, id string) (routine.Contact, error)
	AddContact(ctx context.Context, team, user string, c routine.Contact) (routine.Contact, error)
	TouchContact(ctx context.Context, team, user, id string, at time.Time) (routine.Contact, error)
	RemoveContact(ctx context.Context, team, user, id string) error
}

// Store is everything the routine surfaces keep (the store in production,
// mock.Store in tests).
type Store interface {
	SettingsStore
	OutcomeStore
	TeamStore
	ContactStore
}

var _ Store = (*store.Store)(nil)

// API is the part of the Slack Web API the routines call: the nudges'
// DMs (with bot.AlreadySent's look-up), their update in place, and the
// channel reads of "/cto team".
type API interface {
	bot.OnceAPI
	UpdateMessageContext(ctx context.Context, channelID, timestamp string, options ...slack.MsgOption) (string, string, string, error)
	GetConversationInfoContext(ctx context.Context, input *slack.GetConversationInfoInput) (*slack.Channel, error)
	GetUsersInConversationContext(ctx context.Context, params *slack.GetUsersInConversationParameters) ([]string, string, error)
}

var (
	_ API = bot.SlackAPI(nil)
	_ API = (*slack.Client)(nil)
)

// Profiles is the part of the bot's user cache the routines read.
type Profiles interface {
	Get(ctx context.Context, team, user string) bot.User
	Lang(team, user string) string
}

var _ Profiles = (*bot.Profiles)(nil)
