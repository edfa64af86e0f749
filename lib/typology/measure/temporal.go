package measure

import "math"

// TurningPointRatio is the share of interior samples that are strict peaks
// or strict troughs, count/(T−2) (typology.md §4.9.1); 0.67 below 3
// samples.
func TurningPointRatio(a []float64) float64 {
	if len(a) < 3 {
		return 0.67
	}
	n := 0
	for t := 1; t+1 < len(a); t++ {
		p, x, q := a[t-1], a[t], a[t+1]
		if (x > p && x > q) || (x < p && x < q) {
			n++
		}
	}
	return float64(n) / float64(len(a)-2)
}

// ACFMaxLag is the longest lag the half-life search tries.
const ACFMaxLag = 100

// ACFHalfLife is the first lag ℓ = 1 … min(100, T−1) at which the
// autocorrelation r(ℓ) = [Σ(x_t−m)(x_{t+ℓ}−m)/(T−ℓ)]/var has magnitude
// below 0.5 (typology.md §4.5.4), with decayed true; 100 and false if no
// lag qualifies. Below 10 samples ok is false (a null half-life).
func ACFHalfLife(a []float64) (lag float64, decayed, ok bool) {
	t := len(a)
	if t < 10 {
		return 0, false, false
	}
	m := Mean(a)
	v := Variance(a)
	for l := 1; l <= min(ACFMaxLag, t-1); l++ {
		var s Sum
		for i := 0; i+l < t; i++ {
			s.Add(float64((a[i] - m) * (a[i+l] - m)))
		}
		if r := s.Value() / float64(t-l) / v; math.Abs(r) < 0.5 {
			return float64(l), true, true
		}
	}
	return ACFMaxLag, false, true
}

// varianceWindow is the window of the variance ratio.
const varianceWindow = 50

// VarianceRatio is the mean population variance of all windows of 50
// consecutive samples over the variance of a (typology.md §4.5.3): ≈ 1 for
// white noise, ≪ 1 for trends and slow oscillations. 1 below 100 samples or
// when var(a) < 1e-10.
func VarianceRatio(a []float64) float64 {
	if len(a) < 100 {
		return 1
	}
	v := Variance(a)
	if v < 1e-10 {
		return 1
	}
	return meanWindowVariance(a, varianceWindow) / v
}

// RollingVarStd is the coefficient of variation std(V)/(mean(V) + 1e-10)
// of the variances V of all windows of w = min(50, ⌊T/4⌋) consecutive
// increments (typology.md §4.11.2); 0 below 50 samples.
func RollingVarStd(a []float64) float64 {
	t := len(a)
	if t < 50 {
		return 0
	}
	w := min(50, t/4)
	if w < 10 {
		return 0
	}
	r := make([]float64, t-1)
	for i := range r {
		r[i] = a[i+1] - a[i]
	}
	v := windowVariances(r, w)
	return math.Sqrt(Variance(v)) / (Mean(v) + 1e-10)
}

func meanWindowVariance(x []float64, w int) float64 {
	return Mean(windowVariances(x, w))
}

// windowVariances is the population variance of every window of w
// consecutive values, each by two plain passes over its w values.
func windowVariances(x []float64, w int) []float64 {
	out := make([]float64, len(x)-w+1)
	for i := range out {
		out[i] = shortVariance(x[i : i+w])
	}
	return out
}

func shortVariance(y []float64) float64 {
	sum := 0.0
	for _, v := range y {
		sum += v
	}
	m := sum / float64(len(y))
	ss := 0.0
	for _, v := range y {
		d := v - m
		ss += float64(d * d)
	}
	return ss / float64(len(y))
}
