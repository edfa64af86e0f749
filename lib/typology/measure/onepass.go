package measure

import (
	"math"
	"math/bits"
	"slices"

	"sp/lib/order"
)

// The one-pass path of Determinism. The pairs of every sampleEvery-th
// diagonal (the middle one of each run of sampleEvery, so the sample is
// stratified over lags) locate the rank fraction of ε to well within
// sampleMargin; one pass over all diagonals then counts the pairs below
// the narrow band of squared distances this gives and keeps those inside
// it, both for d² itself (C) and for the quantity whose count below a
// threshold is Lsum:
//
//	e_i = max(d²_i, min(d²_{i−1}, d²_{i+1}))  (a missing neighbour is +∞)
//
// since a pair lies on a run of at least 2 exactly when it and one of its
// neighbours on the diagonal are recurrent. Whether d² or e lies below or
// inside the band follows from the flag words of d² alone. If the ranks
// fall outside the band, or the band holds more than maxKept values
// (heavy ties), the histogram passes take over: the result is the same,
// only slower.
const (
	sampleEvery = 20
	minSample   = 10000 // sampled pairs below which the sample is not trusted
)

// sampleMargin is the rank fraction either side of ε's kept: 0.12% with
// the 1,000 sample diagonals of a 20,000-point view (where the sample's
// error stays below 0.04% on noise, walks, tones and spiky data), wider
// as fewer diagonals make the sample rougher.
func sampleMargin(diagonals int) float64 {
	return 0.0012 * max(1, math.Sqrt(1000/float64(diagonals)))
}

// narrowBand returns a band of squared distances that holds, in the
// sample diagonals, the rank fractions lo/m ± sampleMargin, and the
// fraction of the sample's pairs inside it.
func (p *pairs) narrowBand(lo, m int64) (bitRange, float64, bool) {
	first := sampleEvery / 2
	var m1 int64
	diagonals := 0
	for k := first; k < p.n; k += sampleEvery {
		m1 += int64(p.n - k)
		diagonals++
	}
	if m1 < minSample {
		return bitRange{}, 0, false
	}
	q, margin := float64(lo)/float64(m), sampleMargin(diagonals)
	r0 := int64(max(0, q-margin) * float64(m1))
	r1 := min(m1-1, int64((q+margin)*float64(m1)))
	rng := p.estimateBand(lo)
	for try := 0; try < 4; try++ {
		below, counts := p.diagonalHistogram(rng, first, sampleEvery)
		b0, ok0 := bucketOf(rng, below, counts, r0)
		b1, ok1 := bucketOf(rng, below, counts, r1)
		if !ok0 || !ok1 {
			if rng == allBits {
				return bitRange{}, 0, false
			}
			rng = allBits // the estimate missed
			continue
		}
		band := bitRange{b0.lo, b1.hi}
		if pop := populationIn(rng, below, counts, band); pop <= 2*(r1-r0+1) || band.width() == 0 {
			return band, float64(pop) / float64(m1), true
		}
		rng = band // coarse buckets: refine
	}
	return bitRange{}, 0, false
}

// populationIn counts the histogram's values in the buckets inside band
// (band made of whole buckets).
func populationIn(rng bitRange, below int64, counts []int64, band bitRange) int64 {
	shift := bucketShift(rng)
	var pop int64
	for i, c := range counts {
		if start := rng.lo + uint64(i)<<shift; start >= band.lo && start <= band.hi {
			pop += c
		}
	}
	return pop
}

// tally is what the one pass gathers: the count below the band and the
// values inside it, of d² and of e.
type tally struct {
	lo, hi         float64 // the band, as numbers
	belowD, belowE int64
	keptD, keptE   []float64
}

// onePass computes recurrence's C and Lsum in one pass, or reports false.
func (p *pairs) onePass(lo, hi int64, frac float64) (c, lsum int64, ok bool) {
	m := int64(p.n) * int64(p.n-1) / 2
	band, share, ok := p.narrowBand(lo, m)
	if !ok {
		return 0, 0, false
	}
	t := tally{lo: math.Float64frombits(band.lo), hi: math.Float64frombits(band.hi)}
	// room for what the sample predicts, so that appends rarely copy
	expect := min(maxKept, int(1.1*share*float64(m))+1024)
	t.keptD, t.keptE = make([]float64, 0, expect), make([]float64, 0, expect)
	for k := 1; k < p.n; k++ {
		if !p.tallyDiagonal(k, &t) {
			return 0, 0, false
		}
	}
	if !(t.belowD <= lo && hi < t.belowD+int64(len(t.keptD))) {
		return 0, 0, false
	}
	v := selectPair(t.keptD, int(lo-t.belowD), int(hi-t.belowD))
	below := exactRule(sqrtFloor(interpolate(v, frac))).below
	if !(below <= t.hi) { // a root tied with the band's top: values above it might count
		return 0, 0, false
	}
	return t.belowD + countBelow(t.keptD, below), t.belowE + countBelow(t.keptE, below), true
}

// selectPair returns the i-th and j-th smallest values of x, j = i or
// i+1 (reordering x): order.Select leaves x partitioned around i, so the
// (i+1)-th is the smallest value after it.
func selectPair(x []float64, i, j int) [2]float64 {
	v := order.Select(x, i)
	if j == i {
		return [2]float64{v, v}
	}
	return [2]float64{v, slices.Min(x[i+1:])}
}

func countBelow(x []float64, below float64) int64 {
	var n int64
	for _, v := range x {
		if v < below {
			n++
		}
	}
	return n
}

// tallyDiagonal adds diagonal k to t; false if t would keep more than
// maxKept values. With f flagging d² < lo and g flagging d² ≤ hi, e < lo
// is f ∧ (f_before ∨ f_after) and e ≤ hi likewise with g.
func (p *pairs) tallyDiagonal(k int, t *tally) bool {
	n := p.n - k
	f, g := p.f[:(n+63)/64], p.g[:(n+63)/64]
	sqFlags(p.r, p.r[k:], n, t.lo, t.hi, f, g)
	var prevF, prevG uint64
	for w := range f {
		fw, gw := f[w], g[w]
		var nextF, nextG uint64
		if w+1 < len(f) {
			nextF, nextG = f[w+1], g[w+1]
		}
		ef := fw & (fw<<1 | prevF>>63 | fw>>1 | nextF<<63)
		eg := gw & (gw<<1 | prevG>>63 | gw>>1 | nextG<<63)
		t.belowD += int64(bits.OnesCount64(fw))
		t.belowE += int64(bits.OnesCount64(ef))
		for in := gw &^ fw; in != 0; in &= in - 1 {
			i := 64*w + bits.TrailingZeros64(in)
			t.keptD = append(t.keptD, p.direct(i, i+k))
		}
		for in := eg &^ ef; in != 0; in &= in - 1 {
			t.keptE = append(t.keptE, p.runValue(64*w+bits.TrailingZeros64(in), k, n))
		}
		prevF, prevG = fw, gw
	}
	return len(t.keptD)+len(t.keptE) <= maxKept
}

// runValue is e_i on diagonal k of n pairs.
func (p *pairs) runValue(i, k, n int) float64 {
	nb := math.Inf(1)
	if i > 0 {
		nb = p.direct(i-1, i-1+k)
	}
	if i+1 < n {
		nb = min(nb, p.direct(i+1, i+1+k))
	}
	return max(p.direct(i, i+k), nb)
}
