package coaching

import "errors"

// Rule violations, wrapped with the operation that failed; callers map
// them to user messages with errors.Is.
var (
	// ErrNotFound: no such commitment, note, enrolment, entry or group.
	ErrNotFound = errors.New("coaching: not found")
	// ErrClosed: the commitment is closed (done, partly, dropped or expired).
	ErrClosed = errors.New("coaching: commitment is closed")
	// ErrTooLong: a text is longer than its limit.
	ErrTooLong = errors.New("coaching: text too long")
	// ErrEmpty: a required text is blank.
	ErrEmpty = errors.New("coaching: empty text")
	// ErrInvalid: a value is not one of those allowed (answer, category,
	// field, programme, step, member count).
	ErrInvalid = errors.New("coaching: invalid value")
	// ErrFull: a bounded list is full.
	ErrFull = errors.New("coaching: limit reached")
	// ErrNotEnrolled: the user is not (or no longer) in the programme.
	ErrNotEnrolled = errors.New("coaching: not enrolled")
)
