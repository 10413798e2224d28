package routines

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot"
	"ctocoach/bot/routines/mock"
	"ctocoach/metrics"
	"ctocoach/routine"
	"ctocoach/store"
)

// fakeScheduler is an in-memory Scheduler with the engine's
// idempotence: an id pending or done is not planned again.
type fakeScheduler struct {
	mu      sync.Mutex
	pending map[string]Task
	done    map[string]bool
	fail    error
}

func newFakeScheduler() *fakeScheduler {
	return &fakeScheduler{pending: map[string]Task{}, done: map[string]bool{}}
}

func (f *fakeScheduler) Schedule(ctx context.Context, t Task) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return f.fail
	}
	if _, ok := f.pending[t.ID]; ok || f.done[t.ID] {
		return nil
	}
	f.pending[t.ID] = t
	return nil
}

func (f *fakeScheduler) Cancel(ctx context.Context, id string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.pending, id)
	return nil
}

func (f *fakeScheduler) Pending(ctx context.Context, team, prefix string) ([]Task, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return nil, f.fail
	}
	var out []Task
	for _, t := range f.pending {
		if t.Team == team && strings.HasPrefix(t.ID, prefix) {
			out = append(out, t)
		}
	}
	slices.SortFunc(out, func(a, b Task) int { return a.Due.Compare(b.Due) })
	return out, nil
}

// take removes a pending task and marks it done, as the engine does
// before calling the handler.
func (f *fakeScheduler) take(tb testing.TB, id string) Task {
	tb.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	t, ok := f.pending[id]
	if !ok {
		tb.Fatalf("task %s is not pending; pending: %v", id, f.ids())
	}
	delete(f.pending, id)
	f.done[id] = true
	return t
}

func (f *fakeScheduler) ids() []string {
	var ids []string
	for id := range f.pending {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Pending ids, sorted (locks).
func (f *fakeScheduler) pendingIDs() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ids()
}

// routineClock is a settable clock.
type routineClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *routineClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *routineClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// routineFixture is the routines feature on fakes: an in-memory store
// (memStore), a recording Slack (fakeSlack), fixed profiles, a fake
// scheduler and a settable clock; handlers are called directly. Slack
// itself (the client, the wire, the emulator) is the e2e suite's
// (cmd/ctocoach/routine_e2e_test.go).
type routineFixture struct {
	b     *Feature
	st    *memStore
	slack *fakeSlack
	sched *fakeScheduler
	clock *routineClock
	cat   *routine.Catalogue
	// home is the last App Home section published per user.
	home map[string][]slack.Block
}

const routineTeam = "T0001"

// fixtureUsers are the profiles of the fixture (anyone else: English, UTC).
var fixtureUsers = map[string]bot.User{
	"UANA":   {Profile: store.Profile{UserID: "UANA", Name: "ana", RealName: "Ana Lopez", Locale: "fr-FR", TZ: "Europe/Paris"}, Lang: bot.LangFR, TZ: "Europe/Paris"},
	"UBEN":   {Profile: store.Profile{UserID: "UBEN", Name: "ben", RealName: "Ben Ito", Locale: "en-US", TZ: "Europe/Paris"}, Lang: bot.LangEN, TZ: "Europe/Paris"},
	"UCAT":   {Profile: store.Profile{UserID: "UCAT", Name: "cat", RealName: "Cat Diaz", Locale: "en-US", TZ: "Europe/Paris"}, Lang: bot.LangEN, TZ: "Europe/Paris"},
	"UROBOT": {Profile: store.Profile{UserID: "UROBOT", Name: "robot", IsBot: true}, Lang: bot.LangEN, TZ: "UTC"},
}

func fixtureProfiles() *mock.Profiles {
	get := func(_ context.Context, _, user string) bot.User {
		if u, ok := fixtureUsers[user]; ok {
			return u
		}
		return bot.User{Profile: store.Profile{UserID: user}, Lang: bot.LangEN, TZ: "UTC"}
	}
	return &mock.Profiles{GetFn: get, LangFn: func(team, user string) string { return get(context.Background(), team, user).Lang }}
}

// mustRoutineFixture builds the fixture at now (a Monday 08:00 in Paris).
func mustRoutineFixture(tb testing.TB) *routineFixture {
	tb.Helper()
	cat, err := routine.LoadCatalogue()
	if err != nil {
		tb.Fatal(err)
	}
	clock := &routineClock{t: time.Date(2026, 1, 5, 7, 0, 0, 0, time.UTC)} // Mon 08:00 in Paris
	f := &routineFixture{st: newMemStore(), slack: newFakeSlack(tb), sched: newFakeScheduler(), clock: clock, cat: cat, home: map[string][]slack.Block{}}
	router := bot.NewRouter()
	f.b = Register(router, Deps{Catalogue: cat, Scheduler: f.sched,
		CardTitle: func(id, lang string) (string, bool) { return "Card " + id, true },
		API:       &f.slack.API, Store: &f.st.Store, Profiles: fixtureProfiles(), Metrics: metrics.New(), Now: clock.Now})
	// App Home is composed by bot/home, which this package cannot import:
	// publish the routines' section alone, as bot/home would.
	router.HomePublisher(func(ctx context.Context, team, user string) error {
		blocks, err := f.b.routineHome(ctx, team, user, f.b.Profiles.Get(ctx, team, user).Lang)
		if err != nil {
			return err
		}
		f.home[user] = blocks
		return nil
	})
	return f
}

// homeText is the user's last published App Home section as JSON, with
// HTML escapes undone ("" when none was published).
func (f *routineFixture) homeText(user string) (string, bool) {
	blocks, ok := f.home[user]
	if !ok {
		return "", false
	}
	raw, _ := json.Marshal(blocks)
	return plainBlocks(raw), true
}

// subscribe saves settings for UANA in Paris and re-plans.
func (f *routineFixture) subscribe(tb testing.TB, s routine.Settings) []plannedNudge {
	tb.Helper()
	if s.TZ == "" {
		s.TZ = "Europe/Paris"
	}
	ctx := context.Background()
	if err := f.b.store.SaveRoutineSettings(ctx, routineTeam, "UANA", s); err != nil {
		tb.Fatal(err)
	}
	plan, err := f.b.replan(ctx, routineTeam, "UANA", s, f.clock.Now())
	if err != nil {
		tb.Fatal(err)
	}
	return plan
}

// dms returns the bot's DMs to user.
func (f *routineFixture) dms(user string) []sentMessage {
	return f.slack.messages(user)
}

// buttons returns the action ids of the actions blocks in a message.
func nudgeButtons(tb testing.TB, raw json.RawMessage) []string {
	tb.Helper()
	var bs []struct {
		Type     string `json:"type"`
		Elements []struct {
			ActionID string `json:"action_id"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(raw, &bs); err != nil {
		tb.Fatalf("blocks %s: %v", raw, err)
	}
	var ids []string
	for _, b := range bs {
		for _, e := range b.Elements {
			if e.ActionID != "" {
				ids = append(ids, e.ActionID)
			}
		}
	}
	return ids
}

// buttonValue returns the value of the element actionID in blocks.
func buttonValue(tb testing.TB, raw json.RawMessage, actionID string) string {
	tb.Helper()
	var bs []struct {
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(raw, &bs); err != nil {
		tb.Fatalf("blocks %s: %v", raw, err)
	}
	for _, b := range bs {
		for _, e := range b.Elements {
			if e.ActionID == actionID {
				return e.Value
			}
		}
	}
	return ""
}

// plainBlocks is the blocks' JSON with HTML escapes undone, for substring
// checks.
func plainBlocks(raw json.RawMessage) string {
	return strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(raw))
}
