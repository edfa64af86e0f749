package stattest

import "math"

// ADFMinLength is the shortest series ADFPValue tests; shorter ones get 1.
const ADFMinLength = 20

// ADFMaxLag is p_max = min(⌊T/2⌋ − 2, q) with q the smallest integer such
// that 100·q⁴ ≥ 20,736·T, i.e. ⌈12·(T/100)^{1/4}⌉ computed exactly.
func ADFMaxLag(t int) int {
	target := 20736 * uint64(t)
	q := uint64(math.Ceil(12 * math.Pow(float64(t)/100, 0.25)))
	for q > 0 && 100*pow4(q-1) >= target {
		q--
	}
	for 100*pow4(q) < target {
		q++
	}
	return min(t/2-2, int(q))
}

func pow4(q uint64) uint64 { return q * q * q * q }

// ADFResult is the outcome of the augmented Dickey–Fuller test.
type ADFResult struct {
	Stat   float64 // τ; NaN when the test could not be computed
	Lag    int     // lag length chosen by AIC
	PValue float64 // MacKinnon's approximate p-value; 1 when Stat is NaN
}

// ADF runs the augmented Dickey–Fuller test with a constant, the lag
// length chosen by AIC over 0 … p_max on a common sample (typology.md
// §4.5.1). Series shorter than 20, a rank-deficient final regression and
// any numerical failure give p = 1.
func ADF(x []float64) ADFResult {
	failed := ADFResult{Stat: math.NaN(), PValue: 1}
	if len(x) < ADFMinLength {
		return failed
	}
	d := make([]float64, len(x)-1)
	for t := range d {
		d[t] = x[t+1] - x[t]
	}
	p := adfBestLag(x, d, ADFMaxLag(len(x)))
	tau, ok := adfStatistic(x, d, p)
	if !ok {
		failed.Lag = p
		return failed
	}
	pv := MacKinnonP(tau)
	if math.IsNaN(pv) {
		pv = 1
	}
	return ADFResult{Stat: tau, Lag: p, PValue: pv}
}

// ADFPValue is ADF(x).PValue.
func ADFPValue(x []float64) float64 { return ADF(x).PValue }

// adfBestLag fits, on rows t = pmax … T−2, the nested regressions of d_t
// on [1, x_t, d_{t−1}, …, d_{t−p}] for p = 0 … pmax from one
// factorisation and returns the p with the smallest AIC (ties: smaller p).
func adfBestLag(x, d []float64, pmax int) int {
	ls := newLeastSquares(pmax + 3)
	row := make([]float64, pmax+3)
	for t := pmax; t < len(d); t++ {
		row[0], row[1] = 1, x[t]
		for l := 1; l <= pmax; l++ {
			row[1+l] = d[t-l]
		}
		row[pmax+2] = d[t]
		ls.addRow(row)
	}
	ssr := ls.nestedSSR()
	n := float64(len(d) - pmax)
	best, bestAIC := 0, math.Inf(1)
	for p := 0; p <= pmax; p++ {
		aic := float64(n*(math.Log(2*math.Pi)+math.Log(ssr[p+1]/n)+1)) + float64(2*(p+2))
		if aic < bestAIC { // NaN never wins; −Inf (a perfect fit) does
			best, bestAIC = p, aic
		}
	}
	return best
}

// adfStatistic is τ = γ̂/se(γ̂) of the regression of d_t on
// [1, d_{t−1}, …, d_{t−p}, x_t] over rows t = p … T−2. The level comes
// last so that γ̂ = z_γ/r_γγ and se(γ̂) = σ̂/|r_γγ|, hence
// τ = sign(r_γγ)·z_γ/σ̂. ok is false for a rank-deficient design or too
// few rows.
func adfStatistic(x, d []float64, p int) (tau float64, ok bool) {
	cols := p + 3
	ls := newLeastSquares(cols)
	row := make([]float64, cols)
	for t := p; t < len(d); t++ {
		row[0] = 1
		for l := 1; l <= p; l++ {
			row[l] = d[t-l]
		}
		row[p+1], row[p+2] = x[t], d[t]
		ls.addRow(row)
	}
	ls.flush()
	for _, dep := range ls.dependent() {
		if dep {
			return 0, false
		}
	}
	dof := ls.rows - (p + 2)
	if dof <= 0 {
		return 0, false
	}
	g := p + 1
	res := ls.r[(p+2)*cols+p+2]
	sigma := math.Sqrt(float64(res*res) / float64(dof))
	zg := ls.r[g*cols+p+2]
	if ls.diag(g) < 0 {
		zg = -zg
	}
	tau = zg / sigma
	if math.IsNaN(tau) {
		return 0, false
	}
	return tau, true
}
