package measure

import (
	"math"
	"math/bits"
	"slices"

	"sp/lib/order"
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
	p := newPairs(r)
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
	r    []float64
	n    int       // embedded points
	d2   []float64 // scratch: one diagonal's squared distances
	f, g []uint64  // scratch: flag words of one diagonal
}

func newPairs(r []float64) *pairs {
	n := len(r) - 2
	w := (n + 63) / 64
	return &pairs{r: r, n: n, d2: make([]float64, n), f: make([]uint64, w), g: make([]uint64, w)}
}

// diagonal returns the squared distances d²(i, i+k), i = 0 … n−1−k.
func (p *pairs) diagonal(k int) []float64 {
	d := p.d2[:p.n-k]
	sqDistances(p.r, p.r[k:], d)
	return d
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
// being the root of the r-th smallest squared distance: in one pass over
// the pairs when a sample of diagonals pins the ranks down (onePass),
// else in two or more (histogramPasses).
func (p *pairs) recurrence(lo, hi int64, frac float64) (c, lsum int64) {
	if c, lsum, ok := p.onePass(lo, hi, frac); ok {
		return c, lsum
	}
	return p.histogramPasses(lo, hi, frac)
}

// histogramPasses is recurrence by a histogram pass that locates the
// ranks, a pass counting the runs with the located band provisionally not
// recurrent, and recounts of the diagonals that hold band values.
func (p *pairs) histogramPasses(lo, hi int64, frac float64) (c, lsum int64) {
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
	if a == b { // also when both overflowed to +Inf
		return a
	}
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
	return p.diagonalHistogram(rng, 1, 1)
}

// diagonalHistogram is histogram over the diagonals k = first, first+step, ….
func (p *pairs) diagonalHistogram(rng bitRange, first, step int) (below int64, counts []int64) {
	shift := bucketShift(rng)
	hist := make([]int64, histBuckets)
	lo := math.Float64frombits(rng.lo)
	top := rng.hi >= allBits.hi // the range reaches +Inf: every value is in or below it
	above := math.Nextafter(math.Float64frombits(rng.hi), math.Inf(1))
	for k := first; k < p.n; k += step {
		n := p.n - k
		f, g := p.f[:(n+63)/64], p.g[:(n+63)/64]
		sqFlags(p.r, p.r[k:], n, lo, above, f, g)
		for w := range f {
			if top {
				g[w] = ^uint64(0) >> (64 - min(64, n-64*w))
			}
			below += int64(bits.OnesCount64(f[w]))
			for in := g[w] &^ f[w]; in != 0; in &= in - 1 {
				i := 64*w + bits.TrailingZeros64(in)
				hist[(math.Float64bits(p.direct(i, i+k))-rng.lo)>>shift]++
			}
		}
	}
	return below, hist
}

// collect returns the squared distances inside rng and the count below
// it, or ok false if there are more than maxKept of them.
func (p *pairs) collect(rng bitRange) (kept []float64, below int64, ok bool) {
	for k := 1; k < p.n; k++ {
		for _, v := range p.diagonal(k) {
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

// runRule says which pairs count as recurrent: those with d² < below.
// A diagonal with a d² in [ambiguousLo, ambiguousHi] is reported.
type runRule struct {
	below       float64
	ambiguousLo float64
	ambiguousHi float64
}

// exactRule: recurrent iff d² ≤ lim, nothing ambiguous.
func exactRule(lim float64) runRule {
	return runRule{below: math.Nextafter(lim, math.Inf(1)), ambiguousLo: math.Inf(1), ambiguousHi: math.Inf(-1)}
}

// bandRule: recurrent below band, ambiguous within it. Up to tieMargin
// above band.hi a root can still equal that of band.hi, so that margin is
// ambiguous too; beyond it a pair is surely not recurrent.
func bandRule(band bitRange) runRule {
	lo, hi := math.Float64frombits(band.lo), math.Float64frombits(band.hi)
	return runRule{below: lo, ambiguousLo: lo, ambiguousHi: hi * tieMargin}
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

// diagonalRuns counts on diagonal k the recurrent pairs C and
// Lsum = C − the isolated recurrent pairs (a run of length 1 is the only
// run that does not count). With f the flag words (earliest in bit 0) and
// the neighbours carried across words, the isolated pairs are
// popcount(f ∧ ¬f_before ∧ ¬f_after). g flags d² ≤ ambiguousHi; g ≠ f
// reveals an ambiguous pair.
func (p *pairs) diagonalRuns(k int, rule runRule) (c, lsum int64, ambiguous bool) {
	n := p.n - k
	f, g := p.f[:(n+63)/64], p.g[:(n+63)/64]
	sqFlags(p.r, p.r[k:], n, rule.below, rule.ambiguousHi, f, g)
	if rule.ambiguousHi >= rule.ambiguousLo {
		for w := range f {
			ambiguous = ambiguous || f[w] != g[w]
		}
	}
	var iso int64
	var prev uint64  // its bit 63 precedes bit 0
	pending := false // the previous word's last flag is set, its predecessor clear
	for _, w := range f {
		c += int64(bits.OnesCount64(w))
		before := w<<1 | prev>>63
		after := w >> 1 // bit 63's successor is in the next word
		iso += int64(bits.OnesCount64(w &^ before &^ after &^ (1 << 63)))
		if pending && w&1 == 0 {
			iso++
		}
		pending = w>>62 == 2
		prev = w
	}
	if pending {
		iso++
	}
	return c, c - iso, ambiguous
}

// collectDiagonal appends the squared distances of diagonal k inside rng.
func (p *pairs) collectDiagonal(k int, rng bitRange, kept []float64) []float64 {
	for _, v := range p.diagonal(k) {
		if b := math.Float64bits(v); b >= rng.lo && b <= rng.hi {
			kept = append(kept, v)
		}
	}
	return kept
}

// estimateBand guesses a range of squared distances that holds rank r
// from the pairs of an evenly spaced subsample of about 1,000 points: the
// subsample's quantiles 1 point either side of r's. A wrong guess only
// costs a pass over the full range.
func (p *pairs) estimateBand(r int64) bitRange {
	step := max(1, p.n/1000)
	var sample []float64
	for i := 0; i < p.n; i += step {
		for j := i + step; j < p.n; j += step {
			sample = append(sample, p.direct(i, j))
		}
	}
	if len(sample) < 100 {
		return allBits
	}
	m := int64(p.n) * int64(p.n-1) / 2
	q := float64(r) / float64(m)
	at := func(q float64) uint64 {
		return math.Float64bits(order.Select(sample, int(max(0, min(1, q))*float64(len(sample)-1))))
	}
	lo, hi := uint64(0), at(q+0.01)
	if q > 0.01 {
		lo = at(q - 0.01)
	}
	return bitRange{lo, hi}
}

// sqrtFloor is the largest q with √q ≤ eps, so that √d² ≤ eps ⟺ d² ≤ q
// (+Inf for eps = +Inf; −1, below every d², for NaN).
func sqrtFloor(eps float64) float64 {
	switch {
	case math.IsNaN(eps):
		return -1
	case math.IsInf(eps, 1):
		return eps
	}
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
