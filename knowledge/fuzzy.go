package knowledge

import (
	"slices"
	"unicode/utf8"
)

// maxTypos returns how many edits a query word of n characters may carry:
// none under 6 characters (too many short words are one edit apart:
// "shoes"/"shows", "stock"/"stack", "tarte"/"carte"), one up to 7, two
// from 8.
func maxTypos(n int) int {
	switch {
	case n < 6:
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
	// keys are sorted deletion-variant entries: the variant's hash in the
	// high 40 bits, the word id in the low 24.
	keys []uint64
}

// idBits is the number of low bits of a key holding the word id.
const idBits = 24

// newFuzzyIndex indexes words; word ids are positions in words.
func newFuzzyIndex(words []string) *fuzzyIndex {
	f := &fuzzyIndex{words: make([][]rune, len(words))}
	var buf []rune
	for id, w := range words {
		rs := []rune(w)
		f.words[id] = rs
		depth := 0
		switch {
		case len(rs) >= 6: // a query of 8+ characters, two edits away
			depth = 2
		case len(rs) >= 5: // a query of 6-7 characters, one edit away
			depth = 1
		}
		if depth == 0 {
			continue
		}
		buf = eachDeletion(rs, depth, buf, func(h uint64) {
			f.keys = append(f.keys, h>>idBits<<idBits|uint64(id))
		})
	}
	slices.Sort(f.keys)
	f.keys = slices.Compact(f.keys) // a word reaches some variants twice
	return f
}

// lookup returns the ids of the vocabulary words closest to q within
// maxTypos(len(q)) edits (optimal string alignment distance, so a swap of
// two neighbouring letters is one edit) that share its first letter, and
// that distance. It returns no ids when nothing is close enough or q is
// too short or longer than maxFuzzyRunes.
func (f *fuzzyIndex) lookup(q string) ([]int32, int) {
	if utf8.RuneCountInString(q) > maxFuzzyRunes {
		return nil, 0
	}
	rs := []rune(q)
	maxD := maxTypos(len(rs))
	if maxD == 0 {
		return nil, 0
	}
	best := maxD + 1
	var found, seen []int32
	eachDeletion(rs, maxD, nil, func(h uint64) {
		h >>= idBits
		i, _ := slices.BinarySearch(f.keys, h<<idBits)
		for ; i < len(f.keys) && f.keys[i]>>idBits == h; i++ {
			id := int32(f.keys[i] & (1<<idBits - 1))
			if slices.Contains(seen, id) {
				continue
			}
			seen = append(seen, id)
			if f.words[id][0] != rs[0] {
				continue // typos on the first letter are rare; "tarte" is not "carte"
			}
			d := osaDistance(rs, f.words[id], maxD)
			switch {
			case d > maxD:
			case d < best:
				best, found = d, append(found[:0], id)
			case d == best:
				found = append(found, id)
			}
		}
	})
	if len(found) == 0 {
		return nil, 0
	}
	slices.Sort(found)
	return found, best
}

// eachDeletion calls fn with the hash of w and of every string obtained
// from it by deleting up to depth runes (some more than once). buf is
// scratch space, returned for reuse.
func eachDeletion(w []rune, depth int, buf []rune, fn func(uint64)) []rune {
	fn(hashRunes(w))
	if depth == 0 || len(w) <= 1 {
		return buf
	}
	// Deleting positions i < j (in that order) covers every pair once.
	for i := range w {
		buf = append(buf[:0], w[:i]...)
		buf = append(buf, w[i+1:]...)
		fn(hashRunes(buf))
		if depth < 2 || len(buf) <= 1 {
			continue
		}
		one := append([]rune(nil), buf...)
		for j := i; j < len(one); j++ {
			buf = append(buf[:0], one[:j]...)
			buf = append(buf, one[j+1:]...)
			fn(hashRunes(buf))
		}
	}
	return buf
}

// hashRunes is a 64-bit FNV-1a hash over the runes of a string; collisions only cost
// a distance check, since candidates are verified.
func hashRunes(rs []rune) uint64 {
	h := uint64(14695981039346656037)
	for _, r := range rs {
		h ^= uint64(r)
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
	var rows [3][32]int
	prev2, prev, cur := rows[0][:0], rows[1][:0], rows[2][:0]
	for j := 0; j <= len(b); j++ {
		prev2, prev, cur = append(prev2, 0), append(prev, j), append(cur, 0)
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
