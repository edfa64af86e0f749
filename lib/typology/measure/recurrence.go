package measure

import (
	"math"
	"slices"
)

// Determinism is the recurrence-quantification DET of typology.md §4.10
// (pmtvs 0.2.0 determinism_from_signal) on the view R: embed with
// dimension 3 and delay 1, call a pair recurrent when its Euclidean
// distance is at most ε, the 10th percentile (linear interpolation) of all
// N(N−1)/2 pairwise distances, and return (N + 2·Lsum)/(N + 2·C), with C
// the recurrent pairs above the diagonal and Lsum those that lie on
// diagonal runs of at least 2. The analysis segment must have at least 50
// samples (else 0.5).
//
// ε is an exact order statistic, found without storing the 2·10⁸ squared
// distances of a 20,000-point view, in two passes over the pairs:
//
//  1. a histogram of the squared distances' bit patterns, over a band
//     estimated from a subsample, locates the bucket that holds the two
//     order statistics (a few hundred values);
//  2. the runs are counted with that bucket provisionally not recurrent,
//     its values are kept, and the diagonals that hold them are noted;
//     once ε follows from the kept values, only those diagonals are
//     recounted.
//
// Degenerate distance distributions (a bucket with more than a million
// values) cost further histogram passes, never memory.
func Determinism(r []float64) float64 {
	if len(r) < 50 {
		return 0.5
	}
	p := &pairs{r: r, n: len(r) - 2}
	m := int64(p.n) * int64(p.n-1) / 2
	h := 0.1 * float64(m-1)
	k := int64(math.Floor(h))
	c, lsum := p.recurrence(k, min(k+1, m-1), h-float64(k))
	den := float64(p.n) + 2*float64(c)
	if den == 0 {
		return 0
	}
	return (float64(p.n) + 2*float64(lsum)) / den
}

// pairs is the upper triangle of the pairwise squared distances of the
// 3-dimensional embedding of r, walked one diagonal j − i = k at a time.
// Along a diagonal, with D_t = (r_t − r_{t+k})², the squared distance of
// (i, i+k) is (D_i + D_{i+1}) + D_{i+2}: the direct formula's terms in its
// order, so every value is bit-identical to the direct one.
type pairs struct {
	r []float64
	n int // embedded points
}

// direct is d²(i, j) computed from the embedding itself.
func (p *pairs) direct(i, j int) float64 {
	x0, x1, x2 := p.r[i]-p.r[j], p.r[i+1]-p.r[j+1], p.r[i+2]-p.r[j+2]
	return (float64(x0*x0) + float64(x1*x1)) + float64(x2*x2)
}

// bitRange is a closed interval of float64 bit patterns of non-negative
// numbers (ordered like the numbers).
type bitRange struct{ lo, hi uint64 }

var allBits = bitRange{0, math.Float64bits(math.Inf(1))}

func (b bitRange) width() uint64 { return b.hi - b.lo }

// histBuckets is the resolution of one histogram pass.
const histBuckets = 1 << 16

// maxKept bounds the squared distances kept to finish a selection.
const maxKept = 1 << 20

// recurrence returns C and Lsum for ε = a_lo + frac·(a_hi − a_lo), a_r
// being the root of the r-th smallest squared distance.
func (p *pairs) recurrence(lo, hi int64, frac float64) (c, lsum int64) {
	band, below := p.locate([2]int64{lo, hi})
	if below < 0 { // too crowded to keep: select each rank exactly first
		v := [2]float64{p.orderStatistic(lo, band), p.orderStatistic(hi, band)}
		c, lsum, _ = p.countRuns(exactRule(sqrtFloor(interpolate(v, frac))))
		return c, lsum
	}
	provisional := bandRule(band)
	c, lsum, marked := p.countRuns(provisional)
	var kept []float64
	for _, k := range marked {
		kept = p.collectDiagonal(k, band, kept)
	}
	slices.Sort(kept)
	v := [2]float64{kept[lo-below], kept[hi-below]}
	exact := exactRule(sqrtFloor(interpolate(v, frac)))
	for _, k := range marked {
		c0, l0, _ := p.diagonalRuns(k, provisional)
		c1, l1, _ := p.diagonalRuns(k, exact)
		c += c1 - c0
		lsum += l1 - l0
	}
	return c, lsum
}

func interpolate(v [2]float64, frac float64) float64 {
	a, b := math.Sqrt(v[0]), math.Sqrt(v[1])
	return a + float64(frac*(b-a))
}

// locate returns a band of bit patterns holding both ranks and the number
// of values below it, or below = −1 when the band holds more than maxKept
// values (then band is the narrowest range found that holds both).
func (p *pairs) locate(ranks [2]int64) (band bitRange, below int64) {
	rng := p.estimateBand(ranks[0])
	for {
		bel, counts := p.histogram(rng)
		b0, ok0 := bucketOf(rng, bel, counts, ranks[0])
		b1, ok1 := bucketOf(rng, bel, counts, ranks[1])
		if !ok0 || !ok1 {
			rng = allBits // the estimate missed: one pass over everything
			continue
		}
		band = bitRange{b0.lo, b1.hi}
		shift := bucketShift(rng)
		below, pop := bel, int64(0)
		for i, cnt := range counts {
			switch start := rng.lo + uint64(i)<<shift; {
			case start < band.lo:
				below += cnt
			case start <= band.hi:
				pop += cnt
			}
		}
		switch {
		case pop <= maxKept:
			return band, below
		case b0 != b1 || band.width() == 0:
			return band, -1
		}
		rng = band
	}
}

// orderStatistic returns the squared distance of rank r, known to lie in rng.
func (p *pairs) orderStatistic(r int64, rng bitRange) float64 {
	for rng.width() > 0 {
		below, counts := p.histogram(rng)
		b, _ := bucketOf(rng, below, counts, r)
		if kept, below, ok := p.collect(b); ok {
			slices.Sort(kept)
			return kept[r-below]
		}
		rng = b
	}
	return math.Float64frombits(rng.lo)
}

// bucketOf finds the bucket of a histogram over rng that holds rank r.
func bucketOf(rng bitRange, below int64, counts []int64, r int64) (bitRange, bool) {
	if r < below {
		return bitRange{}, false
	}
	shift := bucketShift(rng)
	acc := below
	for b, c := range counts {
		if r < acc+c {
			lo := rng.lo + uint64(b)<<shift
			return bitRange{lo, min(rng.hi, lo+(1<<shift)-1)}, true
		}
		acc += c
	}
	return bitRange{}, false
}

// bucketShift maps a range onto at most histBuckets buckets of 2^shift
// bit patterns.
func bucketShift(rng bitRange) uint {
	shift := uint(0)
	for rng.width()>>shift >= histBuckets {
		shift++
	}
	return shift
}

// histogram counts the squared distances below rng and in each bucket of it.
func (p *pairs) histogram(rng bitRange) (below int64, counts []int64) {
	shift := bucketShift(rng)
	hist := make([]uint32, histBuckets)
	for k := 1; k < p.n; k++ {
		below += histogramDiagonal(p.r, k, rng.lo, rng.width(), shift, hist)
	}
	counts = make([]int64, histBuckets)
	for i, c := range hist {
		counts[i] = int64(c)
	}
	return below, counts
}

func histogramDiagonal(r []float64, k int, lo, span uint64, shift uint, hist []uint32) (below int64) {
	q := len(r) - k
	a, b := r[:q], r[k:k+q]
	x0, x1 := a[0]-b[0], a[1]-b[1]
	d0, d1 := float64(x0*x0), float64(x1*x1)
	for t := 2; t < len(a) && t < len(b); t++ {
		x := a[t] - b[t]
		d2 := float64(x * x)
		bits := math.Float64bits((d0 + d1) + d2)
		d0, d1 = d1, d2
		below += b2i(bits < lo)
		if off := bits - lo; off <= span { // false below lo too: the difference wraps
			hist[(off>>shift)&(histBuckets-1)]++
		}
	}
	return below
}

// collect returns the squared distances inside rng and the count below
// it, or ok false if there are more than maxKept of them.
func (p *pairs) collect(rng bitRange) (kept []float64, below int64, ok bool) {
	for k := 1; k < p.n; k++ {
		for i := 0; i+k < p.n; i++ {
			v := p.direct(i, i+k)
			switch b := math.Float64bits(v); {
			case b < rng.lo:
				below++
			case b <= rng.hi:
				if len(kept) == maxKept {
					return nil, 0, false
				}
				kept = append(kept, v)
			}
		}
	}
	return kept, below, true
}

// runRule says which pairs count as recurrent: those whose squared
// distance has a bit pattern below recurrentBelow (for non-negative
// numbers the patterns are ordered like the numbers). A diagonal with a
// bit pattern in [ambiguousLo, ambiguousLo+ambiguousSpan] is reported.
type runRule struct {
	recurrentBelow uint64
	ambiguousLo    uint64
	ambiguousSpan  uint64
}

// exactRule: recurrent iff d² ≤ lim, nothing ambiguous.
func exactRule(lim float64) runRule {
	return runRule{recurrentBelow: math.Float64bits(lim) + 1, ambiguousLo: math.MaxUint64}
}

// bandRule: recurrent below band, ambiguous within it. Up to tieMargin
// above band.hi a root can still equal that of band.hi, so that margin is
// ambiguous too; beyond it a pair is surely not recurrent.
func bandRule(band bitRange) runRule {
	top := math.Float64bits(math.Float64frombits(band.hi) * tieMargin)
	return runRule{recurrentBelow: band.lo, ambiguousLo: band.lo, ambiguousSpan: top - band.lo}
}

// countRuns sums diagonalRuns over all diagonals, returning the diagonals
// that hold ambiguous pairs.
func (p *pairs) countRuns(rule runRule) (c, lsum int64, marked []int) {
	for k := 1; k < p.n; k++ {
		ck, lk, amb := p.diagonalRuns(k, rule)
		c += ck
		lsum += lk
		if amb {
			marked = append(marked, k)
		}
	}
	return c, lsum, marked
}

func (p *pairs) diagonalRuns(k int, rule runRule) (c, lsum int64, ambiguous bool) {
	q := len(p.r) - k
	return runsOnDiagonal(p.r[:q], p.r[k:k+q], rule.recurrentBelow, rule.ambiguousLo, rule.ambiguousSpan)
}

// runsOnDiagonal counts on the diagonal of a against b (b = a shifted by
// k) the recurrent pairs C and Lsum = C − the isolated recurrent pairs (a
// run of length 1 is the only run that does not count), without branches.
func runsOnDiagonal(a, b []float64, below, ambLo, ambSpan uint64) (c, lsum int64, ambiguous bool) {
	x0, x1 := a[0]-b[0], a[1]-b[1]
	d0, d1 := float64(x0*x0), float64(x1*x1)
	var prev2, prev1, iso, amb int64
	for t := 2; t < len(a) && t < len(b); t++ {
		x := a[t] - b[t]
		d2 := float64(x * x)
		v := (d0 + d1) + d2
		d0, d1 = d1, d2
		bits := math.Float64bits(v)
		amb |= b2i(bits-ambLo <= ambSpan)
		f := b2i(bits < below)
		c += f
		iso += prev1 &^ prev2 &^ f
		prev2, prev1 = prev1, f
	}
	iso += prev1 &^ prev2
	return c, c - iso, amb != 0
}

// collectDiagonal appends the squared distances of diagonal k inside rng.
func (p *pairs) collectDiagonal(k int, rng bitRange, kept []float64) []float64 {
	for i := 0; i+k < p.n; i++ {
		v := p.direct(i, i+k)
		if b := math.Float64bits(v); b >= rng.lo && b <= rng.hi {
			kept = append(kept, v)
		}
	}
	return kept
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// estimateBand guesses a range of squared distances that holds rank r
// from the pairs of an evenly spaced subsample of about 700 points: the
// subsample's quantiles 2 points either side of r's. A wrong guess only
// costs a pass over the full range.
func (p *pairs) estimateBand(r int64) bitRange {
	step := max(1, p.n/700)
	var sample []float64
	for i := 0; i < p.n; i += step {
		for j := i + step; j < p.n; j += step {
			sample = append(sample, p.direct(i, j))
		}
	}
	if len(sample) < 100 {
		return allBits
	}
	slices.Sort(sample)
	m := int64(p.n) * int64(p.n-1) / 2
	q := float64(r) / float64(m)
	at := func(q float64) uint64 {
		i := int(max(0, min(1, q)) * float64(len(sample)-1))
		return math.Float64bits(sample[i])
	}
	lo, hi := at(q-0.02), at(q+0.02)
	if q-0.02 <= 0 {
		lo = 0
	}
	return bitRange{lo, hi}
}

// sqrtFloor is the largest q with √q ≤ eps, so that √d² ≤ eps ⟺ d² ≤ q.
func sqrtFloor(eps float64) float64 {
	q := eps * eps
	for q > 0 && math.Sqrt(q) > eps {
		q = math.Nextafter(q, 0)
	}
	for {
		next := math.Nextafter(q, math.Inf(1))
		if math.Sqrt(next) > eps || math.IsInf(next, 1) {
			return q
		}
		q = next
	}
}
