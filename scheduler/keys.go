package scheduler

// The engine's keys (docs/scheduler.md lists them).
type keys struct {
	due      string // ZSET id → due unix ms
	inflight string // ZSET id → lease expiry unix ms
	tasks    string // HASH id → task JSON
	owners   string // HASH id → claim token of the replica running it
	bucket   string // HASH t, ts: the shared token bucket of Options.Rate
	failed   string // STREAM of tasks that ran out of attempts
	done     string // prefix of the per-id done marker (STRING with TTL)
	reclaim  string // prefix of the per-id count of claims that died (STRING with TTL)
}

func (s *Scheduler) teamIndex(team string) string { return s.st.Key(team, "sched", "ids") }

func (s *Scheduler) doneKey(id string) string { return s.k.done + id }
