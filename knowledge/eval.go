package knowledge

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// EvalCase is one question of a relevance set (testdata/dev.yaml,
// testdata/heldout.yaml): its language, its text and the ids of the cards
// that answer it. An empty Want marks an off-topic question, which must
// get no card.
type EvalCase struct {
	Lang Lang     `yaml:"lang"`
	Q    string   `yaml:"q"`
	Want []string `yaml:"want"`
}

// ParseEvalCases reads a relevance set (a YAML list of {lang, q, want}).
func ParseEvalCases(data []byte) ([]EvalCase, error) {
	var cases []EvalCase
	if err := yaml.Unmarshal(data, &cases); err != nil {
		return nil, fmt.Errorf("knowledge: relevance set: %w", err)
	}
	for i, c := range cases {
		if c.Lang != LangEN && c.Lang != LangFR {
			return nil, fmt.Errorf("knowledge: relevance set: question %d (%q): lang %q, want en or fr", i+1, c.Q, c.Lang)
		}
	}
	return cases, nil
}

// EvalStats are the figures of one language.
type EvalStats struct {
	OnTopic   int     // questions some card answers
	Hit1      int     // ...whose first hit is a wanted card
	Hit3      int     // ...with a wanted card in the first three
	RR        float64 // sum of reciprocal ranks of the first wanted card
	Nothing   int     // on-topic questions answered with no card
	Medium    int     // on-topic questions answered "the closest I have"
	OffTopic  int     // questions no card answers
	OffNoCard int     // ...answered with no card
	Chars     int     // characters of the cards shown, on-topic answers
	Answers   int     // on-topic answers with cards
}

// Rate returns n/d, 0 when d is 0.
func rate(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// HitAt1 is the share of on-topic questions whose first hit is right.
func (s EvalStats) HitAt1() float64 { return rate(s.Hit1, s.OnTopic) }

// HitAt3 is the share of on-topic questions with a right card in the top 3.
func (s EvalStats) HitAt3() float64 { return rate(s.Hit3, s.OnTopic) }

// MRR is the mean reciprocal rank of the first right card (0 when absent).
func (s EvalStats) MRR() float64 {
	if s.OnTopic == 0 {
		return 0
	}
	return s.RR / float64(s.OnTopic)
}

// NothingRate is the share of on-topic questions answered with no card.
func (s EvalStats) NothingRate() float64 { return rate(s.Nothing, s.OnTopic) }

// OffTopicRate is the share of off-topic questions answered with no card.
func (s EvalStats) OffTopicRate() float64 { return rate(s.OffNoCard, s.OffTopic) }

// MeanChars is the mean length of an on-topic answer's cards (title, body
// and try of each card shown).
func (s EvalStats) MeanChars() float64 { return rate(s.Chars, s.Answers) }

// EvalMiss is a question answered wrongly: an on-topic question with no
// wanted card in the top 3, or an off-topic one that got cards.
type EvalMiss struct {
	Case EvalCase
	Got  []string
	Tier Tier
}

// EvalReport is the evaluation of a relevance set.
type EvalReport struct {
	Lang   map[Lang]*EvalStats
	Misses []EvalMiss
}

// Evaluate searches every case (limit 3, no phase) and tallies the
// figures per language.
func Evaluate(ix *Index, cases []EvalCase) EvalReport {
	r := EvalReport{Lang: map[Lang]*EvalStats{LangEN: {}, LangFR: {}}}
	for _, c := range cases {
		st := r.Lang[c.Lang]
		if st == nil {
			st = &EvalStats{}
			r.Lang[c.Lang] = st
		}
		res := ix.Search(Query{Text: c.Q, Lang: c.Lang, Limit: 3})
		got := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			got[i] = h.Card.ID
		}
		if len(c.Want) == 0 {
			st.OffTopic++
			if len(got) == 0 {
				st.OffNoCard++
			} else {
				r.Misses = append(r.Misses, EvalMiss{Case: c, Got: got, Tier: res.Tier})
			}
			continue
		}
		st.OnTopic++
		rank := slices.IndexFunc(got, func(id string) bool { return slices.Contains(c.Want, id) })
		switch {
		case len(got) == 0:
			st.Nothing++
		case res.Tier == TierMedium:
			st.Medium++
		}
		if len(got) > 0 {
			st.Answers++
			for _, h := range res.Hits {
				t := h.Card.Text(c.Lang)
				st.Chars += len([]rune(t.Title)) + len([]rune(t.Body)) + len([]rune(t.Try))
			}
		}
		if rank >= 0 {
			st.Hit3++
			st.RR += 1 / float64(rank+1)
			if rank == 0 {
				st.Hit1++
			}
			continue
		}
		r.Misses = append(r.Misses, EvalMiss{Case: c, Got: got, Tier: res.Tier})
	}
	return r
}

// Write prints the figures per language and the misses.
func (r EvalReport) Write(w io.Writer) {
	fmt.Fprintf(w, "%-4s %8s %6s %6s %6s %9s %8s %10s %9s\n", "lang", "on-topic", "hit@1", "hit@3", "MRR", "nothing", "closest", "off-topic", "mean-chars")
	for _, l := range []Lang{LangEN, LangFR} {
		s := r.Lang[l]
		if s == nil {
			continue
		}
		fmt.Fprintf(w, "%-4s %8d %5.1f%% %5.1f%% %6.3f %8.1f%% %7.1f%% %4d→%4.1f%% %9.0f\n", l, s.OnTopic,
			100*s.HitAt1(), 100*s.HitAt3(), s.MRR(), 100*s.NothingRate(), 100*rate(s.Medium, s.OnTopic),
			s.OffTopic, 100*s.OffTopicRate(), s.MeanChars())
	}
	fmt.Fprintln(w, "(nothing: on-topic answered with no card; closest: answered \"the closest I have\"; off-topic: count → share answered with no card)")
	if len(r.Misses) == 0 {
		return
	}
	fmt.Fprintf(w, "\nmisses (%d):\n", len(r.Misses))
	for _, m := range r.Misses {
		want := strings.Join(m.Case.Want, ",")
		if want == "" {
			want = "nothing"
		}
		got := strings.Join(m.Got, ",")
		if got == "" {
			got = "nothing"
		}
		fmt.Fprintf(w, "  %s %q\n     want %s; got %s (%s)\n", m.Case.Lang, m.Case.Q, want, got, m.Tier)
	}
}
