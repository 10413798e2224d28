package knowledge

import (
	"fmt"
	"math"
	"os"
	"slices"
	"testing"
)

// TestTune sweeps the fusion weights and fits the confidence model on the
// DEV set only (never the held-out set). It runs with TUNE=1:
//
//	TUNE=1 go test ./knowledge -run TestTune -v
func TestTune(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip("set TUNE=1 to tune on the dev set")
	}
	c := MustEmbedded(t)
	ix := NewIndex(c)
	cases := loadEvalCases(t, "dev.yaml")
	rank := func(rc EvalCase) (int, scored) {
		sc := ix.score(clip(rc.Q, maxQueryBytes), rc.Lang)
		order := make([]int, len(ix.cards))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			switch {
			case sc.fused[a] > sc.fused[b]:
				return -1
			case sc.fused[a] < sc.fused[b]:
				return 1
			}
			return 0
		})
		for r, d := range order[:3] {
			if sc.fused[d] > 0 && slices.Contains(rc.Want, ix.cards[d].ID) {
				return r, sc
			}
		}
		return -1, sc
	}
	w0 := ngramWeight
	{
		for _, w := range []float64{0, 0.5, 0.75, 1, 1.3, 2, 3, 100} {
			ngramWeight = w
			var h1, h3, n int
			for _, rc := range cases {
				if len(rc.Want) == 0 {
					continue
				}
				n++
				r, _ := rank(rc)
				if r == 0 {
					h1++
				}
				if r >= 0 {
					h3++
				}
			}
			t.Logf("ngram weight %5.2f: hit@1 %.3f hit@3 %.3f", w, float64(h1)/float64(n), float64(h3)/float64(n))
		}
	}
	ngramWeight = w0
	// Logistic regression of "a card of the top 3 is right" on the features.
	var xs [][numFeatures]float64
	var ys []float64
	var off []bool
	for _, rc := range cases {
		r, sc := rank(rc)
		if sc.best < 0 {
			continue
		}
		xs = append(xs, sc.feat[sc.best].vector())
		y := 0.0
		if r >= 0 {
			y = 1
		}
		ys = append(ys, y)
		off = append(off, len(rc.Want) == 0)
	}
	var w [numFeatures]float64
	for it := 0; it < 20000; it++ {
		var g [numFeatures]float64
		for i, x := range xs {
			var z float64
			for j := range w {
				z += w[j] * x[j]
			}
			p := 1 / (1 + math.Exp(-z))
			for j := range w {
				g[j] += (p - ys[i]) * x[j]
			}
		}
		for j := range w {
			w[j] -= 0.05 * (g[j]/float64(len(xs)) + 0.001*w[j])
		}
	}
	t.Logf("fitted weights: %s", fmt.Sprintf("%.2f", w))
	var offP, onP []float64
	for i, x := range xs {
		var z float64
		for j := range w {
			z += w[j] * x[j]
		}
		p := 1 / (1 + math.Exp(-z))
		if off[i] {
			offP = append(offP, p)
		} else {
			onP = append(onP, p)
		}
	}
	slices.Sort(offP)
	slices.Sort(onP)
	t.Logf("off-topic highest: %.2f", offP[max(len(offP)-6, 0):])
	t.Logf("on-topic lowest: %.2f", onP[:min(10, len(onP))])
	for _, th := range []float64{0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9} {
		var offAns, offN, onNothing, onN int
		for i, x := range xs {
			var z float64
			for j := range w {
				z += w[j] * x[j]
			}
			p := 1 / (1 + math.Exp(-z))
			if off[i] {
				offN++
				if p >= th {
					offAns++
				}
			} else {
				onN++
				if p < th {
					onNothing++
				}
			}
		}
		t.Logf("low below %.2f: off-topic answered %d/%d, on-topic nothing %d/%d", th, offAns, offN, onNothing, onN)
	}
}

// TestTuneShow prints the best card's features for every dev question
// (TUNE=1).
func TestTuneShow(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip("set TUNE=1 to tune on the dev set")
	}
	ix := NewIndex(MustEmbedded(t))
	for _, rc := range loadEvalCases(t, "dev.yaml") {
		sc := ix.score(clip(rc.Q, maxQueryBytes), rc.Lang)
		if sc.best < 0 {
			t.Logf("%v none %q", len(rc.Want) == 0, rc.Q)
			continue
		}
		f := sc.feat[sc.best]
		ok := slices.Contains(rc.Want, ix.cards[sc.best].ID)
		t.Logf("off=%v ok=%v conf=%.2f ng=%.2f cov=%.2f ev=%d m=%d f=%v agree=%v %s %q", len(rc.Want) == 0, ok, f.confidence(), f.ngram, f.coverage, f.evidence, f.matched, f.focus, f.bm25Top && f.ngramTop, ix.cards[sc.best].ID, rc.Q)
	}
}

// TestTuneNgram sweeps the gram lengths and the nearest-example weights on
// the dev set (TUNE=1).
func TestTuneNgram(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip("set TUNE=1 to tune on the dev set")
	}
	c := MustEmbedded(t)
	cases := loadEvalCases(t, "dev.yaml")
	m0, m1, t0 := ngramMin, ngramMax, ngramTop1
	defer func() { ngramMin, ngramMax, ngramTop1 = m0, m1, t0 }()
	for _, mm := range [][2]int{{2, 4}, {3, 4}, {3, 5}, {3, 6}, {4, 6}} {
		for _, top := range []float32{1, 0.7, 0.5} {
			ngramMin, ngramMax, ngramTop1 = mm[0], mm[1], top
			h1, h3 := fusedHits(NewIndex(c), cases)
			t.Logf("grams %d-%d top1 %.1f: hit@1 %.3f hit@3 %.3f", mm[0], mm[1], top, h1, h3)
		}
	}
}

// fusedHits is hit@1 and hit@3 of the fused scores over the cases that
// want a card.
func fusedHits(ix *Index, cases []EvalCase) (hit1, hit3 float64) {
	var h1, h3, n int
	for _, rc := range cases {
		if len(rc.Want) == 0 {
			continue
		}
		n++
		sc := ix.score(clip(rc.Q, maxQueryBytes), rc.Lang)
		order := make([]int, len(ix.cards))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return -cmpF(sc.fused[a], sc.fused[b]) })
		for r, d := range order[:3] {
			if slices.Contains(rc.Want, ix.cards[d].ID) {
				h3++
				if r == 0 {
					h1++
				}
				break
			}
		}
	}
	return float64(h1) / float64(n), float64(h3) / float64(n)
}

func cmpF(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestTuneFields sweeps the BM25F weight of the questions field and the
// other-language weight on the dev set (TUNE=1).
func TestTuneFields(t *testing.T) {
	if os.Getenv("TUNE") == "" {
		t.Skip("set TUNE=1 to tune on the dev set")
	}
	c := MustEmbedded(t)
	cases := loadEvalCases(t, "dev.yaml")
	q0, t0 := fieldWeight[fieldQuestions], fieldWeight[fieldTitle]
	defer func() { fieldWeight[fieldQuestions], fieldWeight[fieldTitle] = q0, t0 }()
	for _, qw := range []float64{1.5, 2.5, 4} {
		for _, tw := range []float64{1.5, 3, 5} {
			fieldWeight[fieldQuestions], fieldWeight[fieldTitle] = qw, tw
			h1, h3 := fusedHits(NewIndex(c), cases)
			t.Logf("questions ×%.1f title ×%.1f: hit@1 %.3f hit@3 %.3f", qw, tw, h1, h3)
		}
	}
}
