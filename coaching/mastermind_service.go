package coaching

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// KindMastermind runs one monthly session of a mastermind group.
const KindMastermind = "coaching.mastermind"

// Groups is the storage of mastermind groups (store.Store implements it).
type Groups interface {
	Mastermind(ctx context.Context, team, channel string) (Mastermind, error)
	// UpdateMastermind applies fn atomically (found=false: none yet).
	UpdateMastermind(ctx context.Context, team, channel string, fn func(cur Mastermind, found bool) (Mastermind, error)) (Mastermind, error)
}

// MastermindTaskID is the id of a group's session at `at`:
// "<T>:mastermind:<C>:<unix>" (channel namespace: it belongs to no user).
func MastermindTaskID(team, channel string, at time.Time) string {
	return team + ":mastermind:" + channel + ":" + strconv.FormatInt(at.Unix(), 10)
}

// mastermindPayload is what a session task carries.
type mastermindPayload struct {
	Channel string `json:"channel"`
	At      int64  `json:"at"`
}

// CreateMastermind sets up a channel's group (6–8 members, monthly on the
// n-th weekday) and plans its first session. It returns the group and the
// confidentiality rules to show at creation. A channel that already has a
// group gets ErrInvalid.
func (s *Service) CreateMastermind(ctx context.Context, team string, m Mastermind) (Mastermind, MastermindRules, error) {
	rules := s.Catalogue.Mastermind
	if s.Groups == nil {
		return m, rules, fmt.Errorf("coaching: mastermind: no group storage: %w", ErrInvalid)
	}
	m.CreatedAt = s.now()
	if err := m.Validate(rules); err != nil {
		return m, rules, err
	}
	got, err := s.Groups.UpdateMastermind(ctx, team, m.Channel, func(_ Mastermind, found bool) (Mastermind, error) {
		if found {
			return m, fmt.Errorf("coaching: mastermind %s exists: %w", m.Channel, ErrInvalid)
		}
		return m, nil
	})
	if err != nil {
		return got, rules, fmt.Errorf("coaching: create mastermind %s: %w", m.Channel, err)
	}
	return got, rules, s.planSession(ctx, team, got, got.CreatedAt)
}

func (s *Service) planSession(ctx context.Context, team string, m Mastermind, after time.Time) error {
	at, ok := m.NextSession(after)
	if !ok {
		return fmt.Errorf("coaching: mastermind %s: no next session: %w", m.Channel, ErrInvalid)
	}
	p, _ := json.Marshal(mastermindPayload{Channel: m.Channel, At: at.Unix()})
	t := Task{ID: MastermindTaskID(team, m.Channel, at), Kind: KindMastermind, Team: team, Due: at, Payload: p}
	if err := s.Queue.Schedule(ctx, t); err != nil {
		return fmt.Errorf("coaching: plan mastermind %s: %w", m.Channel, err)
	}
	return nil
}

// MastermindMessage is what to post for a session.
type MastermindMessage struct {
	Send    bool
	Channel string
	Session Session
}

// MastermindDue runs a due session task: it names the presenter (the
// rotation, skipping `away`), lists last session's open actions to follow
// up first, records the session as held and plans the next one. A retried
// task (the session already recorded) posts the same session again; a
// task of a removed group posts nothing.
func (s *Service) MastermindDue(ctx context.Context, t Task, away map[string]bool) (MastermindMessage, error) {
	var p mastermindPayload
	if err := json.Unmarshal(t.Payload, &p); err != nil || p.Channel == "" || p.At == 0 || t.Kind != KindMastermind {
		return MastermindMessage{}, fmt.Errorf("coaching: mastermind task %s: %w", t.ID, ErrInvalid)
	}
	if s.Groups == nil {
		return MastermindMessage{}, fmt.Errorf("coaching: mastermind: no group storage: %w", ErrInvalid)
	}
	at := time.Unix(p.At, 0)
	rules := s.Catalogue.Mastermind
	var sess Session
	m, err := s.Groups.UpdateMastermind(ctx, t.Team, p.Channel, func(cur Mastermind, found bool) (Mastermind, error) {
		if !found {
			return cur, ErrNotFound
		}
		if cur.Last.Equal(at) && cur.LastSession != nil {
			sess = *cur.LastSession // already held (a retry): the same plan
			return cur, nil
		}
		if cur.Last.After(at) {
			return cur, ErrClosed // an older session
		}
		sess = cur.PlanSession(at, rules, away)
		return cur.Held(sess), nil
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrClosed) {
		return MastermindMessage{}, nil
	}
	if err != nil {
		return MastermindMessage{}, fmt.Errorf("coaching: mastermind %s: %w", p.Channel, err)
	}
	if err := s.planSession(ctx, t.Team, m, at); err != nil {
		return MastermindMessage{}, err
	}
	return MastermindMessage{Send: true, Channel: p.Channel, Session: sess}, nil
}

// AddMastermindAction records an action a member takes at the last session.
func (s *Service) AddMastermindAction(ctx context.Context, team, channel, owner, text string) (Mastermind, error) {
	if s.Groups == nil {
		return Mastermind{}, fmt.Errorf("coaching: mastermind: no group storage: %w", ErrInvalid)
	}
	m, err := s.Groups.UpdateMastermind(ctx, team, channel, func(cur Mastermind, found bool) (Mastermind, error) {
		if !found {
			return cur, ErrNotFound
		}
		return cur.AddAction(owner, text)
	})
	if err != nil {
		return m, fmt.Errorf("coaching: mastermind %s action: %w", channel, err)
	}
	return m, nil
}
