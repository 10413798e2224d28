package knowledge

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// MustLoadDir loads a fixture folder or fails the test.
func MustLoadDir(tb testing.TB, dir string) *Corpus {
	tb.Helper()
	c, err := LoadDir(dir)
	if err != nil {
		tb.Fatalf("LoadDir(%s) error: %v", dir, err)
	}
	return c
}

// ids returns the ids of cards.
func ids(cards []*Card) []string {
	var out []string
	for _, c := range cards {
		out = append(out, c.ID)
	}
	return out
}

func TestCorpusAccessors(t *testing.T) {
	c := MustLoadDir(t, "testdata/cards/good")
	want := []string{"delegate-step-by-step", "product-owner-frees-time", "burnout-signals", "micro-pauses", "one-on-ones", "sailboat-retro"}
	if got := ids(c.Cards()); !slices.Equal(got, want) {
		t.Errorf("Cards() = %q, want %q (topic order, then file order)", got, want)
	}
	var topics []string
	for _, tp := range c.Topics() {
		topics = append(topics, tp.ID)
	}
	if want := []string{"delegation", "wellbeing", "team", "empty"}; !slices.Equal(topics, want) {
		t.Errorf("Topics() = %q, want %q", topics, want)
	}
	if got, want := ids(c.ByTopic("wellbeing")), []string{"burnout-signals", "micro-pauses"}; !slices.Equal(got, want) {
		t.Errorf("ByTopic(wellbeing) = %q, want %q", got, want)
	}
	if got := c.ByTopic("empty"); len(got) != 0 {
		t.Errorf("ByTopic(empty) = %q, want none", ids(got))
	}
	card, ok := c.Card("sailboat-retro")
	if !ok || card.Topic != "team" {
		t.Fatalf("Card(sailboat-retro) = %v, %v; want the card of topic team", card, ok)
	}
	if _, ok := c.Card("nope"); ok {
		t.Errorf("Card(nope) found, want not found")
	}
	if got, want := card.Source.Cite(), "Carol Test (Boats) — Fixture interview"; got != want {
		t.Errorf("Cite() = %q, want %q", got, want)
	}
	if got := card.Text(LangFR).Title; got != "Animer une rétrospective du voilier" {
		t.Errorf("Text(fr).Title = %q", got)
	}
	if got := card.Text(LangEN).Title; got != "Run a sailboat retrospective" {
		t.Errorf("Text(en).Title = %q", got)
	}
	// Cards() returns a copy: changing it does not change the corpus.
	cards := c.Cards()
	cards[0] = nil
	if c.Cards()[0] == nil {
		t.Errorf("Cards() shares its slice with the corpus")
	}
}

func TestMerge(t *testing.T) {
	base := MustLoadDir(t, "testdata/cards/good")
	team := MustLoadDir(t, "testdata/cards/team") // no cards/ folder: top-level files

	_, err := base.Merge(team)
	if err == nil {
		t.Fatalf("Merge with a duplicate id: error = nil, want one")
	}
	for _, w := range []string{"micro-pauses", "extra.yaml", "wellbeing.yaml"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("Merge error = %q, want it to name %q", err, w)
		}
	}

	extra, err := LoadFS(fstest.MapFS{
		"house.yaml": {Data: []byte("topic: house-rules\ncards:" + strings.Replace(validCard, "sample-card", "team-deploy-friday", 1))},
	})
	if err != nil {
		t.Fatalf("LoadFS(one card) error: %v", err)
	}
	merged, err := base.Merge(extra)
	if err != nil {
		t.Fatalf("Merge error: %v", err)
	}
	if got, want := merged.Len(), base.Len()+1; got != want {
		t.Errorf("merged Len() = %d, want %d", got, want)
	}
	if c, ok := merged.Card("team-deploy-friday"); !ok || c.Topic != "house-rules" {
		t.Errorf("merged Card(team-deploy-friday) = %v, %v; want topic house-rules", c, ok)
	}
	tps := merged.Topics()
	if last := tps[len(tps)-1]; last.ID != "house-rules" || last.Label(LangFR) != "house-rules" {
		t.Errorf("last topic = %+v, want house-rules labelled by its id", last)
	}
	if base.Len() != 6 {
		t.Errorf("base corpus changed by Merge: Len() = %d, want 6", base.Len())
	}
	if same, err := base.Merge(nil); err != nil || same != base {
		t.Errorf("Merge(nil) = %p, %v; want the corpus itself", same, err)
	}
}

func TestTopicLabel(t *testing.T) {
	tp := Topic{ID: "x", EN: "Growth", FR: "Croissance"}
	if got := tp.Label(LangFR); got != "Croissance" {
		t.Errorf("Label(fr) = %q, want Croissance", got)
	}
	if got := tp.Label(LangEN); got != "Growth" {
		t.Errorf("Label(en) = %q, want Growth", got)
	}
	if got := (Topic{ID: "x", EN: "Growth"}).Label(LangFR); got != "Growth" {
		t.Errorf("Label(fr) without fr = %q, want Growth", got)
	}
}

func TestCite(t *testing.T) {
	cases := []struct {
		s    Source
		want string
	}{
		{Source{Person: "Glen Jaguin", Company: "Webikeo", Article: "Zoom sur le métier de CTO"}, "Glen Jaguin (Webikeo) — Zoom sur le métier de CTO"},
		{Source{Article: "Guide"}, "Guide"},
		{Source{Company: "Acme", Article: "Rules"}, "Acme — Rules"},
		{Source{Person: "Ada", Article: "Notes"}, "Ada — Notes"},
		{Source{Person: "Ada"}, "Ada"},
	}
	for _, c := range cases {
		if got := c.s.Cite(); got != c.want {
			t.Errorf("%+v.Cite() = %q, want %q", c.s, got, c.want)
		}
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"fr": LangFR, "FR": LangFR, "fr-FR": LangFR, "fr_CA": LangFR, "en": LangEN, "en-US": LangEN, " en ": LangEN} {
		if got, ok := ParseLang(in); !ok || got != want {
			t.Errorf("ParseLang(%q) = %q, %v; want %q, true", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "de", "es-ES"} {
		if got, ok := ParseLang(in); ok {
			t.Errorf("ParseLang(%q) = %q, true; want false", in, got)
		}
	}
}
