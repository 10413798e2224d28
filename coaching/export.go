package coaching

import (
	"encoding/json"
	"time"
)

// Family is one family of keys holding a user's data, as exported.
type Family struct {
	// Name is the family ("profile", "routines", "coaching:notes",
	// "feedback", "mastermind:C123"...).
	Name string `json:"name"`
	// Key is the Redis key without the store prefix ("T1:user:U1:profile");
	// empty for data gathered from several keys (feedback votes).
	Key string `json:"key,omitempty"`
	// Type is the Redis type the data came from.
	Type string `json:"type"`
	// Data is the content: JSON values decoded where they are JSON.
	Data json.RawMessage `json:"data"`
}

// Export is everything ctocoach stores about one user.
type Export struct {
	Team string    `json:"team"`
	User string    `json:"user"`
	At   time.Time `json:"at"`
	// Families are sorted by name.
	Families []Family `json:"families"`
	// Tasks are the user's planned deliveries (nudges, follow-ups, steps).
	Tasks []Task `json:"tasks,omitempty"`
}

// Names returns the families' names, in order.
func (e Export) Names() []string {
	out := make([]string, 0, len(e.Families))
	for _, f := range e.Families {
		out = append(out, f.Name)
	}
	return out
}
