package store

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/redis/go-redis/v9"

	"ctocoach/coaching"
)

// Bounds of the coaching families (docs/redis.md, "Coaching"). Nothing
// has a TTL: the data is the user's until they drop it or /cto forget; the
// sizes are bounded instead.
const (
	// MaxCommitments is how many commitments a user keeps at once.
	MaxCommitments = 200
	// CommitmentRetention: a commitment closed longer ago than this (and
	// its notes) is deleted when the user commits again; the kept-rate
	// only needs 12 weeks.
	CommitmentRetention = 400 * 24 * time.Hour
	// MaxNotes is how many notes a user keeps over all commitments.
	MaxNotes = 500
	// MaxBudgetEntries is how many expenses a user logs (a few years').
	MaxBudgetEntries = 500
	// MaxJournalEntries is how many journal entries are kept, newest first
	// (ten years of weekly reviews).
	MaxJournalEntries = 520
	// MaxMastermindsPerTeam bounds the groups of a workspace.
	MaxMastermindsPerTeam = 200
)

// errCoachingNotFound matches both ErrNotFound and coaching.ErrNotFound, so
// the store's callers and the coaching service can each test their own.
var errCoachingNotFound = fmt.Errorf("%w (%w)", ErrNotFound, coaching.ErrNotFound)

// errFull matches coaching.ErrFull.
var errFull = fmt.Errorf("store: %w", coaching.ErrFull)

// maxWatchRetries bounds optimistic-transaction retries under contention.
const maxWatchRetries = 10

func (s *Store) userKey(team, user string, parts ...string) string {
	return s.Key(team, append([]string{"user", user, "coaching"}, parts...)...)
}

// CommitmentsKey is the hash of the user's commitments.
func (s *Store) commitmentsKey(team, user string) string { return s.userKey(team, user, "commitments") }
func (s *Store) notesKey(team, user string) string       { return s.userKey(team, user, "notes") }
func (s *Store) programmesKey(team, user string) string  { return s.userKey(team, user, "programmes") }
func (s *Store) budgetKey(team, user string) string      { return s.userKey(team, user, "budget") }
func (s *Store) journalKey(team, user string) string     { return s.userKey(team, user, "journal") }
func (s *Store) mastermindKey(team, channel string) string {
	return s.Key(team, "coaching", "mastermind", channel)
}
func (s *Store) mastermindsKey(team string) string { return s.Key(team, "coaching", "masterminds") }

// hashValues decodes every value of a hash into T, skipping (and logging)
// unreadable ones.
func hashValues[T any](ctx context.Context, s *Store, key, what string) ([]T, error) {
	raw, err := s.rdb.HVals(ctx, key).Result()
	if err != nil {
		return nil, fmt.Errorf("store: get %s: %w", what, err)
	}
	return decodeAll[T](s, raw, what), nil
}

// decodeAll decodes JSON records into T, skipping (and logging) unreadable
// ones.
func decodeAll[T any](s *Store, raw []string, what string) []T {
	out := make([]T, 0, len(raw))
	for _, r := range raw {
		var v T
		if err := json.Unmarshal([]byte(r), &v); err != nil {
			s.log.Warn("skipping an unreadable record", "what", what, "err", err)
			continue
		}
		out = append(out, v)
	}
	return out
}

// watchRetry runs txf under WATCH on keys, retrying up to maxWatchRetries
// times when a watched key changed; errors are wrapped with op.
func (s *Store) watchRetry(ctx context.Context, op string, txf func(*redis.Tx) error, keys ...string) error {
	for range maxWatchRetries {
		err := s.rdb.Watch(ctx, txf, keys...)
		if errors.Is(err, redis.TxFailedErr) {
			continue
		}
		if err != nil {
			return fmt.Errorf("store: %s: %w", op, err)
		}
		return nil
	}
	return fmt.Errorf("store: %s: too much contention", op)
}

// addHashValue stores v under a new field id of a hash holding at most max
// fields: coaching.ErrInvalid when id is empty or taken, coaching.ErrFull
// when the hash is full. what names the record in errors.
func addHashValue[T any](ctx context.Context, s *Store, key, id, user, what string, max int64, v T) error {
	if id == "" {
		return fmt.Errorf("store: add %s for %s: empty id: %w", what, user, coaching.ErrInvalid)
	}
	_, err := updateHashValue(ctx, s, key, id, what+" of "+user, func(_ T, found bool) (T, error) {
		if found {
			return v, fmt.Errorf("%s id %s taken: %w", what, id, coaching.ErrInvalid)
		}
		if c, err := s.rdb.HLen(ctx, key).Result(); err != nil {
			return v, err
		} else if c >= max {
			return v, errFull
		}
		return v, nil
	})
	return err
}

// hashValue decodes one field of a hash; errCoachingNotFound when missing.
func hashValue[T any](ctx context.Context, s *Store, key, field, what string) (T, error) {
	var v T
	b, err := s.rdb.HGet(ctx, key, field).Bytes()
	if errors.Is(err, redis.Nil) {
		return v, fmt.Errorf("store: get %s %s: %w", what, field, errCoachingNotFound)
	}
	if err != nil {
		return v, fmt.Errorf("store: get %s %s: %w", what, field, err)
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return v, fmt.Errorf("store: decode %s %s: %w", what, field, err)
	}
	return v, nil
}

// updateHashValue applies fn to one field of a hash in an optimistic
// transaction (WATCH): fn sees the current value (found false when there
// is none) and returns the new one; concurrent updates retry.
func updateHashValue[T any](ctx context.Context, s *Store, key, field, what string, fn func(cur T, found bool) (T, error)) (T, error) {
	var out T
	txf := func(tx *redis.Tx) error {
		var cur T
		found := true
		b, err := tx.HGet(ctx, key, field).Bytes()
		switch {
		case errors.Is(err, redis.Nil):
			found = false
		case err != nil:
			return err
		default:
			if err := json.Unmarshal(b, &cur); err != nil {
				return fmt.Errorf("decode: %w", err)
			}
		}
		next, err := fn(cur, found)
		if err != nil {
			return err
		}
		nb, err := json.Marshal(next)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, key, field, nb)
			return nil
		})
		if err == nil {
			out = next
		}
		return err
	}
	err := s.watchRetry(ctx, fmt.Sprintf("update %s %s", what, field), txf, key)
	return out, err
}

// CreateCommitment stores a new commitment and reports created=true, or
// returns the existing one with created=false: the same id, or an open
// commitment to the same card (Commit pressed twice, two replicas). Closed
// commitments older than CommitmentRetention are deleted first, with their
// notes; then a user holding MaxCommitments gets coaching.ErrFull.
func (s *Store) CreateCommitment(ctx context.Context, team, user string, c coaching.Commitment) (coaching.Commitment, bool, error) {
	key := s.commitmentsKey(team, user)
	var out coaching.Commitment
	var created bool
	txf := func(tx *redis.Tx) error {
		all, err := tx.HGetAll(ctx, key).Result()
		if err != nil {
			return err
		}
		var old []string
		for id, raw := range all {
			var e coaching.Commitment
			if json.Unmarshal([]byte(raw), &e) != nil {
				continue
			}
			if id == c.ID || (e.Open() && e.Card == c.Card) {
				out, created = e, false
				return nil
			}
			if !e.Open() && c.CreatedAt.Sub(e.ClosedAt) > CommitmentRetention {
				old = append(old, id)
			}
		}
		if len(all)-len(old) >= MaxCommitments {
			return errFull
		}
		b, err := json.Marshal(c)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		var notes []string
		if len(old) > 0 {
			ns, err := hashValues[coaching.Note](ctx, s, s.notesKey(team, user), "notes")
			if err != nil {
				return err
			}
			for _, n := range ns {
				if slices.Contains(old, n.Commitment) {
					notes = append(notes, n.ID)
				}
			}
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			if len(old) > 0 {
				p.HDel(ctx, key, old...)
			}
			if len(notes) > 0 {
				p.HDel(ctx, s.notesKey(team, user), notes...)
			}
			p.HSet(ctx, key, c.ID, b)
			return nil
		})
		if err == nil {
			out, created = c, true
		}
		return err
	}
	if err := s.watchRetry(ctx, fmt.Sprintf("create commitment %s/%s", user, c.ID), txf, key); err != nil {
		return c, false, err
	}
	return out, created, nil
}

// Commitment returns one commitment (not found: ErrNotFound and
// coaching.ErrNotFound).
func (s *Store) Commitment(ctx context.Context, team, user, id string) (coaching.Commitment, error) {
	return hashValue[coaching.Commitment](ctx, s, s.commitmentsKey(team, user), id, "commitment of "+user)
}

// Commitments returns the user's commitments, oldest first.
func (s *Store) Commitments(ctx context.Context, team, user string) ([]coaching.Commitment, error) {
	cs, err := hashValues[coaching.Commitment](ctx, s, s.commitmentsKey(team, user), "commitments of "+user)
	slices.SortFunc(cs, func(a, b coaching.Commitment) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return cs, err
}

// UpdateCommitment applies fn to a commitment atomically (WATCH) and
// stores the result; not found when it does not exist.
func (s *Store) UpdateCommitment(ctx context.Context, team, user, id string, fn func(coaching.Commitment) (coaching.Commitment, error)) (coaching.Commitment, error) {
	return updateHashValue(ctx, s, s.commitmentsKey(team, user), id, "commitment of "+user, func(cur coaching.Commitment, found bool) (coaching.Commitment, error) {
		if !found {
			return cur, errCoachingNotFound
		}
		next, err := fn(cur)
		next.ID = cur.ID
		return next, err
	})
}

// AddNote stores a new note (coaching.ErrFull past MaxNotes); n.ID must be set.
func (s *Store) AddNote(ctx context.Context, team, user string, n coaching.Note) error {
	return addHashValue(ctx, s, s.notesKey(team, user), n.ID, user, "note", MaxNotes, n)
}

// UpdateNote applies fn to a note atomically; not found when it does not exist.
func (s *Store) UpdateNote(ctx context.Context, team, user, id string, fn func(coaching.Note) (coaching.Note, error)) (coaching.Note, error) {
	return updateHashValue(ctx, s, s.notesKey(team, user), id, "note of "+user, func(cur coaching.Note, found bool) (coaching.Note, error) {
		if !found {
			return cur, errCoachingNotFound
		}
		next, err := fn(cur)
		next.ID, next.Commitment = cur.ID, cur.Commitment
		return next, err
	})
}

// DeleteNote deletes a note; not found when it was not there.
func (s *Store) DeleteNote(ctx context.Context, team, user, id string) error {
	return s.deleteField(ctx, s.notesKey(team, user), id, "delete note "+user+"/"+id, errCoachingNotFound)
}

// Notes returns the user's notes on one commitment ("" for all), oldest first.
func (s *Store) Notes(ctx context.Context, team, user, commitment string) ([]coaching.Note, error) {
	ns, err := hashValues[coaching.Note](ctx, s, s.notesKey(team, user), "notes of "+user)
	if commitment != "" {
		ns = slices.DeleteFunc(ns, func(n coaching.Note) bool { return n.Commitment != commitment })
	}
	slices.SortFunc(ns, func(a, b coaching.Note) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	return ns, err
}

// Enrolment returns the user's run of a programme; not found when none.
func (s *Store) Enrolment(ctx context.Context, team, user, programme string) (coaching.Enrolment, error) {
	return hashValue[coaching.Enrolment](ctx, s, s.programmesKey(team, user), programme, "enrolment of "+user)
}

// Enrolments returns the user's runs (one per programme, the latest),
// ordered by programme id.
func (s *Store) Enrolments(ctx context.Context, team, user string) ([]coaching.Enrolment, error) {
	es, err := hashValues[coaching.Enrolment](ctx, s, s.programmesKey(team, user), "enrolments of "+user)
	slices.SortFunc(es, func(a, b coaching.Enrolment) int { return cmp.Compare(a.Programme, b.Programme) })
	return es, err
}

// UpdateEnrolment applies fn to the user's run of a programme atomically:
// fn sees found=false when there is none (enrolling) and returns the run
// to store.
func (s *Store) UpdateEnrolment(ctx context.Context, team, user, programme string, fn func(cur coaching.Enrolment, found bool) (coaching.Enrolment, error)) (coaching.Enrolment, error) {
	return updateHashValue(ctx, s, s.programmesKey(team, user), programme, "enrolment of "+user, func(cur coaching.Enrolment, found bool) (coaching.Enrolment, error) {
		next, err := fn(cur, found)
		next.Programme = programme
		return next, err
	})
}

// AddBudgetEntry stores an expense (e.ID must be set; coaching.ErrFull
// past MaxBudgetEntries).
func (s *Store) AddBudgetEntry(ctx context.Context, team, user string, e coaching.BudgetEntry) error {
	return addHashValue(ctx, s, s.budgetKey(team, user), e.ID, user, "budget entry", MaxBudgetEntries, e)
}

// BudgetEntries returns the user's expenses, by date then id.
func (s *Store) BudgetEntries(ctx context.Context, team, user string) ([]coaching.BudgetEntry, error) {
	es, err := hashValues[coaching.BudgetEntry](ctx, s, s.budgetKey(team, user), "budget of "+user)
	slices.SortFunc(es, func(a, b coaching.BudgetEntry) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), cmp.Compare(a.ID, b.ID))
	})
	return es, err
}

// DeleteBudgetEntry deletes an expense; not found when it was not there.
func (s *Store) DeleteBudgetEntry(ctx context.Context, team, user, id string) error {
	return s.deleteField(ctx, s.budgetKey(team, user), id, "delete budget entry "+user+"/"+id, errCoachingNotFound)
}

// AddJournalEntry records an entry, newest first, keeping MaxJournalEntries.
func (s *Store) AddJournalEntry(ctx context.Context, team, user string, e coaching.JournalEntry) error {
	b, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("store: encode journal entry for %s: %w", user, err)
	}
	key := s.journalKey(team, user)
	_, err = s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.LPush(ctx, key, b)
		p.LTrim(ctx, key, 0, MaxJournalEntries-1)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: add journal entry for %s: %w", user, err)
	}
	return nil
}

// Journal returns up to n entries, newest first (n <= 0: all).
func (s *Store) Journal(ctx context.Context, team, user string, n int) ([]coaching.JournalEntry, error) {
	stop := int64(n - 1)
	if n <= 0 {
		stop = -1
	}
	raw, err := s.rdb.LRange(ctx, s.journalKey(team, user), 0, stop).Result()
	if err != nil {
		return nil, fmt.Errorf("store: journal of %s: %w", user, err)
	}
	return decodeAll[coaching.JournalEntry](s, raw, "journal of "+user), nil
}

// Mastermind returns a channel's group; not found when none.
func (s *Store) Mastermind(ctx context.Context, team, channel string) (coaching.Mastermind, error) {
	var m coaching.Mastermind
	b, err := s.rdb.Get(ctx, s.mastermindKey(team, channel)).Bytes()
	if errors.Is(err, redis.Nil) {
		return m, fmt.Errorf("store: get mastermind %s: %w", channel, errCoachingNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("store: get mastermind %s: %w", channel, err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("store: decode mastermind %s: %w", channel, err)
	}
	return m, nil
}

// Masterminds returns the channels of the team's groups.
func (s *Store) Masterminds(ctx context.Context, team string) ([]string, error) {
	chs, err := s.rdb.SMembers(ctx, s.mastermindsKey(team)).Result()
	if err != nil {
		return nil, fmt.Errorf("store: masterminds of %s: %w", team, err)
	}
	slices.Sort(chs)
	return chs, nil
}

// UpdateMastermind applies fn to a channel's group atomically (found=false
// when there is none: creating it) and stores the result.
func (s *Store) UpdateMastermind(ctx context.Context, team, channel string, fn func(cur coaching.Mastermind, found bool) (coaching.Mastermind, error)) (coaching.Mastermind, error) {
	key, set := s.mastermindKey(team, channel), s.mastermindsKey(team)
	var out coaching.Mastermind
	txf := func(tx *redis.Tx) error {
		var cur coaching.Mastermind
		found := true
		b, err := tx.Get(ctx, key).Bytes()
		switch {
		case errors.Is(err, redis.Nil):
			found = false
			n, err := tx.SCard(ctx, set).Result()
			if err != nil {
				return err
			}
			if n >= MaxMastermindsPerTeam {
				return errFull
			}
		case err != nil:
			return err
		default:
			if err := json.Unmarshal(b, &cur); err != nil {
				return fmt.Errorf("decode: %w", err)
			}
		}
		next, err := fn(cur, found)
		if err != nil {
			return err
		}
		next.Channel = channel
		nb, err := json.Marshal(next)
		if err != nil {
			return fmt.Errorf("encode: %w", err)
		}
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Set(ctx, key, nb, 0)
			p.SAdd(ctx, set, channel)
			return nil
		})
		if err == nil {
			out = next
		}
		return err
	}
	err := s.watchRetry(ctx, "update mastermind "+channel, txf, key, set)
	return out, err
}

// DeleteMastermind removes a channel's group (no error when there is none).
func (s *Store) DeleteMastermind(ctx context.Context, team, channel string) error {
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Del(ctx, s.mastermindKey(team, channel))
		p.SRem(ctx, s.mastermindsKey(team), channel)
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: delete mastermind %s: %w", channel, err)
	}
	return nil
}
