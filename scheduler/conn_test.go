package scheduler

import (
	"testing"

	"ctocoach/store"
	"ctocoach/store/storetest"
)

// The engine builds its keys like the store does, so one prefix names one
// namespace (docs/redis.md).
func TestKeysMatchTheStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		c := conn{rdb: s.Client(), prefix: s.Prefix()}
		if got, want := c.Key("T1", "sched", "ids"), s.Key("T1", "sched", "ids"); got != want {
			t.Errorf("Key = %q, store says %q", got, want)
		}
		if got, want := c.Key("T1"), s.Key("T1"); got != want {
			t.Errorf("Key without parts = %q, store says %q", got, want)
		}
		if got, want := c.GlobalKey("sched", "due"), s.GlobalKey("sched", "due"); got != want {
			t.Errorf("GlobalKey = %q, store says %q", got, want)
		}
	})
}
