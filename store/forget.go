package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/redis/go-redis/v9"

	"ctocoach/coaching"
)

// What /cto export and /cto forget cover (docs/redis.md, "Coaching"):
//
//   - every key under the user's namespace "<T>:user:<U>:", whatever the
//     feature: profile, prefs, routine settings, roster, meetings,
//     outcomes and their index, contacts, self-check scores, and the
//     coaching families (commitments, notes, programmes, budget, journal);
//     found by SCAN, so a family added later is covered without a change;
//   - the user's feedback votes, a field of each "<T>:feedback:<card>";
//   - the index of the retro actions they own, "<T>:retro:owner:<U>" (the
//     actions stay on their boards, see below);
//   - the user's place in mastermind groups (membership, rotation history,
//     actions; the group stays for the others);
//   - scheduler tasks, done markers and failures of ids "<T>:<U>:…", which
//     the scheduler owns: Service.Forget calls Queue.Forget for them
//     (scheduler.ForgetPrefix).
//
// Left out, on purpose: retro boards. Anonymous cards store no author, so
// they cannot and must not be found; signed cards, votes and actions (with
// their owner) are the channel's shared record of a meeting (everyone there
// saw them), kept until the board expires (180 days after close,
// BoardRetention). Other
// users' rosters and network lists may name the user's Slack id: they are
// the other users' data.

// checkIDs refuses ids that would make the SCAN pattern match other users.
func checkIDs(team, user string) error {
	for _, id := range []string{team, user} {
		if id == "" || strings.ContainsAny(id, "*?[]\\: ") {
			return fmt.Errorf("store: id %q: %w", id, coaching.ErrInvalid)
		}
	}
	return nil
}

// scanKeys lists the keys matching pattern, sorted.
func (s *Store) scanKeys(ctx context.Context, pattern string) ([]string, error) {
	var keys []string
	iter := s.rdb.Scan(ctx, 0, pattern, 500).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return nil, err
	}
	slices.Sort(keys)
	return keys, nil
}

// userKeys lists every key under the user's namespace.
func (s *Store) userKeys(ctx context.Context, team, user string) ([]string, error) {
	return s.scanKeys(ctx, s.Key(team, "user", user)+":*")
}

// userKeysOutside are the user's keys outside their namespace.
func (s *Store) userKeysOutside(team, user string) []string {
	return []string{s.ownerKey(team, user)}
}

// feedbackKeys lists the team's feedback hashes.
func (s *Store) feedbackKeys(ctx context.Context, team string) ([]string, error) {
	return s.scanKeys(ctx, s.Key(team, "feedback")+":*")
}

// ExportUser returns every family of keys holding the user's data (see the
// list above), values decoded from JSON where they are JSON. The tasks are
// not included: they are the scheduler's (Service.Export adds them).
func (s *Store) ExportUser(ctx context.Context, team, user string) (coaching.Export, error) {
	ex := coaching.Export{Team: team, User: user}
	if err := checkIDs(team, user); err != nil {
		return ex, err
	}
	keys, err := s.userKeys(ctx, team, user)
	if err != nil {
		return ex, fmt.Errorf("store: export %s: %w", user, err)
	}
	ns := s.Key(team, "user", user) + ":"
	keys = append(keys, s.userKeysOutside(team, user)...)
	for _, k := range keys {
		typ, data, err := s.readAny(ctx, k)
		if err != nil {
			return ex, fmt.Errorf("store: export %s: %s: %w", user, k, err)
		}
		if typ == "none" {
			continue
		}
		name := strings.TrimPrefix(k, ns)
		if name == k {
			name = strings.TrimPrefix(k, s.Key(team)+":") // "retro:owner:<U>"
		}
		ex.Families = append(ex.Families, coaching.Family{Name: name, Key: strings.TrimPrefix(k, s.prefix), Type: typ, Data: data})
	}
	fks, err := s.feedbackKeys(ctx, team)
	if err != nil {
		return ex, fmt.Errorf("store: export %s feedback: %w", user, err)
	}
	votes := map[string]string{}
	fp := s.Key(team, "feedback") + ":"
	gets := make([]*redis.StringCmd, len(fks))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range fks {
			gets[i] = p.HGet(ctx, k, user)
		}
		return nil
	}); err != nil && !errors.Is(err, redis.Nil) {
		return ex, fmt.Errorf("store: export %s feedback: %w", user, err)
	}
	for i, k := range fks {
		v, err := gets[i].Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			return ex, fmt.Errorf("store: export %s feedback: %w", user, err)
		}
		votes[strings.TrimPrefix(k, fp)] = v
	}
	if len(votes) > 0 {
		b, _ := json.Marshal(votes)
		ex.Families = append(ex.Families, coaching.Family{Name: "feedback", Type: "hash fields", Data: b})
	}
	chs, err := s.Masterminds(ctx, team)
	if err != nil {
		return ex, fmt.Errorf("store: export %s: %w", user, err)
	}
	for _, ch := range chs {
		m, err := s.Mastermind(ctx, team, ch)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return ex, fmt.Errorf("store: export %s: %w", user, err)
		}
		if !slices.Contains(m.Members, user) && m.CreatedBy != user {
			continue
		}
		b, _ := json.Marshal(m)
		ex.Families = append(ex.Families, coaching.Family{Name: "mastermind:" + ch, Key: strings.TrimPrefix(s.mastermindKey(team, ch), s.prefix), Type: "string", Data: b})
	}
	slices.SortFunc(ex.Families, func(a, b coaching.Family) int { return strings.Compare(a.Name, b.Name) })
	return ex, nil
}

// ForgetUser deletes the user's data (see the list above; the scheduler's
// part is Queue.Forget's) and returns how many keys it deleted and fields
// or memberships it removed.
func (s *Store) ForgetUser(ctx context.Context, team, user string) (int, error) {
	if err := checkIDs(team, user); err != nil {
		return 0, err
	}
	keys, err := s.userKeys(ctx, team, user)
	if err != nil {
		return 0, fmt.Errorf("store: forget %s: %w", user, err)
	}
	keys = append(keys, s.userKeysOutside(team, user)...)
	n := 0
	for chunk := range slices.Chunk(keys, 500) {
		d, err := s.rdb.Del(ctx, chunk...).Result()
		if err != nil {
			return n, fmt.Errorf("store: forget %s: %w", user, err)
		}
		n += int(d)
	}
	fks, err := s.feedbackKeys(ctx, team)
	if err != nil {
		return n, fmt.Errorf("store: forget %s feedback: %w", user, err)
	}
	dels := make([]*redis.IntCmd, len(fks))
	if _, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, k := range fks {
			dels[i] = p.HDel(ctx, k, user)
		}
		return nil
	}); err != nil {
		return n, fmt.Errorf("store: forget %s feedback: %w", user, err)
	}
	for _, d := range dels {
		n += int(d.Val())
	}
	chs, err := s.Masterminds(ctx, team)
	if err != nil {
		return n, fmt.Errorf("store: forget %s: %w", user, err)
	}
	for _, ch := range chs {
		changed := false
		_, err := s.UpdateMastermind(ctx, team, ch, func(cur coaching.Mastermind, found bool) (coaching.Mastermind, error) {
			if !found {
				return cur, errCoachingNotFound
			}
			next := cur.Without(user)
			changed = len(next.Members) != len(cur.Members) || len(next.Actions) != len(cur.Actions) || len(next.Presenters) != len(cur.Presenters) || next.CreatedBy != cur.CreatedBy
			return next, nil
		})
		if err != nil && !errors.Is(err, ErrNotFound) {
			return n, fmt.Errorf("store: forget %s: %w", user, err)
		}
		if changed {
			n++
		}
	}
	return n, nil
}

// readAny reads a key of any type as JSON: a string that is JSON as is,
// other strings quoted; a hash as an object (JSON field values decoded); a
// list or set as an array; a sorted set as member/score pairs.
func (s *Store) readAny(ctx context.Context, key string) (string, json.RawMessage, error) {
	typ, err := s.rdb.Type(ctx, key).Result()
	if err != nil {
		return "", nil, err
	}
	var v any
	switch typ {
	case "none":
		return typ, nil, nil
	case "string":
		str, err := s.rdb.Get(ctx, key).Result()
		if errors.Is(err, redis.Nil) {
			return "none", nil, nil
		}
		if err != nil {
			return typ, nil, err
		}
		v = jsonOrString(str)
	case "hash":
		m, err := s.rdb.HGetAll(ctx, key).Result()
		if err != nil {
			return typ, nil, err
		}
		obj := make(map[string]any, len(m))
		for f, val := range m {
			obj[f] = jsonOrString(val)
		}
		v = obj
	case "list":
		l, err := s.rdb.LRange(ctx, key, 0, -1).Result()
		if err != nil {
			return typ, nil, err
		}
		arr := make([]any, 0, len(l))
		for _, val := range l {
			arr = append(arr, jsonOrString(val))
		}
		v = arr
	case "set":
		m, err := s.rdb.SMembers(ctx, key).Result()
		if err != nil {
			return typ, nil, err
		}
		slices.Sort(m)
		v = m
	case "zset":
		z, err := s.rdb.ZRangeWithScores(ctx, key, 0, -1).Result()
		if err != nil {
			return typ, nil, err
		}
		v = z
	default:
		return typ, nil, fmt.Errorf("type %s not exported", typ)
	}
	b, err := json.Marshal(v)
	return typ, b, err
}

// jsonOrString returns s decoded when it is JSON, else s.
func jsonOrString(s string) any {
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	return s
}
