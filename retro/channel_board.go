package retro

// ChannelBoard is a board as its channel shows it: the board and the
// language its message is written in (the creator's). store.RetroBoard is
// this type.
type ChannelBoard struct {
	Board
	// Lang is the language of the board's message ("en" or "fr").
	Lang string `json:"lang"`
}
