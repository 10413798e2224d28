package slackemu

import (
	"encoding/json"
	"errors"
	"time"
)

// ErrNotAcked is returned by Send when every delivery attempt timed out.
var ErrNotAcked = errors.New("slackemu: envelope not acknowledged")

// Envelope is one Socket Mode message Slack sends to the app.
type Envelope struct {
	// ID is the envelope_id the app must ack.
	ID string
	// Type is "slash_commands", "interactive" or "events_api".
	Type string
	// Payload is the payload JSON: a slash command, an interaction callback
	// or an Events API callback.
	Payload json.RawMessage
	// AcceptsResponsePayload tells the app it may answer in the ack.
	AcceptsResponsePayload bool
	// RetryAttempt counts redeliveries (0 for the first delivery).
	RetryAttempt int
	// RetryReason is "timeout" on redeliveries, "" otherwise.
	RetryReason string

	// ResponseID names the response_url in the payload ("" when none); pass
	// it to Responses.
	ResponseID string
	// TriggerID is the trigger_id in the payload ("" when none).
	TriggerID string
}

// WithRetry returns the envelope as Slack redelivers it: same payload (so the
// same event_id), a new envelope id, retry_attempt n and retry_reason
// "timeout" when n > 0.
func (e Envelope) WithRetry(n int) Envelope {
	e.ID = newEnvelopeID()
	e.RetryAttempt = n
	e.RetryReason = ""
	if n > 0 {
		e.RetryReason = "timeout"
	}
	return e
}

// wireEnvelope is an envelope as written on the socket.
type wireEnvelope struct {
	EnvelopeID             string          `json:"envelope_id"`
	Type                   string          `json:"type"`
	Payload                json.RawMessage `json:"payload"`
	AcceptsResponsePayload bool            `json:"accepts_response_payload"`
	RetryAttempt           int             `json:"retry_attempt"`
	RetryReason            string          `json:"retry_reason"`
}

func (e Envelope) wire() wireEnvelope {
	return wireEnvelope{EnvelopeID: e.ID, Type: e.Type, Payload: e.Payload,
		AcceptsResponsePayload: e.AcceptsResponsePayload, RetryAttempt: e.RetryAttempt, RetryReason: e.RetryReason}
}

// Ack is the app's acknowledgement of an envelope.
type Ack struct {
	EnvelopeID string
	// Payload is the ack's payload JSON, nil when the app sent none.
	Payload json.RawMessage
	// Latency runs from writing the acked delivery to reading the ack.
	Latency time.Duration
	// Attempt is the retry_attempt of the delivery that was acked.
	Attempt int
	// Type is the envelope's type.
	Type string
}

// AckResult is what SendAsync delivers.
type AckResult struct {
	Ack Ack
	Err error
}
