package knowledge

import (
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
)

// analyzer turns text into index terms for one language: folding,
// tokenizing, elisions, phrases, stop words, stemming and conflation.
type analyzer struct {
	lang  Lang
	stop  map[string]struct{}
	stem  func(string) string
	conf  conflation
	elide func(string) string
}

// token is one analysed word: the folded surface form (used for typo
// tolerance; empty for phrases) and its index term.
type token struct {
	surface string
	term    string
}

// analyzers holds the two languages' analysers, built once.
var analyzers = map[Lang]*analyzer{
	LangEN: newAnalyzer(LangEN),
	LangFR: newAnalyzer(LangFR),
}

// newAnalyzer builds the analyser of lang.
func newAnalyzer(lang Lang) *analyzer {
	a := &analyzer{lang: lang}
	if lang == LangFR {
		a.stop, a.stem, a.elide = stopFR, stemFR, elideFR
	} else {
		a.stop, a.stem, a.elide = stopEN, stemEN, elideEN
	}
	a.conf = newConflation(lang, a.stem)
	return a
}

// stemFR stems a folded French word. The French stemmer relies on some
// accented endings that folding removed: "-ité(s)" is restored, so that
// "efficacite" stems like "efficace" ("efficac"), and "-ée(s)" is reduced
// to "-e" ("epuisee" like "epuise").
func stemFR(w string) string {
	switch {
	case strings.HasSuffix(w, "ees"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ee"):
		w = w[:len(w)-1]
	case len(w) >= 6 && strings.HasSuffix(w, "ite"):
		w = w[:len(w)-3] + "ité"
	case len(w) >= 7 && strings.HasSuffix(w, "ites"):
		w = w[:len(w)-4] + "ités"
	}
	return fold(french.Stem(w, true))
}

// stemEN stems a folded English word.
func stemEN(w string) string { return english.Stem(w, true) }

// frenchElisions are the words French elides before a vowel.
var frenchElisions = wordSet("l d j n s c m t qu jusqu lorsqu puisqu quoiqu presqu")

// elideFR removes French elisions ("l'équipe" → "equipe",
// "qu'il" → "il") and joins what remains ("aujourd'hui" → "aujourdhui").
func elideFR(t string) string {
	parts := strings.Split(t, "'")
	for len(parts) > 1 {
		if _, ok := frenchElisions[parts[0]]; !ok {
			break
		}
		parts = parts[1:]
	}
	return strings.Join(parts, "")
}

// elideEN drops a possessive "'s" ("cto's" → "cto"), single-letter
// elisions (French text seen by the English analyser) and joins
// contractions ("don't" → "dont").
func elideEN(t string) string {
	parts := strings.Split(t, "'")
	if n := len(parts); n > 1 && parts[n-1] == "s" {
		parts = parts[:n-1]
	}
	for len(parts) > 1 && len(parts[0]) == 1 {
		parts = parts[1:]
	}
	return strings.Join(parts, "")
}

// analyze returns the tokens of text.
func (a *analyzer) analyze(text string) []token { return a.analyzeCached(text, nil) }

// analyzeCached is analyze with a word -> term memo (nil for none), which
// spares re-stemming the same words while indexing a corpus.
func (a *analyzer) analyzeCached(text string, cache map[string]string) []token {
	var out []token
	var run []string // consecutive plain words, for phrase matching
	flush := func() {
		out = a.phraseRun(out, run, cache)
		run = run[:0]
	}
	for _, raw := range tokenize(fold(text)) {
		t := string(raw)
		if strings.IndexByte(t, '\'') >= 0 {
			t = a.elide(t)
		}
		if !strings.ContainsAny(t, "-:/") {
			run = append(run, t)
			continue
		}
		flush()
		parts := splitCompound(t)
		if concept, ok := phrases[strings.Join(parts, " ")]; ok {
			out = append(out, token{term: concept})
			continue
		}
		joined := strings.Join(parts, "")
		if len(parts) > 1 && isLetters(joined) {
			out = a.word(out, joined, cache)
		}
		for _, p := range parts {
			out = a.word(out, p, cache)
		}
	}
	flush()
	return out
}

// phraseRun appends the tokens of a run of plain words, replacing known
// phrases (longest first) by their term.
func (a *analyzer) phraseRun(out []token, run []string, cache map[string]string) []token {
	for i := 0; i < len(run); {
		matched := false
		for n := min(maxPhraseWords, len(run)-i); n >= 2; n-- {
			if concept, ok := phrases[strings.Join(run[i:i+n], " ")]; ok {
				out = append(out, token{term: concept})
				i += n
				matched = true
				break
			}
		}
		if !matched {
			out = a.word(out, run[i], cache)
			i++
		}
	}
	return out
}

// word appends the token of one folded word, if it is not a stop word.
func (a *analyzer) word(out []token, w string, cache map[string]string) []token {
	if isDigits(w) {
		return append(out, token{surface: w, term: w})
	}
	if len(w) < 2 {
		return out
	}
	if _, stop := a.stop[w]; stop {
		return out
	}
	if utf8.RuneCountInString(w) > maxWordRunes {
		return append(out, token{surface: w, term: w}) // never a card's word
	}
	if cache == nil {
		return append(out, token{surface: w, term: a.term(w)})
	}
	t, ok := cache[w]
	if !ok {
		t = a.term(w)
		cache[w] = t
	}
	return append(out, token{surface: w, term: t})
}

// term returns the index term of a folded, non-stop word.
func (a *analyzer) term(w string) string {
	if c, ok := a.conf.surface[w]; ok {
		return c
	}
	s := a.stem(w)
	if c, ok := a.conf.stem[s]; ok {
		return c
	}
	return s
}
