package retro

import (
	"fmt"
	"strings"
	"unicode"
)

// formatAliases maps compact keys (folded, letters and digits only) to
// built-in format IDs.
var formatAliases = map[string]string{
	"sailboat": FormatSailboat, "sail": FormatSailboat, "boat": FormatSailboat,
	"voilier": FormatSailboat, "bateau": FormatSailboat,

	"startstopcontinue": FormatStartStop, "ssc": FormatStartStop, "startstop": FormatStartStop,
	"commencerarretercontinuer": FormatStartStop, "cac": FormatStartStop,

	"4ls": Format4Ls, "4l": Format4Ls, "fourls": Format4Ls,
	"likedlearnedlackedlongedfor": Format4Ls,

	"madsadglad": FormatMadSadGlad, "msg": FormatMadSadGlad, "madsad": FormatMadSadGlad,
	"fachetristecontent": FormatMadSadGlad, "emotions": FormatMadSadGlad,

	"starfish": FormatStarfish, "star": FormatStarfish, "etoile": FormatStarfish,
	"etoiledemer": FormatStarfish,

	"lean": FormatLean, "leanboard": FormatLean, "problemboard": FormatLean,
	"problems": FormatLean, "problem": FormatLean, "probleme": FormatLean, "problemes": FormatLean,
	"tableaudesproblemes": FormatLean, "tableauproblemes": FormatLean,
}

// customAliases are the words that introduce a custom format.
var customAliases = map[string]bool{"custom": true, "perso": true, "personnalise": true, "colonnes": true, "columns": true}

// ParseFormat reads a format from a /retro argument: a built-in ID or a
// common alias in English or French ("voilier", "ssc", "4l", "lean-board"…),
// ignoring case, accents and separators; or a custom format written as
// "custom: Good, Bad, Ideas" (also "custom Good | Bad | Ideas", "perso …"),
// columns separated by "|" when present, otherwise by ",", otherwise ";".
func ParseFormat(arg string) (Format, error) {
	arg = strings.TrimSpace(arg)
	head, rest := splitHead(arg)
	if customAliases[compactKey(head)] {
		names := splitColumns(rest)
		f, err := CustomFormat(names)
		if err != nil {
			return Format{}, fmt.Errorf("retro: parse format %q: %w", arg, err)
		}
		return f, nil
	}
	id, ok := formatAliases[compactKey(arg)]
	if !ok {
		return Format{}, fmt.Errorf("retro: parse format %q: %w", arg, ErrUnknownFormat)
	}
	f, _ := FormatByID(id)
	return f, nil
}

// splitHead splits "custom: a, b" or "custom a | b" into its first word and the rest.
func splitHead(s string) (string, string) {
	i := strings.IndexFunc(s, func(r rune) bool { return r == ':' || unicode.IsSpace(r) })
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimLeft(s[i:], ": \t\n")
}

// splitColumns splits custom column names on the first separator present.
func splitColumns(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	for _, sep := range []string{"|", ",", ";"} {
		if strings.Contains(s, sep) {
			return strings.Split(s, sep)
		}
	}
	return []string{s}
}

// compactKey folds s and keeps only letters and digits.
func compactKey(s string) string {
	return strings.Join(words(fold(s)), "")
}
