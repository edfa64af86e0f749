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
	np := 0
	f.ranges = grow(f.ranges, 3*(m/10))
	for k := 10; k < kmax; k++ {
		q := m / k
		rr, ss := f.ranges[:q], f.ranges[q:2*q]
		f.rangesAndSpreads(k, rr, ss, f.ranges[2*q:3*q])
		// Σ R/S over sub-series with S > 0 (the others add nothing but
		// still count in the average).
		var sum float64
		for i, r := range rr {
			if sd := math.Sqrt(ss[i] / float64(k-1)); sd > 0 {
				sum += r / sd
			}
		}
		if rs := sum / float64(q); rs > 0 {
			lk[np] = math.Log(float64(k))
			lrs[np] = math.Log(rs)
			np++
		}
	}
	if np < 3 {
		return
	}
	slope, r2 := fitR2(lk[:np], lrs[:np])
	out[0] = min(1, max(0, slope))
	out[1] = r2
}

// hurstPrefix prepares what rescaledRange needs: the prefix sums of
// d = x - mean as an unevaluated sum hi + lo (TwoSum), so that a difference
// of two prefixes keeps the accuracy of the local sum however long the
// window; and runEnd[i], the end of the run of equal values starting at i.
func (f *frame) hurstPrefix() {
	d := f.deviations()
	m := len(d)
	f.prefHi = grow(f.prefHi, m+1)
	f.prefLo = grow(f.prefLo, m+1)
	var hi, lo float64
	f.prefHi[0], f.prefLo[0] = 0, 0
	for i, v := range d {
		s := hi + v
		bb := s - hi
		lo += (hi - (s - bb)) + (v - bb)
		hi = s
		f.prefHi[i+1], f.prefLo[i+1] = hi, lo
	}
	if cap(f.runEnd) < m {
		f.runEnd = make([]int32, m)
	}
	f.runEnd = f.runEnd[:m]
	f.runEnd[m-1] = int32(m)
	for i := m - 2; i >= 0; i-- {
		if f.x[i] == f.x[i+1] {
			f.runEnd[i] = f.runEnd[i+1]
		} else {
			f.runEnd[i] = int32(i + 1)
		}
	}
}

// rangesAndSpreads sets, for the len(rr) sub-series d[j·k : j·k+k], rr[j]
// = R, the range of the running sum of (v - mean), and ss[j] = SS =
// Σ(v - mean)²; the caller forms R/S with S = sqrt(SS/(k-1)). means is
// scratch of len(rr). Each sub-series mean comes from the compensated
// prefix sums. A sub-series of equal values has R = SS = 0 exactly,
// whatever the rounding of its mean.
func (f *frame) rangesAndSpreads(k int, rr, ss, means []float64) {
	hi, lo := f.prefHi, f.prefLo
	for j := range means {
		a := j * k
		means[j] = ((hi[a+k] - hi[a]) + (lo[a+k] - lo[a])) / float64(k)
	}
	subSeriesRanges(f.dev, hi, lo, k, means, rr, ss)
	for j := range rr {
		if a := j * k; int(f.runEnd[a]) >= a+k {
			rr[j], ss[j] = 0, 0
		}
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
