package retro

import "errors"

// Sentinel errors returned (wrapped) by the rules of this package. The bot
// maps each of them to a message in the user's language with errors.Is.
var (
	// ErrNotFacilitator: the user may not manage the board (not the
	// facilitator, not the creator, not an admin).
	ErrNotFacilitator = errors.New("only the facilitator, the creator or an admin can do this")
	// ErrWrongPhase: the operation is not allowed in the board's current phase.
	ErrWrongPhase = errors.New("not allowed in this phase")
	// ErrClosed: the board is closed; nothing but action statuses can change.
	ErrClosed = errors.New("the retro is closed")
	// ErrVoteBudget: the voter has no vote left on this board.
	ErrVoteBudget = errors.New("no vote left")
	// ErrBudgetRange: a board's vote budget is outside MinVoteBudget..MaxVoteBudget.
	ErrBudgetRange = errors.New("vote budget out of range")
	// ErrNoVote: the voter has no vote on this card to take back.
	ErrNoVote = errors.New("no vote on this card to remove")
	// ErrEmptyCard: a card's text is empty once trimmed.
	ErrEmptyCard = errors.New("card text is empty")
	// ErrCardTooLong: a card's text exceeds MaxCardLen characters.
	ErrCardTooLong = errors.New("card text is too long")
	// ErrCardNotFound: no card with this ID on the board.
	ErrCardNotFound = errors.New("card not found")
	// ErrDuplicateID: an ID is already used on the board.
	ErrDuplicateID = errors.New("id already used")
	// ErrUnknownZone: the zone does not belong to the board's format.
	ErrUnknownZone = errors.New("unknown zone")
	// ErrNotAuthor: only the (named) author may edit or delete the card.
	ErrNotAuthor = errors.New("only the author can change this card")
	// ErrEmptyAction: an action's text is empty once trimmed.
	ErrEmptyAction = errors.New("action text is empty")
	// ErrActionTooLong: an action's text exceeds MaxActionLen characters.
	ErrActionTooLong = errors.New("action text is too long")
	// ErrNoOwner: an action has no owner.
	ErrNoOwner = errors.New("action has no owner")
	// ErrBadDue: an action's due date is not a YYYY-MM-DD date.
	ErrBadDue = errors.New("due date must be YYYY-MM-DD")
	// ErrDueInPast: an action's due date is before today.
	ErrDueInPast = errors.New("due date is in the past")
	// ErrActionNotFound: no action with this ID on the board.
	ErrActionNotFound = errors.New("action not found")
	// ErrBadStatus: an action status other than open or done.
	ErrBadStatus = errors.New("unknown action status")
	// ErrNotOwner: only the action's owner or a board manager may change it.
	ErrNotOwner = errors.New("only the owner or the facilitator can change this action")
	// ErrUnknownFormat: the format name or alias is not known.
	ErrUnknownFormat = errors.New("unknown retro format")
	// ErrCustomColumns: a custom format has fewer than 2 or more than 6 columns.
	ErrCustomColumns = errors.New("a custom format needs 2 to 6 columns")
	// ErrColumnName: a custom column name is empty, too long or repeated.
	ErrColumnName = errors.New("invalid custom column name")
	// ErrBadBoard: a board is missing a required field.
	ErrBadBoard = errors.New("invalid board")
	// ErrEmptyTitle: a standard's title is empty once trimmed.
	ErrEmptyTitle = errors.New("standard title is empty")
	// ErrTitleTooLong: a standard's title exceeds MaxStandardTitleLen characters.
	ErrTitleTooLong = errors.New("standard title is too long")
	// ErrStandardTooLong: a standard's text exceeds MaxStandardTextLen characters.
	ErrStandardTooLong = errors.New("standard text is too long")
	// ErrNotPromoter: only the standard's promoter or an admin may change it.
	ErrNotPromoter = errors.New("only the person who promoted this standard or an admin can change it")
	// ErrBoardOpen: the channel already has an open board.
	ErrBoardOpen = errors.New("a retro board is already open in this channel")
	// ErrNoBoard: the channel has no board (open, or last) to read.
	ErrNoBoard = errors.New("no retro board")
	// ErrBadSchedule: a schedule argument could not be understood.
	ErrBadSchedule = errors.New("invalid schedule")
)
