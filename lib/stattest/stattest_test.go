package stattest

import (
	"math"
	"testing"
)

// uniforms is the MMIX linear congruential generator of
// testdata/reference.py, top 53 bits as a double: exact in Go and Python.
func uniforms(seed uint64, n int) []float64 {
	out := make([]float64, n)
	x := seed
	for i := range out {
		x = 6364136223846793005*x + 1442695040888963407
		out[i] = float64(x>>11) * 0x1p-53
	}
	return out
}

// noise is a sum of four uniforms minus 2, as in testdata/reference.py.
func noise(seed uint64, n int) []float64 {
	u := uniforms(seed, 4*n)
	w := make([]float64, n)
	for i := range w {
		w[i] = u[4*i] + u[4*i+1] + u[4*i+2] + u[4*i+3] - 2
	}
	return w
}

// series builds the named test series of testdata/reference.py.
func series(name string, n int) []float64 {
	w := noise(7, n)
	x := make([]float64, n)
	prev, s2 := 0.0, 1.0
	for t, v := range w {
		switch name {
		case "white":
			x[t] = v
		case "ar05":
			prev = float64(0.5*prev) + v
			x[t] = prev
		case "ar095":
			prev = float64(0.95*prev) + v
			x[t] = prev
		case "walk":
			prev += v
			x[t] = prev
		case "trend":
			x[t] = float64(0.01*float64(t)) + v
		case "garch":
			a := float64(float64(0.5*prev) * prev) // Python: 0.1 + 0.5*prev*prev + 0.4*s2
			s2 = (0.1 + a) + float64(0.4*s2)
			prev = float64(math.Sqrt(s2) * v)
			x[t] = prev
		}
	}
	return x
}

func near(got, want, rel float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if want == 0 {
		return math.Abs(got) <= rel
	}
	return math.Abs(got-want) <= rel*math.Abs(want)
}

// Appendix C of typology.md and scipy/statsmodels (testdata/reference.py).
func TestMacKinnonP(t *testing.T) {
	for _, c := range []struct{ tau, want float64 }{
		{-3.0, 0.0348944003}, {-2.0, 0.2865730992}, {0.5, 0.9848730963}, // Appendix C
		// statsmodels.tsa.adfvalues.mackinnonp(tau, "c", 1)
		{-3.0, 0.034894400275345266}, {-1.61, 0.4779756525941893}, {2.0, 0.9986729511999243},
		{-10.0, 1.8953190533444514e-17},
		{2.75, 1}, {-18.9, 0}, {math.Inf(-1), 0}, {math.Inf(1), 1},
	} {
		if got := MacKinnonP(c.tau); !near(got, c.want, 1e-9) {
			t.Errorf("MacKinnonP(%g) = %.12g, want %.12g", c.tau, got, c.want)
		}
	}
}

func TestChi2Upper12(t *testing.T) {
	for _, c := range []struct{ lm, want float64 }{
		{5.0, 0.9579789618}, {21.03, 0.0499428699}, // Appendix C
		// scipy.stats.chi2.sf(lm, 12)
		{5.0, 0.9579789618046939}, {21.03, 0.049942869871754565}, {0.5, 0.9999997261864366},
		{40.0, 7.190884052842894e-05}, {0, 1}, {-1, 1},
	} {
		if got := Chi2Upper12(c.lm); !near(got, c.want, 1e-9) {
			t.Errorf("Chi2Upper12(%g) = %.12g, want %.12g", c.lm, got, c.want)
		}
	}
}

// Appendix C: p_max and the KPSS bandwidth start c, integer-exact.
func TestLagRules(t *testing.T) {
	for _, c := range []struct{ t, want int }{{20, 8}, {100, 12}, {5000, 32}, {65536, 61}} {
		if got := ADFMaxLag(c.t); got != c.want {
			t.Errorf("ADFMaxLag(%d) = %d, want %d", c.t, got, c.want)
		}
	}
	for _, c := range []struct{ t, want int }{{20, 1}, {512, 3}, {1000, 4}, {5000, 6}, {19683, 8}, {65536, 11}} {
		if got := KPSSBandwidthStart(c.t); got != c.want {
			t.Errorf("KPSSBandwidthStart(%d) = %d, want %d", c.t, got, c.want)
		}
	}
}

// Values of statsmodels 0.13: adfuller(x, regression="c", autolag="AIC"),
// kpss(x, regression="c", nlags="auto") and het_arch(x - x.mean(), nlags=12)
// on the series of testdata/reference.py (printed by that script).
var statsmodelsCases = []struct {
	name            string
	n               int
	adfStat, adfP   float64
	adfLag          int
	kpssStat, kpssP float64
	kpssLags        int
	archLM, archP   float64
}{
	{"white", 200, -13.923214832325563, 5.249568778172291e-26, 0, 0.2043861157202581, 0.1, 4, 10.98208434297658, 0.5304546863976942},
	{"white", 5000, -70.11731395303076, 0.0, 0, 0.1371557643736849, 0.1, 1, 9.581754996040019, 0.6526002656274565},
	{"ar05", 200, -8.200388629405545, 7.257373020593429e-13, 0, 0.2527393586764261, 0.1, 5, 21.43436410200493, 0.044370384651829416},
	{"ar05", 5000, -40.87744828309312, 0.0, 0, 0.1451992805035961, 0.1, 22, 338.25230983853544, 4.209884417514338e-65},
	{"ar095", 60, -2.9072660023243393, 0.044509561089525494, 0, 0.2952394355623741, 0.1, 4, 19.109402663257285, 0.08592222974015555},
	{"ar095", 150, -2.847497076476649, 0.05180289502318015, 0, 0.5400052555367892, 0.03265647397820062, 8, 93.3066736918141, 1.1271731247322683e-14},
	{"ar095", 400, -3.497944986113626, 0.00804002828593385, 1, 0.5947506251589281, 0.023113579531006536, 11, 257.67694712156714, 3.421836170265224e-48},
	{"walk", 30, -1.4968519991958051, 0.5350680311197847, 0, 0.7656189614830018, 0.01, 3, 12.615950124667384, 0.39756157096635875},
	{"walk", 200, -1.8054982191608668, 0.37773541738508654, 0, 1.868328771402628, 0.01, 9, 164.18945370973003, 7.345870484652534e-29},
	{"walk", 5000, -1.2627167781228905, 0.6460522287851819, 0, 6.166880567480933, 0.01, 42, 4963.931244106889, 0.0},
	{"trend", 200, -0.1239560049642955, 0.946999526743188, 15, 2.124916748512513, 0.01, 8, 50.75332926056567, 1.0296228708126392e-06},
	{"trend", 5000, -0.21561510453200003, 0.9366345623970587, 31, 11.72517790840915, 0.01, 42, 4945.945389002676, 0.0},
	{"garch", 200, -14.144065437849092, 2.220024632708465e-26, 0, 0.1796143537021422, 0.1, 4, 21.731280562455453, 0.04064422341886128},
	{"garch", 5000, -69.80627650363881, 0.0, 0, 0.15228373600009087, 0.1, 1, 155.2209703463907, 4.933285792270934e-27},
}

func TestAgainstStatsmodels(t *testing.T) {
	for _, c := range statsmodelsCases {
		x := series(c.name, c.n)
		a := ADF(x)
		if a.Lag != c.adfLag || !near(a.Stat, c.adfStat, 1e-9) || !near(a.PValue, c.adfP, 1e-8) {
			t.Errorf("%s/%d: ADF = %+v, want stat %.12g lag %d p %.12g", c.name, c.n, a, c.adfStat, c.adfLag, c.adfP)
		}
		k := KPSS(x)
		if k.Lags != c.kpssLags || !near(k.Stat, c.kpssStat, 1e-9) || !near(k.PValue, c.kpssP, 1e-9) {
			t.Errorf("%s/%d: KPSS = %+v, want stat %.12g lags %d p %.12g", c.name, c.n, k, c.kpssStat, c.kpssLags, c.kpssP)
		}
		h := ARCH(x)
		if c.n < ARCHMinLength { // typology.md §4.11.1: the reference default, not statsmodels
			c.archLM, c.archP = math.NaN(), 0.5
		}
		if !near(h.LM, c.archLM, 1e-9) || !near(h.PValue, c.archP, 1e-8) {
			t.Errorf("%s/%d: ARCH = %+v, want LM %.12g p %.12g", c.name, c.n, h, c.archLM, c.archP)
		}
	}
}

// Appendix C, series SIN300: a pure tone satisfies an exact recurrence, so
// the ADF residuals are rounding noise and τ → −∞ (p = 0), where the
// pseudo-inverse of statsmodels reports a meaningless p near 1.
func TestSIN300(t *testing.T) {
	x := make([]float64, 300)
	for i := range x {
		x[i] = math.Sin(0.3 * float64(i))
	}
	if p := ADFPValue(x); p != 0 {
		t.Errorf("ADF p = %g, want 0", p)
	}
	if p := KPSSPValue(x); p != 0.10 {
		t.Errorf("KPSS p = %g, want 0.10", p)
	}
}

// The defaults of typology.md §4.5 and §4.11 for short and degenerate series.
func TestDegenerate(t *testing.T) {
	short := series("white", 19)
	if p := ADFPValue(short); p != 1 {
		t.Errorf("ADF(19 samples) = %g, want 1", p)
	}
	if p := KPSSPValue(short); p != 0 {
		t.Errorf("KPSS(19 samples) = %g, want 0", p)
	}
	if p := ARCHPValue(series("white", 49)); p != 0.5 {
		t.Errorf("ARCH(49 samples) = %g, want 0.5", p)
	}
	flat := make([]float64, 100)
	for i := range flat {
		flat[i] = 3
	}
	if p := ADFPValue(flat); p != 1 {
		t.Errorf("ADF(constant) = %g, want 1 (rank-deficient)", p)
	}
	if p := KPSSPValue(flat); p != 0 {
		t.Errorf("KPSS(constant) = %g, want 0", p)
	}
	if p := ARCHPValue(flat); p != 1 {
		t.Errorf("ARCH(constant) = %g, want 1 (no variation)", p)
	}
	step := make([]float64, 100) // zeros then a final 1: the level column is all zero
	step[99] = 1
	if r := ADF(step); r.PValue != 1 || !math.IsNaN(r.Stat) {
		t.Errorf("ADF(level column zero) = %+v, want failure with p 1", r)
	}
}

// A duplicated column explains nothing: the nested SSR does not move, and
// an exact fit has SSR 0 (hand-derived: y = 2 + 3x).
func TestNestedSSR(t *testing.T) {
	ls := newLeastSquares(4) // 1, x, x again, y
	for i := 0; i < 1000; i++ {
		x := float64(i % 37)
		ls.addRow([]float64{1, x, x, 2 + 3*x})
	}
	ssr := ls.nestedSSR()
	// SSR of y on 1 alone = Σ(y−ȳ)² = 9·Σ(x−x̄)²
	var sx, sxx float64
	for i := 0; i < 1000; i++ {
		x := float64(i % 37)
		sx += x
		sxx += x * x
	}
	want0 := 9 * (sxx - sx*sx/1000)
	if !near(ssr[0], want0, 1e-12) || math.Abs(ssr[1]) > 1e-18*want0 || ssr[2] != ssr[1] {
		t.Errorf("nested SSR = %v, want [%g ~0 same]", ssr, want0)
	}
}
