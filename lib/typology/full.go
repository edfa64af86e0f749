package typology

import (
	"math"

	"sp/lib/typology/measure"
)

// blockLen is the unit in which the finite values of a signal are
// processed: moments are merged per block of this many values, so results
// depend on the values alone, not on how the file is chunked.
const blockLen = 1 << 16

// zeroTol is the zero-run threshold: |x| < 1e-10 is "zero" (§4.4).
const zeroTol = 1e-10

// fullStats accumulates, in one pass over the cleaned series x (FULL), the
// exact measures of typology.md §4.1, §4.3 and §4.4 — all but the
// derivative sparsity, whose threshold depends on the final standard
// deviation (see derivativeCounter).
type fullStats struct {
	n        int64
	sum      measure.Sum // Σx, compensated, in index order (signal_mean)
	moments  momentTree  // about shift
	shift    float64     // the first value
	min, max float64
	maxAbs   float64
	zeros    int64 // x == 0 (−0 included)
	runs     int64 // maximal runs of |x| < zeroTol
	runLen   int64 // samples in those runs
	prevTiny bool
	nonInt   bool // some value differs from its floor
	distinct distinctCounter
	deriv    derivativeCounter
	last     float64 // the previous block's last value
}

func newFullStats() *fullStats {
	return &fullStats{min: math.Inf(1), max: math.Inf(-1)}
}

// addBlock takes the next block of finite values.
func (f *fullStats) addBlock(y []float64) {
	if len(y) == 0 {
		return
	}
	for _, x := range y {
		f.sum.Add(x)
	}
	if f.n == 0 {
		f.shift = y[0]
	}
	f.moments.add(blockMoments(y, f.shift))
	f.scan(y)
	f.distinct.addBlock(y)
	if f.distinct.exact() {
		f.deriv.maybeStart(f)
		f.deriv.addBlock(f.n == 0, f.last, y)
	} else {
		// Continuous-valued data: the band around the threshold would not
		// resolve; the second pass counts exactly.
		f.deriv.abandon()
	}
	f.n += int64(len(y))
	f.last = y[len(y)-1]
}

// scan updates the extremes, zero counts, zero runs and integrality.
func (f *fullStats) scan(y []float64) {
	lo, hi, big := f.min, f.max, f.maxAbs
	tiny := f.prevTiny
	var zeros, runs, runLen int64
	nonInt := f.nonInt
	for _, x := range y {
		lo, hi = min(lo, x), max(hi, x)
		a := math.Abs(x)
		big = max(big, a)
		if x == 0 {
			zeros++
		}
		t := a < zeroTol
		if t {
			runLen++
			if !tiny {
				runs++
			}
		}
		tiny = t
		if !nonInt && x != math.Floor(x) {
			nonInt = true
		}
	}
	f.min, f.max, f.maxAbs, f.prevTiny = lo, hi, big, tiny
	f.zeros += zeros
	f.runs += runs
	f.runLen += runLen
	f.nonInt = nonInt
}

// fullResult is what FULL yields.
type fullResult struct {
	n         int64
	mean, std float64
	kurtosis  float64
	skewness  float64
	crest     float64
	unique    float64 // distinct count (exact or estimated)
	uniqueOK  bool    // exact
	integer   bool
	sparsity  float64
	zeroRun   float64
	constant  bool
	min, max  float64
}

func (f *fullStats) result() fullResult {
	r := fullResult{n: f.n, min: f.min, max: f.max, integer: f.n > 0 && !f.nonInt}
	if f.n == 0 {
		r.mean, r.constant = math.NaN(), true
		return r
	}
	nf := float64(f.n)
	r.mean = f.sum.Value() / nf
	m := f.moments.total()
	r.std = math.Sqrt(m.m2 / nf)
	r.constant = f.min == f.max || r.std < 1e-10
	m2, m3, m4 := m.m2/nf, m.m3/nf, m.m4/nf
	r.kurtosis = m4 / float64(m2*m2)
	r.skewness = m3 / math.Pow(m2, 1.5)
	mean := f.shift + m.mean
	if rms := math.Sqrt(m2 + float64(mean*mean)); rms > 0 {
		r.crest = f.maxAbs / rms
	} else {
		r.crest = math.NaN()
	}
	r.unique, r.uniqueOK = f.distinct.count(), f.distinct.exact()
	r.sparsity = float64(f.zeros) / nf
	if f.n > 1 && f.runs > 0 {
		r.zeroRun = float64(f.runLen) / float64(f.runs) / nf
	}
	return r
}

// derivativeThreshold is thr of §4.4: 0.01·std, or 1e-10 for std ≤ 1e-10.
func derivativeThreshold(std float64) float64 {
	if std > 1e-10 {
		return 0.01 * std
	}
	return 1e-10
}

// derivativeCounter counts |x_{t+1} − x_t| < thr for a threshold known
// only at the end of the pass, exactly whenever the data allow it:
// once the values stop being all equal, it fixes a band of ±5 binades
// around the threshold the running standard deviation suggests, counts the
// differences below the band, and keeps count, minimum and maximum of the
// differences in 2,048 buckets per binade inside it. At the end the count
// is exact if the final threshold lies in the band and its bucket holds no
// difference on both sides of it — always the case for quantised data
// (ADC counts times a scale), whose differences are a few distinct values.
// Otherwise a second pass counts with the known threshold.
type derivativeCounter struct {
	state  int // derivIdle, derivBand, derivOff
	below  int64
	loBits uint64 // bit pattern of the band's lower edge 2^e
	count  []int64
	lo, hi []float64
}

const (
	derivIdle = iota // values all equal so far: every difference is 0
	derivBand
	derivOff
)

const (
	bandBinades      = 5  // either side of the estimated threshold
	bucketsPerBinade = 11 // log2 of the buckets per binade
)

func (d *derivativeCounter) abandon() {
	d.state, d.count, d.lo, d.hi = derivOff, nil, nil, nil
}

// maybeStart fixes the band once the values seen differ, from the moments
// so far (the current block included).
func (d *derivativeCounter) maybeStart(f *fullStats) {
	if d.state != derivIdle || !(f.min < f.max) {
		return
	}
	m := f.moments.total()
	std := math.Sqrt(m.m2 / float64(m.n))
	thr := derivativeThreshold(std)
	_, e := math.Frexp(thr) // thr in [2^(e−1), 2^e)
	lo := math.Ldexp(1, e-1-bandBinades)
	if lo == 0 || math.IsInf(math.Ldexp(1, e-1+bandBinades), 0) {
		d.abandon()
		return
	}
	n := 2 * bandBinades << bucketsPerBinade
	d.state, d.loBits = derivBand, math.Float64bits(lo)
	d.count, d.lo, d.hi = make([]int64, n), make([]float64, n), make([]float64, n)
}

// addBlock counts the differences ending in block y (the first one against
// the previous block's last value unless first).
func (d *derivativeCounter) addBlock(first bool, last float64, y []float64) {
	switch d.state {
	case derivOff:
		return
	case derivIdle: // all values so far equal: every difference is 0
		d.below += int64(len(y))
		if first {
			d.below--
		}
		return
	}
	prev, start := last, 0
	if first {
		prev, start = y[0], 1
	}
	shift := uint(52 - bucketsPerBinade)
	nb := uint64(len(d.count))
	for _, x := range y[start:] {
		a := math.Abs(x - prev)
		prev = x
		b := math.Float64bits(a)
		if b < d.loBits {
			d.below++
			continue
		}
		i := (b - d.loBits) >> shift
		if i >= nb {
			continue // above the band: never below the threshold
		}
		if d.count[i] == 0 {
			d.lo[i], d.hi[i] = a, a
		} else {
			d.lo[i], d.hi[i] = min(d.lo[i], a), max(d.hi[i], a)
		}
		d.count[i]++
	}
}

// countBelow returns #{|Δ| < thr} if the band decides it.
func (d *derivativeCounter) countBelow(thr float64) (int64, bool) {
	switch d.state {
	case derivOff:
		return 0, false
	case derivIdle:
		return d.below, true
	}
	b := math.Float64bits(thr)
	if b < d.loBits {
		return 0, false
	}
	j := (b - d.loBits) >> (52 - bucketsPerBinade)
	if j >= uint64(len(d.count)) {
		return 0, false
	}
	n := d.below
	for _, c := range d.count[:j] {
		n += c
	}
	switch c := d.count[j]; {
	case c == 0 || d.hi[j] < thr:
		return n + c, true
	case d.lo[j] >= thr:
		return n, true
	}
	return 0, false
}
