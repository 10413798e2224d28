package advice

import (
	"encoding/json"
	"strings"
	"testing"

	"ctocoach/knowledge"
)

// TestAdviceReplyTiers: a high-confidence result is the cards; a medium
// one is "the closest I have" with its one or two cards and the topic
// picker; a low one is "nothing relevant" with the picker.
func TestAdviceReplyTiers(t *testing.T) {
	c, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	f := &feature{Deps{Corpus: c, Index: knowledge.NewIndex(c)}.withDefaults()}
	card := func(id string) knowledge.Hit {
		cd, ok := c.Card(id)
		if !ok {
			t.Fatalf("no card %s", id)
		}
		return knowledge.Hit{Card: cd, Score: 1}
	}
	two := []knowledge.Hit{card("time-blocking"), card("meeting-rules")}
	for _, tc := range []struct {
		name, lang string
		res        knowledge.Result
		intro      string
		cards      int
		picker     bool
	}{
		{"high en", "en", knowledge.Result{Hits: two, Tier: knowledge.TierHigh, Confidence: 0.9}, "Here is what I have for", 2, false},
		{"medium en", "en", knowledge.Result{Hits: two, Tier: knowledge.TierMedium, Confidence: 0.5}, "The closest I have for", 2, true},
		{"medium fr", "fr", knowledge.Result{Hits: two[:1], Tier: knowledge.TierMedium, Confidence: 0.5}, "Ce que j'ai de plus proche pour", 1, true},
		{"low fr", "fr", knowledge.Result{Tier: knowledge.TierLow, Confidence: 0.1}, "Je n'ai rien de pertinent pour", 0, true},
	} {
		rp := f.adviceReply(tc.lang, "my calendar is <swiss cheese>", tc.res)
		if !strings.HasPrefix(rp.Text, tc.intro) {
			t.Errorf("%s: text %q, want it to start with %q", tc.name, rp.Text, tc.intro)
		}
		if !strings.Contains(rp.Text, "&lt;swiss cheese&gt;") {
			t.Errorf("%s: text %q does not echo the question escaped once", tc.name, rp.Text)
		}
		raw, err := json.Marshal(rp.Blocks)
		if err != nil {
			t.Fatal(err)
		}
		shares := strings.Count(string(raw), `"action_id":"advice.share"`)
		picker := strings.Contains(string(raw), `"action_id":"advice.topics"`)
		if shares != tc.cards || picker != tc.picker {
			t.Errorf("%s: %d cards and picker %v, want %d and %v", tc.name, shares, picker, tc.cards, tc.picker)
		}
	}
}
