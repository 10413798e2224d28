package store

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"

	"ctocoach/routine"
)

// MaxStoredContacts bounds one user's network list. The 150 rule
// (routine.MaxContacts) only warns; this hard limit protects Redis.
const MaxStoredContacts = 500

// ErrContactLimit is returned when a network list already holds
// MaxStoredContacts contacts.
var ErrContactLimit = errors.New("store: network list is full")

// AddContact validates c and adds it to the user's network list, giving it
// an id when it has none. A contact with the Slack user of one already in
// the list replaces that one (keeping its id), so nobody is listed twice.
func (s *Store) AddContact(ctx context.Context, team, user string, c routine.Contact) (routine.Contact, error) {
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("store: add contact for %s: %w", user, err)
	}
	all, err := s.Contacts(ctx, team, user)
	if err != nil {
		return c, err
	}
	replacing := c.ID != "" && slices.ContainsFunc(all, func(o routine.Contact) bool { return o.ID == c.ID })
	if c.SlackUser != "" && !replacing {
		if i := slices.IndexFunc(all, func(o routine.Contact) bool { return o.SlackUser == c.SlackUser }); i >= 0 {
			c.ID, replacing = all[i].ID, true
		}
	}
	if !replacing && len(all) >= MaxStoredContacts {
		return c, fmt.Errorf("store: add contact for %s: %w", user, ErrContactLimit)
	}
	if c.ID == "" {
		c.ID = newContactID()
	}
	if err := s.putContact(ctx, team, user, c); err != nil {
		return c, err
	}
	return c, nil
}

// Contacts returns the user's network list, oldest addition first.
func (s *Store) Contacts(ctx context.Context, team, user string) ([]routine.Contact, error) {
	raw, err := s.rdb.HVals(ctx, s.Key(team, "user", user, "contacts")).Result()
	if err != nil {
		return nil, fmt.Errorf("store: get contacts %s: %w", user, err)
	}
	out := make([]routine.Contact, 0, len(raw))
	for _, r := range raw {
		var c routine.Contact
		if err := json.Unmarshal([]byte(r), &c); err != nil {
			s.log.Warn("skipping an unreadable contact", "user", user, "err", err)
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b routine.Contact) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

// Contact returns one contact of the user's list, or ErrNotFound.
func (s *Store) Contact(ctx context.Context, team, user, id string) (routine.Contact, error) {
	var c routine.Contact
	b, err := s.rdb.HGet(ctx, s.Key(team, "user", user, "contacts"), id).Bytes()
	if errors.Is(err, redis.Nil) {
		return c, fmt.Errorf("store: get contact %s/%s: %w", user, id, ErrNotFound)
	}
	if err != nil {
		return c, fmt.Errorf("store: get contact %s/%s: %w", user, id, err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("store: decode contact %s/%s: %w", user, id, err)
	}
	return c, nil
}

// TouchContact records that the user was in touch with contact id at `at`
// and returns the updated contact (ErrNotFound when it is not listed).
func (s *Store) TouchContact(ctx context.Context, team, user, id string, at time.Time) (routine.Contact, error) {
	c, err := s.Contact(ctx, team, user, id)
	if err != nil {
		return c, err
	}
	if at.After(c.LastContact) {
		c.LastContact = at
	}
	if err := s.putContact(ctx, team, user, c); err != nil {
		return c, err
	}
	return c, nil
}

// RemoveContact deletes contact id from the user's list; ErrNotFound when
// it was not there.
func (s *Store) RemoveContact(ctx context.Context, team, user, id string) error {
	return s.deleteField(ctx, s.Key(team, "user", user, "contacts"), id, "remove contact "+user+"/"+id, ErrNotFound)
}

func (s *Store) putContact(ctx context.Context, team, user string, c routine.Contact) error {
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("store: encode contact %s/%s: %w", user, c.ID, err)
	}
	if err := s.rdb.HSet(ctx, s.Key(team, "user", user, "contacts"), c.ID, b).Err(); err != nil {
		return fmt.Errorf("store: save contact %s/%s: %w", user, c.ID, err)
	}
	return nil
}

// newContactID returns 12 random hex digits.
func newContactID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
