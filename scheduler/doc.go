// Package scheduler is ctocoach's delayed delivery engine: durable tasks in
// Redis, due at a given time, delivered once each by whichever replica takes
// them first, with retries, a shared rate limit and a record of failures.
//
// # Why not asynq
//
// Issue 4 suggested hibiken/asynq. It was measured first (docs/scheduler.md
// has the commands and figures): v0.26 does run on miniredis, but it reads
// the wall clock inside (no injectable clock, so leases, backoff and
// lease-expiry hand-over could only be tested by sleeping, which the project
// forbids); it scores delayed tasks in whole seconds and forwards them every
// 5 s (measured lateness p50 2.6 s, max 4 s; with a 500 ms forwarder tasks
// ran up to 167 ms early); its keys live under a fixed "asynq:" namespace
// instead of the store's prefix (test runs cannot share a Redis database);
// it cannot list one team's pending tasks without scanning the whole queue,
// nor move a task's due time atomically; and an idle server added 7 MB of
// RSS. The engine below meets the same guarantees in about 1,250 lines
// with comments and no new dependency.
//
// # Model
//
// A Task has a unique ID (a routine occurrence id), a Kind (its Handler),
// a Team, a Due time and an opaque Payload. Schedule is idempotent by ID;
// Reschedule moves a waiting task; Cancel drops one; Pending lists a team's
// unfinished tasks by id prefix (App Home's "next nudges").
//
// # Keys and scripts
//
// Every state change is one Lua script (scripts.go), with the engine's own
// clock passed in, never Redis's:
//
//   - due: ZSET id → due unix ms; tasks: HASH id → task JSON.
//   - inflight: ZSET id → lease expiry; owners: HASH id → claim token.
//   - claim (also the reaper): moves in-flight entries whose lease expired
//     back to due, then moves up to N due ids to in-flight with a lease,
//     skipping ids already done, within the shared token bucket.
//   - heartbeat: extends the leases this replica still owns; a lost claim
//     cancels its handler's context.
//   - ack: done marker (TTL DoneRetention), out of every set.
//   - retry / fail: back to due at a later time, or the failed stream, only
//     while this replica still owns the claim.
//   - per team, a ZSET of ids (lexicographic, for Pending by prefix).
//
// Scripts derive the done-marker keys from ids, so the engine needs one
// Redis (or a primary with replicas), not a Redis Cluster.
//
// # Delivery guarantees
//
// A task runs at least once and, short of a crash at the wrong instant,
// exactly once:
//
//   - Only one replica holds a task at a time: claim is atomic, and a claim
//     is taken back only after its lease (Options.Lease, 30 s) expires
//     without a heartbeat (every Lease/3 while the handler runs).
//   - After a handler returns nil, the done marker is written with a
//     context that shutdown does not cancel, retried while Redis is
//     unreachable for up to a lease. Stop lets running handlers finish
//     (Options.Grace); a replica stopped mid-run has either finished and
//     marked its tasks done, or its handlers saw a cancelled context before
//     calling Slack and the tasks go back to the queue without using an
//     attempt.
//   - The remaining window: a process killed (or partitioned from Redis for
//     longer than a lease) between Slack's answer and the done write — one
//     Redis round trip — leaves a task that another replica claims again
//     after the lease. The reaper counts such dead claims (Task.Reclaimed),
//     so the handler can check before sending again: bot.DeliverNudge
//     tags each nudge with Slack message metadata naming the task and,
//     for a re-claimed (or retried) task, looks for it in the DM
//     (conversations.history) and does not post it twice. So does a handler that ignores its context after
//     Stop's grace, or one paused (GC, VM freeze) longer than the lease
//     whose Slack call was already under way, and a Slack call that Stop
//     cancels after the grace once the request had left (the task goes back
//     to the queue and is sent again). Replicas' clocks must agree to well
//     within the lease.
//   - Errors are retried with exponential backoff (Options.Backoff,
//     doubling, +0–25 % jitter so failures do not retry in lockstep, capped
//     at MaxBackoff) up to Options.MaxAttempts; then the task is recorded as
//     failed: an error log line, the failed metric, an entry in the failed
//     stream (Failed) and a "failed" done marker. Nothing is dropped
//     silently. A handler panic is an error.
//   - RetryAfter(d, err) (Slack's 429) retries after d without using an
//     attempt; handlers decide when a task became too late to send.
//
// # Pacing
//
// Options.Workers (4) bounds concurrent handlers per replica; Options.Rate,
// when set, is a token bucket in Redis shared by all replicas, taken at
// claim time, so three replicas together stay inside Slack's workspace
// limit instead of each pacing to it (BenchmarkDeliver: 1 429 instead of
// 1,695 for 1,000 messages). The bot's HTTP transport still paces each
// method per process and holds a method after a 429.
//
// # Wake-up
//
// A replica polls every Options.Poll (500 ms) at most, sooner when the
// earliest due task or the next token is nearer, at once when a task
// scheduled through it is due before its next planned poll, and when a
// worker frees up while tasks are due. Tasks planned ahead therefore run
// within milliseconds of their due time on every replica; a task scheduled
// for "now" through another replica waits for the next poll.
//
// # Metrics
//
// The engine counts Nudges{scheduled} (a new task) and Nudges{failed} (out
// of attempts) and sets QueueDepth (due entries) on each poll. Sent, late
// and skipped are the handler's to count: only it knows whether it sent,
// sent late or dropped a task (bot.DeliverNudge does).
package scheduler
