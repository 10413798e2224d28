package knowledge

import (
	"math"
	"slices"
	"strings"
)

// The example ranker: character n-grams of the folded text (3 to 5
// letters, words padded with a boundary mark, so "deleguer" and
// "délégation" share "<del", "dele", "eleg"…), weighted by TF-IDF, one
// vector per example question (and per title and tag line) of every card,
// in both languages. A query is scored against each card by the cosine of
// its nearest examples. This reads the situational, misspelt, unaccented
// way people write ("eteindre des incendies", "i snap at my team") far
// better than whole-word matching, because it learns from how each card's
// questions are phrased rather than from the card's vocabulary.
//
// Hand-written: no Go library of the allowed ones does character n-gram
// TF-IDF with nearest-neighbour scoring over a few thousand short texts
// (bleve has n-gram token filters but ranks documents by BM25, not by
// nearest example); the whole of it is the code below, on sparse vectors
// with precomputed norms.
// Gram lengths and the weights of a card's two nearest examples, tuned on
// the dev set (variables only so that the tuning test can sweep them).
var (
	ngramMin  = 3
	ngramMax  = 5
	ngramTop1 = float32(0.7)
)

const (
	// ngramTopK: a card's score is the mean cosine of its ngramTopK nearest
	// examples (best weighted most), so that one lucky example does not
	// outweigh a card many examples agree on.
	ngramTopK = 2
	// ngramMaxDFRatio: grams in more than this share of the examples carry
	// almost no information and are skipped at query time (speed).
	ngramMaxDFRatio = 0.1
)

// isStop reports whether w is a stop word in English or French.
func isStop(w string) bool {
	_, en := stopEN[w]
	_, fr := stopFR[w]
	return en || fr
}

// ngramEntry is one gram and its weight in a vector.
type ngramEntry struct {
	ex int32
	w  float32
}

// ngramIndex is the inverted index of the examples' gram vectors.
type ngramIndex struct {
	gramID   map[uint64]int32
	idf      []float32
	postings [][]ngramEntry // gram -> examples with their normalised weight
	exCard   []int32        // example -> card
	ncards   int
	unknown  float32 // idf of a gram no example has
	maxDF    int
}

// cardExamples returns the texts a card is learned from: its questions and
// title in both languages, and its tags.
func cardExamples(c *Card) []string {
	out := make([]string, 0, len(c.EN.Questions)+len(c.FR.Questions)+3)
	out = append(out, c.EN.Questions...)
	out = append(out, c.FR.Questions...)
	out = append(out, c.EN.Title, c.FR.Title, strings.Join(c.Tags, " "))
	return out
}

// gramCount is one distinct gram of a text and its count.
type gramCount struct {
	h uint64
	n float32
}

// gramCounts returns the distinct hashed character n-grams of text with
// their counts. buf is scratch space for the hashes.
func gramCounts(text string, buf []uint64) ([]gramCount, []uint64) {
	hs := buf[:0]
	var rs []rune
	for _, tok := range tokenize(fold(text)) {
		w := string(tok)
		if strings.IndexByte(w, '\'') >= 0 {
			w = elideFR(w) // "l'equipe" -> "equipe"
		}
		if isStop(w) { // stop words of either language give no grams
			continue
		}
		rs = append(rs[:0], '<')
		for _, r := range w {
			if r != '-' && r != '\'' && len(rs) <= maxWordRunes {
				rs = append(rs, r)
			}
		}
		rs = append(rs, '>')
		if len(rs) < ngramMin { // one letter: "<a>"
			continue
		}
		for n := ngramMin; n <= ngramMax; n++ {
			for i := 0; i+n <= len(rs); i++ {
				hs = append(hs, hashRunes(rs[i:i+n]))
			}
		}
	}
	slices.Sort(hs)
	var out []gramCount
	for i := 0; i < len(hs); {
		j := i + 1
		for j < len(hs) && hs[j] == hs[i] {
			j++
		}
		out = append(out, gramCount{h: hs[i], n: float32(j - i)})
		i = j
	}
	return out, hs
}

// newNgramIndex learns the examples of cards.
func newNgramIndex(cards []*Card) *ngramIndex {
	nx := &ngramIndex{gramID: map[uint64]int32{}, ncards: len(cards)}
	type exGram struct {
		id int32
		n  float32
	}
	type exVec struct {
		card  int32
		grams []exGram
	}
	var exs []exVec
	var df []int32
	var buf []uint64
	for d, c := range cards {
		for _, t := range cardExamples(c) {
			var counts []gramCount
			counts, buf = gramCounts(t, buf)
			if len(counts) == 0 {
				continue
			}
			grams := make([]exGram, len(counts))
			for i, g := range counts {
				id, ok := nx.gramID[g.h]
				if !ok {
					id = int32(len(df))
					nx.gramID[g.h] = id
					df = append(df, 0)
				}
				df[id]++
				grams[i] = exGram{id: id, n: g.n}
			}
			exs = append(exs, exVec{card: int32(d), grams: grams})
		}
	}
	n := float64(len(exs))
	nx.idf = make([]float32, len(df))
	nx.postings = make([][]ngramEntry, len(df))
	for id, f := range df {
		nx.idf[id] = float32(math.Log((1+n)/(1+float64(f))) + 1)
		nx.postings[id] = make([]ngramEntry, 0, f)
	}
	nx.unknown = float32(math.Log(1+n) + 1)
	nx.maxDF = max(int(ngramMaxDFRatio*n), 10)
	nx.exCard = make([]int32, len(exs))
	ws := make([]float64, 0, 256)
	for i, e := range exs {
		nx.exCard[i] = e.card
		ws = ws[:0]
		var norm float64
		for _, g := range e.grams {
			w := (1 + math.Log(float64(g.n))) * float64(nx.idf[g.id])
			ws = append(ws, w)
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for j, g := range e.grams {
			nx.postings[g.id] = append(nx.postings[g.id], ngramEntry{ex: int32(i), w: float32(ws[j] / norm)})
		}
	}
	return nx
}

// scores returns, for every card, the similarity of text to its nearest
// examples (0 to 1).
func (nx *ngramIndex) scores(text string) []float64 {
	out := make([]float64, nx.ncards)
	counts, _ := gramCounts(text, nil)
	if len(counts) == 0 || len(nx.exCard) == 0 {
		return out
	}
	type qg struct {
		id int32
		w  float64
	}
	var qs []qg
	var norm float64
	for _, g := range counts {
		id, ok := nx.gramID[g.h]
		idf := nx.unknown
		if ok {
			idf = nx.idf[id]
		}
		w := (1 + math.Log(float64(g.n))) * float64(idf)
		norm += w * w
		if ok && len(nx.postings[id]) <= nx.maxDF {
			qs = append(qs, qg{id, w})
		}
	}
	norm = math.Sqrt(norm)
	dot := make([]float32, len(nx.exCard))
	for _, g := range qs {
		w := float32(g.w / norm)
		for _, e := range nx.postings[g.id] {
			dot[e.ex] += w * e.w
		}
	}
	// Top-k mean per card, best weighted most.
	var top [][ngramTopK]float32
	top = make([][ngramTopK]float32, nx.ncards)
	for ex, v := range dot {
		if v <= 0 {
			continue
		}
		t := &top[nx.exCard[ex]]
		for k := range t {
			if v > t[k] {
				copy(t[k+1:], t[k:len(t)-1])
				t[k] = v
				break
			}
		}
	}
	for d, t := range top {
		out[d] = ngramCombine(t)
	}
	return out
}

// ngramCombine is a card's score from its nearest examples' cosines.
func ngramCombine(t [ngramTopK]float32) float64 {
	return float64(ngramTop1*t[0] + (1-ngramTop1)*t[1])
}
