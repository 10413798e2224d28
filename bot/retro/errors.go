package retrobot

import (
	"errors"
	"fmt"

	"ctocoach/bot"
	"ctocoach/retro"
	"ctocoach/store"
)

// failure is what the user's answer to a failed retro operation needs
// beside the error: the board it was about (its facilitator, phase and
// number), the verb of "only the facilitator can …" (do, a text key;
// "retro.do.phase" when empty) and what could not be done when Redis is
// down (verb; "verb.retro_change" when empty).
type failure struct {
	board retro.Board
	do    string
	verb  string
}

// refusal is one row of the table: the errors it matches and the sentence
// the user reads.
type refusal struct {
	errs []error
	key  string
	args func(f failure) []any
}

// refusals maps the rules' errors to what the user reads, first match wins.
var refusals = []refusal{
	{[]error{store.ErrBoardOpen}, "retro.already_open", func(f failure) []any { return []any{f.board.Number} }},
	{[]error{retro.ErrNotFacilitator}, "retro.err.facilitator", func(f failure) []any { return []any{f.board.Facilitator, bot.Key(f.doKey())} }},
	{[]error{retro.ErrClosed}, "retro.err.closed", nil},
	{[]error{retro.ErrWrongPhase}, "retro.err.phase", func(f failure) []any { return []any{phaseArg(f.board.Phase)} }},
	{[]error{retro.ErrNotAuthor}, "retro.err.not_author", nil},
	{[]error{retro.ErrNotOwner}, "retro.err.not_owner", nil},
	{[]error{retro.ErrNotPromoter}, "retro.err.not_promoter", nil},
	{[]error{retro.ErrCardNotFound}, "retro.err.card_gone", nil},
	{[]error{retro.ErrActionNotFound}, "retro.err.action_gone", nil},
	{[]error{store.ErrDuplicate, retro.ErrDuplicateID}, "retro.err.already", nil},
	{[]error{store.ErrConflict}, "retro.err.conflict", nil},
	{[]error{retro.ErrEmptyCard, retro.ErrEmptyAction}, "retro.err.empty", nil},
	{[]error{retro.ErrCardTooLong}, "retro.err.too_long", func(failure) []any { return []any{retro.MaxCardLen + 1, retro.MaxCardLen} }},
	{[]error{retro.ErrActionTooLong}, "retro.err.too_long", func(failure) []any { return []any{retro.MaxActionLen + 1, retro.MaxActionLen} }},
	{[]error{retro.ErrNoOwner}, "retro.err.no_owner", nil},
	{[]error{retro.ErrBadDue, retro.ErrDueInPast}, "retro.err.due", nil},
	{[]error{retro.ErrUnknownZone}, "retro.err.zone", nil},
	{[]error{retro.ErrEmptyTitle, retro.ErrTitleTooLong}, "retro.err.title", func(failure) []any { return []any{retro.MaxStandardTitleLen} }},
	{[]error{retro.ErrStandardTooLong}, "retro.err.std_long", func(failure) []any { return []any{retro.MaxStandardTextLen} }},
	{[]error{store.ErrNotFound}, "retro.board_gone", nil},
}

// ruleErrors are refusals by a rule rather than I/O; those without a row
// above read as the apology (they are bugs: the handlers check them first).
var ruleErrors = []error{
	store.ErrNotFound, store.ErrConflict, store.ErrDuplicate, store.ErrBoardOpen,
	retro.ErrNotFacilitator, retro.ErrWrongPhase, retro.ErrClosed, retro.ErrVoteBudget, retro.ErrNoVote,
	retro.ErrEmptyCard, retro.ErrCardTooLong, retro.ErrCardNotFound, retro.ErrDuplicateID, retro.ErrUnknownZone,
	retro.ErrNotAuthor, retro.ErrEmptyAction, retro.ErrActionTooLong, retro.ErrNoOwner, retro.ErrBadDue,
	retro.ErrDueInPast, retro.ErrActionNotFound, retro.ErrBadStatus, retro.ErrNotOwner, retro.ErrBadBoard,
	retro.ErrEmptyTitle, retro.ErrTitleTooLong, retro.ErrStandardTooLong, retro.ErrNotPromoter,
}

// retroError is the one mapping of the retro surfaces from a domain or
// store error to what the core tells the user: a board not posted, or a
// rule's refusal (bot.Refuse), Redis down (bot.Unavailable, naming
// f.verb), else the error itself (logged, and the apology).
func retroError(err error, f failure) error {
	if err == nil {
		return nil
	}
	if pe, ok := errors.AsType[*postError](err); ok {
		return fmt.Errorf("%w: %w", bot.Refuse("retro.post_failed", pe.code), err)
	}
	for _, rf := range refusals {
		for _, target := range rf.errs {
			if errors.Is(err, target) {
				var args []any
				if rf.args != nil {
					args = rf.args(f)
				}
				return fmt.Errorf("%w: %w", bot.Refuse(rf.key, args...), err)
			}
		}
	}
	if isRuleError(err) || !store.IsUnavailable(err) {
		return fmt.Errorf("retro: %w", err)
	}
	verb := f.verb
	if verb == "" {
		verb = "verb.retro_change"
	}
	return bot.Unavailable(verb, err)
}

// voteError is retroError for a vote: no vote left (used of them), no vote
// on the card to take back, voting not open (the board's phase).
func voteError(err error, used int, phase retro.Phase) error {
	switch {
	case errors.Is(err, retro.ErrVoteBudget):
		return fmt.Errorf("%w: %w", bot.RefuseN("retro.no_votes_left", used, used), err)
	case errors.Is(err, retro.ErrNoVote):
		return fmt.Errorf("%w: %w", bot.Refuse("retro.no_vote_here"), err)
	case errors.Is(err, retro.ErrWrongPhase), errors.Is(err, retro.ErrClosed):
		return fmt.Errorf("%w: %w", bot.Refuse("retro.vote_closed", phaseArg(phase)), err)
	}
	return retroError(err, failure{verb: "verb.retro_vote"})
}

// isRuleError reports whether err is a refusal by a rule rather than I/O.
func isRuleError(err error) bool {
	for _, target := range ruleErrors {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}

func (f failure) doKey() string {
	if f.do == "" {
		return "retro.do.phase"
	}
	return f.do
}

// phaseArg is a phase's label as an argument of bot.Refuse.
func phaseArg(p retro.Phase) any {
	if !p.Valid() {
		return "?"
	}
	return bot.Key("retro.phase." + string(p))
}
