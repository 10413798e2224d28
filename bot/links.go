package bot

// Action ids one feature renders and another handles. Features never import
// each other; the id is the contract, kept here.
const (
	// ActionOpenCheckup opens a self-check modal (handled by bot/advice;
	// routine nudges render it). The button's value is the checkup id.
	ActionOpenCheckup = "checkup.open"
)
