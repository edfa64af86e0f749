package measure

import "math"

// Hurst is the rescaled-range (R/S) Hurst exponent of typology.md §4.6 on
// the levels of a (pmtvs 0.2.0 hurst_exponent(method="rs")): for every
// window size k = 10 … min(⌊T/2⌋, 100) − 1 the mean R/S of the ⌊T/k⌋
// non-overlapping subseries, then the OLS slope of ln RS on ln k, clipped
// to [0, 1]. NaN when fewer than three window sizes give a positive RS.
func Hurst(a []float64) float64 {
	t := len(a)
	if t < 10 {
		return math.NaN()
	}
	kmax := min(t/2, 100)
	var lx, ly []float64
	for k := 10; k < kmax; k++ {
		if rs := meanRescaledRange(a, k); rs > 0 {
			lx = append(lx, math.Log(float64(k)))
			ly = append(ly, math.Log(rs))
		}
	}
	if len(lx) < 3 {
		return math.NaN()
	}
	h, ok := slope(lx, ly, 1e-15)
	if !ok {
		return math.NaN()
	}
	return max(0, min(1, h))
}

// meanRescaledRange averages R/S over the subseries of length k; a flat
// subseries (S = 0) adds nothing but still counts.
func meanRescaledRange(a []float64, k int) float64 {
	s := len(a) / k
	total := 0.0
	for i := 0; i < s; i++ {
		y := a[i*k : (i+1)*k]
		sum := 0.0
		for _, v := range y {
			sum += v
		}
		mu := sum / float64(k)
		cum, hi, lo, ss := 0.0, math.Inf(-1), math.Inf(1), 0.0
		for _, v := range y {
			d := v - mu
			cum += d
			hi, lo = max(hi, cum), min(lo, cum)
			ss += float64(d * d)
		}
		if sd := math.Sqrt(ss / float64(k-1)); sd > 0 {
			total += (hi - lo) / sd
		}
	}
	return total / float64(s)
}
