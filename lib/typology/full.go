package typology

import (
	"math"
	"unsafe"

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
	sum      measure.Sum // Σx, compensated, block by block in lanes (laneSums; signal_mean)
	moments  momentTree  // about shift
	shift    float64     // the first value
	min, max float64
	zeros    int64 // x == 0 (−0 included)
	runs     int64 // maximal runs of |x| < zeroTol
	runLen   int64 // samples in those runs
	prevTiny bool
	nonInt   bool // some value differs from its floor
	distinct distinctCounter
	deriv    derivativeCounter
	last     float64 // the previous block's last value
	fresh    bool    // the last block on the grid had many values new to the bitmap
}

// A value new to the bitmap costs gridLoopAVX2 a mispredicted branch
// (15–20 cycles); a loop without that branch stores every bitmap word
// back, which costs a little on noisy data and much on smooth data
// (consecutive values in one word wait for each other's store:
// BenchmarkAddBlock 2.48 → 2.62, BenchmarkAddBlockSmooth 2.12 → 3.41 ns a
// value) but pays while many values are new (BenchmarkFullPass, a series
// of 4·10^6 values with 562,000 distinct ones: 5.13 → 3.84 ns). The
// branch-free loop takes the blocks after one where more than one value
// in freshShare was new: a signal's first blocks, until its set of values
// fills.
const freshShare = 32

func newFullStats() *fullStats {
	return &fullStats{min: math.Inf(1), max: math.Inf(-1), fresh: true}
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// addBlock takes the next block of finite values.
func (f *fullStats) addBlock(y []float64) {
	if len(y) == 0 {
		return
	}
	if f.tryGridBlock(y, nil) {
		return
	}
	if f.n == 0 {
		f.shift = y[0]
	}
	f.moments.add(blockMoments(y, f.shift))
	l := blockSums(y)
	f.addLanes(&l)
	f.scan(y)
	f.distinct.addBlock(y)
	f.deriv.maybeStart(f)
	if f.deriv.state == derivBand && !f.distinct.exact() {
		// more than 2^20 distinct values off any power-of-two grid:
		// continuous data, whose band buckets would not settle; the
		// second pass counts exactly
		f.deriv.abandon()
	}
	f.deriv.addBlock(f.n == 0, f.last, y)
	f.n += int64(len(y))
	f.last = y[len(y)-1]
}

// tryGridBlock adds y as addBlock does if gridBlock takes it: y need
// not have been cleaned, as a non-finite value is off the grid. next, if
// not empty, are the values that follow y in its chunk (to prefetch).
func (f *fullStats) tryGridBlock(y, next []float64) bool {
	if f.n == 0 || !f.gridBlock(y, next) {
		return false
	}
	f.n += int64(len(y))
	f.last = y[len(y)-1]
	return true
}

// gridBlock is the common case of quantised data: compensated sum,
// extremes, near-zero runs, the distinct bitmap and the derivative step
// histogram of a block whose values all lie on the distinct counter's grid
// inside its bitmap, with the derivative counter histogramming steps of
// the same grid. It reports false, having changed nothing, when that does
// not hold.
//
// The work is split by what it depends on. A vector scan (scanGrid)
// checks the grid, finds the extremes and whether any value is near zero,
// and takes the block's centre and its compensated sum (laneSums: four
// chunks side by side, as one TwoSum chain would bound the pass at ≥ 4
// cycles a value). The loop that follows does only what needs one value
// after another, the bitmap and the step histogram, with the central sums
// (a chain of their own) overlapping them: gridLoopAVX2 with AVX2, whose
// state stays in registers and whose indices are computed four at a time,
// gridLoop otherwise. Near-zero values, rare, get a pass of their own over
// the blocks that hold one. The loop is bound by its loads (one scratch
// word, a bitmap word and a histogram slot per value): about 2.5 ns a
// value in BenchmarkAddBlock; the commits that built it give the steps.
// Values in the bitmap's dense core (gridSet.growCore, extended after each
// block) need only the histogram slot. See also histCopies and freshShare.
func (f *fullStats) gridBlock(y, next []float64) bool {
	g, d := &f.distinct.grid, &f.deriv
	if f.n == 0 || d.state != derivGrid || g.scale != d.scale || !f.distinct.exact() ||
		g.n+f.distinct.set.len()+len(y) > exactDistinctMax {
		return false
	}
	scale, base, words := g.scale, g.base, g.bits
	r := scanGrid(y, scale, base, int64(len(words))*64, f.shift)
	if !r.onGrid {
		return false
	}
	f.addLanes(&r.sum)
	kp := int64(f.last * scale)
	var added int
	var cs [8]float64
	if hasAVX2 {
		added, cs = f.gridLoopVec(y, next, scale, base, words, g.core(), kp, r.centre)
	} else {
		added = gridLoop(y, scale, base, words, g.core(), d, kp)
		cs = centralSums(y, f.shift, r.centre)
	}
	f.moments.add(centralMoments(len(y), r.centre, cs))
	g.n += added
	g.growCore(int64(y[len(y)/2] * scale))
	f.fresh = added > len(y)/freshShare
	if d.filled++; d.filled == 65535 {
		d.flush()
	}
	if r.anyTiny {
		f.countNearZero(y)
	} else {
		f.prevTiny = false
	}
	// which of equal extremes is kept (±0) does not matter: they are only
	// compared and taken in magnitude
	f.min, f.max = min(f.min, r.lo), max(f.max, r.hi)
	// No integer check: the grid's scale is 2^s of the first block, which
	// went through scan. s > 0 means that block held a non-integer; s = 0
	// means every value on the grid is an integer.
	return true
}

// gridLoopState is gridLoopAVX2's input and scratch: shift and centre (in
// both lanes) are blockMoments' shift and c for the central sums; prev[3]
// is the bitmap index the first value's step is taken against; top is the
// overflow slot of each lane, and a lane's histogram index is its slot
// shifted left by copyShift plus spread (derivativeCounter.copies); pairs
// holds four values' bitmap indices and histogram indices (low and high
// halves) between the vector part of the loop and the scalar one; fresh
// selects the loop without a branch on whether a value is new to the
// bitmap (fullStats.fresh); ahead is the distance in bytes from y to the
// values that follow it in its chunk (or 0), which the loop prefetches so
// that a block taken in place is in cache for its scan; coreLo and
// coreMax (in every lane) are the core's first bitmap index and its length
// less one (gridSet.growCore; 2^31 and 0 for none: no index is in it). The
// field order is the assembly's layout.
type gridLoopState struct {
	shift, centre [2]float64
	prev, top     [4]uint32
	pairs         [4]uint64
	spread        [4]uint32
	copyShift     [2]uint64
	fresh         uint64
	ahead         int64
	coreLo        [4]uint32
	coreMax       [4]uint32
}

// gridLoopVec runs gridLoopAVX2 on a block, then gridLoop and the central
// sums on its last len(y) mod 4 values; kp is the grid index of the value
// before the block, core a range of bitmap indices whose bits are set. It
// returns the values new to the bitmap and the block's central sums about
// centre c.
func (f *fullStats) gridLoopVec(y, next []float64, scale float64, base int64, words []uint64, core gridCore,
	kp int64, c float64) (added int, cs [8]float64) {
	d := &f.deriv
	n := len(y) &^ 3
	if n > 0 {
		top := d.top()
		// a first index such that |k0 − base − prev| is the first slot
		// (the true step may not fit in 32 bits)
		k0 := int64(y[0] * scale)
		st := gridLoopState{shift: [2]float64{f.shift, f.shift}, centre: [2]float64{c, c}}
		st.prev[3] = uint32(k0-base) - uint32(histSlot(k0-kp, top))
		t := uint32(top)
		if d.copies == histCopies { // value i to copy i mod 4
			st.top, st.spread, st.copyShift[0] = [4]uint32{t, t, t, t}, [4]uint32{0, 1, 2, 3}, 2
		} else { // overflowing steps to slot top + i mod 4
			st.top = [4]uint32{t, t + 1, t + 2, t + 3}
		}
		st.fresh = uint64(b2i(f.fresh))
		lo, cmax := uint32(1<<31), uint32(0)
		if core.n > 0 {
			lo, cmax = uint32(core.lo), uint32(core.n-1)
		}
		st.coreLo, st.coreMax = [4]uint32{lo, lo, lo, lo}, [4]uint32{cmax, cmax, cmax, cmax}
		if len(next) >= n { // only a distance: prefetches never fault, and stay inside next
			st.ahead = int64(uintptr(unsafe.Pointer(&next[0])) - uintptr(unsafe.Pointer(&y[0])))
		}
		added = gridLoopAVX2(&y[0], n, scale, float64(base), &words[0], &d.hist[0], &st, &cs)
		kp = int64(y[n-1] * scale)
	}
	added += gridLoop(y[n:], scale, base, words, core, d, kp)
	centralSumsTail(y, f.shift, c, n, &cs)
	return added, cs
}

// gridLoop is gridLoopAVX2 in Go (the portable path, and its reference)
// less the central sums, which gridBlock then takes from centralSums
// (scanGrid took the compensated sum, countNearZero the near-zero
// values): what gridBlock does to each value of a block on the grid, in
// order; kp is the grid index of the value before y, and a value in core
// (bitmap indices whose bits are all set) needs no bitmap word. It returns
// how many values were new to the bitmap.
func gridLoop(y []float64, scale float64, base int64, words []uint64, core gridCore, d *derivativeCounter, kp int64) int {
	hist, top, copies := d.hist, d.top(), uint64(d.copies)
	added := 0
	for _, x := range y {
		k := int64(x * scale)
		idx := k - base
		if uint64(idx-core.lo) >= uint64(core.n) {
			w, m := idx>>6, uint64(1)<<(idx&63)
			if words[w]&m == 0 {
				words[w] |= m
				added++
			}
		}
		hist[histSlot(k-kp, top)*copies]++
		kp = k
	}
	return added
}

// countNearZero counts the values with |x| < zeroTol and their runs: a
// pass of its own, as only blocks that hold such a value need it. Outside
// a run it skips four values at a time while none is near zero (one
// branch on the smallest bit pattern of their magnitudes: 1.14 → 0.73 ns
// a value).
func (f *fullStats) countNearZero(y []float64) {
	const abs = 1<<63 - 1 // the bits of |x|, ordered as |x|
	tol := math.Float64bits(zeroTol)
	tiny := f.prevTiny
	for i := 0; i < len(y); i++ {
		for ; !tiny && i+4 <= len(y); i += 4 {
			b := min(math.Float64bits(y[i])&abs, math.Float64bits(y[i+1])&abs,
				math.Float64bits(y[i+2])&abs, math.Float64bits(y[i+3])&abs)
			if b < tol {
				break
			}
		}
		if i == len(y) {
			break
		}
		if x := y[i]; math.Abs(x) < zeroTol {
			f.nearZero(x, tiny)
			tiny = true
		} else {
			tiny = false
		}
	}
	f.prevTiny = tiny
}

// gridScan is gridScanAVX2's input and output: per-lane extremes, the
// masks of lanes that saw a value off the grid or a near-zero value,
// shiftedSums' sums and the compensated sum's lanes (from sum); shift and
// tol's bit pattern (in every lane) are its other inputs. The field order
// is the assembly's layout.
type gridScan struct {
	lo, hi    [4]float64
	bad, tiny uint64
	sums      [4]float64
	shift     [4]float64
	tol       [4]uint64
	sum       laneSums
}

// blockScan is what scanGrid finds in a block.
type blockScan struct {
	lo, hi  float64
	onGrid  bool // every value is k·2^−s with k inside the bitmap
	anyTiny bool // some |x| < zeroTol
	centre  float64
	sum     laneSums
}

func splat(x float64) [4]float64 { return [4]float64{x, x, x, x} }

// scanGrid returns the extremes of y (a non-empty block of finite
// values), whether every value is k·2^−s (scale = 2^s) with k in
// [base, base+span), whether any has |x| < zeroTol, the block's centre
// blockCentre(y, shift) and its compensated sum's lanes: with AVX2, the
// same pass over the block computes them all (lane for lane
// shiftedSumsAVX2 and blockSums, then their scalar tails).
func scanGrid(y []float64, scale float64, base, span int64, shift float64) blockScan {
	r := blockScan{lo: y[0], hi: y[0], onGrid: true}
	i := 0
	if n := len(y) &^ 3; hasAVX2 && n >= 4 {
		tol := math.Float64bits(zeroTol)
		v := gridScan{shift: splat(shift), tol: [4]uint64{tol, tol, tol, tol}}
		gridScanAVX2(&y[0], n, scale, &v)
		r.lo = min(min(v.lo[0], v.lo[1]), min(v.lo[2], v.lo[3]))
		r.hi = max(max(v.hi[0], v.hi[1]), max(v.hi[2], v.hi[3]))
		// every t = x·scale is an integer (or the block is off the grid
		// anyway), and scaling by a power of two is monotonic: the
		// extremes are inside the bitmap if all values are (±Inf are not)
		inside := r.lo*scale >= float64(base) && r.hi*scale < float64(base+span)
		r.onGrid, r.anyTiny, i = v.bad == 0 && inside, v.tiny != 0, n
		s := v.sums
		for _, x := range y[n:] {
			s[0] += x - shift
		}
		r.centre = ((s[0] + s[1]) + (s[2] + s[3])) / float64(len(y))
		r.sum = v.sum
		r.sum.addTail(y[n:])
	} else {
		r.centre = blockCentre(y, shift)
		r.sum = blockSums(y)
	}
	for _, x := range y[i:] {
		r.lo, r.hi = min(r.lo, x), max(r.hi, x)
		t := x * scale
		k := int64(t)
		r.onGrid = r.onGrid && float64(k) == t && k-base >= 0 && k-base < span
		r.anyTiny = r.anyTiny || math.Abs(x) < zeroTol
	}
	return r
}

// nearZero counts a value with |x| < zeroTol: a zero, a zero run's sample,
// perhaps a run's start.
func (f *fullStats) nearZero(x float64, prevTiny bool) {
	if x == 0 {
		f.zeros++
	}
	f.runLen++
	if !prevTiny {
		f.runs++
	}
}

// scan updates the extremes, zero counts, zero runs and integrality.
// Near-zero values are rare in sensor data, so they take a slow path.
func (f *fullStats) scan(y []float64) {
	lo, hi := f.min, f.max
	for _, x := range y {
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
	}
	f.min, f.max = lo, hi
	f.countNearZero(y)
	f.checkIntegers(y)
}

// checkIntegers clears integrality at the first value that is not an
// integer; once cleared it costs nothing.
func (f *fullStats) checkIntegers(y []float64) {
	if f.nonInt {
		return
	}
	for _, x := range y {
		if x != math.Floor(x) {
			f.nonInt = true
			return
		}
	}
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
		r.crest = max(math.Abs(f.min), math.Abs(f.max)) / rms
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
// only at the end of the pass, exactly whenever the data allow it. Once the
// values stop being all equal it picks, from the threshold the running
// standard deviation suggests (thrEst):
//
//   - for values on the power-of-two grid of the distinct counter (step
//     q): differences are exact multiples k·q, so a histogram of k below
//     16·thrEst/q settles any final threshold below 16·thrEst;
//   - otherwise a band of ±4 binades around thrEst with 2,048 buckets per
//     binade, each keeping its count and its smallest and largest
//     difference: the final threshold is settled if its bucket's
//     differences all lie on one side of it (true for data quantised on
//     any grid, whose differences cluster).
//
// Otherwise (or when the distinct counter gives up its exact set, a sign
// of continuous values) a second pass counts with the known threshold.
type derivativeCounter struct {
	state int   // derivIdle, derivGrid, derivBand, derivOff
	below int64 // differences settled as small: zeros while idle, below the band
	// grid mode
	scale  float64  // 1/q
	hist   []uint32 // hist[k·copies + j]: differences of k steps since the last flush (in copy j); top() is the overflow slot
	copies int      // 1 or histCopies

	wide   []int64 // flushed counts
	filled int     // blocks since the last flush (a uint32 holds 65,535 blocks)
	// band mode
	loBits  uint64 // bit pattern of the band's lower edge 2^e
	buckets []derivBucket
}

type derivBucket struct {
	count  int64
	lo, hi float64
}

const (
	derivIdle = iota // values all equal so far: every difference is 0
	derivGrid
	derivBand
	derivOff
)

const (
	gridHeadroom     = 16 // grid mode covers thresholds up to this times thrEst
	gridMaxSteps     = 1 << 18
	bandBinades      = 4  // either side of the estimated threshold
	bucketsPerBinade = 11 // log2 of the buckets per binade
)

// The step histogram is incremented once a value, and consecutive equal
// steps (a smooth signal's 0 or ±1, a noisy one's overflow) would each
// wait for the previous increment's store. gridLoopAVX2 gives them four
// places: histCopies interleaved copies of the histogram (value i of a
// block to copy i mod 4, summed at flush) while the histogram has at most
// histCopiesMaxSlots slots, else one copy whose overflow slot (top) is
// followed by three more that take the overflowing steps of lanes 1…3.
// Either way the histogram has copies·top + overflowSlots entries, and
// the entries from copies·top on are never read. Four copies pay on
// smooth data (BenchmarkAddBlockSmooth, 144 slots: 3.22 → 2.57 ns a
// value) but cost on noisy data, whose steps spread over all slots
// (BenchmarkAddBlock, 21,000 slots: 2.76 → 3.03 ns with four copies), so
// they are kept to histograms whose copies fit in L1 (32 KiB).
const (
	histCopies         = 4
	histCopiesMaxSlots = 2048
	overflowSlots      = 4
)

// top is the overflow slot: a step of |k| ≥ top grid steps is only
// counted as large.
func (d *derivativeCounter) top() uint64 {
	return uint64((len(d.hist) - overflowSlots) / d.copies)
}

func (d *derivativeCounter) abandon() {
	d.state, d.hist, d.wide, d.buckets = derivOff, nil, nil, nil
}

// maybeStart picks the mode once the values seen differ, from the moments
// so far (the current block included) and the distinct counter's grid.
func (d *derivativeCounter) maybeStart(f *fullStats) {
	if d.state != derivIdle || !(f.min < f.max) {
		return
	}
	m := f.moments.total()
	thr := derivativeThreshold(math.Sqrt(m.m2 / float64(m.n)))
	if g := &f.distinct.grid; g.scale != 0 && g.n > 0 {
		steps := gridHeadroom * thr * g.scale
		if steps >= 1 && steps <= gridMaxSteps {
			d.state, d.scale = derivGrid, g.scale
			top := int(steps) + 1
			d.copies = 1
			if top <= histCopiesMaxSlots {
				d.copies = histCopies
			}
			d.hist = make([]uint32, d.copies*top+overflowSlots)
			return
		}
	}
	_, e := math.Frexp(thr) // thr in [2^(e−1), 2^e)
	lo := math.Ldexp(1, e-1-bandBinades)
	if lo == 0 || math.IsInf(math.Ldexp(1, e-1+bandBinades), 0) {
		d.abandon()
		return
	}
	d.state, d.loBits = derivBand, math.Float64bits(lo)
	d.buckets = make([]derivBucket, 2*bandBinades<<bucketsPerBinade)
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
	if d.state == derivGrid {
		if !d.addGrid(prev, y[start:]) {
			d.abandon()
		}
		return
	}
	d.addBand(prev, y[start:])
}

// addGrid histograms the differences in grid steps; false if a value is
// off the grid.
func (d *derivativeCounter) addGrid(prev float64, y []float64) bool {
	hist, scale := d.hist, d.scale
	top, copies := d.top(), uint64(d.copies)
	kp := int64(prev * scale)
	for _, x := range y {
		t := x * scale
		k := int64(t)
		if float64(k) != t { // off the grid (or beyond int64)
			return false
		}
		hist[histSlot(k-kp, top)*copies]++
		kp = k
	}
	if d.filled++; d.filled == 65535 {
		d.flush()
	}
	return true
}

// histSlot is the histogram slot of a step difference: |step|, or top
// (the overflow slot) for |step| ≥ top. Branch-free: the sign of a
// difference and whether it is in range are coin flips on noisy data, and
// mispredicted branches cost more than the rest of the per-value work.
// (The compiler turns min into a branch, so the clamp is arithmetic.)
func histSlot(step int64, top uint64) uint64 {
	sign := step >> 63
	over := (step ^ sign - sign) - int64(top) // |step| − top: negative iff in range
	return uint64(int64(top) + over&(over>>63))
}

func (d *derivativeCounter) flush() {
	top := int(d.top())
	if d.wide == nil {
		d.wide = make([]int64, top)
	}
	steps := d.hist[:d.copies*top] // the overflow slots are never read
	for i, c := range steps {
		d.wide[i/d.copies] += int64(c)
		steps[i] = 0
	}
	d.filled = 0
}

func (d *derivativeCounter) addBand(prev float64, y []float64) {
	const shift = 52 - bucketsPerBinade
	lo, buckets := d.loBits, d.buckets
	for _, x := range y {
		a := math.Abs(x - prev)
		prev = x
		off := math.Float64bits(a) - lo
		if i := off >> shift; i < uint64(len(buckets)) {
			bk := &buckets[i]
			if bk.count == 0 {
				bk.lo, bk.hi = a, a
			} else {
				bk.lo, bk.hi = min(bk.lo, a), max(bk.hi, a)
			}
			bk.count++
		} else if int64(off) < 0 { // wrapped: below the band
			d.below++
		} // else above the band: never below the threshold
	}
}

// countBelow returns #{|Δ| < thr} if the first pass settles it.
func (d *derivativeCounter) countBelow(thr float64) (int64, bool) {
	switch d.state {
	case derivIdle:
		return d.below, true
	case derivGrid:
		// |Δ| = k·q exactly, so |Δ| < thr ⟺ k < thr/q
		d.flush()
		lim := thr * d.scale
		if !(lim <= float64(len(d.wide))) {
			return 0, false
		}
		n := d.below
		for k := 0; float64(k) < lim; k++ {
			n += d.wide[k]
		}
		return n, true
	case derivBand:
		return d.bandBelow(thr)
	}
	return 0, false
}

func (d *derivativeCounter) bandBelow(thr float64) (int64, bool) {
	b := math.Float64bits(thr)
	if b < d.loBits {
		return 0, false
	}
	j := (b - d.loBits) >> (52 - bucketsPerBinade)
	if j >= uint64(len(d.buckets)) {
		return 0, false
	}
	n := d.below
	for _, bk := range d.buckets[:j] {
		n += bk.count
	}
	switch bk := d.buckets[j]; {
	case bk.count == 0 || bk.hi < thr:
		return n + bk.count, true
	case bk.lo >= thr:
		return n, true
	}
	return 0, false
}
