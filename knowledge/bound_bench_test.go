package knowledge

import (
	"strings"
	"testing"
)

// worstQueries are the inputs issue 8 measured stalling the bot: one huge
// word (every two-deletion variant used to be hashed) and a pasted 40 KB
// text.
func worstQueries() map[string]Query {
	long := strings.Repeat("abcdefghij", 200) // 2,000 letters, one word
	var b strings.Builder
	for b.Len() < 40<<10 {
		b.WriteString("je passe mes journees a eteindre des incendies et mon equipe deleguer burnout ")
	}
	return map[string]Query{
		"word2000":   {Text: long, Lang: LangEN},
		"word2000fr": {Text: "comment " + long + " deleguer", Lang: LangFR},
		"text40k":    {Text: b.String(), Lang: LangFR},
		"words40k":   {Text: strings.Repeat("delegatoin ", 40<<10/11), Lang: LangEN},
	}
}

// BenchmarkSearchWorst measures Search on the worst inputs over the whole
// embedded corpus.
func BenchmarkSearchWorst(b *testing.B) {
	ix := NewIndex(MustEmbedded(b))
	for name, q := range worstQueries() {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ix.Search(q)
			}
		})
	}
}
