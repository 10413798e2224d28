package knowledge

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// field is a part of a card's text, indexed with its own weight.
type field uint8

// The indexed fields.
const (
	fieldTitle field = iota
	fieldQuestions
	fieldTags
	fieldBody
	fieldTry
	numFields
)

// fieldWeight is the BM25F weight of each field: the title and the example
// questions say best what a card answers.
var fieldWeight = [numFields]float64{
	fieldTitle:     3,
	fieldQuestions: 2.5,
	fieldTags:      2,
	fieldBody:      1,
	fieldTry:       0.5,
}

// highFields are the fields a match must touch for a card to be relevant.
const highFields = 1<<fieldTitle | 1<<fieldQuestions | 1<<fieldTags

// posting is one term's occurrence in one card: the card, its BM25F
// pseudo term frequency (field-weighted and length-normalised, so scoring
// needs no per-query normalisation), and the fields it occurs in.
type posting struct {
	doc    int32
	tf     float32
	fields uint8
}

// langIndex is the inverted index of the cards' text in one language.
type langIndex struct {
	an       *analyzer
	ndocs    int
	termID   map[string]int32
	idf      []float64
	df       []int32
	postings [][]posting
	surface  map[string]int32 // folded word -> term id
	surfTerm []int32          // fuzzy word id -> term id
	fuzzy    *fuzzyIndex
}

// Index searches a corpus. It is immutable once built and safe for
// concurrent use.
type Index struct {
	cards []*Card
	langs [2]*langIndex // LangEN, LangFR
	ngram *ngramIndex   // the example ranker, both languages
}

// NewIndex indexes every card of c in both languages.
func NewIndex(c *Corpus) *Index {
	ix := &Index{cards: c.Cards()}
	var wg sync.WaitGroup
	for i, l := range []Lang{LangEN, LangFR} {
		wg.Go(func() { ix.langs[i] = newLangIndex(analyzers[l], ix.cards, l) })
	}
	wg.Go(func() { ix.ngram = newNgramIndex(ix.cards) })
	wg.Wait()
	return ix
}

// lang returns the index of l.
func (ix *Index) lang(l Lang) *langIndex {
	if l == LangFR {
		return ix.langs[1]
	}
	return ix.langs[0]
}

// fieldTexts returns the texts of each field of a card in one language.
// Tags are language-neutral and indexed in both languages.
func fieldTexts(c *Card, l Lang) [numFields][]string {
	t := c.EN
	if l == LangFR {
		t = c.FR
	}
	var f [numFields][]string
	f[fieldTitle] = []string{t.Title}
	f[fieldQuestions] = t.Questions
	f[fieldTags] = c.Tags
	f[fieldBody] = []string{t.Body}
	f[fieldTry] = []string{t.Try}
	return f
}

// newLangIndex builds the index of cards' text in l.
func newLangIndex(an *analyzer, cards []*Card, l Lang) *langIndex {
	li := &langIndex{an: an, ndocs: len(cards), termID: map[string]int32{}, surface: map[string]int32{}}
	type docField struct {
		tf  map[int32]int
		len int
	}
	docs := make([][numFields]docField, len(cards))
	var total [numFields]float64
	cache := map[string]string{}
	for d, c := range cards {
		for f, texts := range fieldTexts(c, l) {
			df := docField{tf: map[int32]int{}}
			for _, s := range texts {
				for _, tok := range an.analyzeCached(s, cache) {
					id, ok := li.termID[tok.term]
					if !ok {
						id = int32(len(li.postings))
						li.termID[tok.term] = id
						li.postings = append(li.postings, nil)
					}
					if tok.surface != "" {
						if _, ok := li.surface[tok.surface]; !ok {
							li.surface[tok.surface] = id
						}
					}
					df.tf[id]++
					df.len++
				}
			}
			docs[d][f] = df
			total[f] += float64(df.len)
		}
	}
	var avg [numFields]float64
	for f := range avg {
		avg[f] = max(total[f]/float64(max(len(cards), 1)), 1)
	}
	for d := range docs {
		tf := map[int32]float64{}
		mask := map[int32]uint8{}
		for f := range docs[d] {
			df := docs[d][f]
			norm := 1 - bm25B + bm25B*float64(df.len)/avg[f]
			for id, n := range df.tf {
				tf[id] += fieldWeight[f] * float64(n) / norm
				mask[id] |= 1 << f
			}
		}
		for id, v := range tf {
			li.postings[id] = append(li.postings[id], posting{doc: int32(d), tf: float32(v), fields: mask[id]})
		}
	}
	n := float64(len(cards))
	li.idf = make([]float64, len(li.postings))
	li.df = make([]int32, len(li.postings))
	for id, ps := range li.postings {
		slices.SortFunc(ps, func(a, b posting) int { return cmp.Compare(a.doc, b.doc) })
		li.df[id] = int32(len(ps))
		li.idf[id] = math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
	}
	words := make([]string, 0, len(li.surface))
	for w := range li.surface {
		words = append(words, w)
	}
	slices.Sort(words)
	li.surfTerm = make([]int32, len(words))
	for i, w := range words {
		li.surfTerm[i] = li.surface[w]
	}
	li.fuzzy = newFuzzyIndex(words)
	return li
}
