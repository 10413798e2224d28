package knowledge

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Length limits, in characters, kept under Block Kit's limits with margin.
const (
	MaxTitle = 120
	MaxBody  = 600
	MaxTry   = 280
	// MinQuestions is the number of example questions each language needs.
	MinQuestions = 3
)

// ValidationError is one problem found in a corpus: the file, the card id
// (or "#n" for the n-th card when it has no id; empty for file-level
// problems) and what is wrong.
type ValidationError struct {
	File string
	Card string
	Msg  string
}

// Error renders the problem as "file: card id: message".
func (e *ValidationError) Error() string {
	if e.Card == "" {
		return e.File + ": " + e.Msg
	}
	return e.File + ": " + e.Card + ": " + e.Msg
}

// idPattern is the shape of card ids: they travel in Slack action values.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// validateCard returns the problems of the i-th card of file.
func validateCard(file string, i int, c *Card) []error {
	where := c.ID
	if where == "" {
		where = fmt.Sprintf("#%d", i+1)
	}
	var errs []error
	add := func(format string, args ...any) {
		errs = append(errs, &ValidationError{File: file, Card: where, Msg: fmt.Sprintf(format, args...)})
	}
	switch {
	case c.ID == "":
		add("id is missing")
	case !idPattern.MatchString(c.ID):
		add("id %q: use lower-case letters, digits, '-' and '_'", c.ID)
	}
	if len(c.Phases) == 0 {
		add("phases are missing (use [all])")
	}
	for _, p := range c.Phases {
		if _, ok := ParsePhase(string(p)); !ok {
			add("unknown phase %q (want 0-6, 6-18, 18+ or all)", p)
		}
	}
	if blank(c.Source.Seed) {
		add("source.seed is missing")
	}
	if blank(c.Source.Article) {
		add("source.article is missing")
	}
	for _, lt := range []struct {
		lang string
		t    Text
	}{{"en", c.EN}, {"fr", c.FR}} {
		checkLen := func(field, s string, max int) {
			if blank(s) {
				add("%s.%s is missing", lt.lang, field)
				return
			}
			if n := utf8.RuneCountInString(strings.TrimSpace(s)); n > max {
				add("%s.%s is %d characters, limit %d", lt.lang, field, n, max)
			}
		}
		checkLen("title", lt.t.Title, MaxTitle)
		checkLen("body", lt.t.Body, MaxBody)
		checkLen("try", lt.t.Try, MaxTry)
		n := 0
		for _, q := range lt.t.Questions {
			if !blank(q) {
				n++
			}
		}
		if n < MinQuestions {
			add("%s.questions: want at least %d, got %d", lt.lang, MinQuestions, n)
		}
	}
	return errs
}

// blank reports whether s is empty or only white space.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
