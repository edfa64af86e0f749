package stattest

import "math"

// ARCHLags is the number of lagged squares in Engle's test.
const ARCHLags = 12

// ARCHMinLength is the shortest series ARCHPValue tests; shorter ones get 0.5.
const ARCHMinLength = 50

// ARCHResult is the outcome of Engle's ARCH LM test.
type ARCHResult struct {
	LM     float64 // (T−12)·max(R², 0); NaN when not computed
	PValue float64
}

// ARCHPValue is ARCH(x).PValue.
func ARCHPValue(x []float64) float64 { return ARCH(x).PValue }

// ARCH runs Engle's LM test with 12 lags on the squares of the demeaned
// series (typology.md §4.11.1): regress s_t = e_t² on 1, s_{t−1} …
// s_{t−12}; LM = (T−12)·R² against χ²₁₂. Series shorter than 50 and
// numerical failures give p = 0.5; a response with no variation p = 1.
func ARCH(x []float64) ARCHResult {
	t := len(x)
	if t < ARCHMinLength {
		return ARCHResult{LM: math.NaN(), PValue: 0.5}
	}
	m := mean(x)
	s := make([]float64, t)
	for i, v := range x {
		e := v - m
		s[i] = float64(e * e)
	}
	resp := s[ARCHLags:]
	mr := mean(resp)
	var sst neumaier
	for _, v := range resp {
		dv := v - mr
		sst.add(float64(dv * dv))
	}
	if sst.value() < 1e-20 {
		return ARCHResult{LM: math.NaN(), PValue: 1}
	}
	ls := newLeastSquares(ARCHLags + 2)
	row := make([]float64, ARCHLags+2)
	for i := ARCHLags; i < t; i++ {
		row[0] = 1
		for l := 1; l <= ARCHLags; l++ {
			row[l] = s[i-l]
		}
		row[ARCHLags+1] = s[i]
		ls.addRow(row)
	}
	ssr := ls.nestedSSR()[ARCHLags]
	r2 := 1 - ssr/sst.value()
	lm := float64(t-ARCHLags) * max(r2, 0)
	p := Chi2Upper12(lm)
	if math.IsNaN(p) {
		p = 0.5
	}
	return ARCHResult{LM: lm, PValue: p}
}
