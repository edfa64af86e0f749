package typology

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"reflect"
	"testing"

	"sp/lib/obs"
	"sp/lib/typology/measure"
)

func analyzeSlice(t *testing.T, x []float64) (Row, Stats) {
	t.Helper()
	var an Analyzer
	row, st, err := an.Analyze(obs.Key{SignalID: "s"}, int64(len(x)), SliceSource(x))
	if err != nil {
		t.Fatal(err)
	}
	return row, st
}

// FULL measures against numpy/scipy (testdata/reference.py):
// scipy.stats.kurtosis(fisher=False, bias=True), skew(bias=True),
// max|x|/sqrt(mean(x²)), len(unique)/n, mean(x == 0),
// mean(|diff| < 0.01·std), mean zero-run length / n, mean, std.
func TestFullAgainstNumpy(t *testing.T) {
	for _, c := range []struct {
		name                                                    string
		kurt, skew, crest, unique, sparsity, deriv, zrr, mu, sd float64
		integer                                                 bool
	}{
		{"mixed", 26.898606045113354, -0.6625737584490713, 10.40767632044517, 0.27466666666666667, 0.446,
			0.30543514504834945, 0.0007508417508417509, -0.004572000000000001, 0.4628088750402265, false},
		{"quantised", 2.724629199902886, -0.02500972758107111, 1.016137315745216, 0.5753333333333334, 0,
			0.0040013337779259755, 0, 99.99217708333333, 0.5680331899709583, false},
		{"integers", 2.730231753391947, -0.03064476671235052, 3.1047406485604037, 0.006, 0.138,
			0.09269756585528509, 0.00039428571428571426, -0.5363333333333333, 2.8487447333089633, true},
	} {
		row, _ := analyzeSlice(t, referenceSeries(c.name))
		for _, m := range []struct {
			col       string
			got, want float64
		}{
			{"kurtosis", row.Kurtosis, c.kurt}, {"skewness", row.Skewness, c.skew},
			{"crest_factor", row.CrestFactor, c.crest}, {"unique_ratio", row.UniqueRatio, c.unique},
			{"sparsity", row.Sparsity, c.sparsity}, {"derivative_sparsity", row.DerivativeSparsity, c.deriv},
			{"zero_run_ratio", row.ZeroRunRatio, c.zrr}, {"signal_mean", row.SignalMean, c.mu},
			{"signal_std", row.SignalStd, c.sd},
		} {
			if !near(m.got, m.want, 1e-12) {
				t.Errorf("%s %s = %.17g, want %.17g", c.name, m.col, m.got, m.want)
			}
		}
		if row.IsInteger != c.integer || row.IsConstant || row.NSamples != 3000 || row.NAnalysis != 3000 {
			t.Errorf("%s: integer %v constant %v n %d n_A %d", c.name, row.IsInteger, row.IsConstant, row.NSamples, row.NAnalysis)
		}
	}
}

// The constant profile of §4.2 and the degenerate inputs of the issue.
func TestConstantProfile(t *testing.T) {
	nan := math.NaN()
	for _, c := range []struct {
		name string
		x    []float64
		n    int64
		mean float64
	}{
		{"empty", nil, 0, nan},
		{"all NaN and Inf", []float64{nan, math.Inf(1), nan, math.Inf(-1)}, 0, nan},
		{"one sample", []float64{nan, 7.5, nan}, 1, 7.5},
		{"E1 constant 42", []float64{42, 42, 42, 42, 42}, 5, 42},
		{"minus zero and zero", []float64{0, math.Copysign(0, -1), 0}, 3, 0},
	} {
		row, _ := analyzeSlice(t, c.x)
		// every column of the table in typology.md §4.2; the zero value covers
		// the 0.0/false/null entries (perm_entropy … zero_run_ratio, acf null)
		want := Row{Key: row.Key, NSamples: c.n, NAnalysis: c.n, ADFPValue: 1, KPSSPValue: 1, VarianceRatio: 1,
			Hurst: 0.5, ARCHPValue: 1, CrestFactor: 1, Kurtosis: 3, IsConstant: true, DerivativeSparsity: 1,
			WindowFactor: 0.5}
		mean := row.SignalMean
		row.SignalMean = 0
		if row != want || !near(mean, c.mean, 0) {
			t.Errorf("%s: row = %+v\nwant %+v (mean %g)", c.name, row, want, c.mean)
		}
	}
}

// §4.13: a non-constant series of 5 samples gets every short default.
func TestShortSeries(t *testing.T) {
	row, _ := analyzeSlice(t, []float64{1, 3, 2, 5, 4})
	nan := math.NaN()
	for _, m := range []struct {
		col       string
		got, want float64
	}{
		{"adf", row.ADFPValue, 1}, {"kpss", row.KPSSPValue, 0}, {"vr", row.VarianceRatio, 1},
		{"hurst", row.Hurst, nan}, {"sampen", row.SampleEntropy, nan},
		{"flatness", row.SpectralFlatness, 0.5}, {"slope", row.SpectralSlope, 0}, {"hnr", row.HarmonicNoiseRatio, 0},
		{"snr", row.SpectralPeakSNR, 0}, {"dom", row.DominantFrequency, 0}, {"lyap", row.LyapunovProxy, 0},
		{"det", row.DeterminismScore, 0.5}, {"arch", row.ARCHPValue, 0.5}, {"rvs", row.RollingVarStd, 0},
		// hand-derived: patterns (0,2,1), (1,0,2) ... of 1,3,2,5,4: (1,3,2)→(0,2,1), (3,2,5)→(1,0,2), (2,5,4)→(0,2,1)
		{"perm", row.PermEntropy, -(2.0/3*math.Log2(2.0/3) + 1.0/3*math.Log2(1.0/3)) / math.Log2(6)},
		{"tpr", row.TurningPointRatio, 1}, // 3 peak, 2 trough, 5 peak
		// differences 2, 1, 3, 1 against 0.01·std: none below
		{"derivative_sparsity", row.DerivativeSparsity, 0},
	} {
		if !near(m.got, m.want, 1e-12) {
			t.Errorf("%s = %g, want %g", m.col, m.got, m.want)
		}
	}
	if row.ACFHalfLifeValid || row.ACFDecayed || row.IsFirstBinPeak || row.NAnalysis != 5 {
		t.Errorf("acf valid %v decayed %v first-bin %v n_A %d", row.ACFHalfLifeValid, row.ACFDecayed, row.IsFirstBinPeak, row.NAnalysis)
	}
}

// Appendix C rows: the stationarity tests and the window factor on the
// two golden series (the dynamics columns are tested in package measure).
func TestGoldenRows(t *testing.T) {
	sin := make([]float64, 300)
	for i := range sin {
		sin[i] = math.Sin(0.3 * float64(i))
	}
	row, _ := analyzeSlice(t, sin)
	if row.ADFPValue != 0 || row.KPSSPValue != 0.10 || row.ACFHalfLife != 4 || !row.ACFDecayed || row.IsFirstBinPeak {
		t.Errorf("SIN300: adf %g kpss %g acf %g/%v first-bin %v", row.ADFPValue, row.KPSSPValue, row.ACFHalfLife, row.ACFDecayed, row.IsFirstBinPeak)
	}
	// rules 1 (SF 0.011 < 0.3, SNR 43.8 > 10), 2 (slope −1.86), 3 (f 0.047),
	// 4 (TPR 0.097), 6 (H 0.34 < 0.4): 1.5·1.25·1.4·1.25·1.3 = 4.27 → 3.0
	if row.WindowFactor != 3.0 {
		t.Errorf("SIN300 window_factor = %g, want 3", row.WindowFactor)
	}
	lg := make([]float64, 1000)
	lg[0] = 0.4
	for i := 1; i < len(lg); i++ {
		lg[i] = float64(float64(3.9*lg[i-1]) * (1 - lg[i-1]))
	}
	row, _ = analyzeSlice(t, lg)
	if !(row.ARCHPValue < 1e-12) || !(row.ADFPValue < 1e-20) || row.KPSSPValue != 0.10 || row.ACFHalfLife != 2 {
		t.Errorf("LOGISTIC1000: arch %g adf %g kpss %g acf %g", row.ARCHPValue, row.ADFPValue, row.KPSSPValue, row.ACFHalfLife)
	}
	// no rule fires except none: SF 0.35, slope 0.72, f 0.374, TPR 0.82, ADF 0, H 0.50, PE 0.85 → 1.0
	if row.WindowFactor != 1.0 {
		t.Errorf("LOGISTIC1000 window_factor = %g, want 1", row.WindowFactor)
	}
}

// Appendix C: the rounding of window_factor (Python round semantics).
func TestRound2(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{{2.625, 2.62}, {1.875, 1.88}, {1.2, 1.2}, {1.68, 1.68}} {
		if got := round2(c.in); got != c.want {
			t.Errorf("round2(%g) = %g, want %g", c.in, got, c.want)
		}
	}
	r := Row{SpectralFlatness: 0.01, SpectralPeakSNR: 300, DominantFrequency: 0.02, TurningPointRatio: 0.037,
		Hurst: 0.82, PermEntropy: 0.49} // E3: 1.5·1.4·1.25·1.2 = 3.15 → 3.0
	if got := windowFactor(&r); got != 3.0 {
		t.Errorf("E3 window_factor = %g, want 3.0 (clamped)", got)
	}
}

// The block-merged moments agree with a direct compensated two-pass
// computation on a series with a large offset and drift (where the naive
// one-pass formula would lose every digit, and a two-pass one about x −
// rounded mean loses ~3·ulp(mean)·M2 in M3).
func TestMomentsAccuracy(t *testing.T) {
	w := noise(5, 700000)
	x := make([]float64, len(w))
	for i, v := range w {
		x[i] = 1e6 + 1e-3*float64(i)/float64(len(w)) + 1e-3*v
	}
	var tree momentTree
	for i := 0; i < len(x); i += blockLen {
		tree.add(blockMoments(x[i:min(i+blockLen, len(x))], x[0]))
	}
	got := tree.total()
	got.mean += x[0]
	// reference: two compensated passes over x − x[0], which is exact
	// (Sterbenz), so the mean carries no rounding of the offset
	shifted := make([]float64, len(x))
	for i, v := range x {
		shifted[i] = v - x[0]
	}
	ms := measure.Mean(shifted)
	mean := x[0] + ms
	var s2, s3, s4 measure.Sum
	for _, v := range shifted {
		d := v - ms
		s2.Add(d * d)
		s3.Add(d * d * d)
		s4.Add(d * d * d * d)
	}
	scale3 := math.Pow(s2.Value(), 1.5) // m3 is near 0: compare on the skewness scale
	if !near(got.mean, mean, 1e-15) || !near(got.m2, s2.Value(), 1e-13) || math.Abs(got.m3-s3.Value()) > 1e-13*scale3 ||
		!near(got.m4, s4.Value(), 1e-13) {
		t.Errorf("moments %+v, want mean %g m2 %g m3 %g m4 %g", got, mean, s2.Value(), s3.Value(), s4.Value())
	}
}

// The distinct counter: exact up to 2²⁰ values, then the HyperLogLog of
// §4.4, whose estimate for 0 … 1,499,999 was computed by the independent
// Python implementation in testdata/reference.py: 1512574.9829577017.
func TestDistinctCounter(t *testing.T) {
	var d distinctCounter
	x := make([]float64, 1500000)
	for i := range x {
		x[i] = float64(i)
	}
	d.addBlock(x[:1<<20])
	d.addBlock(x[:1000]) // repeats
	if !d.exact() || d.count() != 1<<20 {
		t.Fatalf("after 2^20 distinct: exact %v count %g", d.exact(), d.count())
	}
	d.addBlock(x[1<<20:])
	if d.exact() || !near(d.count(), 1512574.9829577017, 1e-12) {
		t.Errorf("HLL estimate %.10f (exact %v), want 1512574.9829577017", d.count(), d.exact())
	}
	var z distinctCounter
	z.addBlock([]float64{0, math.Copysign(0, -1), 1, 1})
	if z.count() != 2 {
		t.Errorf("count(0, -0, 1, 1) = %g, want 2", z.count())
	}
}

// The exact distinct count against a map of canonical bit patterns, for
// data on and off power-of-two grids, ranges that widen as the signal
// goes on, signs, zeros and subnormals, fed in blocks.
func TestDistinctExact(t *testing.T) {
	w := noise(21, 400000)
	cases := map[string]func(i int, v float64) float64{
		"integers":        func(i int, v float64) float64 { return math.Floor(v * 1000) },
		"grid 2^-20":      func(i int, v float64) float64 { return math.Round(v*(1<<20)) / (1 << 20) },
		"widening range":  func(i int, v float64) float64 { return math.Round(v*float64(1+i/1000)) / 64 },
		"grid and others": func(i int, v float64) float64 { return []float64{math.Round(v * 8), v}[i%5/4] },
		"continuous":      func(i int, v float64) float64 { return v * 1e-3 },
		"tiny":            func(i int, v float64) float64 { return math.Round(v*16) * 0x1p-1070 },
		"zeros":           func(i int, v float64) float64 { return []float64{0, math.Copysign(0, -1)}[i%2] },
	}
	for name, gen := range cases {
		x := make([]float64, len(w))
		want := map[uint64]bool{}
		for i, v := range w {
			x[i] = gen(i, v)
			want[canonicalBits(x[i])] = true
		}
		var d distinctCounter
		for i := 0; i < len(x); i += blockLen {
			d.addBlock(x[i:min(i+blockLen, len(x))])
		}
		if !d.exact() || d.count() != float64(len(want)) {
			t.Errorf("%s: count %g (exact %v), want %d", name, d.count(), d.exact(), len(want))
		}
	}
}

// Past 2^20 distinct values the sketch holds every value, whichever part
// of the exact set held it before: its estimate equals that of registers
// computed straight from the definition (§4.4).
func TestDistinctOverflowMixed(t *testing.T) {
	w := noise(22, 1200000)
	x := make([]float64, len(w))
	reg := make([]uint8, hllRegisters)
	for i, v := range w {
		if i%2 == 0 {
			x[i] = float64(i) // on the integer grid
		} else {
			x[i] = v * 1e-3 // off it
		}
		h := splitMix64(canonicalBits(x[i]))
		r := uint8(min(bits.LeadingZeros64(h<<16), 48) + 1)
		reg[h>>48] = max(reg[h>>48], r)
	}
	var d distinctCounter
	for i := 0; i < len(x); i += blockLen {
		d.addBlock(x[i:min(i+blockLen, len(x))])
	}
	sum := 0.0
	for _, r := range reg {
		sum += math.Ldexp(1, -int(r))
	}
	want := 0.7213 / (1 + 1.079/65536) * 65536 * 65536 / sum
	if d.exact() || d.count() != want {
		t.Errorf("estimate %g (exact %v), want %g", d.count(), d.exact(), want)
	}
}

// Worked examples of typology.md §7 where the measures have closed forms.
func TestWorkedExamples(t *testing.T) {
	// E3: x_t = sin(2πt/50), 100 whole cycles. For ≥ 5 equally spaced
	// samples per cycle Σsin² = N/2 and Σsin⁴ = 3N/8: kurtosis 1.5,
	// skewness 0; the largest sample is sin(2π·12/50), so crest =
	// √2·sin(0.48π); all power in bin 100: f = 0.02; r(ℓ) = cos(2πℓ/50)
	// first drops below 0.5 at ℓ = 9; window factor 1.5·1.4·1.25·1.2 → 3.
	sine := make([]float64, 5000)
	for i := range sine {
		sine[i] = math.Sin(2 * math.Pi * float64(i) / 50)
	}
	row, _ := analyzeSlice(t, sine)
	for _, m := range []struct {
		col       string
		got, want float64
		tol       float64
	}{
		{"kurtosis", row.Kurtosis, 1.5, 1e-12}, {"skewness", row.Skewness, 0, 1e-12},
		{"crest_factor", row.CrestFactor, math.Sqrt2 * math.Sin(0.48*math.Pi), 1e-12},
		{"dominant_frequency", row.DominantFrequency, 0.02, 0}, {"acf_half_life", row.ACFHalfLife, 9, 0},
		{"window_factor", row.WindowFactor, 3.0, 0}, {"adf_pvalue", row.ADFPValue, 0, 0},
		{"kpss_pvalue", row.KPSSPValue, 0.10, 0},
	} {
		if !near(m.got, m.want, m.tol) {
			t.Errorf("E3 %s = %.15g, want %.15g", m.col, m.got, m.want)
		}
	}
	if row.IsFirstBinPeak || !row.ACFDecayed {
		t.Errorf("E3: first-bin %v, decayed %v", row.IsFirstBinPeak, row.ACFDecayed)
	}
	// E5a: five plateaus of 1,000 samples at 0.3, 2.7, 1.1, 4.9, 2.2:
	// 5 distinct values; 4,995 of 4,999 differences are 0; no strict
	// turning point; ordinal patterns: identity except around the two
	// downward jumps, each giving one (2,0,1) and one (1,2,0) of 4,998.
	levels := []float64{0.3, 2.7, 1.1, 4.9, 2.2}
	step := make([]float64, 5000)
	for i := range step {
		step[i] = levels[i/1000]
	}
	row, _ = analyzeSlice(t, step)
	p0, p1 := 4994.0/4998, 2.0/4998
	pe := -(p0*math.Log2(p0) + 2*p1*math.Log2(p1)) / math.Log2(6)
	for _, m := range []struct {
		col       string
		got, want float64
	}{
		{"unique_ratio", row.UniqueRatio, 0.001}, {"derivative_sparsity", row.DerivativeSparsity, 4995.0 / 4999},
		{"turning_point_ratio", row.TurningPointRatio, 0}, {"perm_entropy", row.PermEntropy, pe},
		{"sparsity", row.Sparsity, 0}, {"zero_run_ratio", row.ZeroRunRatio, 0},
	} {
		if !near(m.got, m.want, 1e-12) {
			t.Errorf("E5a %s = %.15g, want %.15g", m.col, m.got, m.want)
		}
	}
	if row.IsInteger {
		t.Error("E5a: is_integer true")
	}
}

// countNearZero, fed block by block, agrees with a direct count of
// near-zero values, exact zeros and maximal runs: runs at block edges,
// across them, of every length, and ±0.
func TestCountNearZero(t *testing.T) {
	w := noise(61, 200003)
	x := make([]float64, len(w))
	for i, v := range w {
		x[i] = v
		switch {
		case i%997 < i%7: // runs of up to 6 near-zero values
			x[i] = []float64{0, math.Copysign(0, -1), 5e-11, -9e-11}[i%4]
		case i%65536 >= 65534 || i%65536 < 2: // across block edges
			x[i] = 0
		}
	}
	var zeros, runLen, runs int64
	for i, v := range x {
		if math.Abs(v) < zeroTol {
			runLen++
			if v == 0 {
				zeros++
			}
			if i == 0 || math.Abs(x[i-1]) >= zeroTol {
				runs++
			}
		}
	}
	f := newFullStats()
	for i := 0; i < len(x); i += 1000 + i%3 {
		f.countNearZero(x[i:min(i+1000+i%3, len(x))])
	}
	if f.zeros != zeros || f.runLen != runLen || f.runs != runs || runs < 100 {
		t.Errorf("zeros %d, run length %d, runs %d; want %d, %d, %d", f.zeros, f.runLen, f.runs, zeros, runLen, runs)
	}
}

// The core (gridSet.growCore) changes nothing: fullStats with it, on the
// AVX2 path and the portable one, equal fullStats whose core is dropped
// after every block, on a series that fills a dense core, then steps
// outside it on both sides, sets new values just outside its edges (so
// that it grows) and keeps going back into it; with blocks of every
// length mod 4. The core is whole words of set bits throughout.
func TestGridCore(t *testing.T) {
	avx := []bool{false}
	if hasAVX2 {
		avx = append(avx, true)
	}
	defer func(h bool) { hasAVX2 = h }(hasAVX2)
	for _, hasAVX2 = range avx {
		rng := rand.New(rand.NewPCG(5, 6))
		with, without := newFullStats(), newFullStats()
		core10, maxCore, inCore := int64(0), int64(0), 0
		lo, hi := 1000, 3000 // the values drawn, widening
		for b := 0; b < 60; b++ {
			y := make([]float64, 1<<14+rng.IntN(4))
			for i := range y {
				k := lo + rng.IntN(hi-lo)
				switch r := rng.IntN(100); {
				case b >= 10 && r < 2: // far outside, both sides
					k = 1000 - 500 + rng.IntN(3000)
				case b >= 10 && r < 4: // the nearest values outside the core not yet seen
					if g := &with.distinct.grid; g.coreLen > 0 {
						w := (g.coreLo - g.base) / 64
						k = int(g.coreLo) - 1 - bits.LeadingZeros64(^g.bits[w-1])
						if rng.IntN(2) == 0 {
							k = int(g.coreLo+g.coreLen) + bits.TrailingZeros64(^g.bits[w+g.coreLen/64])
						}
					}
				}
				y[i] = float64(k) / 4 // a 2^-2 grid
			}
			if b >= 20 && b%5 == 0 {
				lo, hi = lo-7, hi+9
			}
			with.addBlock(y)
			without.addBlock(y)
			g := &with.distinct.grid
			for w := (g.coreLo - g.base) / 64; w < (g.coreLo-g.base+g.coreLen)/64; w++ {
				if g.bits[w] != ^uint64(0) {
					t.Fatalf("avx2 %v, block %d: core word %d is %#x", hasAVX2, b, w, g.bits[w])
				}
			}
			for _, x := range y {
				if k := int64(x * g.scale); k >= g.coreLo && k < g.coreLo+g.coreLen {
					inCore++
				}
			}
			maxCore = max(maxCore, g.coreLen)
			if b == 10 {
				core10 = g.coreLen
			}
			without.distinct.grid.coreLo, without.distinct.grid.coreLen = 0, 0
			c := *with
			c.distinct.grid.coreLo, c.distinct.grid.coreLen = 0, 0
			if !reflect.DeepEqual(&c, without) {
				t.Fatalf("avx2 %v, block %d: the core changed fullStats", hasAVX2, b)
			}
		}
		if g := &with.distinct.grid; core10 < 1024 || maxCore <= core10 || g.scale != 4 || with.deriv.state != derivGrid ||
			with.fresh || inCore < 1<<19 {
			t.Errorf("avx2 %v: not exercised: core %d bits, then %d, scale %g, derivative state %v, fresh %v, %d values in it",
				hasAVX2, core10, maxCore, g.scale, with.deriv.state, with.fresh, inCore)
		}
	}
}
