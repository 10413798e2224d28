package retro

import "time"

// ScheduleState is a channel's recurring retro with its rotation state: the
// schedule, who set it, its version and where the rotation stands.
// store.RetroSchedule is this type.
type ScheduleState struct {
	Schedule
	// Lang is the language of the channel's nudges (the setter's).
	Lang string `json:"lang"`
	// SetBy is who set the schedule.
	SetBy string `json:"set_by"`
	// Version grows each time the schedule is set; milestones planned for
	// an older version are ignored.
	Version int64 `json:"version"`
	// LastFormat is the format of the last scheduled retro (rotation).
	LastFormat string `json:"last_format,omitempty"`
	// Facilitators are the last facilitators, oldest first (rotation; the
	// store keeps the last MaxFacilitatorHistory).
	Facilitators []string `json:"facilitators,omitempty"`
	// Next is the start of the next planned retro.
	Next time.Time `json:"next,omitzero"`
	// BoardID is the board opened for Next, once it is open.
	BoardID string `json:"board_id,omitempty"`
}

// MaxFacilitatorHistory bounds ScheduleState.Facilitators.
const MaxFacilitatorHistory = 20

// NextRetro is the schedule's next retro as the milestone planner sees it.
func (s ScheduleState) NextRetro() ScheduledRetro {
	return ScheduledRetro{Channel: s.ChannelID, Version: s.Version, Schedule: s.Schedule, Next: s.Next}
}

// Location is the schedule's time zone, UTC when it cannot be loaded.
func (s Schedule) Location() *time.Location { return s.location() }
