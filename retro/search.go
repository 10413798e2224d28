package retro

import "strings"

// SearchStandards returns the standards of list that are not retired and
// match query, ignoring case and accents: every word of the query must
// appear (as a substring) in the title or the text. Standards whose title
// holds every word come first; otherwise list order is kept. An empty query
// returns every standard in use.
func SearchStandards(list []Standard, query string) []Standard {
	terms := searchTerms(query)
	var inTitle, inText []Standard
	for _, s := range list {
		if s.Retired {
			continue
		}
		title := fold(s.Title)
		switch {
		case containsAll(title, terms):
			inTitle = append(inTitle, s)
		case containsAll(title+"\n"+fold(s.Text), terms):
			inText = append(inText, s)
		}
	}
	return append(inTitle, inText...)
}

func containsAll(s string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// searchTerms are the folded words of query; one-letter words (the "l" of
// "l'équipe") are dropped unless nothing else is left.
func searchTerms(query string) []string {
	all := words(fold(query))
	var long []string
	for _, w := range all {
		if len([]rune(w)) > 1 {
			long = append(long, w)
		}
	}
	if len(long) == 0 {
		return all
	}
	return long
}
