package routine

import "time"

// LateAfter is how late a nudge must be sent to count as late rather than
// on time (the delivery engine polls about twice a second).
const LateAfter = time.Minute

// Skip says why a due nudge is not sent ("" when it is).
type Skip string

// The reasons a due nudge is dropped.
const (
	// SkipUnsubscribed: the user no longer receives the routine.
	SkipUnsubscribed Skip = "unsubscribed"
	// SkipStale: the settings changed (or a pause began) since the nudge
	// was planned; the regular chain has planned the right one.
	SkipStale Skip = "stale"
	// SkipPaused: the user is on a pause now.
	SkipPaused Skip = "paused"
	// SkipTooLate: past the grace after downtime (LateDecision).
	SkipTooLate Skip = "too_late"
)

// Delivery is what to do with a due nudge: drop it (Skip) or send it, on
// time or late.
type Delivery struct {
	Skip Skip
	// Late is set when the nudge is sent LateAfter or more after it was due.
	Late bool
}

// DecideDelivery decides a nudge of rt for occurrence p.At, due at due,
// at now, under the user's current settings s (the truth, not the plan).
// A snoozed nudge is never stale: it is not part of the regular chain.
func DecideDelivery(rt Routine, s Settings, p NudgePayload, due, now time.Time, grace time.Duration) Delivery {
	if !s.IsSubscribed(rt.ID) {
		return Delivery{Skip: SkipUnsubscribed}
	}
	if !p.Snoozed {
		if want, ok := Next(rt, s, p.At.Add(-time.Minute)); !ok || !want.Equal(p.At) {
			return Delivery{Skip: SkipStale}
		}
	}
	if s.Paused(now) {
		return Delivery{Skip: SkipPaused}
	}
	late := now.Sub(due)
	if late > 0 && !LateDecision(due, now, grace, s) {
		return Delivery{Skip: SkipTooLate}
	}
	return Delivery{Late: late >= LateAfter}
}
