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
	pmax := ADFMaxLag(len(x))
	search := adfSearch(x, d, pmax)
	ssr := search.nestedSSR()
	p := adfBestLag(ssr, len(d)-pmax)
	tau, ok := adfStatistic(search, ssr, x, d, p, pmax)
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

// adfSearch factorises, on rows t = pmax … T−2, the design
// [1, x_t, d_{t−1}, …, d_{t−pmax} | d_t]: one factorisation gives the
// regressions on every leading set of columns.
// The block's columns are stretches of x and d, so they are copied whole
// (the blocks and their rows are those addRow would form).
func adfSearch(x, d []float64, pmax int) *leastSquares {
	ls := newLeastSquares(pmax + 3)
	for t := pmax; t < len(d); t += blockRows {
		cols := ls.block(min(blockRows, len(d)-t))
		n := len(cols[0])
		for i := range cols[0] {
			cols[0][i] = 1
		}
		copy(cols[1], x[t:t+n])
		for l := 1; l <= pmax; l++ {
			copy(cols[1+l], d[t-l:t-l+n])
		}
		copy(cols[pmax+2], d[t:t+n])
	}
	ls.flush()
	return ls
}

// adfRow fills [1, x_t, d_{t−1}, …, d_{t−p}, d_t].
func adfRow(row, x, d []float64, t, p int) {
	row[0], row[1] = 1, x[t]
	for l := 1; l <= p; l++ {
		row[1+l] = d[t-l]
	}
	row[p+2] = d[t]
}

// adfBestLag returns the p with the smallest AIC
// N·(ln 2π + ln(SSR_p/N) + 1) + 2·(p+2) over the nested fits (ties: the
// smaller p; an exact fit, AIC −Inf, wins).
func adfBestLag(ssr []float64, rows int) int {
	n := float64(rows)
	best, bestAIC := 0, math.Inf(1)
	for p := 0; p+1 < len(ssr); p++ {
		aic := float64(n*(math.Log(2*math.Pi)+math.Log(ssr[p+1]/n)+1)) + float64(2*(p+2))
		if aic < bestAIC { // NaN never wins
			best, bestAIC = p, aic
		}
	}
	return best
}

// adfStatistic is τ = γ̂/se(γ̂) of the regression of d_t on
// [1, x_t, d_{t−1}, …, d_{t−p}] over rows t = p … T−2. Those columns are
// the search's leading p+2, so their triangle on rows pmax … T−2 is the
// search triangle's leading block (with Qᵀy's leading part and the
// residual norm √SSR_p, from ssr = search.nestedSSR()); the rows
// p … pmax−1 are then appended. ok is false for a rank-deficient design or
// too few rows.
func adfStatistic(search *leastSquares, ssr, x, d []float64, p, pmax int) (tau float64, ok bool) {
	m := p + 2 // regressors
	for _, dep := range search.dependent()[:m] {
		if dep {
			return 0, false
		}
	}
	ls := newLeastSquares(m + 1)
	for i := 0; i < m; i++ {
		for c := i; c < m; c++ {
			ls.r[i*(m+1)+c] = search.r[i*search.k+c]
		}
		ls.r[i*(m+1)+m] = search.r[i*search.k+search.k-1] // (Qᵀy)_i
	}
	ls.r[m*(m+1)+m] = math.Sqrt(ssr[m-1])
	ls.rows = search.rows
	row := make([]float64, m+1)
	for t := p; t < pmax; t++ {
		adfRow(row, x, d, t, p)
		ls.addRow(row)
	}
	ls.flush()
	for _, dep := range ls.dependent() {
		if dep {
			return 0, false
		}
	}
	dof := ls.rows - m
	if dof <= 0 {
		return 0, false
	}
	res := ls.r[m*(m+1)+m]
	sigma2 := float64(res*res) / float64(dof)
	gamma, v := ls.coefficientAndVariance(1)
	tau = gamma / math.Sqrt(sigma2*v)
	if math.IsNaN(tau) {
		return 0, false
	}
	return tau, true
}
