package knowledge

import (
	"runtime"
	"slices"
	"testing"
	"time"
)

// benchQueries is a mix of French and English questions: on-topic,
// misspelt, cross-language, off-topic and long situational ones.
var benchQueries = []Query{
	{Text: "comment déléguer sans perdre le contrôle ?", Lang: LangFR, Phase: PhaseMiddle},
	{Text: "how do I delegate to my team", Lang: LangEN},
	{Text: "je me sens seul dans mon rôle de CTO", Lang: LangFR, Phase: PhaseEarly},
	{Text: "signs of burnout", Lang: LangEN, Phase: PhaseLate},
	{Text: "épuisement professionnel et sommeil", Lang: LangFR},
	{Text: "how to find a mentor", Lang: LangEN},
	{Text: "combien de contacts garder dans mon réseau", Lang: LangFR},
	{Text: "networkign events worth attending", Lang: LangEN},
	{Text: "budget de formation annuel", Lang: LangFR},
	{Text: "one-on-one with my reports", Lang: LangEN},
	{Text: "rétrospective du voilier", Lang: LangFR},
	{Text: "recette de tarte aux pommes", Lang: LangFR},
	{Text: "what is the capital of peru", Lang: LangEN},
	{Text: "délégation progressive", Lang: LangEN},
	{Text: "how should a new CTO spend the first six months", Lang: LangEN, Phase: PhaseEarly},
	{Text: "je n'ai plus le temps de coder, que faire ?", Lang: LangFR},
	// Long, situational (from the dev set).
	{Text: "ca fait 3 mois que je suis cto et je passe mes journees a eteindre des incendies c'est normal ?", Lang: LangFR},
	{Text: "my ceo keeps adding features in the middle of the sprint and the devs are drowning", Lang: LangEN},
	{Text: "sales asks me stuff, marketing asks me stuff, support asks me stuff, i cant code anymore", Lang: LangEN},
	{Text: "personne a qui parler de mes galeres, les autres du comex comprennent rien a la tech", Lang: LangFR},
}

// BenchmarkSearch runs the query mix over the whole embedded corpus and
// reports p50 and p99 latency per query besides the mean, and the p99 of
// the CPU time each query used on its thread (on Linux): on a loaded
// machine the wall-clock tail is mostly time spent waiting for a core.
func BenchmarkSearch(b *testing.B) {
	ix := NewIndex(MustEmbedded(b))
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	durs := make([]time.Duration, 0, b.N)
	cpus := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start, c0 := time.Now(), threadCPU()
		ix.Search(benchQueries[i%len(benchQueries)])
		cpus = append(cpus, threadCPU()-c0)
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	pct := func(ds []time.Duration, p float64) float64 {
		slices.Sort(ds)
		return float64(ds[int(p*float64(len(ds)-1))].Nanoseconds())
	}
	b.ReportMetric(pct(durs, 0.50), "p50-ns/op")
	b.ReportMetric(pct(durs, 0.99), "p99-ns/op")
	if threadCPU() > 0 {
		b.ReportMetric(pct(cpus, 0.99), "p99-cpu-ns/op")
	}
}

// BenchmarkNewIndex measures building the index of the embedded corpus.
func BenchmarkNewIndex(b *testing.B) {
	c := MustEmbedded(b)
	b.ReportAllocs()
	for b.Loop() {
		NewIndex(c)
	}
}

// BenchmarkEmbedded measures loading and validating the embedded corpus.
func BenchmarkEmbedded(b *testing.B) {
	MustEmbedded(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Embedded(); err != nil {
			b.Fatal(err)
		}
	}
}
