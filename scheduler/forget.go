package scheduler

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ForgetPrefix removes every trace of the team's tasks whose id starts with
// prefix (a user's "<T>:<U>:", for /cto forget): pending and running tasks
// are cancelled (see Cancel), their done markers deleted and their entries
// in the failed stream removed. It returns how many tasks, markers and
// entries it removed. The prefix must end with ":" so that one user's
// prefix never matches another's ("T:U1:" is not a prefix of "T:U10:").
// A handler already running when it is called may still deliver once and
// leave a fresh done marker; callers forget after cancelling the user's
// future work, and may call it again.
func (s *Scheduler) ForgetPrefix(ctx context.Context, team, prefix string) (int, error) {
	if team == "" || !strings.HasSuffix(prefix, ":") || len(prefix) < 2 {
		return 0, fmt.Errorf("scheduler: forget %q: want a team and a prefix ending with \":\"", prefix)
	}
	pending, err := s.Pending(ctx, team, prefix)
	if err != nil {
		return 0, wrap("forget", prefix, err)
	}
	n := 0
	var errs []error
	for _, t := range pending {
		if err := s.Cancel(ctx, t.ID); err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	rdb := s.st.Client()
	iter := rdb.Scan(ctx, 0, globEscape(s.doneKey(prefix))+"*", 500).Iterator()
	var markers []string
	for iter.Next(ctx) {
		markers = append(markers, iter.Val())
	}
	if err := iter.Err(); err != nil {
		errs = append(errs, wrap("forget", prefix, err))
	}
	for len(markers) > 0 {
		k := min(len(markers), 500)
		d, err := rdb.Del(ctx, markers[:k]...).Result()
		if err != nil {
			errs = append(errs, wrap("forget", prefix, err))
			break
		}
		n += int(d)
		markers = markers[k:]
	}
	msgs, err := rdb.XRange(ctx, s.k.failed, "-", "+").Result()
	if err != nil {
		errs = append(errs, wrap("forget", prefix, err))
	}
	var drop []string
	for _, m := range msgs {
		js, _ := m.Values["task"].(string)
		if t, err := decodeTask(js); err == nil && t.Team == team && strings.HasPrefix(t.ID, prefix) {
			drop = append(drop, m.ID)
		}
	}
	if len(drop) > 0 {
		d, err := rdb.XDel(ctx, s.k.failed, drop...).Result()
		if err != nil {
			errs = append(errs, wrap("forget", prefix, err))
		}
		n += int(d)
	}
	return n, errors.Join(errs...)
}

// globEscape escapes the characters SCAN MATCH treats as a pattern.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[]\`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
