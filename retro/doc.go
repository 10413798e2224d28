// Package retro is the retrospective domain of ctocoach: formats and their
// zones, boards and their phases, cards, dot votes, action items, the
// rotation of facilitators and formats, summaries and Markdown export, the
// team's book of standards, the Block Kit layout plan (without Slack types)
// and recurring schedules.
//
// Everything here is pure Go: no Slack, no Redis, no clock. Functions that
// depend on time take a now time.Time argument, so callers (store/, bot/)
// decide where time comes from and tests inject it. All persisted types are
// plain structs with json tags so the store can serialise them as they are.
//
// Rules are reported as sentinel errors (see errors.go), wrapped with the
// operation that failed; callers use errors.Is to map them to user messages.
package retro
