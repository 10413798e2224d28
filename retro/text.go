package retro

import (
	"strings"
	"unicode/utf8"
)

// Length limits, in characters (Unicode code points) after trimming.
const (
	// MaxCardLen is the longest card text.
	MaxCardLen = 500
	// MaxActionLen is the longest action text.
	MaxActionLen = 300
	// MaxColumnLen is the longest custom column name.
	MaxColumnLen = 40
	// MaxStandardTitleLen is the longest standard title.
	MaxStandardTitleLen = 100
	// MaxStandardTextLen is the longest standard text.
	MaxStandardTextLen = 1000
)

// charLen counts characters (code points), which is what users see and
// what the limits above are about.
func charLen(s string) int { return utf8.RuneCountInString(s) }

// clean trims surrounding white space and normalises line endings.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(s)
}

// truncateChars cuts s to at most n characters, ending with "…" when cut.
func truncateChars(s string, n int) string {
	if n <= 0 {
		return ""
	}
	if charLen(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
