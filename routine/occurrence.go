package routine

import (
	"strings"
	"time"
)

// DefaultGrace is how late a missed nudge may still be sent.
const DefaultGrace = 2 * time.Hour

// OccurrenceID is the stable id of one occurrence of a routine for one
// user, for exactly-once delivery: "T1:U1:weekly-coffee:20260105T0830Z".
// The time is taken in UTC to the minute, so the same occurrence computed
// in any zone or by any replica gets the same id.
func OccurrenceID(userTeam, userID, routineID string, at time.Time) string {
	return strings.Join([]string{userTeam, userID, routineID, at.UTC().Format("20060102T1504Z")}, ":")
}

// LateDecision says whether an occurrence that was due at `due` and not
// sent yet should still be sent at `now`: yes when it is late by less than
// the grace window (DefaultGrace when grace <= 0) and `now` is an allowed
// moment for the user (working day, outside quiet hours, not paused);
// otherwise it is skipped. A nudge that is not due yet is not sent.
func LateDecision(due, now time.Time, grace time.Duration, s Settings) (sendLate bool) {
	if grace <= 0 {
		grace = DefaultGrace
	}
	late := now.Sub(due)
	if late < 0 || late >= grace {
		return false
	}
	return s.Allowed(now)
}
