package knowledge

import "sort"

// maxTypos returns how many edits a query word of n characters may carry:
// none under 5 characters (too many short words are one edit apart), one
// up to 7, two from 8.
func maxTypos(n int) int {
	switch {
	case n < 5:
		return 0
	case n < 8:
		return 1
	}
	return 2
}

// fuzzyIndex finds vocabulary words within a small edit distance of a
// query word through precomputed deletion neighbourhoods (the SymSpell
// method): two words within distance d share a string obtained by at most
// d deletions from each. The neighbourhoods of the vocabulary are hashed
// and sorted once, so a lookup is a few dozen binary searches.
type fuzzyIndex struct {
	words [][]rune
	keys  []uint64 // sorted hashes of deletion variants
	ids   []int32  // word id of each key
}

// newFuzzyIndex indexes words; word ids are positions in words.
func newFuzzyIndex(words []string) *fuzzyIndex {
	f := &fuzzyIndex{words: make([][]rune, len(words))}
	type pair struct {
		key uint64
		id  int32
	}
	var pairs []pair
	for id, w := range words {
		rs := []rune(w)
		f.words[id] = rs
		depth := 0
		switch {
		case len(rs) >= 6: // a query of 8+ characters, two edits away
			depth = 2
		case len(rs) >= 4: // a query of 5-7 characters, one edit away
			depth = 1
		}
		if depth == 0 {
			continue
		}
		for v := range deletions(rs, depth) {
			pairs = append(pairs, pair{hashString(v), int32(id)})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].key != pairs[j].key {
			return pairs[i].key < pairs[j].key
		}
		return pairs[i].id < pairs[j].id
	})
	f.keys = make([]uint64, len(pairs))
	f.ids = make([]int32, len(pairs))
	for i, p := range pairs {
		f.keys[i], f.ids[i] = p.key, p.id
	}
	return f
}

// lookup returns the ids of the vocabulary words closest to q within
// maxTypos(len(q)) edits (optimal string alignment distance, so a swap of
// two neighbouring letters is one edit) that share its first letter, and
// that distance. It returns no
// ids when nothing is close enough or q is too short.
func (f *fuzzyIndex) lookup(q string) ([]int32, int) {
	rs := []rune(q)
	maxD := maxTypos(len(rs))
	if maxD == 0 {
		return nil, 0
	}
	best := maxD + 1
	var found []int32
	seen := map[int32]bool{}
	for v := range deletions(rs, maxD) {
		key := hashString(v)
		i := sort.Search(len(f.keys), func(i int) bool { return f.keys[i] >= key })
		for ; i < len(f.keys) && f.keys[i] == key; i++ {
			id := f.ids[i]
			if seen[id] {
				continue
			}
			seen[id] = true
			if f.words[id][0] != rs[0] {
				continue // typos on the first letter are rare; "tarte" is not "carte"
			}
			d := osaDistance(rs, f.words[id], best)
			switch {
			case d < best:
				best, found = d, append(found[:0], id)
			case d == best:
				found = append(found, id)
			}
		}
	}
	if len(found) == 0 {
		return nil, 0
	}
	sort.Slice(found, func(i, j int) bool { return found[i] < found[j] })
	return found, best
}

// deletions returns w and every string obtained from it by deleting up to
// depth runes.
func deletions(w []rune, depth int) map[string]struct{} {
	out := map[string]struct{}{string(w): {}}
	level := []string{string(w)}
	for d := 0; d < depth; d++ {
		var next []string
		for _, s := range level {
			rs := []rune(s)
			if len(rs) <= 1 {
				continue
			}
			for i := range rs {
				v := string(rs[:i]) + string(rs[i+1:])
				if _, ok := out[v]; !ok {
					out[v] = struct{}{}
					next = append(next, v)
				}
			}
		}
		level = next
	}
	return out
}

// hashString is a 64-bit FNV-1a hash; collisions only cost a distance
// check, since candidates are verified.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// osaDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and adjacent transpositions). It
// may stop early and return limit+1 once the distance exceeds limit.
func osaDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
