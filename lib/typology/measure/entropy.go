package measure

import (
	"math"
	"math/bits"
)

// PermEntropy is the normalised Bandt–Pompe permutation entropy of order 3,
// delay 1 (typology.md §4.7.1): the Shannon entropy (log2) of the ordinal
// patterns of consecutive triples, divided by log2 6. Equal values keep
// index order, so a flat triple is the identity pattern. NaN below 3
// samples.
func PermEntropy(a []float64) float64 {
	if len(a) < 3 {
		return math.NaN()
	}
	var counts [6]int
	for t := 0; t+2 < len(a); t++ {
		counts[ordinalPattern(a[t], a[t+1], a[t+2])]++
	}
	n := float64(len(a) - 2)
	h := 0.0
	for _, c := range counts { // lexicographic pattern order
		if c > 0 {
			p := float64(c) / n
			h -= float64(p * math.Log2(p))
		}
	}
	return h / math.Log2(6)
}

// ordinalPattern is the lexicographic rank (0 = (0,1,2) … 5 = (2,1,0)) of
// the stable argsort of (x0, x1, x2). Element j sorts before i < j exactly
// when x_i > x_j, so the three strict comparisons decide the order.
func ordinalPattern(x0, x1, x2 float64) int {
	i := 0
	if x0 > x1 {
		i |= 4
	}
	if x0 > x2 {
		i |= 2
	}
	if x1 > x2 {
		i |= 1
	}
	return patternOf[i]
}

// patternOf maps the comparison bits (x0>x1, x0>x2, x1>x2) to the rank of
// the permutation: e.g. 0b000 → (0,1,2), 0b111 → (2,1,0). The two
// intransitive combinations cannot occur for numbers.
var patternOf = [8]int{
	0b000: 0, // x0 ≤ x1 ≤ x2: (0,1,2)
	0b001: 1, // x0 ≤ x2 < x1: (0,2,1)
	0b100: 2, // x1 < x0 ≤ x2: (1,0,2)
	0b011: 4, // x2 < x0 ≤ x1: (2,0,1)
	0b110: 3, // x1 ≤ x2 < x0: (1,2,0)
	0b111: 5, // x2 < x1 < x0: (2,1,0)
}

// SampleEntropy is SampEn(m = 2, r = 0.2·std) of typology.md §4.7.2 (pmtvs
// 0.2.0's Rust sample_entropy): −ln(A/B) with B the number of pairs i < j
// of the N−2 templates of length 2 within Chebyshev distance r (inclusive)
// and A the same for the N−3 templates of length 3. NaN below 4 samples,
// for r = 0 and when A or B is 0.
func SampleEntropy(s []float64) float64 {
	n := len(s)
	if n < 4 {
		return math.NaN()
	}
	r := 0.2 * math.Sqrt(Variance(s))
	if !(r > 0) {
		return math.NaN()
	}
	var a, b int64
	words := make([]uint64, (n+63)/64)
	for k := 1; k <= n-3; k++ {
		ak, bk := templateMatches(s, k, r, words)
		a += ak
		b += bk
	}
	if a == 0 || b == 0 {
		return math.NaN()
	}
	return -math.Log(float64(a) / float64(b))
}

// templateMatches counts, on the diagonal of template pairs (i, i+k), the
// pairs matching over 2 and over 3 samples. With f_t the flag
// |s_t − s_{t+k}| ≤ r, a length-2 template starting at t−1 matches when
// f_{t−1} ∧ f_t and a length-3 one starting at t−2 when also f_{t−2};
// both template sets end by t = n−2−k. The flags come packed 64 to a word
// (earliest in bit 0) and the conjunctions are counted with popcounts.
func templateMatches(s []float64, k int, r float64, words []uint64) (a, b int64) {
	n := len(s) - 1 - k // flags t = 0 … n−2−k
	words = words[:(n+63)/64]
	flagsWithin(s, s[k:], n, r, words)
	var prev uint64 // its bits 62 and 63 precede bit 0
	for _, w := range words {
		pairs := w & (w<<1 | prev>>63)
		b += int64(bits.OnesCount64(pairs))
		a += int64(bits.OnesCount64(pairs & (w<<2 | prev>>62)))
		prev = w
	}
	return a, b
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
