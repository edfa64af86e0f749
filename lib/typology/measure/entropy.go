package measure

import "math"

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
	for k := 1; k <= n-3; k++ {
		ak, bk := templateMatches(s, k, r)
		a += ak
		b += bk
	}
	if a == 0 || b == 0 {
		return math.NaN()
	}
	return -math.Log(float64(a) / float64(b))
}

// templateMatches counts, on the diagonal of template pairs (i, i+k), the
// pairs matching over 2 and over 3 samples. With c_t the number of
// consecutive matching samples ending at t (|s_u − s_{u+k}| ≤ r), a
// length-2 template starting at t−1 matches when c_t ≥ 2 and a length-3
// one starting at t−2 when c_t ≥ 3; both template sets end by t = n−2−k.
func templateMatches(s []float64, k int, r float64) (a, b int64) {
	last := len(s) - 2 - k
	x, y := s[:last+1], s[k:k+last+1]
	var run int64
	for t := range x {
		run = (run + 1) * b2i(math.Abs(x[t]-y[t]) <= r)
		b += b2i(run >= 2)
		a += b2i(run >= 3)
	}
	return a, b
}
