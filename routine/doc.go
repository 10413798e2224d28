// Package routine is the routines domain of ctocoach: the catalogue of
// weekly, monthly and quarterly anti-isolation routines, per-user settings,
// the occurrence rules (time zones, working days, quiet hours, pause,
// daylight-saving changes), pairing for the coffee and skip-level nudges,
// the network list with its tiers, and progress (done-rate and streak).
//
// The package is pure: no Slack, no Redis, no clock of its own. Every rule
// takes the current time as an argument, and every type is JSON-serialisable
// so that the scheduler and the Slack surfaces can store and show it.
package routine
