package classify

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// adjacent lists the dual pairs of §6.6 (either order).
var adjacent = map[[2]string]bool{}

func init() {
	for _, z := range overlapZones {
		adjacent[[2]string{z.a, z.b}] = true
		adjacent[[2]string{z.b, z.a}] = true
	}
}

var dimensionLabels = []struct {
	name   string
	get    func(*Class) string
	labels []string
}{
	{"continuity", func(c *Class) string { return c.Continuity }, []string{Constant, Event, Discrete, Continuous}},
	{"stationarity", func(c *Class) string { return c.Stationarity },
		[]string{Constant, Stationary, NonStationary, DifferenceStationary, TrendStationary}},
	{"memory", func(c *Class) string { return c.Memory }, []string{LongMemory, AntiPersistent, ShortMemory}},
	{"complexity", func(c *Class) string { return c.Complexity }, []string{Low, Medium, High}},
	{"distribution", func(c *Class) string { return c.Distribution },
		[]string{Constant, HeavyTailed, LightTailed, SkewedRight, SkewedLeft, Gaussian}},
	{"amplitude", func(c *Class) string { return c.Amplitude }, []string{Constant, Impulsive, Smooth, Noisy, Mixed}},
	{"volatility", func(c *Class) string { return c.Volatility },
		[]string{VolatilityClustering, Heteroscedastic, Homoscedastic}},
	{"determinism", func(c *Class) string { return c.Determinism }, []string{Deterministic, Stochastic, Mixed}},
}

// checkInvariants asserts what §6 guarantees for every row.
func checkInvariants(t *testing.T, r Raw, c Class) {
	t.Helper()
	p := c.TemporalPrimary
	constant := p == Constant
	switch {
	case len(c.TemporalPattern) < 1 || len(c.TemporalPattern) > 2 || c.TemporalPattern[0] != p:
		t.Fatalf("pattern %v primary %s", c.TemporalPattern, p)
	case c.IsDiscreteSparse != IsDiscreteSparse(p):
		t.Fatalf("discrete flag %v for %s", c.IsDiscreteSparse, p)
	case !slices.Contains(DiscreteSparseLabels, p) && !slices.Contains(ContinuousLabels, p):
		t.Fatalf("unknown primary %s", p)
	case len(c.TemporalPattern) == 2 && (c.TemporalSecondary != c.TemporalPattern[1] || c.Confidence != Boundary ||
		!adjacent[[2]string{p, c.TemporalSecondary}]):
		t.Fatalf("dual %v secondary %q confidence %s", c.TemporalPattern, c.TemporalSecondary, c.Confidence)
	case len(c.TemporalPattern) == 1 && (c.TemporalSecondary != "" || c.Confidence != Clear):
		t.Fatalf("single %v secondary %q confidence %s", c.TemporalPattern, c.TemporalSecondary, c.Confidence)
	case c.IsDiscreteSparse && (c.Spectral != discreteSpectral[p] || c.DominantFrequencyIsArtifact != nil ||
		c.DominantFrequencyCorrected != nil):
		t.Fatalf("discrete row: spectral %s artifact %v", c.Spectral, c.DominantFrequencyIsArtifact)
	case !c.IsDiscreteSparse && (c.DominantFrequencyIsArtifact == nil ||
		(c.DominantFrequencyCorrected == nil) != *c.DominantFrequencyIsArtifact ||
		!slices.Contains([]string{Harmonic, Narrowband, Broadband, RedNoise, BlueNoise}, c.Spectral)):
		t.Fatalf("continuous row: spectral %s artifact %v corrected %v", c.Spectral, c.DominantFrequencyIsArtifact, c.DominantFrequencyCorrected)
	case constant != (c.RecommendedWindow == nil) || (constant && (c.DerivativeDepth != 0 || c.EigenvalueBudget != 0)):
		t.Fatalf("window fields on %s: %v %d %d", p, c.RecommendedWindow, c.DerivativeDepth, c.EigenvalueBudget)
	case !constant && (*c.RecommendedWindow < 64 || c.DerivativeDepth < 1 || c.DerivativeDepth > 2 ||
		!slices.Contains([]int32{3, 5, 8}, c.EigenvalueBudget)):
		t.Fatalf("window fields %d %d %d", *c.RecommendedWindow, c.DerivativeDepth, c.EigenvalueBudget)
	case c.Engines == nil || len(slices.Compact(slices.Sorted(slices.Values(c.Engines)))) != len(c.Engines):
		t.Fatalf("engines %v", c.Engines)
	}
	for _, d := range dimensionLabels {
		v := d.get(&c)
		switch {
		case v == "" && !constant:
			t.Fatalf("%s null on %s", d.name, p)
		case v != "" && !slices.Contains(d.labels, v):
			t.Fatalf("%s = %s", d.name, v)
		case constant && v != "" && v != Constant:
			t.Fatalf("%s = %s on a CONSTANT row", d.name, v)
		}
	}
	if (r.NSamples == 0 || r.SignalStd < 1e-9) && !constant {
		t.Fatalf("step A missed: n %d std %g", r.NSamples, r.SignalStd)
	}
}

func FuzzClassify(f *testing.F) {
	n := neutral()
	f.Add(n.NSamples, n.UniqueRatio, n.SignalStd, n.Hurst, n.PermEntropy, n.VarianceRatio, n.SampleEntropy,
		n.SpectralFlatness, n.SpectralPeakSNR, n.SpectralSlope, n.ACFHalfLife, n.ADFPValue, n.KPSSPValue,
		n.Kurtosis, n.CrestFactor, n.Sparsity, n.DerivativeSparsity, n.TurningPointRatio, n.LyapunovProxy, uint8(3))
	f.Add(int64(5000), 1.0, 1.0, 0.71, 0.99, 0.95, 2.0, 0.41, 15.0, -0.3, 1.0, 0.0, 0.1, 3.0, 3.9, 0.0, 0.01, 0.6, 0.003, uint8(3))
	f.Add(int64(0), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(),
		math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), uint8(0))
	f.Fuzz(func(t *testing.T, nSamples int64, ur, std, h, pe, vr, se, sf, snr, slope, acf, adf, kpss,
		kurt, crest, sparsity, dsp, tpr, ly float64, flags uint8) {
		r := neutral()
		r.NSamples, r.NAnalysis = nSamples, min(nSamples, AnalysisCap)
		r.UniqueRatio, r.SignalStd, r.Hurst, r.PermEntropy, r.VarianceRatio = ur, std, h, pe, vr
		r.SampleEntropy, r.SpectralFlatness, r.SpectralPeakSNR, r.SpectralSlope = se, sf, snr, slope
		r.ACFHalfLife, r.ADFPValue, r.KPSSPValue, r.Kurtosis, r.CrestFactor = acf, adf, kpss, kurt, crest
		r.Sparsity, r.DerivativeSparsity, r.TurningPointRatio, r.LyapunovProxy = sparsity, dsp, tpr, ly
		r.IsInteger, r.ACFDecayed, r.IsFirstBinPeak = flags&1 != 0, flags&2 != 0, flags&4 != 0
		// Reuse inputs for the remaining measures: the fuzzer still reaches
		// every threshold through them.
		r.ZeroRunRatio, r.DeterminismScore, r.HarmonicNoiseRatio, r.DominantFrequency = sparsity, vr, se, slope
		if r.Validate() != nil {
			return // ReadRaw refuses such rows before they reach Classify
		}
		checkInvariants(t, r, Classify(r))
	})
}

// FuzzReadRaw feeds arbitrary bytes to the reader: an error, never a panic.
func FuzzReadRaw(f *testing.F) {
	dir := f.TempDir()
	good := filepath.Join(dir, "good.parquet")
	writeRawFile(f, good, fixtureRows())
	data, err := os.ReadFile(good)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte("PAR1PAR1"))
	flipped := append([]byte{}, data...)
	flipped[len(flipped)/3] ^= 0xff
	f.Add(flipped)
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "in.parquet")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		raw, err := ReadRaw(p)
		if err != nil {
			return
		}
		for _, r := range raw.Rows {
			checkInvariants(t, r, Classify(r))
		}
	})
}
