package coaching

// ActionCommit is the action id of the Commit button on an advice card's
// "try this week" line. The advice feature renders it (features do not
// import each other, so it repeats this string; a test in cmd/ctocoach
// holds the two equal); the button's value is the card id.
const ActionCommit = "coaching.commit"

// Action ids of the coaching surfaces. A value that names a commitment is
// "<commitment id>|<follow-up seq>" (seq 0 outside a follow-up); one that
// names a step is "<programme>|<seq>".
const (
	ActionDone    = "coaching.done"
	ActionPartly  = "coaching.partly"
	ActionNotYet  = "coaching.not_yet"
	ActionDrop    = "coaching.drop"
	ActionNote    = "coaching.note"
	ActionNoteRow = "coaching.note_row" // overflow on a note: edit / delete

	ActionStepDone  = "coaching.step_done"
	ActionStepLater = "coaching.step_later"
	ActionStepStop  = "coaching.step_stop"
	ActionEnrol     = "coaching.enrol"

	ActionJournal = "coaching.journal" // "Write in my journal"
	ActionForget  = "coaching.forget"  // the confirmed "Delete everything"
	ActionCancel  = "coaching.cancel"  // "Keep my data"
	ActionRefresh = "coaching.refresh" // App Home: show commitments again
)

// Callback ids of the coaching modals.
const (
	ViewNote    = "coaching.note"
	ViewStep    = "coaching.step"
	ViewJournal = "coaching.journal"
)

// Block and action ids of the modals' inputs.
const (
	inputNote    = "note"
	inputJournal = "journal"
	inputText    = "text"
)
