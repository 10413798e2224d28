package routines

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"

	"ctocoach/bot/routines/mock"
	"ctocoach/routine"
	"ctocoach/store"
)

var (
	_ Store    = (*mock.Store)(nil)
	_ API      = (*mock.API)(nil)
	_ Profiles = (*mock.Profiles)(nil)
)

// memStore is a mock.Store over maps, with the store's not-found errors.
type memStore struct {
	mock.Store
	mu       sync.Mutex
	settings map[string]routine.Settings
	outcomes map[string][]routine.Outcome
	rosters  map[string]store.Roster
	meetings map[string][]routine.Meeting
	contacts map[string][]routine.Contact
	nextID   int
}

func newMemStore() *memStore {
	m := &memStore{settings: map[string]routine.Settings{}, outcomes: map[string][]routine.Outcome{},
		rosters: map[string]store.Roster{}, meetings: map[string][]routine.Meeting{}, contacts: map[string][]routine.Contact{}}
	key := func(team, user string) string { return team + "/" + user }
	m.RoutineSettingsFn = func(_ context.Context, team, user string) (routine.Settings, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		s, ok := m.settings[key(team, user)]
		if !ok {
			return s, store.ErrNotFound
		}
		return s, nil
	}
	m.SaveRoutineSettingsFn = func(_ context.Context, team, user string, s routine.Settings) error {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.settings[key(team, user)] = s
		return nil
	}
	m.OutcomesFn = func(_ context.Context, team, user string, since time.Time) ([]routine.Outcome, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		var out []routine.Outcome
		for _, o := range m.outcomes[key(team, user)] {
			if !o.OccurrenceAt.Before(since) {
				out = append(out, o)
			}
		}
		return out, nil
	}
	m.AddOutcomeFn = func(_ context.Context, team, user string, o routine.Outcome) error {
		m.mu.Lock()
		defer m.mu.Unlock()
		// One outcome per occurrence, the latest answer winning (as the store).
		list := slices.DeleteFunc(m.outcomes[key(team, user)], func(x routine.Outcome) bool {
			return x.Routine == o.Routine && x.OccurrenceAt.Equal(o.OccurrenceAt)
		})
		list = append(list, o)
		slices.SortStableFunc(list, func(a, c routine.Outcome) int { return a.OccurrenceAt.Compare(c.OccurrenceAt) })
		m.outcomes[key(team, user)] = list
		return nil
	}
	m.RosterFn = func(_ context.Context, team, user string) (store.Roster, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		r, ok := m.rosters[key(team, user)]
		if !ok {
			return r, store.ErrNotFound
		}
		return r, nil
	}
	m.SaveRosterFn = func(_ context.Context, team, user string, r store.Roster) error {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.rosters[key(team, user)] = r
		return nil
	}
	m.MeetingsFn = func(_ context.Context, team, user string) ([]routine.Meeting, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		return slices.Clone(m.meetings[key(team, user)]), nil
	}
	m.AddMeetingsFn = func(_ context.Context, team, user string, ms ...routine.Meeting) error {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.meetings[key(team, user)] = append(m.meetings[key(team, user)], ms...)
		return nil
	}
	m.ContactsFn = func(_ context.Context, team, user string) ([]routine.Contact, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		return slices.Clone(m.contacts[key(team, user)]), nil
	}
	m.ContactFn = func(_ context.Context, team, user, id string) (routine.Contact, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		for _, c := range m.contacts[key(team, user)] {
			if c.ID == id {
				return c, nil
			}
		}
		return routine.Contact{}, store.ErrNotFound
	}
	m.AddContactFn = func(_ context.Context, team, user string, c routine.Contact) (routine.Contact, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.nextID++
		c.ID = fmt.Sprintf("c%d", m.nextID)
		m.contacts[key(team, user)] = append(m.contacts[key(team, user)], c)
		return c, nil
	}
	m.TouchContactFn = func(_ context.Context, team, user, id string, at time.Time) (routine.Contact, error) {
		m.mu.Lock()
		defer m.mu.Unlock()
		list := m.contacts[key(team, user)]
		for i := range list {
			if list[i].ID == id {
				list[i].LastContact = at
				return list[i], nil
			}
		}
		return routine.Contact{}, store.ErrNotFound
	}
	m.RemoveContactFn = func(_ context.Context, team, user, id string) error {
		m.mu.Lock()
		defer m.mu.Unlock()
		m.contacts[key(team, user)] = slices.DeleteFunc(m.contacts[key(team, user)], func(c routine.Contact) bool { return c.ID == id })
		return nil
	}
	return m
}

// sentMessage is a message the fake Slack holds: posted to Channel (the
// user id, for a DM), then maybe edited in place.
type sentMessage struct {
	Channel, TS, Text string
	Blocks            json.RawMessage
	// EventType is the message metadata's event type ("" when none).
	EventType string
	Edited    bool
}

// fakeSlack is a mock.API that records the messages posted and updated;
// PostErr, when set, answers chat.postMessage instead.
type fakeSlack struct {
	mock.API
	mu       sync.Mutex
	sent     []sentMessage
	updates  int
	PostErr  func(channel string) error
	channels map[string]*slack.Channel
	members  map[string][]string
}

func newFakeSlack(tb testing.TB) *fakeSlack {
	f := &fakeSlack{channels: map[string]*slack.Channel{}, members: map[string][]string{}}
	f.PostMessageFn = func(_ context.Context, channel string, opts ...slack.MsgOption) (string, string, error) {
		if f.PostErr != nil {
			if err := f.PostErr(channel); err != nil {
				return "", "", err
			}
		}
		m := decodeMessage(tb, channel, opts...)
		f.mu.Lock()
		defer f.mu.Unlock()
		m.TS = fmt.Sprintf("1767600000.%06d", len(f.sent)+1)
		f.sent = append(f.sent, m)
		return channel, m.TS, nil
	}
	f.UpdateMessageFn = func(_ context.Context, channel, ts string, opts ...slack.MsgOption) (string, string, string, error) {
		m := decodeMessage(tb, channel, opts...)
		f.mu.Lock()
		defer f.mu.Unlock()
		for i := range f.sent {
			if f.sent[i].Channel == channel && f.sent[i].TS == ts {
				f.sent[i].Text, f.sent[i].Blocks, f.sent[i].Edited = m.Text, m.Blocks, true
				f.updates++
				return channel, ts, m.Text, nil
			}
		}
		return "", "", "", slack.SlackErrorResponse{Err: "message_not_found"}
	}
	f.GetConversationInfoFn = func(_ context.Context, in *slack.GetConversationInfoInput) (*slack.Channel, error) {
		if ch, ok := f.channels[in.ChannelID]; ok {
			return ch, nil
		}
		return nil, slack.SlackErrorResponse{Err: "channel_not_found"}
	}
	f.GetUsersInConversationFn = func(_ context.Context, p *slack.GetUsersInConversationParameters) ([]string, string, error) {
		ms, ok := f.members[p.ChannelID]
		if !ok {
			return nil, "", slack.SlackErrorResponse{Err: "not_in_channel"}
		}
		return ms, "", nil
	}
	return f
}

// addChannel makes a channel the bot can read.
func (f *fakeSlack) addChannel(id, name string, members ...string) {
	ch := &slack.Channel{}
	ch.ID, ch.Name = id, name
	f.channels[id], f.members[id] = ch, members
}

// messages returns the messages posted to channel, in order.
func (f *fakeSlack) messages(channel string) []sentMessage {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []sentMessage
	for _, m := range f.sent {
		if m.Channel == channel {
			out = append(out, m)
		}
	}
	return out
}

// message returns the message at channel/ts as it is now.
func (f *fakeSlack) message(channel, ts string) (sentMessage, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, m := range f.sent {
		if m.Channel == channel && m.TS == ts {
			return m, true
		}
	}
	return sentMessage{}, false
}

// decodeMessage reads what the options of a chat.postMessage or
// chat.update would send: slack-go builds the form itself, so a client
// whose HTTP "transport" only captures the form (no network) renders it.
func decodeMessage(tb testing.TB, channel string, opts ...slack.MsgOption) sentMessage {
	tb.Helper()
	c := &formCatcher{}
	if _, _, err := slack.New("xoxb-fake", slack.OptionHTTPClient(c)).PostMessage(channel, opts...); err != nil {
		tb.Fatalf("render message options: %v", err)
	}
	m := sentMessage{Channel: channel, Text: c.form.Get("text"), Blocks: json.RawMessage(c.form.Get("blocks"))}
	if meta := c.form.Get("metadata"); meta != "" {
		var md slack.SlackMetadata
		if err := json.Unmarshal([]byte(meta), &md); err != nil {
			tb.Fatalf("metadata %s: %v", meta, err)
		}
		m.EventType = md.EventType
	}
	return m
}

// formCatcher is an HTTP client that keeps the form of the one request it
// gets and answers ok.
type formCatcher struct{ form url.Values }

func (c *formCatcher) Do(req *http.Request) (*http.Response, error) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		return nil, err
	}
	if c.form, err = url.ParseQuery(string(body)); err != nil {
		return nil, err
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{"ok":true,"channel":"D1","ts":"1.000001"}`)), Request: req}, nil
}
