package knowledge

import (
	"slices"
	"sync"
	"testing"
)

// TestSearchEmbeddedOffTopic checks, on the shipped corpus, questions that
// no card answers (besides those in testdata/relevance.yaml).
func TestSearchEmbeddedOffTopic(t *testing.T) {
	ix := NewIndex(MustEmbedded(t))
	for _, q := range []Query{
		{Text: "how do I fix my car", Lang: LangEN},
		{Text: "javascript array sort", Lang: LangEN},
		{Text: "tell me a joke", Lang: LangEN},
		{Text: "hello", Lang: LangEN},
		{Text: "bonjour", Lang: LangFR},
		{Text: "who won the world cup", Lang: LangEN},
		{Text: "how to cook pasta", Lang: LangEN},
		{Text: "best running shoes", Lang: LangEN},
		{Text: "stock price of apple", Lang: LangEN},
		{Text: "sql join syntax", Lang: LangEN},
		{Text: "comment faire une pizza", Lang: LangFR},
		{Text: "prix de l'immobilier a paris", Lang: LangFR},
		{Text: "acheter une voiture electrique", Lang: LangFR},
		{Text: "ma voiture ne demarre plus", Lang: LangFR},
		{Text: "les impots en france", Lang: LangFR},
		{Text: "recette du gateau au chocolat", Lang: LangFR},
		{Text: "cto", Lang: LangEN},
		{Text: "je suis cto", Lang: LangFR},
	} {
		if got := ix.Search(q); len(got) != 0 {
			t.Errorf("Search(%s %q) = %q, want nothing", q.Lang, q.Text, hitIDs(got))
		}
	}
}

// TestSearchConcurrent runs searches from several goroutines on one index
// (run with -race) and checks they all agree.
func TestSearchConcurrent(t *testing.T) {
	ix := NewIndex(MustEmbedded(t))
	want := hitIDs(ix.Search(Query{Text: "comment déléguer", Lang: LangFR}))
	if len(want) == 0 {
		t.Fatalf("Search(comment déléguer) = nothing, want cards")
	}
	var wg sync.WaitGroup
	errs := make(chan []string, 8)
	for range 8 {
		wg.Go(func() {
			for range 50 {
				ix.Search(Query{Text: "networkign events", Lang: LangEN})
				if got := hitIDs(ix.Search(Query{Text: "comment déléguer", Lang: LangFR})); !slices.Equal(got, want) {
					errs <- got
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for got := range errs {
		t.Errorf("concurrent Search(comment déléguer) = %q, want %q", got, want)
	}
}
