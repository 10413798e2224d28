// Package coaching is the coaching domain of ctocoach: commitments taken
// from a card's "try this week" line and their weekly follow-ups, private
// notes, the kept-rate, guided programmes (progressive delegation, the
// yearly development plan with its budget, mentoring, the follow-up after
// a networking event, mastermind groups), the weekly review and the
// private journal.
//
// The package is pure: no Slack, no Redis, no clock of its own. Time rules
// are routine's (the user's hour, zone, working days, quiet hours and
// pause, see Slot); rotation is retro's (NextPresenter). Programmes are
// data: programmes.yaml, embedded, in French and English, written in our
// own words from the facts of the personal-development article (seed 002).
//
// Service (service.go) holds the use cases behind interfaces the package
// owns (Repository, Queue, Settings, Clock); coaching/mock has
// function-field fakes of them. Texts shown to users other than programme
// data live with the Slack side.
package coaching
