package coaching

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Task kinds of the coaching feature, for the delivery engine.
const (
	// KindFollowUp asks how a commitment went.
	KindFollowUp = "coaching.followup"
	// KindStep sends one occurrence of a programme's step.
	KindStep = "coaching.step"
	// KindStepLater sends again a step put off with Later.
	KindStepLater = "coaching.step-later"
)

// Task is one planned delivery, as the delivery engine holds it (the
// scheduler package's Task without the engine's fields).
type Task struct {
	ID      string    `json:"id"`
	Kind    string    `json:"kind"`
	Team    string    `json:"team"`
	Due     time.Time `json:"due"`
	Payload []byte    `json:"payload,omitempty"`
	// Attempt counts the earlier attempts that failed, Reclaimed the
	// earlier claims whose replica died (the engine's counters): either
	// means the message may already be in the user's DM.
	Attempt   int `json:"attempt,omitempty"`
	Reclaimed int `json:"reclaimed,omitempty"`
}

// Payload is what a coaching task carries.
type Payload struct {
	User string `json:"user"`
	// Commitment and Seq name a follow-up (KindFollowUp).
	Commitment string `json:"commitment,omitempty"`
	// Programme, Run and Seq name a step occurrence (KindStep, KindStepLater).
	Programme string `json:"programme,omitempty"`
	Run       int64  `json:"run,omitempty"`
	Seq       int    `json:"seq"`
	// Later numbers a Later press (KindStepLater).
	Later int `json:"later,omitempty"`
}

// UserPrefix is the prefix of every task id of one user, shared with the
// routine nudges ("<T>:<U>:"), so one scheduler call forgets them all.
func UserPrefix(team, user string) string { return team + ":" + user + ":" }

// FollowUpTaskID is the id of follow-up seq of a commitment:
// "<T>:<U>:coaching.followup:<commitment>:<seq>". Deterministic, so
// planning it twice (a retry, two replicas) plans it once, and the
// engine's done marker makes its delivery exactly-once.
func FollowUpTaskID(team, user, commitment string, seq int) string {
	return UserPrefix(team, user) + KindFollowUp + ":" + commitment + ":" + strconv.Itoa(seq)
}

// StepTaskID is the id of occurrence seq of a programme's run:
// "<T>:<U>:coaching.step:<programme>:<run>:<seq>".
func StepTaskID(team, user, programme string, run int64, seq int) string {
	return UserPrefix(team, user) + KindStep + ":" + programme + ":" + strconv.FormatInt(run, 10) + ":" + strconv.Itoa(seq)
}

// StepLaterTaskID is the id of the n-th Later of an occurrence.
func StepLaterTaskID(team, user, programme string, run int64, seq, n int) string {
	return strings.Replace(StepTaskID(team, user, programme, run, seq), KindStep, KindStepLater, 1) + ":" + strconv.Itoa(n)
}

// followUpTask builds the task of follow-up seq.
func followUpTask(team, user, commitment string, seq int, due time.Time) Task {
	p, _ := json.Marshal(Payload{User: user, Commitment: commitment, Seq: seq})
	return Task{ID: FollowUpTaskID(team, user, commitment, seq), Kind: KindFollowUp, Team: team, Due: due, Payload: p}
}

// stepTask builds the task of a step occurrence.
func stepTask(team, user, programme string, run int64, seq int, due time.Time) Task {
	p, _ := json.Marshal(Payload{User: user, Programme: programme, Run: run, Seq: seq})
	return Task{ID: StepTaskID(team, user, programme, run, seq), Kind: KindStep, Team: team, Due: due, Payload: p}
}

// DecodePayload reads a coaching task's payload, checking it names a user
// and what the kind needs.
func DecodePayload(t Task) (Payload, error) {
	var p Payload
	if err := json.Unmarshal(t.Payload, &p); err != nil {
		return p, fmt.Errorf("coaching: decode task %s: %w", t.ID, err)
	}
	ok := p.User != "" && p.Seq > 0
	switch t.Kind {
	case KindFollowUp:
		ok = ok && p.Commitment != ""
	case KindStep, KindStepLater:
		ok = ok && p.Programme != ""
	default:
		ok = false
	}
	if !ok {
		return p, fmt.Errorf("coaching: task %s (%s): incomplete payload: %w", t.ID, t.Kind, ErrInvalid)
	}
	return p, nil
}
