package knowledge

import (
	"slices"
	"sync"
	"testing"
)

// TestSearchConcurrent runs searches from several goroutines on one index
// (run with -race) and checks they all agree.
func TestSearchConcurrent(t *testing.T) {
	ix := NewIndex(MustEmbedded(t))
	want := hitIDs(ix.Search(Query{Text: "comment déléguer", Lang: LangFR}).Hits)
	if len(want) == 0 {
		t.Fatalf("Search(comment déléguer) = nothing, want cards")
	}
	var wg sync.WaitGroup
	errs := make(chan []string, 8)
	for range 8 {
		wg.Go(func() {
			for range 50 {
				ix.Search(Query{Text: "networkign events", Lang: LangEN})
				if got := hitIDs(ix.Search(Query{Text: "comment déléguer", Lang: LangFR}).Hits); !slices.Equal(got, want) {
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
