package stattest

import "math"

// NormalCDF is Φ(z) = ½·erfc(−z/√2).
func NormalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

// MacKinnon (1994) response-surface coefficients for the constant-only
// Dickey–Fuller statistic with one series (statsmodels' _tau_* tables).
const (
	tauMax  = 2.74
	tauMin  = -18.83
	tauStar = -1.61
	smallP0 = 2.1659
	smallP1 = 1.4412
	smallP2 = 0.038269
	largeP0 = 1.7339
	largeP1 = 0.93202
	largeP2 = -0.12745
	largeP3 = -0.010368
)

// MacKinnonP is the approximate p-value of an ADF statistic τ for the
// constant-only regression (typology.md §4.5.1). τ = −Inf gives 0, +Inf
// gives 1; NaN gives NaN.
func MacKinnonP(tau float64) float64 {
	switch {
	case math.IsNaN(tau):
		return math.NaN()
	case tau > tauMax:
		return 1
	case tau < tauMin:
		return 0
	case tau <= tauStar:
		return NormalCDF(horner(tau, smallP2, smallP1, smallP0))
	}
	return NormalCDF(horner(tau, largeP3, largeP2, largeP1, largeP0))
}

// horner evaluates a polynomial given its coefficients from the highest
// power down, as numpy.polyval does, without fused multiply-adds.
func horner(x float64, coef ...float64) float64 {
	y := 0.0
	for _, c := range coef {
		y = float64(y*x) + c
	}
	return y
}

// Chi2Upper12 is the upper tail P(χ²₁₂ > lm) in closed form,
// e^{−lm/2}·Σ_{k=0}^{5} (lm/2)^k/k!, clamped to [0, 1] (typology.md
// §4.11.1). lm ≤ 0 gives 1.
func Chi2Upper12(lm float64) float64 {
	if math.IsNaN(lm) {
		return math.NaN()
	}
	if lm <= 0 {
		return 1
	}
	h := lm / 2
	term, sum := 1.0, 1.0
	for k := 1; k <= 5; k++ {
		term = term * h / float64(k)
		sum += term
	}
	return max(0, min(1, math.Exp(-h)*sum))
}
