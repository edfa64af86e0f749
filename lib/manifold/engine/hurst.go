package engine

import "math"

// E8 hurst: rescaled range (pmtvs 0.2.0 Python definition).

// computeHurst writes hurst (slope of ln R/S on ln k, clipped to [0, 1])
// and hurst_r2 (R² of the unclipped fit) over sub-series lengths
// k = 10..floor(m/4)-1. Null with fewer than 3 points (m < 52), including
// every constant window.
func computeHurst(f *frame, out []float64) {
	out[0], out[1] = math.NaN(), math.NaN()
	m := len(f.x)
	kmax := m / 4
	if m < 10 || kmax <= 10 {
		return
	}
	f.hurstPrefix()
	lk := grow(f.tmp, 2*(kmax-10))
	f.tmp = lk
	lrs := lk[kmax-10:]
	lk = lk[:kmax-10]
	// The ratios of every k first (lrs as their output), then their
	// logarithms in one batch.
	nm, nw := hurstScratch(m, kmax)
	f.ranges = grow(f.ranges, nm+nw)
	hurstRatios(f.dev, f.prefHi, f.prefLo, f.runLen, kmax, f.ranges[:nm], f.ranges[nm:], lrs)
	np := 0
	for k := 10; k < kmax; k++ {
		if rs := lrs[k-10]; rs > 0 {
			lk[np] = logInt(k)
			lrs[np] = rs
			np++
		}
	}
	logs(lrs[:np], lrs[:np])
	if np < 3 {
		return
	}
	slope, r2 := fitR2(lk[:np], lrs[:np])
	out[0] = min(1, max(0, slope))
	out[1] = r2
}

// logInts caches ln k for the sub-series lengths of windows up to 2048.
var logInts = func() (t [512]float64) {
	for k := range t {
		t[k] = math.Log(float64(k))
	}
	return t
}()

// logInt returns math.Log(float64(k)).
func logInt(k int) float64 {
	if k < len(logInts) {
		return logInts[k]
	}
	return math.Log(float64(k))
}

// hurstPrefix prepares what hurstRatios needs: the prefix sums of d = x -
// mean as an unevaluated sum hi + lo (TwoSum), so that a difference of two
// prefixes keeps the accuracy of the local sum however long the window;
// and runLen[i], the number of equal values starting at i, or an empty
// runLen when no two neighbours are equal (most windows). The deviations
// are computed in the same pass when no other engine has asked for them.
func (f *frame) hurstPrefix() {
	m := len(f.x)
	f.prefHi = grow(f.prefHi, m+1)
	f.prefLo = grow(f.prefLo, m+1)
	f.prefHi[0], f.prefLo[0] = 0, 0
	var ties bool
	if f.have&haveDev == 0 {
		f.moments()
		f.have |= haveDev
		f.dev = grow(f.dev, m)
		ties = prefixDeviations(f.x, f.mean, f.dev, f.prefHi[1:], f.prefLo[1:])
	} else {
		ties = prefixSums(f.x, f.dev, f.prefHi[1:], f.prefLo[1:])
	}
	f.runLen = f.runLen[:0]
	if ties {
		f.runLengths()
	}
}

// prefixDeviations writes d = x - mean and its compensated prefix sums
// (twoSumStep), and reports whether two neighbours of x are equal.
func prefixDeviations(x []float64, mean float64, d, hs, ls []float64) (ties bool) {
	d, hs, ls = d[:len(x)], hs[:len(x)], ls[:len(x)]
	var hi, lo float64
	prev := math.NaN()
	for i, v := range x {
		e := v - mean
		d[i] = e
		hi, lo = twoSumStep(hi, lo, e)
		hs[i], ls[i] = hi, lo
		ties = ties || v == prev
		prev = v
	}
	return ties
}

// prefixSums is prefixDeviations with d given.
func prefixSums(x, d, hs, ls []float64) (ties bool) {
	d, hs, ls = d[:len(x)], hs[:len(x)], ls[:len(x)]
	var hi, lo float64
	prev := math.NaN()
	for i, v := range x {
		hi, lo = twoSumStep(hi, lo, d[i])
		hs[i], ls[i] = hi, lo
		ties = ties || v == prev
		prev = v
	}
	return ties
}

// twoSumStep adds v to the unevaluated sum hi + lo: hi the rounded sum,
// lo the accumulated rounding errors of the steps (Knuth's TwoSum).
func twoSumStep(hi, lo, v float64) (float64, float64) {
	s := hi + v
	bb := s - hi
	lo += (hi - (s - bb)) + (v - bb)
	return s, lo
}

// runLengths sets runLen[i] to the number of equal values of x from i on.
func (f *frame) runLengths() {
	m := len(f.x)
	if cap(f.runLen) < m {
		f.runLen = make([]int32, m)
	}
	run := f.runLen[:m]
	f.runLen = run
	run[m-1] = 1
	for i := m - 2; i >= 0; i-- {
		n := int32(1)
		if f.x[i] == f.x[i+1] {
			n = run[i+1] + 1
		}
		run[i] = n
	}
}

// fitR2 returns the least-squares slope of y on x and 1 - SS_res/SS_tot
// (NaN when SS_tot = 0).
func fitR2(x, y []float64) (slope, r2 float64) {
	n := float64(len(x))
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	mx /= n
	my /= n
	var sxy, sxx, syy float64
	for i := range x {
		dx, dy := x[i]-mx, y[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	slope = sxy / sxx
	icpt := my - slope*mx
	var res float64
	for i := range x {
		e := y[i] - (slope*x[i] + icpt)
		res += e * e
	}
	if syy == 0 {
		return slope, math.NaN()
	}
	return slope, 1 - res/syy
}
