package coaching

import (
	"encoding/json"
	"errors"
)

// Meta is a coaching modal's private metadata: the language to answer in
// (a view submission must ack before the user's profile is read), what
// the modal is about, and the DM it came from, to edit it once saved.
type Meta struct {
	Lang string `json:"l"`
	// ID is the commitment (note modal) or the programme (step form).
	ID string `json:"id,omitempty"`
	// Seq is the follow-up (note) or the occurrence (step).
	Seq int `json:"s,omitempty"`
	// Note is the note being edited ("" for a new one).
	Note string `json:"n,omitempty"`
	// Prompt is the reflection prompt answered (journal).
	Prompt string `json:"p,omitempty"`
	// Channel and TS name the message the modal was opened from ("" from
	// App Home or a slash command).
	Channel string `json:"c,omitempty"`
	TS      string `json:"t,omitempty"`
}

func (m Meta) String() string {
	b, _ := json.Marshal(m)
	return string(b)
}

// ParseMeta reads a modal's metadata; the language defaults to English.
func ParseMeta(s string) (Meta, error) {
	var m Meta
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return m, errors.Join(errors.New("coaching: malformed modal metadata"), err)
	}
	if m.Lang != langFR {
		m.Lang = langEN
	}
	return m, nil
}
