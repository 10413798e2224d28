package coaching

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"ctocoach/routine"
)

// FollowUpAfter is how long after a commitment (or a "not yet") the
// follow-up comes: seven days, then moved to the user's slot (see Slot).
const FollowUpAfter = 7 * 24 * time.Hour

// MaxUnanswered is how many follow-ups in a row may go unanswered: when
// the next one falls due after three silent ones, the commitment is closed
// quietly (StatusExpired) instead of being sent.
const MaxUnanswered = 3

// MaxActionText is the longest action text kept, in characters (a card's
// "try this week" line is one or two sentences).
const MaxActionText = 500

// Answer is what the user says when a follow-up asks how it went.
type Answer string

// The answers of a follow-up.
const (
	AnswerDone   Answer = "done"
	AnswerPartly Answer = "partly"
	AnswerNotYet Answer = "not-yet"
	AnswerDrop   Answer = "drop"
)

// Valid reports whether a is one of the four answers.
func (a Answer) Valid() bool {
	switch a {
	case AnswerDone, AnswerPartly, AnswerNotYet, AnswerDrop:
		return true
	}
	return false
}

// Status is where a commitment stands.
type Status string

// The statuses of a commitment. Every status but StatusOpen is final.
const (
	StatusOpen    Status = "open"
	StatusDone    Status = "done"
	StatusPartly  Status = "partly"
	StatusDropped Status = "dropped"
	// StatusExpired: closed quietly after MaxUnanswered silent follow-ups.
	StatusExpired Status = "expired"
)

// AnswerRecord is one answer given to a commitment's follow-up.
type AnswerRecord struct {
	Answer Answer    `json:"answer"`
	At     time.Time `json:"at"`
	// Seq is the follow-up answered (0 when answered from App Home).
	Seq int `json:"seq,omitempty"`
}

// Commitment is one "try this week" action a user committed to.
type Commitment struct {
	// ID is stable and unique in the user's list (see CommitmentID).
	ID string `json:"id"`
	// Card is the advice card the action comes from.
	Card string `json:"card"`
	// Action is the card's "try this week" text, in Lang, as shown.
	Action string `json:"action"`
	// Lang is "fr" or "en".
	Lang string `json:"lang"`
	// CreatedAt is when the user pressed Commit.
	CreatedAt time.Time `json:"created_at"`
	// Due is when the pending follow-up is (or the last one was) due.
	Due time.Time `json:"due"`
	// FellDue is when the last follow-up sent was due (zero before the
	// first): Due has moved on to the next one by then.
	FellDue time.Time `json:"fell_due,omitzero"`
	// Status is open until an answer or the expiry closes it.
	Status Status `json:"status"`
	// ClosedAt is when the status became final (zero while open).
	ClosedAt time.Time `json:"closed_at,omitzero"`
	// Pending is the sequence number of the follow-up planned next (1 for
	// the first), 0 when none is planned (closed).
	Pending int `json:"pending,omitempty"`
	// Sent is the sequence number of the last follow-up sent, 0 before the
	// first.
	Sent int `json:"sent,omitempty"`
	// Unanswered counts the follow-ups sent since the last answer.
	Unanswered int `json:"unanswered,omitempty"`
	// Answers are the answers given, oldest first (at most one per
	// follow-up plus those given from App Home).
	Answers []AnswerRecord `json:"answers,omitempty"`
}

// CommitmentID is the id of a commitment to card made at `at`: the card
// and the UTC second. Pressing Commit twice (a double click, a re-delivered
// action, two replicas) still makes one commitment: the store returns the
// open commitment to the same card instead of creating another.
func CommitmentID(card string, at time.Time) string {
	return card + "@" + at.UTC().Format("20060102T150405Z")
}

// NewCommitment builds the commitment to card's action made at now, its
// first follow-up planned FollowUpAfter later at the user's slot. It
// returns ErrEmpty or ErrTooLong for a bad action, ErrInvalid for an
// empty card or settings that allow no slot.
func NewCommitment(card, action, lang string, now time.Time, s routine.Settings) (Commitment, error) {
	action = strings.TrimSpace(action)
	switch {
	case strings.TrimSpace(card) == "":
		return Commitment{}, fmt.Errorf("coaching: commit: empty card: %w", ErrInvalid)
	case action == "":
		return Commitment{}, fmt.Errorf("coaching: commit to %s: %w", card, ErrEmpty)
	case utf8.RuneCountInString(action) > MaxActionText:
		return Commitment{}, fmt.Errorf("coaching: commit to %s: action over %d characters: %w", card, MaxActionText, ErrTooLong)
	}
	if lang != "fr" {
		lang = "en"
	}
	due, ok := Slot(s, now.Add(FollowUpAfter))
	if !ok {
		return Commitment{}, fmt.Errorf("coaching: commit to %s: no day to follow up on: %w", card, ErrInvalid)
	}
	return Commitment{
		ID: CommitmentID(card, now), Card: card, Action: action, Lang: lang,
		CreatedAt: now, Due: due, Status: StatusOpen, Pending: 1,
	}, nil
}

// Open reports whether the commitment still waits for an answer.
func (c Commitment) Open() bool { return c.Status == StatusOpen }

// FollowUp says what to do with follow-up number seq of c when its task
// falls due.
type FollowUp int

// The decisions of Commitment.FollowUpDue.
const (
	// FollowUpStale: the follow-up is no longer the planned one (answered,
	// moved by "not yet", closed); drop the task.
	FollowUpStale FollowUp = iota
	// FollowUpSend: send it, and plan follow-up Pending at Due.
	FollowUpSend
	// FollowUpResend: it was already recorded as sent (a retry after a
	// failed delivery): send it again, plan nothing new.
	FollowUpResend
	// FollowUpExpire: three follow-ups went unanswered; the commitment is
	// now closed quietly, send nothing.
	FollowUpExpire
)

// FollowUpDue applies the arrival of follow-up seq at now: it returns the
// updated commitment and the decision. On FollowUpSend the commitment
// records the follow-up as sent, counts it unanswered and plans the next
// one (Pending = seq+1) FollowUpAfter after the slot it was due at.
func (c Commitment) FollowUpDue(seq int, now time.Time, s routine.Settings) (Commitment, FollowUp) {
	switch {
	case !c.Open():
		return c, FollowUpStale
	case seq != 0 && seq == c.Sent:
		return c, FollowUpResend
	case seq != c.Pending:
		return c, FollowUpStale
	case c.Unanswered >= MaxUnanswered:
		c.Status, c.ClosedAt, c.Pending = StatusExpired, now, 0
		return c, FollowUpExpire
	}
	from := c.Due
	if from.Before(now.Add(-FollowUpAfter)) {
		from = now // a follow-up delivered very late does not plan one in the past
	}
	next, ok := Slot(s, from.Add(FollowUpAfter))
	if !ok {
		next = from.Add(FollowUpAfter)
	}
	c.FellDue = c.Due
	c.Sent, c.Unanswered, c.Pending, c.Due = seq, c.Unanswered+1, seq+1, next
	return c, FollowUpSend
}

// Apply records answer a given at now to follow-up seq (0: from App Home,
// without a follow-up). Done, Partly and Drop close the commitment; Not
// yet plans a new follow-up FollowUpAfter from now (Pending grows by one,
// Due moves). An answer to a follow-up already answered changes nothing
// and reports changed=false (a double click); an answer on a closed
// commitment is ErrClosed.
func (c Commitment) Apply(a Answer, seq int, now time.Time, s routine.Settings) (out Commitment, changed bool, err error) {
	if !a.Valid() {
		return c, false, fmt.Errorf("coaching: answer %q to %s: %w", a, c.ID, ErrInvalid)
	}
	if seq != 0 {
		for _, r := range c.Answers {
			if r.Seq == seq {
				return c, false, nil
			}
		}
	}
	if !c.Open() {
		return c, false, fmt.Errorf("coaching: answer %s to %s: %w", a, c.ID, ErrClosed)
	}
	c.Answers = append(append([]AnswerRecord(nil), c.Answers...), AnswerRecord{Answer: a, At: now, Seq: seq})
	c.Unanswered = 0
	switch a {
	case AnswerDone:
		c.Status = StatusDone
	case AnswerPartly:
		c.Status = StatusPartly
	case AnswerDrop:
		c.Status = StatusDropped
	case AnswerNotYet:
		due, ok := Slot(s, now.Add(FollowUpAfter))
		if !ok {
			due = now.Add(FollowUpAfter)
		}
		c.Pending, c.Due = max(c.Pending, c.Sent)+1, due
		return c, true, nil
	}
	c.ClosedAt, c.Pending = now, 0
	return c, true, nil
}
