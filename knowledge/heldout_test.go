package knowledge

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

// Held-out targets of issue 9 (per language). Nothing is tuned on the
// held-out set: these only read its aggregate figures. All five are met as
// measured on 2026-12-03 (docs/benchmarks.md: en hit@3 91.4 %, hit@1
// 86.2 %; fr hit@3 92.0 %, hit@1 90.3 %; nothing ≤ 2.7 %; off-topic with
// no card 100 % / 92.9 %), so the thresholds are the targets themselves.
// The English hit@3 is 1.4 points above its target and one off-topic
// question is 7 points: a card edit can tip them; fix the search, do not
// lower these.
const (
	targetHit3      = 0.90 // issue 9: hit@3 >= 90 %
	targetHit1      = 0.70 // issue 9: hit@1 >= 70 %
	targetNothing   = 0.05 // issue 9: on-topic answered "nothing" <= 5 %
	targetOffNoCard = 0.90 // issue 9: off-topic answered with no card >= 90 %
	targetMeanChars = 2000 // issue 9: answers under 2,000 characters on average
)

// TestRelevanceHeldOut enforces the issue 9 targets on the held-out set
// (testdata/heldout.yaml), per language.
func TestRelevanceHeldOut(t *testing.T) {
	if _, err := os.Stat("testdata/heldout.yaml"); errors.Is(err, fs.ErrNotExist) {
		t.Skip("testdata/heldout.yaml is not merged yet")
	}
	c := MustEmbedded(t)
	cases := loadEvalCases(t, "heldout.yaml")
	checkWanted(t, c, "heldout.yaml", cases)
	r := Evaluate(NewIndex(c), cases)
	for _, l := range []Lang{LangEN, LangFR} {
		s := r.Lang[l]
		t.Logf("held-out %s: %d on-topic, hit@1 %.1f %%, hit@3 %.1f %%, MRR %.3f, nothing %.1f %%, off-topic no card %.1f %% (%d), mean %.0f chars",
			l, s.OnTopic, 100*s.HitAt1(), 100*s.HitAt3(), s.MRR(), 100*s.NothingRate(), 100*s.OffTopicRate(), s.OffTopic, s.MeanChars())
		if s.OnTopic == 0 || s.OffTopic == 0 {
			t.Errorf("held-out %s: %d on-topic and %d off-topic questions, want both", l, s.OnTopic, s.OffTopic)
			continue
		}
		if s.HitAt3() < targetHit3 {
			t.Errorf("held-out hit@3 %s = %.1f %%, want >= %.0f %%", l, 100*s.HitAt3(), 100*targetHit3)
		}
		if s.HitAt1() < targetHit1 {
			t.Errorf("held-out hit@1 %s = %.1f %%, want >= %.0f %%", l, 100*s.HitAt1(), 100*targetHit1)
		}
		if s.NothingRate() > targetNothing {
			t.Errorf("held-out on-topic answered nothing %s = %.1f %%, want <= %.0f %%", l, 100*s.NothingRate(), 100*targetNothing)
		}
		if s.OffTopicRate() < targetOffNoCard {
			t.Errorf("held-out off-topic with no card %s = %.1f %%, want >= %.0f %%", l, 100*s.OffTopicRate(), 100*targetOffNoCard)
		}
		if s.MeanChars() >= targetMeanChars {
			t.Errorf("held-out mean answer %s = %.0f chars, want < %d", l, s.MeanChars(), targetMeanChars)
		}
	}
}
