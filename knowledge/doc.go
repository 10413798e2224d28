// Package knowledge holds ctocoach's advice corpus: bilingual (French and
// English) cards loaded from YAML, validated, and searched.
//
// The corpus ships inside the binary (cards/*.yaml and topics.yaml, see
// Embedded); a team can add its own cards from a folder with the same format
// (LoadDir, then Corpus.Merge). Check validates a folder and is what the
// tests and `ctocoach corpus check [DIR]` run.
//
// # Search
//
// Search is written by hand rather than with bleve: bleve's newest version
// does not resolve from the module proxy available to this project, and its
// in-memory default index does not rank with BM25. Per-language analysis
// (lower-casing, accent folding, French elisions, stop words, Snowball
// stemming, a small conflation table and hyphen/phrase handling), typo
// tolerance through precomputed deletion neighbourhoods, and a small BM25F
// ranker over weighted fields rank as well on a corpus of this size, at a
// fraction of the code and memory, with queries far under a millisecond.
//
// Every card is indexed twice, once per language, each with that language's
// analyser. A query is analysed in the user's language against that index
// and in the other language against the other index, and the two scores are
// merged per card, so a French question from an English user still finds
// the card.
//
// A second ranker learns from examples: character 3–5-gram TF-IDF vectors
// of every card's example questions (about twenty per card and language),
// scored by the cosine of a query to each card's nearest examples. It is
// hand-written too: none of the allowed, well-kept Go libraries does n-gram
// TF-IDF with nearest-neighbour scoring over a few thousand short texts
// (bleve offers n-gram token filters inside a whole second engine that
// ranks documents by BM25), and the sparse-vector code is about two hundred
// lines. A bilingual lexicon (lexicon.yaml) adds the concept words of
// everyday phrasings first. The two scores are fused (BM25 relative to the
// best card plus a weighted cosine), and one calibrated confidence, a
// logistic model fitted on the dev set, decides whether the result is
// shown as the answer, offered as "the closest I have", or replaced by
// "nothing relevant" (Result.Tier).
//
// The work per query is bounded (bound.go): a 2,000-letter word or a
// 40 KB text costs about a millisecond, not seconds.
package knowledge
