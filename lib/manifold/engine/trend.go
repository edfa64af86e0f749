package engine

import "math"

// E10 trend, E11 rate_of_change, E12 variance_growth.

// computeTrend writes trend_slope, trend_r2, detrend_std and cusum_range.
// Floor 3. trend_r2 and cusum_range are 0 for a constant window.
func computeTrend(f *frame, out []float64) {
	m := len(f.x)
	if m < 3 {
		fillNaN(out)
		return
	}
	d := f.deviations()
	tm := float64(m-1) / 2
	var sty, stt, sst float64
	for t, v := range d {
		dt := float64(t) - tm
		sty += dt * v
		stt += dt * dt
		sst += v * v
	}
	slope := sty / stt
	// Residuals e_t = d_t - slope·(t - t̄): their mean, then their spread.
	var sumE float64
	for t, v := range d {
		sumE += v - slope*(float64(t)-tm)
	}
	meanE := sumE / float64(m)
	var sse, sseC float64
	for t, v := range d {
		e := v - slope*(float64(t)-tm)
		sse += e * e
		sseC += (e - meanE) * (e - meanE)
	}
	out[0] = slope
	out[1] = 0
	if sst != 0 {
		out[1] = 1 - sse/sst
	}
	out[2] = math.Sqrt(sseC / float64(m))
	out[3] = 0
	if sd := f.std(); sd != 0 {
		lo, hi := minMax(f.runningSum())
		out[3] = (hi - lo) / sd
	}
}

// computeRateOfChange writes mean_rate, max_rate, min_rate, rate_std
// (population) and abs_max_rate of the first differences. Floor 3.
func computeRateOfChange(f *frame, out []float64) {
	x := f.x
	if len(x) < 3 {
		fillNaN(out)
		return
	}
	n := float64(len(x) - 1)
	var sum float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := 1; i < len(x); i++ {
		v := x[i] - x[i-1]
		sum += v
		lo = min(lo, v)
		hi = max(hi, v)
	}
	mean := sum / n
	var ss float64
	for i := 1; i < len(x); i++ {
		e := x[i] - x[i-1] - mean
		ss += e * e
	}
	out[0], out[1], out[2] = mean, hi, lo
	out[3] = math.Sqrt(ss / n)
	out[4] = max(math.Abs(lo), math.Abs(hi))
}

// computeVarianceGrowth writes variance_growth_rate (slope of ln var(C[:k])
// on ln k for k in m/8, m/4, m/2, m with k >= 4 and var > 0) and
// variance_ratio (var(C)/var(C[:m/2])/2), C the running sum of x - mean.
// Floor 20; both null with fewer than 2 points.
func computeVarianceGrowth(f *frame, out []float64) {
	fillNaN(out)
	m := len(f.x)
	if m < 20 {
		return
	}
	c := f.runningSum()
	var lk, lv [4]float64
	np := 0
	for _, k := range [4]int{m / 8, m / 4, m / 2, m} {
		if k < 4 {
			continue
		}
		if v := variance(c[:k]); v > 0 {
			lk[np], lv[np] = math.Log(float64(k)), math.Log(v)
			np++
		}
	}
	if np < 2 {
		return
	}
	out[0] = lineSlope(lk[:np], lv[:np])
	if den := variance(c[:m/2]); den != 0 {
		out[1] = variance(c) / den / 2
	}
}

// variance is the population variance (two passes).
func variance(x []float64) float64 { return sumSqDev(x) / float64(len(x)) }

// sumSqDev returns Σ(x - mean)², the mean computed first.
func sumSqDev(x []float64) float64 {
	var sum float64
	for _, v := range x {
		sum += v
	}
	mean := sum / float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return ss
}

func minMax(x []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo = min(lo, v)
		hi = max(hi, v)
	}
	return lo, hi
}
