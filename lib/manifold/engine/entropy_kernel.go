package engine

import (
	"math"
	"math/bits"
)

// Sample entropy by lags. Short windows count their template matches with
// the quadratic definition laid out by lag, which has no data-dependent
// branches and vectorises: for lag L, bit i of the flag words c_L is
// |y_i - y_{i+L}| < r, where y = x[:m-1] (the last value starts no
// template). Template pair (i, i+L) matches on two values (B) when bits i
// and i+1 are set, on three (A) when bits i, i+1 and i+2 are: the bits past
// the last pair are 0, so the shifts count exactly the pairs of the
// reference's m-2 and m-3 templates. The counts are integers: both
// methods give the same A and B (TestSampleEntropyCountsMatchNaive).

// lagFlagsMaxM is the longest window counted by lags; longer ones use the
// sorted sweep, whose cost grows with the matches rather than with m².
// Up to it the lags are as fast or faster on every kind of data
// (BenchmarkSampleEntropyCounts, where the sorted sweep even has the help
// of a branch predictor trained on one repeated window).
const lagFlagsMaxM = 256

// flagPad is the NaN padding after y: the kernels fill whole groups of four
// flags (AVX2) and read past the last pair, where NaN compares false.
const flagPad = 4

// lagFlagCounts returns A and B of sortedMatchCounts by lags; buf and
// words are scratch.
func lagFlagCounts(x []float64, r float64, buf *[]float64, words *[]uint64) (a, b int) {
	n := len(x) - 1
	if n < 3 {
		return 0, 0
	}
	*buf = grow(*buf, n+flagPad)
	y := *buf
	copy(y, x[:n])
	for i := n; i < len(y); i++ {
		y[i] = math.NaN()
	}
	nw := lagWords(n)
	if cap(*words) < nw {
		*words = make([]uint64, nw)
	}
	w := (*words)[:nw]
	lagFlags(y, n, r, w)
	// Lag L owns ceil((n-L)/64) consecutive words, lags 1..n-2 in order.
	for l := 1; l <= n-2; l++ {
		k := (n - l + 63) / 64
		la, lb := countRuns(w[:k])
		a += la
		b += lb
		w = w[k:]
	}
	return a, b
}

// lagWords is the number of flag words of lags 1..n-2.
func lagWords(n int) int {
	s := 0
	for l := 1; l <= n-2; l++ {
		s += (n - l + 63) / 64
	}
	return s
}

// countRuns returns the number of bits starting a run of at least three
// set bits (a) and of at least two (b) in the bit string of w, bit 0 of
// w[0] first.
func countRuns(w []uint64) (a, b int) {
	for i, c := range w {
		var next uint64
		if i+1 < len(w) {
			next = w[i+1]
		}
		two := c & (c>>1 | next<<63)
		three := two & (c>>2 | next<<62)
		b += bits.OnesCount64(two)
		a += bits.OnesCount64(three)
	}
	return a, b
}

// lagFlags writes the flag words of lags 1..n-2: for lag L,
// ceil((n-L)/64) words whose bit i is |y_i - y_{i+L}| < r. y holds n values
// and flagPad NaNs. The assembly stores every word; the portable loop ORs
// bits into cleared words.
func lagFlags(y []float64, n int, r float64, w []uint64) {
	if useAVX2 {
		lagFlagsAVX2(&y[0], n, r, &w[0])
		return
	}
	clear(w)
	for l := 1; l <= n-2; l++ {
		cnt := n - l
		a, b := y[:cnt], y[l:l+cnt]
		for i := range a {
			w[i>>6] |= b2u(math.Abs(a[i]-b[i]) < r) << (i & 63)
		}
		w = w[(cnt+63)/64:]
	}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
