package scheduler

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// Task is one delayed delivery. Its ID is unique and makes scheduling
// idempotent (a routine occurrence id, a retro nudge id).
type Task struct {
	// ID identifies the task across replicas and restarts.
	ID string
	// Kind selects the Handler.
	Kind string
	// Team is the Slack workspace; Pending lists tasks by team.
	Team string
	// Due is when the task should run (stored to the millisecond).
	Due time.Time
	// Payload is opaque to the engine.
	Payload []byte
	// Attempt counts the earlier attempts that did not finish the task
	// (0 on the first delivery).
	Attempt int
	// Reclaimed counts the claims of this task whose replica died (lease
	// expired without a heartbeat): a handler seeing it > 0 may be running
	// after its Slack call already went out, and can check before sending
	// again. Not stored in the task JSON (set at claim time).
	Reclaimed int
}

// Handler delivers a task. It returns nil when the task is finished (sent or
// deliberately dropped), RetryAfter(d, err) for a transient failure with a
// known delay (Slack's Retry-After), or another error to be retried with
// exponential backoff until Options.MaxAttempts.
type Handler func(ctx context.Context, t Task) error

// taskJSON is the stored form of a Task.
type taskJSON struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Team    string `json:"team"`
	Due     int64  `json:"due"` // unix milliseconds
	Payload []byte `json:"payload,omitempty"`
	Attempt int    `json:"attempt,omitempty"`
}

func encodeTask(t Task) (string, error) {
	b, err := json.Marshal(taskJSON{ID: t.ID, Kind: t.Kind, Team: t.Team, Due: t.Due.UnixMilli(), Payload: t.Payload, Attempt: t.Attempt})
	if err != nil {
		return "", fmt.Errorf("scheduler: encode task %s: %w", t.ID, err)
	}
	return string(b), nil
}

func decodeTask(s string) (Task, error) {
	var j taskJSON
	if err := json.Unmarshal([]byte(s), &j); err != nil {
		return Task{}, fmt.Errorf("scheduler: decode task: %w", err)
	}
	return Task{ID: j.ID, Kind: j.Kind, Team: j.Team, Due: time.UnixMilli(j.Due), Payload: j.Payload, Attempt: j.Attempt}, nil
}
