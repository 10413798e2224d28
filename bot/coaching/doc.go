// Package coaching is the Slack side of the coaching loop (issue 11):
// the Commit button's follow-ups, private notes, /cto commitments, guided
// programmes, the weekly review and journal, and the user's data (export,
// forget). The use cases live in package ctocoach/coaching; this package
// only turns their types into Block Kit and Slack's payloads back into
// calls.
//
// Action ids another feature renders are owned here:
//
//   - ActionCommit ("coaching.commit") is the Commit button on every
//     advice card's "try this week" line (the advice feature renders it,
//     in /cto answers, the topic browser and shared cards); its value is
//     the card id. Pressing it commits the presser, whoever shared the
//     card.
//
// Builders are pure (no Slack calls, no clock): they take the coaching
// types, the user's language and zone, and return slack-go blocks or
// modals, so they are unit-tested against Block Kit's limits.
package coaching
