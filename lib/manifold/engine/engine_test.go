package engine

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func allImpls() []string {
	var ids []string
	for _, im := range implementations {
		ids = append(ids, im.id)
	}
	return ids
}

func sameBits(a, b float64) bool {
	return a == b && math.Signbit(a) == math.Signbit(b) || math.IsNaN(a) && math.IsNaN(b)
}

func sine(n int, cycles float64, amp float64) []float64 {
	x := make([]float64, n)
	for t := range x {
		x[t] = amp * math.Sin(2*math.Pi*cycles*float64(t)/float64(n))
	}
	return x
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(want) {
		if !math.IsNaN(got) {
			t.Errorf("%s = %.15g, want null", what, got)
		}
		return
	}
	if !(math.Abs(got-want) <= tol*max(1, math.Abs(want))) {
		t.Errorf("%s = %.15g, want %.15g (tol %g)", what, got, want, tol)
	}
}

// TestSineClosedForms: a bin-centred sine of amplitude A and k0 cycles in
// L = 128 samples. Hann leakage puts PSD weights 1/4, 1, 1/4 on bins
// k0-1, k0, k0+1, so the centroid is k0/L, the bandwidth 1/(L·√3), the
// entropy (log2(6)/3 + 2·log2(1.5)/3)/log2(L/2+1), and by Parseval the
// total power L·A²/2. The DFT magnitude at k0 is A·L/2; a sine over whole
// cycles has zero phase coherence in every quarter of 2 cycles.
func TestSineClosedForms(t *testing.T) {
	const L, k0, A = 128, 8, 3.0
	x := sine(L, k0, A)
	f0 := float64(k0) / L
	sp := compute("spectral", x)
	near(t, "dominant_freq", sp[1], f0, 1e-15)
	near(t, "spectral_entropy", sp[2], (math.Log2(6)/3+2*math.Log2(1.5)/3)/math.Log2(L/2+1), 1e-12)
	near(t, "spectral_centroid", sp[3], f0, 1e-12)
	near(t, "spectral_bandwidth", sp[4], 1/(L*math.Sqrt(3)), 1e-12)
	fb := compute("frequency_bands", x)
	near(t, "total_power", fb[6], L*A*A/2, 1e-12)
	near(t, "band_mid", fb[2], L*A*A/2, 1e-12) // bins 7, 8, 9 lie in [0.05, 0.25)
	near(t, "band_low", fb[0], 0, 1e-12)
	h := compute("harmonics", x)
	near(t, "fundamental_freq", h[0], f0, 0)
	near(t, "fundamental_amplitude", h[1], A*L/2, 1e-12)
	near(t, "harmonic_2x", h[2], 0, 1e-12)
	near(t, "thd", h[4], 0, 1e-12)
	pc := compute("phase_coherence", x)
	for i, c := range []string{"phase_coherence", "coherence_std", "coherence_trend"} {
		near(t, c, pc[i], 0, 1e-12)
	}
	// sample_entropy is scale-free; rms and peak are A/√2 and A.
	near(t, "rms", compute("rms", x)[0], A/math.Sqrt2, 1e-12)
	near(t, "peak", compute("peak", x)[0], A, 1e-12)
}

// TestHarmonicClosedForms: sin θ + 0.5 sin 2θ + 0.25 sin 3θ with θ over
// k0 = 4 whole cycles: harmonic amplitudes are (1, 0.5, 0.25)·L/2, so
// THD = 100·sqrt(0.5² + 0.25²) = 100·sqrt(0.3125) in both engines; the
// fundamental_freq engine picks the lowest of the three peaks, with ratio
// 1/(1 + 0.25 + 0.0625).
func TestHarmonicClosedForms(t *testing.T) {
	const L, k0 = 128, 4
	x := sine(L, k0, 1)
	for i, v := range sine(L, 2*k0, 0.5) {
		x[i] += v
	}
	for i, v := range sine(L, 3*k0, 0.25) {
		x[i] += v
	}
	f0 := float64(k0) / L
	h := compute("harmonics", x)
	near(t, "harmonics.fundamental_freq", h[0], f0, 0)
	near(t, "fundamental_amplitude", h[1], L/2, 1e-12)
	near(t, "harmonic_2x", h[2], 0.5*L/2, 1e-12)
	near(t, "harmonic_3x", h[3], 0.25*L/2, 1e-12)
	near(t, "harmonics.thd", h[4], 100*math.Sqrt(0.3125), 1e-12)
	ff := compute("fundamental_freq", x)
	near(t, "fundamental_freq", ff[0], f0, 0)
	near(t, "fundamental_power", ff[1], L*L/4, 1e-12)
	near(t, "fundamental_ratio", ff[2], 1/1.3125, 1e-12)
	near(t, "fundamental_confidence", ff[3], 1, 0)
	th := compute("thd", x)
	near(t, "thd_percent", th[0], 100*math.Sqrt(0.3125), 1e-12)
	near(t, "thd_db", th[1], 10*math.Log10(0.3125), 1e-12)
	near(t, "thd_fundamental_power", th[2], L*L/4, 1e-12)
	near(t, "thd_harmonic_power", th[3], 0.3125*L*L/4, 1e-12)
	near(t, "n_harmonics_found", th[4], 5, 0)
}

// mSequence returns the ±1 maximal-length sequence of the LFSR
// x^6 + x^5 + 1 (length 63). Its periodic autocorrelation is -1 off zero,
// so after removing the mean (1/63) every DFT bin but DC has power
// exactly L+1 = 64: a perfectly white periodogram.
func mSequence() []float64 {
	reg := uint(1)
	x := make([]float64, 63)
	for i := range x {
		bit := reg & 1
		x[i] = 2*float64(bit) - 1
		fb := (reg ^ reg>>1) & 1 // taps 6 and 5
		reg = reg>>1 | fb<<5
	}
	return x
}

// TestWhiteClosedForms: flat spectra. The m-sequence has Q_j = 64 for all
// 31 bins without DC: no strict peak (fundamental at the first bin,
// confidence 0), and nothing above 3·median, so the signal power is 0,
// snr_linear 0 and snr_db -Inf, written as null. For Welch, x = -a·δ_0 +
// a·δ_{L/2} has mean 0 and windowed segment a·δ_{L/2} (w_0 = 0,
// w_{L/2} = 1), a flat two-sided periodogram: one-sided weights 1, 2, …, 2,
// 1, so the centroid is 0.25, the total 8a²/3 (Σw² = 3L/8), and the
// entropy -(2/L·log2(1/L) + (L/2-1)·2/L·log2(2/L))/log2(L/2+1).
func TestWhiteClosedForms(t *testing.T) {
	x := mSequence()
	var f frame
	f.reset(x)
	_, pow, _ := f.dft()
	for _, q := range pow[1:] {
		near(t, "m-sequence power", q, 64, 1e-12)
	}
	// Equal powers differ by rounding, so strict peaks are arbitrary; the
	// power and ratio are not.
	ff := compute("fundamental_freq", x)
	near(t, "white fundamental_power", ff[1], 64, 1e-12)
	near(t, "white fundamental_ratio", ff[2], 1.0/31, 1e-12)
	s := compute("snr", x)
	if !math.IsNaN(s[0]) || s[1] != 0 || s[2] != 0 {
		t.Errorf("white snr = %v, want (null, 0, 0, _)", s)
	}
	near(t, "white noise_power", s[3], 31*64, 1e-12)

	const L, a = 64, 2.0
	y := make([]float64, L)
	y[0], y[L/2] = -a, a
	sp := compute("spectral", y)
	near(t, "flat dominant_freq", sp[1], 1.0/L, 0)
	wantH := -(2.0/L*math.Log2(1.0/L) + (L/2-1)*2.0/L*math.Log2(2.0/L)) / math.Log2(L/2+1)
	near(t, "flat spectral_entropy", sp[2], wantH, 1e-12)
	near(t, "flat spectral_centroid", sp[3], 0.25, 1e-12)
	near(t, "flat total_power", compute("frequency_bands", y)[6], 8*a*a/3, 1e-12)
}

// TestNoPeakFundamental: x_t = ρ^t has |X_k|² = (1-ρ^m)²/(1 - 2ρ·cos(2πk/m)
// + ρ²) for k >= 1, strictly decreasing up to Nyquist: no strict peak, so
// the fundamental is the first bin and the confidence 0.
func TestNoPeakFundamental(t *testing.T) {
	const m, rho = 64, 0.5
	x := make([]float64, m)
	var total float64
	for k := range x {
		x[k] = math.Pow(rho, float64(k))
		if k >= 1 && k <= m/2 {
			total += q(k, m, rho)
		}
	}
	ff := compute("fundamental_freq", x)
	near(t, "fundamental_freq", ff[0], 1.0/m, 0)
	near(t, "fundamental_power", ff[1], q(1, m, rho), 1e-12)
	near(t, "fundamental_ratio", ff[2], q(1, m, rho)/total, 1e-12)
	near(t, "fundamental_confidence", ff[3], 0, 0)
}

func q(k, m int, rho float64) float64 {
	num := 1 - math.Pow(rho, float64(m))
	return num * num / (1 - 2*rho*math.Cos(2*math.Pi*float64(k)/float64(m)) + rho*rho)
}

// TestRampClosedForms: x_t = a + b·t, m = 128. trend_slope = b, trend_r2 = 1,
// residuals 0; the first differences are all b; cusum_range =
// (m²/8)/sqrt((m²-1)/12); a discrete uniform has skewness 0 and excess
// kurtosis -6(m²+1)/(5(m²-1)); variance_ratio is null (zero difference
// variance).
func TestRampClosedForms(t *testing.T) {
	const m, a, b = 128, 5.0, 0.25
	x := make([]float64, m)
	for i := range x {
		x[i] = a + b*float64(i)
	}
	tr := compute("trend", x)
	near(t, "trend_slope", tr[0], b, 1e-12)
	near(t, "trend_r2", tr[1], 1, 1e-12)
	near(t, "detrend_std", tr[2], 0, 1e-12)
	near(t, "cusum_range", tr[3], (m*m/8)/math.Sqrt((m*m-1)/12.0), 1e-12)
	rc := compute("rate_of_change", x)
	for i, want := range []float64{b, b, b, 0, b} {
		near(t, "rate "+New("rate_of_change").Columns()[i], rc[i], want, 1e-12)
	}
	st := compute("statistics", x)
	near(t, "ramp kurtosis", st[0], -6*(m*m+1)/(5*(m*m-1.0)), 1e-12)
	near(t, "ramp skewness", st[1], 0, 1e-12)
	for _, v := range compute("variance_ratio", x) {
		if !math.IsNaN(v) {
			t.Errorf("ramp variance_ratio = %v, want null", v)
		}
	}
	// acf of a ramp: r_1 = 1 - 3/(m... ) is not needed; half-life exists.
	if math.IsNaN(compute("acf_decay", x)[2]) {
		t.Error("ramp acf_half_life is null")
	}
}

// TestConstantRules checks every engine's constant rule (§5.5) on constant
// windows, including values whose float mean has a rounding residue.
func TestConstantRules(t *testing.T) {
	n := math.NaN()
	for _, c := range []float64{0.1, -7.3, 1e6, 0} {
		x := make([]float64, 128)
		for i := range x {
			x[i] = c
		}
		crest := 1.0
		if c == 0 {
			crest = n
		}
		want := map[string][]float64{
			"statistics":       {n, n, crest},
			"kurtosis":         {n},
			"skewness":         {n},
			"crest_factor":     {crest},
			"spectral":         {0, 0, 0, 0, 0},
			"frequency_bands":  {0, 0, 0, 0, 0, 0, 0, 0.5},
			"sample_entropy":   {n},
			"perm_entropy":     {0},
			"hurst":            {n, n},
			"acf_decay":        {n, n, n},
			"trend":            {0, 0, 0, 0},
			"rate_of_change":   {0, 0, 0, 0, 0},
			"variance_growth":  {n, n},
			"harmonics":        {0, 0, n, n, 0},
			"fundamental_freq": {n, n, n, n},
			"thd":              {n, n, n, n, 0},
			"snr":              {n, n, n, n},
			"phase_coherence":  {1, 0, 0},
			"variance_ratio":   {1, 1, 1, 0},
			"rms":              {math.Abs(c)},
			"peak":             {math.Abs(c), 0},
		}
		for impl, w := range want {
			got := compute(impl, x)
			for i := range w {
				if !sameBits(got[i], w[i]) && !(got[i] == w[i]) {
					t.Errorf("constant %v: %s.%s = %v, want %v", c, impl, New(impl).Columns()[i], got[i], w[i])
				}
			}
		}
	}
}

// floors lists each implementation's floor (§5.5): below it every output
// is null (thd: n_harmonics_found 0). hurst needs 52 values for 3 points.
var floors = map[string]int{
	"statistics": 4, "kurtosis": 4, "skewness": 3, "crest_factor": 1, "spectral": 4,
	"frequency_bands": 4, "sample_entropy": 4, "perm_entropy": 3, "hurst": 52, "acf_decay": 4,
	"trend": 3, "rate_of_change": 3, "variance_growth": 20, "harmonics": 4,
	"fundamental_freq": 8, "thd": 16, "snr": 8, "phase_coherence": 32, "variance_ratio": 20,
	"rms": 1, "peak": 1,
}

func TestFloors(t *testing.T) {
	if len(floors) != len(implementations) {
		t.Fatalf("floors lists %d implementations, want %d", len(floors), len(implementations))
	}
	base := addConst(sineTrend(200), 1)
	for impl, fl := range floors {
		for m := 0; m < fl; m++ {
			for i, v := range compute(impl, base[:m]) {
				if impl == "thd" && i == 4 {
					if v != 0 {
						t.Errorf("thd m=%d: n_harmonics_found = %v, want 0", m, v)
					}
					continue
				}
				if !math.IsNaN(v) {
					t.Errorf("%s m=%d (floor %d): column %d = %v, want null", impl, m, fl, i, v)
				}
			}
		}
		// At the floor the engine can give values; sample entropy needs a
		// length-3 match too, which 4 values (one template) never have.
		at := fl
		if impl == "sample_entropy" {
			at = 30
		}
		nonNull := false
		for _, v := range compute(impl, base[:at]) {
			nonNull = nonNull || !math.IsNaN(v)
		}
		if !nonNull {
			t.Errorf("%s at %d values gives only nulls", impl, at)
		}
	}
}

// windows returns varied test windows: the golden inputs, random lengths
// (as left by dropping NaNs), ties, constant runs, large offsets.
func windows() [][]float64 {
	var ws [][]float64
	for _, x := range testInputs() {
		ws = append(ws, x)
	}
	r := rand.New(rand.NewPCG(5, 7))
	for i := 0; i < 40; i++ {
		m := 1 + r.IntN(300)
		x := make([]float64, m)
		walk := 0.0
		for j := range x {
			switch i % 4 {
			case 0:
				x[j] = r.NormFloat64()
			case 1:
				x[j] = float64(r.IntN(4)) // heavy ties
			case 2:
				walk += r.NormFloat64()
				x[j] = walk + 1e4
			case 3:
				if j%20 < 10 {
					x[j] = 2.5 // constant runs
				} else {
					x[j] = r.Float64()
				}
			}
		}
		ws = append(ws, x)
	}
	return ws
}

// TestSetMatchesEngines: a Set of every implementation (shuffled) gives
// the same bits as separate engines, window after window, and reusing an
// engine across windows of different lengths gives the same bits as a
// fresh engine.
func TestSetMatchesEngines(t *testing.T) {
	ids := allImpls()
	rand.New(rand.NewPCG(1, 1)).Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	set, err := NewSet(ids)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(set.Impls(), ids) {
		t.Fatal("Set.Impls does not keep the order")
	}
	out := make([][]float64, len(ids))
	reused := make([]Engine, len(ids))
	for i, id := range ids {
		out[i] = make([]float64, len(set.Columns(i)))
		reused[i] = New(id)
	}
	for w, x := range windows() {
		set.Compute(x, out)
		for i, id := range ids {
			fresh := compute(id, x)
			again := make([]float64, len(fresh))
			reused[i].Compute(x, again)
			for c := range fresh {
				if !sameBits(out[i][c], fresh[c]) || !sameBits(again[c], fresh[c]) {
					t.Errorf("window %d (m=%d) %s col %d: set %v, reused %v, fresh %v", w, len(x), id, c, out[i][c], again[c], fresh[c])
				}
			}
		}
	}
	if _, err := NewSet([]string{"spectral", "lyapunov"}); err == nil {
		t.Error("NewSet accepted a second-wave engine")
	}
}

// TestNoInfinities: outputs are finite or NaN, for ordinary and extreme
// scales.
func TestNoInfinities(t *testing.T) {
	for _, x := range windows() {
		for _, scale := range []float64{1, 1e-300, 1e300} {
			y := make([]float64, len(x))
			for i, v := range x {
				y[i] = v * scale
			}
			for _, id := range allImpls() {
				for c, v := range compute(id, y) {
					if math.IsInf(v, 0) {
						t.Errorf("%s col %d = %v at scale %g", id, c, v, scale)
					}
				}
			}
		}
	}
}

// naiveSampleEntropyCounts is the O(m²) definition of §5.5 E6.
func naiveSampleEntropyCounts(x []float64, r float64) (a, b int) {
	m := len(x)
	for i := 0; i < m-2; i++ {
		for j := i + 1; j < m-2; j++ {
			if math.Abs(x[i]-x[j]) < r && math.Abs(x[i+1]-x[j+1]) < r {
				b++
			}
		}
	}
	for i := 0; i < m-3; i++ {
		for j := i + 1; j < m-3; j++ {
			if math.Abs(x[i]-x[j]) < r && math.Abs(x[i+1]-x[j+1]) < r && math.Abs(x[i+2]-x[j+2]) < r {
				a++
			}
		}
	}
	return a, b
}

// TestSampleEntropyCountsMatchNaive: the sorted and the lag counts equal
// the naive count exactly, on random, tied, quantised and constant-run
// inputs, with r both from the data and at values that hit differences
// exactly, across one, two and three flag words per lag.
func TestSampleEntropyCountsMatchNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 13))
	var buf []keyed
	var padded []float64
	var words []uint64
	for trial := 0; trial < 400; trial++ {
		m := 4 + r.IntN(200)
		x := make([]float64, m)
		for i := range x {
			switch trial % 5 {
			case 0:
				x[i] = r.NormFloat64()
			case 1:
				x[i] = float64(r.IntN(5)) * 0.1 // ties, differences equal to r
			case 2:
				x[i] = float64(i / 7) // constant runs
			case 3:
				x[i] = math.Floor(r.NormFloat64()*4) / 4
			case 4:
				x[i] = r.Float64()*1e-3 + 1e3
			}
		}
		var f frame
		f.reset(x)
		for _, rr := range []float64{0.2 * f.std(), 0.1, 0.25, 1} {
			a, b := sortedMatchCounts(x, rr, &buf)
			la, lb := lagFlagCounts(x, rr, &padded, &words)
			na, nb := naiveSampleEntropyCounts(x, rr)
			if a != na || b != nb || la != na || lb != nb {
				t.Fatalf("trial %d m=%d r=%v: sorted (A, B) = (%d, %d), lags (%d, %d), naive (%d, %d)", trial, m, rr, a, b, la, lb, na, nb)
			}
		}
	}
}

// TestNearestBin: the local search equals a linear scan (first index wins).
func TestNearestBin(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, m := range []int{4, 7, 16, 64, 100, 101, 128, 1000} {
		for _, offset := range []int{0, 1} { // freq (with DC) and g (without)
			nb := m/2 + 1 - offset
			if nb < 1 {
				continue
			}
			freq := make([]float64, nb)
			step := 1 / float64(m)
			for k := range freq {
				freq[k] = float64(k+offset) * step
			}
			targets := []float64{-1, 0, 0.5, 0.7, math.NaN()}
			for k := 0; k <= m; k++ {
				targets = append(targets, float64(k)*step, (float64(k)+0.5)*step, float64(k)*(float64(k%7)*step))
			}
			for i := 0; i < 200; i++ {
				targets = append(targets, r.Float64()*0.6)
			}
			for _, tg := range targets {
				want := 0
				for k := range freq {
					if math.Abs(freq[k]-tg) < math.Abs(freq[want]-tg) {
						want = k
					}
				}
				if got := nearestBin(freq, tg); got != want {
					t.Errorf("m=%d offset=%d target %v: nearestBin = %d, linear scan %d", m, offset, tg, got, want)
				}
			}
		}
	}
}

// TestZeroAllocations: after the first windows of a length, Compute
// allocates nothing (Engine and Set), including lengths that need a
// Bluestein DFT or several Welch segments.
func TestZeroAllocations(t *testing.T) {
	set, _ := NewSet(allImpls())
	out := make([][]float64, len(implementations))
	for i := range out {
		out[i] = make([]float64, len(set.Columns(i)))
	}
	for _, m := range []int{64, 101, 128, 1000} {
		x := lcg(m, 9)
		y := runningSum(x)
		set.Compute(x, out)
		set.Compute(y, out)
		if a := testing.AllocsPerRun(20, func() { set.Compute(x, out); set.Compute(y, out) }); a != 0 {
			t.Errorf("m=%d: Set.Compute allocates %v per window", m, a/2)
		}
		for _, id := range allImpls() {
			e := New(id)
			o := make([]float64, len(e.Columns()))
			e.Compute(x, o)
			if a := testing.AllocsPerRun(20, func() { e.Compute(x, o); e.Compute(y, o) }); a != 0 {
				t.Errorf("m=%d: %s allocates %v per window", m, id, a/2)
			}
		}
	}
}

func TestLookup(t *testing.T) {
	aliasOf := map[string]string{
		"spectral_entropy": "spectral", "band_power": "frequency_bands",
		"permutation_entropy": "perm_entropy", "trend_r2": "trend", "detrend_std": "trend",
		"cusum": "trend", "trend": "trend", "statistics": "statistics",
	}
	for name, impl := range aliasOf {
		s, ok := Lookup(name)
		if !ok || s.Impl != impl || s.Name != name {
			t.Errorf("Lookup(%q) = %+v, %v; want impl %q", name, s, ok, impl)
		}
	}
	for _, name := range Names() {
		if _, ok := Lookup(name); !ok {
			t.Errorf("Names lists %q but Lookup misses it", name)
		}
	}
	if len(Names()) != 27 {
		t.Errorf("%d core names, want 27 (21 implementations + 6 aliases)", len(Names()))
	}
	// Second-wave and unknown names (§5.6, manifest.md §5.3) are not core.
	for _, name := range []string{"lyapunov", "adf_stat", "memory", "complexity", "dfa", "garch",
		"correlation_dimension", "recurrence_rate", "determinism", "embedding_dim", "envelope",
		"switching_frequency", "level_count", "approximate_entropy", "mann_kendall", "", "Spectral"} {
		if s, ok := Lookup(name); ok {
			t.Errorf("Lookup(%q) = %+v, want not found", name, s)
		}
	}
	got := NotImplemented([]string{"spectral", "lyapunov", "adf_stat", "lyapunov", "band_power", "rise_time"})
	if !slices.Equal(got, []string{"adf_stat", "lyapunov", "rise_time"}) {
		t.Errorf("NotImplemented = %v", got)
	}
	if New("spectral_entropy") != nil || New("nope") != nil {
		t.Error("New accepts a manifest alias or an unknown id")
	}
	s, _ := Lookup("harmonics")
	s.Columns[0] = "changed"
	if New("harmonics").Columns()[0] != "fundamental_freq" {
		t.Error("Spec.Columns aliases the catalogue")
	}
}

// TestCanonicalColumns: §5.3 lists every implementation column once, and
// each implementation's columns appear in its own order.
func TestCanonicalColumns(t *testing.T) {
	cc := CanonicalColumns()
	pos := map[string]int{}
	for i, c := range cc {
		if _, dup := pos[c]; dup {
			t.Errorf("duplicate canonical column %q", c)
		}
		pos[c] = i
	}
	seen := map[string]bool{}
	for _, im := range implementations {
		last := -1
		for _, c := range im.columns {
			p, ok := pos[c]
			if !ok {
				t.Errorf("%s column %q missing from CanonicalColumns", im.id, c)
			}
			if p < last {
				t.Errorf("%s column %q out of canonical order", im.id, c)
			}
			last = p
			seen[c] = true
		}
	}
	if len(seen) != len(cc) {
		t.Errorf("%d canonical columns, %d produced by implementations", len(cc), len(seen))
	}
	if len(cc) != 60 {
		t.Errorf("%d canonical columns, want 60", len(cc))
	}
}

// TestAssign checks the collision rule of §5.1 step 3 on the reference's
// real collisions.
func TestAssign(t *testing.T) {
	periodic := []string{"crest_factor", "kurtosis", "skewness", "spectral", "sample_entropy",
		"perm_entropy", "hurst", "acf_decay", "harmonics", "thd", "frequency_bands",
		"fundamental_freq", "phase_coherence", "snr", "lyapunov"}
	check := func(names []string, column, winner string, losers ...string) {
		t.Helper()
		for _, a := range Assign(names) {
			if a.Column != column {
				continue
			}
			if names[a.Engine] != winner {
				t.Errorf("%v: %s from %s, want %s", names, column, names[a.Engine], winner)
			}
			var got []string
			for _, i := range a.Losers {
				got = append(got, names[i])
			}
			if !slices.Equal(got, losers) {
				t.Errorf("%v: %s losers %v, want %v", names, column, got, losers)
			}
			return
		}
		t.Errorf("%v: no column %s", names, column)
	}
	check(periodic, "fundamental_freq", "fundamental_freq", "harmonics")
	check(periodic, "fundamental_amplitude", "harmonics")
	check([]string{"variance_ratio", "variance_growth"}, "variance_ratio", "variance_ratio", "variance_growth")
	check([]string{"variance_growth", "variance_ratio"}, "variance_ratio", "variance_ratio", "variance_growth")
	check([]string{"statistics", "kurtosis"}, "kurtosis", "kurtosis", "statistics")
	check([]string{"statistics", "kurtosis"}, "skewness", "statistics")
	// Aliases: the named column wins, otherwise the later name.
	check([]string{"trend_r2", "cusum", "detrend_std"}, "trend_r2", "trend_r2", "cusum", "detrend_std")
	check([]string{"trend_r2", "cusum", "detrend_std"}, "cusum_range", "detrend_std", "trend_r2", "cusum")
	// Columns come out in canonical order; unknown names are skipped.
	var cols []string
	for _, a := range Assign(periodic) {
		cols = append(cols, a.Column)
	}
	cc := CanonicalColumns()
	idx := func(c string) int { return slices.Index(cc, c) }
	if !slices.IsSortedFunc(cols, func(a, b string) int { return idx(a) - idx(b) }) {
		t.Errorf("Assign columns not in canonical order: %v", cols)
	}
}

// TestSortKeyed: the specialised introsort orders like the definition on
// random, sorted, reversed, tied and adversarial inputs, including the
// heapsort fallback (depth 0).
func TestSortKeyed(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 9))
	for trial := 0; trial < 300; trial++ {
		n := r.IntN(400)
		a := make([]keyed, n)
		for i := range a {
			var v float64
			switch trial % 5 {
			case 0:
				v = r.NormFloat64()
			case 1:
				v = float64(i)
			case 2:
				v = float64(-i)
			case 3:
				v = float64(r.IntN(3))
			case 4:
				v = float64(i % 7)
			}
			a[i] = keyed{v, int32(i)}
		}
		want := slices.Clone(a)
		slices.SortFunc(want, func(p, q keyed) int {
			switch {
			case p.less(q):
				return -1
			case q.less(p):
				return 1
			}
			return 0
		})
		got := slices.Clone(a)
		if trial%2 == 0 {
			sortKeyed(got)
		} else {
			quickKeyed(got, 0) // heapsort path
		}
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d n=%d: sortKeyed differs", trial, n)
		}
	}
}
