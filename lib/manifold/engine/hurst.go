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
	if m < 10 {
		return
	}
	kmax := m / 4
	if kmax <= 10 {
		return
	}
	// The deviations from the window mean keep the sub-series sums small;
	// each sub-series is then centred on its own mean.
	d := f.deviations()
	lk := grow(f.tmp, 2*(kmax-10))
	f.tmp = lk
	lrs := lk[kmax-10:]
	lk = lk[:kmax-10]
	np := 0
	for k := 10; k < kmax; k++ {
		q := m / k
		var sum float64
		for i := 0; i < q; i++ {
			sum += rescaledRange(d[i*k : (i+1)*k])
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

// rescaledRange returns R/S of one sub-series: R = range of the running sum
// of (v - mean), S = sample std; 0 when S = 0 (the sub-series adds
// nothing, but still counts in the average).
func rescaledRange(s []float64) float64 {
	var sum float64
	for _, v := range s {
		sum += v
	}
	mean := sum / float64(len(s))
	var y, lo, hi, ss float64
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range s {
		e := v - mean
		y += e
		ss += e * e
		lo = min(lo, y)
		hi = max(hi, y)
	}
	sd := math.Sqrt(ss / float64(len(s)-1))
	if !(sd > 0) {
		return 0
	}
	return (hi - lo) / sd
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
