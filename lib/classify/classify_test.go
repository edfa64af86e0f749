package classify

import (
	"math"
	"slices"
	"strings"
	"testing"
)

var nan = math.NaN()

// neutral is a continuous row that every rule of steps B and C misses, so
// that it ends in C10 (RANDOM, clear); each case below changes the fields
// its rule reads. Its other dimensions, hand-derived from §6.8–§6.9:
// CONTINUOUS, TREND_STATIONARY (ADF 0.07 ≥ 0.05, KPSS 0.10 ≥ 0.05),
// SHORT_MEMORY, HIGH, GAUSSIAN, MIXED, HOMOSCEDASTIC, MIXED; window 128,
// depth 2 (ADF ≥ 0.05), budget 8; spectral BROADBAND (SF 0.5 > 0.3).
func neutral() Raw {
	return Raw{SignalID: "s", Cohort: "c", NSamples: 5000, NAnalysis: 5000,
		ADFPValue: 0.07, KPSSPValue: 0.10, VarianceRatio: 0.98, ACFHalfLife: 1, ACFDecayed: true,
		Hurst: 0.6, PermEntropy: 0.8, SampleEntropy: 2.2, SpectralFlatness: 0.5, SpectralSlope: 0,
		HarmonicNoiseRatio: 0.01, SpectralPeakSNR: 10.5, DominantFrequency: 0.2,
		TurningPointRatio: 0.667, LyapunovProxy: 0.0025, DeterminismScore: 0.68, ArchPValue: 0.4,
		RollingVarStd: 0.24, Kurtosis: 3, Skewness: 0, CrestFactor: 3.8, UniqueRatio: 1,
		SignalStd: 1, DerivativeSparsity: 0.01, WindowFactor: 1.2}
}

func with(change func(r *Raw)) Raw {
	r := neutral()
	change(&r)
	return r
}

func TestNeutralRow(t *testing.T) {
	c := Classify(neutral())
	got := []string{c.TemporalPrimary, c.Confidence, c.Spectral, c.Continuity, c.Stationarity, c.Memory,
		c.Complexity, c.Distribution, c.Amplitude, c.Volatility, c.Determinism}
	want := []string{Random, Clear, Broadband, Continuous, TrendStationary, ShortMemory, High, Gaussian,
		Mixed, Homoscedastic, Mixed}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	if *c.RecommendedWindow != 128 || c.DerivativeDepth != 2 || c.EigenvalueBudget != 8 {
		t.Errorf("window fields %d %d %d; want 128 2 8", *c.RecommendedWindow, c.DerivativeDepth, c.EigenvalueBudget)
	}
	if c.IsDiscreteSparse || c.TemporalSecondary != "" || len(c.TemporalPattern) != 1 {
		t.Errorf("got %+v", c)
	}
}

// TestDiscreteSparse covers every rule of step B (§6.3–§6.4), its
// thresholds at and just past equality, and NaN operands.
func TestDiscreteSparse(t *testing.T) {
	cases := []struct {
		name string
		row  Raw
		want string // "" = no discrete/sparse label
	}{
		{"D1 n=0", with(func(r *Raw) { r.NSamples = 0 }), Constant},
		{"D1 std below 1e-9", with(func(r *Raw) { r.SignalStd = 0.99e-9 }), Constant},
		{"D1 std at 1e-9 is not constant", with(func(r *Raw) { r.SignalStd = 1e-9 }), ""},
		{"D1 one distinct value", with(func(r *Raw) { r.UniqueRatio = 1.0 / 5000 }), Constant},
		{"D1 no distinct value", with(func(r *Raw) { r.UniqueRatio = 0 }), Constant},
		{"D1 NaN std and ratio fail the gate", with(func(r *Raw) { r.SignalStd, r.UniqueRatio = nan, nan }), ""},
		// K8: the reference truncated 1.9999999 to 1 (CONSTANT); we round.
		{"K8 U rounds 1.9999999 to 2", with(func(r *Raw) { r.UniqueRatio = 1.9999999 / 5000 }), Binary},
		// Half away from zero: 1.5 -> 2 (BINARY), 2.5 -> 3 (not BINARY; half-even would say 2).
		{"U 1.5 rounds to 2", with(func(r *Raw) { r.NSamples, r.UniqueRatio = 6, 0.25 }), Binary},
		{"U 2.5 rounds to 3", with(func(r *Raw) { r.NSamples, r.UniqueRatio = 10, 0.25 }), ""},
		{"D2 two values", with(func(r *Raw) { r.UniqueRatio = 2.0 / 5000 }), Binary},
		{"D2 beats D3 for integers", with(func(r *Raw) { r.UniqueRatio, r.IsInteger = 2.0/5000, true }), Binary},
		{"D3 ratio at 0.05", with(func(r *Raw) { r.IsInteger, r.UniqueRatio = true, 0.05 }), Discrete},
		{"D3 ratio above 0.05 and U > 50", with(func(r *Raw) { r.IsInteger, r.UniqueRatio = true, 0.0502 }), ""},
		{"D3 U at 50", with(func(r *Raw) { r.IsInteger, r.NSamples, r.UniqueRatio = true, 100, 0.5 }), Discrete},
		{"D3 U at 51", with(func(r *Raw) { r.IsInteger, r.NSamples, r.UniqueRatio = true, 100, 0.51 }), ""},
		{"D3 needs integers", with(func(r *Raw) { r.UniqueRatio = 0.001 }), ""},
		{"D4 at thresholds", with(func(r *Raw) { r.Kurtosis, r.CrestFactor = 20, 10 }), Impulsive},
		{"D4 kurtosis below", with(func(r *Raw) { r.Kurtosis, r.CrestFactor = 19.99, 10 }), ""},
		{"D4 crest below", with(func(r *Raw) { r.Kurtosis, r.CrestFactor = 20, 9.99 }), ""},
		{"D4 NaN crest", with(func(r *Raw) { r.Kurtosis, r.CrestFactor = 25, nan }), ""},
		{"D4 before D5", with(func(r *Raw) { r.Kurtosis, r.CrestFactor, r.Sparsity = 200, 18, 0.995 }), Impulsive},
		{"D5 at thresholds", with(func(r *Raw) { r.Sparsity, r.Kurtosis = 0.80, 10 }), Event},
		{"D5 sparsity below", with(func(r *Raw) { r.Sparsity, r.Kurtosis = 0.7999, 10 }), ""},
		{"D5 kurtosis below", with(func(r *Raw) { r.Sparsity, r.Kurtosis = 0.9, 9.99 }), ""},
		{"D5 NaN kurtosis", with(func(r *Raw) { r.Sparsity, r.Kurtosis = 0.9, nan }), ""},
		{"D6 at thresholds", with(func(r *Raw) { r.DerivativeSparsity, r.UniqueRatio = 0.90, 0.10 }), Step},
		{"D6 derivative sparsity below", with(func(r *Raw) { r.DerivativeSparsity, r.UniqueRatio = 0.8999, 0.001 }), ""},
		{"D6 ratio above", with(func(r *Raw) { r.DerivativeSparsity, r.UniqueRatio = 0.99, 0.1001 }), ""},
		{"D7 at lower thresholds", with(func(r *Raw) { r.ZeroRunRatio, r.Sparsity = 0.30, 0.30 }), Intermittent},
		{"D7 at upper sparsity", with(func(r *Raw) { r.ZeroRunRatio, r.Sparsity = 0.5, 0.80 }), Intermittent},
		{"D7 sparsity above", with(func(r *Raw) { r.ZeroRunRatio, r.Sparsity = 0.5, 0.8001 }), ""},
		{"D7 sparsity below", with(func(r *Raw) { r.ZeroRunRatio, r.Sparsity = 0.5, 0.2999 }), ""},
		{"D7 zero runs below", with(func(r *Raw) { r.ZeroRunRatio, r.Sparsity = 0.2999, 0.5 }), ""},
		{"D7 NaN zero runs", with(func(r *Raw) { r.ZeroRunRatio, r.Sparsity = nan, 0.5 }), ""},
	}
	wantSpectral := map[string]string{Constant: None, Binary: Switching, Discrete: Quantized,
		Impulsive: Broadband, Event: Sparse, Step: DCDominant, Intermittent: Bursty}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Classify(tc.row)
			if tc.want == "" {
				if c.IsDiscreteSparse {
					t.Fatalf("got discrete/sparse %s; want a continuous label", c.TemporalPrimary)
				}
				return
			}
			if !c.IsDiscreteSparse || c.TemporalPrimary != tc.want || !slices.Equal(c.TemporalPattern, []string{tc.want}) {
				t.Fatalf("got %v (discrete %v); want [%s]", c.TemporalPattern, c.IsDiscreteSparse, tc.want)
			}
			if c.TemporalSecondary != "" || c.Confidence != Clear || c.Spectral != wantSpectral[tc.want] {
				t.Errorf("secondary %q confidence %q spectral %q", c.TemporalSecondary, c.Confidence, c.Spectral)
			}
			if c.DominantFrequencyIsArtifact != nil || c.DominantFrequencyCorrected != nil {
				t.Error("artifact columns must be null on discrete/sparse rows")
			}
			if !slices.Equal(c.Engines, discreteEngines[tc.want]) {
				t.Errorf("engines %v", c.Engines)
			}
		})
	}
}

// TestContinuousPrimary covers C1–C10 (§6.5) at their thresholds, the
// bounded-deterministic skip of C2–C3, and NaN operands (K7).
func TestContinuousPrimary(t *testing.T) {
	bounded := func(r *Raw) { r.Hurst, r.PermEntropy, r.VarianceRatio = 0.95, 0.5, 3.0 }
	periodic := func(r *Raw) {
		r.DominantFrequency, r.SpectralFlatness, r.SpectralPeakSNR = 0.02, 0.01, 40
		r.ACFHalfLife, r.Hurst, r.TurningPointRatio = 9, 0.82, 0.04
	}
	cases := []struct {
		name string
		row  Raw
		want string
	}{
		{"C10 neutral", neutral(), Random},
		{"C1 bounded chaos", with(func(r *Raw) { bounded(r); r.LyapunovProxy, r.SampleEntropy = 0.011, 0.29 }), Chaotic},
		{"C1 LY at 0.01", with(func(r *Raw) { bounded(r); r.LyapunovProxy, r.SampleEntropy = 0.01, 0.29 }), Random},
		{"C1 SE at 0.3", with(func(r *Raw) { bounded(r); r.LyapunovProxy, r.SampleEntropy = 0.02, 0.3 }), Random},
		{"C1 VR above 3 is not bounded", with(func(r *Raw) {
			bounded(r)
			r.VarianceRatio, r.LyapunovProxy, r.SampleEntropy = 3.01, 0.02, 0.1
		}), Random},
		{"BD skips C2", with(func(r *Raw) { bounded(r); r.Hurst = 1.0 }), Random},
		{"BD skips C3", with(func(r *Raw) { bounded(r); r.Hurst, r.ACFDecayed, r.SampleEntropy = 0.96, false, 0.1 }), Random},
		{"BD false by PE lets C2 fire", with(func(r *Raw) { bounded(r); r.Hurst, r.PermEntropy = 1.0, 0.51 }), Trending},
		{"BD false by VR lets C2 fire", with(func(r *Raw) { bounded(r); r.Hurst, r.VarianceRatio = 1.0, 3.01 }), Trending},
		{"K7 NaN hurst is not bounded", with(func(r *Raw) {
			bounded(r)
			r.Hurst, r.LyapunovProxy, r.SampleEntropy = nan, 0.02, 0.1
		}), Random},
		{"C2 at 0.99", with(func(r *Raw) { r.Hurst = 0.99 }), Trending},
		{"C2 below 0.99", with(func(r *Raw) { r.Hurst = 0.9899 }), Random},
		{"C3 ACF not decayed", with(func(r *Raw) { r.Hurst, r.ACFDecayed, r.SampleEntropy = 0.86, false, 0.14 }), Trending},
		{"C3 ACF null", with(func(r *Raw) { r.Hurst, r.ACFHalfLife, r.SampleEntropy = 0.86, nan, 0.14 }), Trending},
		{"C3 ACF long", with(func(r *Raw) { r.Hurst, r.ACFHalfLife, r.SampleEntropy = 0.86, 600, 0.14 }), Trending},
		{"C3 ACF/nA at 0.10", with(func(r *Raw) { r.Hurst, r.ACFHalfLife, r.SampleEntropy = 0.86, 500, 0.14 }), Random},
		{"C3 H at 0.85", with(func(r *Raw) { r.Hurst, r.ACFDecayed, r.SampleEntropy = 0.85, false, 0.14 }), Random},
		{"C3 SE at 0.15", with(func(r *Raw) { r.Hurst, r.ACFDecayed, r.SampleEntropy = 0.9, false, 0.15 }), Random},
		{"C3 NaN SE", with(func(r *Raw) { r.Hurst, r.ACFDecayed, r.SampleEntropy = 0.9, false, nan }), Random},
		{"C3 before C4", with(func(r *Raw) {
			r.Hurst, r.ACFDecayed, r.SampleEntropy, r.PermEntropy = 0.9, false, 0.1, 0.95
		}), Trending},
		{"C4 at thresholds", with(func(r *Raw) { r.Hurst, r.PermEntropy, r.VarianceRatio = 0.85, 0.90, 0.2 }), Drifting},
		{"C4 PE below", with(func(r *Raw) { r.Hurst, r.PermEntropy, r.VarianceRatio = 0.9, 0.8999, 0.5 }), Random},
		{"C4 VR below", with(func(r *Raw) { r.Hurst, r.PermEntropy, r.VarianceRatio = 0.9, 0.95, 0.1999 }), Random},
		{"C4 H below", with(func(r *Raw) { r.Hurst, r.PermEntropy, r.VarianceRatio = 0.8499, 0.95, 0.5 }), Random},
		{"C5 override", with(periodic), Periodic},
		{"C5 turning-point gate", with(func(r *Raw) {
			periodic(r)
			r.SpectralFlatness, r.SpectralPeakSNR, r.TurningPointRatio = 0.15, 15, 0.95
		}), Periodic},
		{"C5 TPR above 0.95 without override", with(func(r *Raw) {
			periodic(r)
			r.SpectralPeakSNR, r.TurningPointRatio = 30, 0.99
		}), QuasiPeriodic},
		{"C5 override SNR just above 30", with(func(r *Raw) {
			periodic(r)
			r.SpectralFlatness, r.SpectralPeakSNR, r.TurningPointRatio = 0.099, 30.01, 0.99
		}), Periodic},
		{"C5 NaN TPR without override", with(func(r *Raw) {
			periodic(r)
			r.SpectralPeakSNR, r.TurningPointRatio = 20, nan
		}), QuasiPeriodic},
		{"C5 NaN dominant frequency", with(func(r *Raw) { periodic(r); r.DominantFrequency = nan }), QuasiPeriodic},
		{"C5 first-bin artifact", with(func(r *Raw) { periodic(r); r.IsFirstBinPeak, r.SpectralSlope = true, -0.31 }), QuasiPeriodic},
		{"C5 first bin without artifact slope", with(func(r *Raw) { periodic(r); r.IsFirstBinPeak, r.SpectralSlope = true, -0.3 }), Periodic},
		{"C5 SF above 0.15", with(func(r *Raw) { periodic(r); r.SpectralFlatness = 0.151 }), QuasiPeriodic},
		{"C5 SNR below 15", with(func(r *Raw) { periodic(r); r.SpectralPeakSNR = 14.99 }), QuasiPeriodic},
		{"C5 ACF absent", with(func(r *Raw) { periodic(r); r.ACFDecayed = false }), QuasiPeriodic},
		{"C5 H above 0.95", with(func(r *Raw) { periodic(r); r.Hurst = 0.951 }), QuasiPeriodic},
		{"C6 at thresholds", with(func(r *Raw) {
			r.NSamples, r.LyapunovProxy, r.PermEntropy, r.DeterminismScore = 500, 0.011, 0.951, 0.31
		}), Chaotic},
		{"C6 n below 500", with(func(r *Raw) {
			r.NSamples, r.LyapunovProxy, r.PermEntropy, r.DeterminismScore = 499, 0.011, 0.951, 0.31
		}), Random},
		{"C6 DET at 0.3", with(func(r *Raw) { r.LyapunovProxy, r.PermEntropy, r.DeterminismScore = 0.011, 0.96, 0.3 }), Random},
		{"C6 PE at 0.95", with(func(r *Raw) { r.LyapunovProxy, r.PermEntropy, r.DeterminismScore = 0.011, 0.95, 0.9 }), Random},
		{"C7 at thresholds", with(func(r *Raw) { r.SpectralFlatness, r.SpectralPeakSNR, r.PermEntropy = 0.2999, 10.01, 0.8999 }), QuasiPeriodic},
		{"C7 SNR at 10", with(func(r *Raw) { r.SpectralFlatness, r.SpectralPeakSNR, r.PermEntropy = 0.2, 10, 0.8 }), Random},
		{"C7 PE at 0.9", with(func(r *Raw) { r.SpectralFlatness, r.SpectralPeakSNR, r.PermEntropy = 0.2, 12, 0.9 }), Random},
		{"C8 at thresholds", with(func(r *Raw) { r.ADFPValue, r.KPSSPValue, r.ACFDecayed = 0.10, 0.05, false }), Drifting},
		{"C8 ADF below", with(func(r *Raw) { r.ADFPValue, r.KPSSPValue, r.ACFDecayed = 0.0999, 0.01, false }), Random},
		{"C8 KPSS above", with(func(r *Raw) { r.ADFPValue, r.KPSSPValue, r.ACFDecayed = 0.5, 0.0501, false }), Random},
		{"C8 ACF decayed", with(func(r *Raw) { r.ADFPValue, r.KPSSPValue = 0.5, 0.01 }), Random},
		{"C9 VR lower bound", with(func(r *Raw) { r.ADFPValue, r.VarianceRatio = 0.049, 0.85 }), Stationary},
		{"C9 VR upper bound", with(func(r *Raw) { r.ADFPValue, r.VarianceRatio = 0.049, 1.15 }), Stationary},
		{"C9 VR above", with(func(r *Raw) { r.ADFPValue, r.VarianceRatio = 0.01, 1.1501 }), Random},
		{"C9 ADF at 0.05", with(func(r *Raw) { r.ADFPValue = 0.05 }), Random},
		{"C9 NaN ADF", with(func(r *Raw) { r.ADFPValue = nan }), Random},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if c := Classify(tc.row); c.TemporalPrimary != tc.want || c.IsDiscreteSparse {
				t.Fatalf("got %s; want %s", c.TemporalPrimary, tc.want)
			}
		})
	}
}

func TestArtifactColumns(t *testing.T) {
	c := Classify(with(func(r *Raw) { r.IsFirstBinPeak, r.SpectralSlope, r.DominantFrequency = true, -1.8, 0.0002 }))
	if c.DominantFrequencyIsArtifact == nil || !*c.DominantFrequencyIsArtifact || c.DominantFrequencyCorrected != nil {
		t.Errorf("artifact row: %v %v", c.DominantFrequencyIsArtifact, c.DominantFrequencyCorrected)
	}
	c = Classify(with(func(r *Raw) { r.DominantFrequency = 0.25 }))
	if c.DominantFrequencyIsArtifact == nil || *c.DominantFrequencyIsArtifact || *c.DominantFrequencyCorrected != 0.25 {
		t.Errorf("clean row: %v %v", c.DominantFrequencyIsArtifact, c.DominantFrequencyCorrected)
	}
	c = Classify(with(func(r *Raw) { r.DominantFrequency = nan })) // a flat spectrum: corrected stays NaN, not null
	if c.DominantFrequencyCorrected == nil || !math.IsNaN(*c.DominantFrequencyCorrected) {
		t.Errorf("NaN frequency: %v", c.DominantFrequencyCorrected)
	}
}

// TestOverlapZones covers every reachable zone of §6.6, from both sides
// where the primary rules allow it, and the closed interval bounds.
func TestOverlapZones(t *testing.T) {
	quasi := func(r *Raw) { r.SpectralFlatness, r.SpectralPeakSNR, r.PermEntropy = 0.2, 12, 0.8 } // C7
	drift := func(r *Raw) { r.ADFPValue, r.KPSSPValue, r.ACFDecayed = 0.2, 0.01, false }          // C8
	stat := func(r *Raw) { r.ADFPValue, r.VarianceRatio = 0.01, 1.0 }                             // C9
	cases := []struct {
		name            string
		row             Raw
		primary, second string
	}{
		{"zone 1 from QUASI_PERIODIC", with(quasi), QuasiPeriodic, Periodic},
		{"zone 1 PE lower bound", with(func(r *Raw) { quasi(r); r.PermEntropy = 0.7 }), QuasiPeriodic, Periodic},
		{"zone 1 PE below", with(func(r *Raw) { quasi(r); r.PermEntropy = 0.6999 }), QuasiPeriodic, ""},
		{"zone 1 from PERIODIC at SNR 15", with(func(r *Raw) {
			r.DominantFrequency, r.SpectralFlatness, r.SpectralPeakSNR, r.TurningPointRatio = 0.05, 0.12, 15, 0.5
		}), Periodic, QuasiPeriodic},
		{"zone 2 from QUASI_PERIODIC", with(func(r *Raw) {
			r.SpectralFlatness, r.SpectralPeakSNR, r.PermEntropy = 0.25, 16, 0.86
		}), QuasiPeriodic, Random},
		{"zone 1 before zone 2", with(func(r *Raw) {
			r.SpectralFlatness, r.SpectralPeakSNR, r.PermEntropy = 0.25, 12, 0.86
		}), QuasiPeriodic, Periodic},
		{"zone 2 from RANDOM", with(func(r *Raw) { r.SpectralFlatness, r.PermEntropy = 0.45, 0.9 }), Random, QuasiPeriodic},
		{"zone 2 SF upper bound", with(func(r *Raw) { r.SpectralFlatness, r.PermEntropy = 0.5, 0.85 }), Random, QuasiPeriodic},
		{"zone 3 from RANDOM", with(func(r *Raw) { r.SpectralFlatness, r.PermEntropy = 0.55, 0.97 }), Random, Stationary},
		{"zone 3 PE upper bound", with(func(r *Raw) { r.SpectralFlatness, r.PermEntropy = 0.6, 0.98 }), Random, Stationary},
		{"zone 3 PE above", with(func(r *Raw) { r.SpectralFlatness, r.PermEntropy = 0.55, 0.9801 }), Random, ""},
		{"zone 3 from STATIONARY", with(func(r *Raw) { stat(r); r.PermEntropy, r.SpectralFlatness = 0.95, 0.4 }), Stationary, Random},
		{"zone 5 from STATIONARY", with(func(r *Raw) { stat(r); r.PermEntropy, r.Hurst = 0.99, 0.75 }), Stationary, Trending},
		{"zone 5 lower bound", with(func(r *Raw) { stat(r); r.Hurst = 0.7 }), Stationary, Trending},
		{"zone 5 upper bound", with(func(r *Raw) { stat(r); r.Hurst = 0.8 }), Stationary, Trending},
		{"zone 5 above", with(func(r *Raw) { stat(r); r.Hurst = 0.8001 }), Stationary, ""},
		// Zone 6 lists the same H interval as zone 5, which comes first, so a
		// STATIONARY primary never reaches it; a DRIFTING one does.
		{"zone 4 from DRIFTING (C8)", with(func(r *Raw) { drift(r); r.Hurst, r.VarianceRatio = 0.8, 1.1 }), Drifting, Trending},
		{"zone 6 from DRIFTING (C8)", with(func(r *Raw) { drift(r); r.Hurst, r.VarianceRatio = 0.72, 1.05 }), Drifting, Stationary},
		{"zone 6 VRD above", with(func(r *Raw) { drift(r); r.Hurst, r.VarianceRatio = 0.72, 0.85 }), Drifting, ""},
		{"zone 4 from DRIFTING (C4) at H 0.85", with(func(r *Raw) {
			r.Hurst, r.PermEntropy, r.VarianceRatio = 0.85, 0.9, 0.9
		}), Drifting, Trending},
		{"TRENDING is clear", with(func(r *Raw) { r.Hurst, r.VarianceRatio = 0.99, 0.9 }), Trending, ""},
		{"CHAOTIC is clear", with(func(r *Raw) {
			r.LyapunovProxy, r.PermEntropy, r.DeterminismScore, r.SpectralFlatness = 0.02, 0.96, 0.7, 0.5
		}), Chaotic, ""},
		{"NaN PE matches no zone", with(func(r *Raw) { stat(r); r.PermEntropy, r.SpectralFlatness = nan, 0.4 }), Stationary, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Classify(tc.row)
			if c.TemporalPrimary != tc.primary || c.TemporalSecondary != tc.second {
				t.Fatalf("got %s/%q; want %s/%q", c.TemporalPrimary, c.TemporalSecondary, tc.primary, tc.second)
			}
			want, conf := []string{tc.primary}, Clear
			if tc.second != "" {
				want, conf = append(want, tc.second), Boundary
			}
			if !slices.Equal(c.TemporalPattern, want) || c.Confidence != conf {
				t.Errorf("pattern %v confidence %s; want %v %s", c.TemporalPattern, c.Confidence, want, conf)
			}
		})
	}
}

// TestContinuousSpectral covers §6.7 in order.
func TestContinuousSpectral(t *testing.T) {
	cases := []struct {
		primary             string
		sf, snr, hnr, slope float64
		want                string
	}{
		{Periodic, 0.01, 300, 3.01, 0, Harmonic},
		{Periodic, 0.01, 300, 3.0, 0, Narrowband},
		{Periodic, 0.01, 300, nan, 0, Narrowband},
		{Periodic, 0.5, 10, 1e9, 0, Harmonic}, // rule 1 precedes SF
		{Chaotic, 0.009, 10, 5, 0, Harmonic},
		{Chaotic, 0.009, 10, 2, 0, Narrowband},
		{Chaotic, 0.01, 10, 5, -1, RedNoise}, // rule 2 needs SF < 0.01
		{Random, 0.31, 100, 0, -2, Broadband},
		{Random, 0.3, 10, 0, 0, Broadband}, // SF 0.3 is not > 0.3: falls to rule 7
		{Trending, 0.0999, 20.01, 0, -1.8, Narrowband},
		{Trending, 0.0999, 20, 0, -1.8, RedNoise}, // K24 edge: SNR must exceed 20
		{Drifting, 0.1, 29, 0, -1.45, RedNoise},
		{Random, 0.2, 5, 0, -0.5, Broadband}, // slope -0.5 is not < -0.5
		{Random, 0.2, 5, 0, 0.21, BlueNoise},
		{Random, 0.2, 5, 0, 0.2, Broadband},
		{Random, nan, nan, nan, nan, Broadband},
	}
	for _, tc := range cases {
		r := Raw{SpectralFlatness: tc.sf, SpectralPeakSNR: tc.snr, HarmonicNoiseRatio: tc.hnr, SpectralSlope: tc.slope}
		if got := continuousSpectral(tc.primary, &r); got != tc.want {
			t.Errorf("%s sf=%g snr=%g hnr=%g slope=%g: got %s; want %s", tc.primary, tc.sf, tc.snr, tc.hnr, tc.slope, got, tc.want)
		}
	}
}

// TestDimensions covers every line of the eight lists of §6.8.
func TestDimensions(t *testing.T) {
	type dim struct {
		name string
		f    func(*Raw) string
	}
	continuity := dim{"continuity", continuityOf}
	stationarity := dim{"stationarity", stationarityOf}
	memory := dim{"memory", func(r *Raw) string { return memoryOf(r.Hurst) }}
	complexity := dim{"complexity", func(r *Raw) string { return complexityOf(r.PermEntropy) }}
	distribution := dim{"distribution", distributionOf}
	amplitude := dim{"amplitude", amplitudeOf}
	volatility := dim{"volatility", volatilityOf}
	determinism := dim{"determinism", determinismOf}
	cases := []struct {
		d    dim
		row  Raw
		want string
	}{
		{continuity, Raw{Sparsity: 0.91}, Event},
		{continuity, Raw{Sparsity: 0.9, IsInteger: true, UniqueRatio: 0.049}, Discrete},
		{continuity, Raw{IsInteger: true, UniqueRatio: 0.05}, Continuous},
		{continuity, Raw{UniqueRatio: 0.001}, Continuous},
		{continuity, Raw{Sparsity: nan, UniqueRatio: nan, IsInteger: true}, Continuous},
		{stationarity, Raw{TurningPointRatio: 0.49, KPSSPValue: 0.049, ADFPValue: 0.01}, NonStationary},
		{stationarity, Raw{TurningPointRatio: 0.5, KPSSPValue: 0.049, ADFPValue: 0.01}, DifferenceStationary},
		{stationarity, Raw{TurningPointRatio: 0.5, KPSSPValue: 0.05, ADFPValue: 0.049}, Stationary},
		{stationarity, Raw{TurningPointRatio: 0.6, KPSSPValue: 0.01, ADFPValue: 0.05}, NonStationary},
		{stationarity, Raw{TurningPointRatio: 0.81, KPSSPValue: 0.01, ADFPValue: 0.01}, Stationary},
		{stationarity, Raw{TurningPointRatio: 0.8, KPSSPValue: 0.01, ADFPValue: 0.01}, DifferenceStationary},
		{stationarity, Raw{TurningPointRatio: nan, KPSSPValue: 0.01, ADFPValue: 0.01}, DifferenceStationary},
		{stationarity, Raw{TurningPointRatio: 0.6, KPSSPValue: 0.1, ADFPValue: 0.05}, TrendStationary},
		{stationarity, Raw{TurningPointRatio: 0.6, KPSSPValue: nan, ADFPValue: 0.01}, NonStationary},
		{stationarity, Raw{TurningPointRatio: 0.6, KPSSPValue: 0.1, ADFPValue: nan}, NonStationary},
		{memory, Raw{Hurst: 0.651}, LongMemory},
		{memory, Raw{Hurst: 0.65}, ShortMemory},
		{memory, Raw{Hurst: 0.45}, ShortMemory},
		{memory, Raw{Hurst: 0.449}, AntiPersistent},
		{memory, Raw{Hurst: nan}, ShortMemory},
		{complexity, Raw{PermEntropy: 0.299}, Low},
		{complexity, Raw{PermEntropy: 0.3}, Medium},
		{complexity, Raw{PermEntropy: 0.7}, Medium},
		{complexity, Raw{PermEntropy: 0.701}, High},
		{complexity, Raw{PermEntropy: nan}, Medium},
		{distribution, Raw{Kurtosis: 4.01, Skewness: 2}, HeavyTailed},
		{distribution, Raw{Kurtosis: 2.49, Skewness: 2}, LightTailed},
		{distribution, Raw{Kurtosis: 4, Skewness: 0.51}, SkewedRight},
		{distribution, Raw{Kurtosis: 2.5, Skewness: -0.51}, SkewedLeft},
		{distribution, Raw{Kurtosis: 3, Skewness: 0.5}, Gaussian},
		{distribution, Raw{Kurtosis: nan, Skewness: nan}, Gaussian},
		{amplitude, Raw{CrestFactor: 6.01, Kurtosis: 6.01, SpectralFlatness: 0.9}, Impulsive},
		{amplitude, Raw{CrestFactor: 6, Kurtosis: 7, SpectralFlatness: 0.9}, Noisy},
		{amplitude, Raw{CrestFactor: 3.99, Kurtosis: 2, SpectralFlatness: 0.299}, Smooth},
		{amplitude, Raw{CrestFactor: 4, Kurtosis: 2, SpectralFlatness: 0.1}, Mixed},
		{amplitude, Raw{CrestFactor: 3, Kurtosis: 2, SpectralFlatness: 0.7}, Mixed},
		{amplitude, Raw{CrestFactor: 3, Kurtosis: 2, SpectralFlatness: 0.701}, Noisy},
		{amplitude, Raw{CrestFactor: nan, Kurtosis: nan, SpectralFlatness: nan}, Mixed},
		{volatility, Raw{ArchPValue: 0.049, RollingVarStd: 0.51, VarianceRatio: 1}, VolatilityClustering},
		{volatility, Raw{ArchPValue: 0.05, RollingVarStd: 0.51, VarianceRatio: 1}, Homoscedastic},
		{volatility, Raw{ArchPValue: 0.01, RollingVarStd: 0.5, VarianceRatio: 2.01}, Heteroscedastic},
		{volatility, Raw{ArchPValue: 0.01, RollingVarStd: 0.5, VarianceRatio: 0.499}, Heteroscedastic},
		{volatility, Raw{ArchPValue: 0.5, RollingVarStd: 1, VarianceRatio: 2.0}, Homoscedastic},
		{volatility, Raw{ArchPValue: 0.5, RollingVarStd: 1, VarianceRatio: 0.5}, Homoscedastic},
		{volatility, Raw{ArchPValue: nan, RollingVarStd: nan, VarianceRatio: nan}, Homoscedastic},
		{determinism, Raw{DeterminismScore: 0.81}, Deterministic},
		{determinism, Raw{DeterminismScore: 0.8, SpectralPeakSNR: 50.1, SpectralFlatness: 0.009, TurningPointRatio: 0.49}, Deterministic},
		{determinism, Raw{DeterminismScore: 0.2, SpectralPeakSNR: 50, SpectralFlatness: 0.009, TurningPointRatio: 0.49}, Stochastic},
		{determinism, Raw{DeterminismScore: 0.5, SpectralPeakSNR: 20.1, SpectralFlatness: 0.049, TurningPointRatio: 0.29}, Deterministic},
		{determinism, Raw{DeterminismScore: 0.5, SpectralPeakSNR: 20.1, SpectralFlatness: 0.05, TurningPointRatio: 0.29}, Mixed},
		{determinism, Raw{DeterminismScore: 0.29}, Stochastic},
		{determinism, Raw{DeterminismScore: 0.3}, Mixed},
		{determinism, Raw{DeterminismScore: nan, SpectralPeakSNR: nan}, Mixed},
	}
	for _, tc := range cases {
		if got := tc.d.f(&tc.row); got != tc.want {
			t.Errorf("%s of %+v: got %s; want %s", tc.d.name, tc.row, got, tc.want)
		}
	}
}

func TestConstantRowDimensions(t *testing.T) {
	c := Classify(with(func(r *Raw) { r.UniqueRatio = 0 }))
	got := []string{c.Continuity, c.Stationarity, c.Memory, c.Complexity, c.Distribution, c.Amplitude,
		c.Volatility, c.Determinism, c.Spectral}
	want := []string{Constant, Constant, "", "", Constant, Constant, "", "", None}
	if !slices.Equal(got, want) {
		t.Errorf("got %q; want %q", got, want)
	}
	if c.RecommendedWindow != nil || c.DerivativeDepth != 0 || c.EigenvalueBudget != 0 || c.Engines == nil || len(c.Engines) != 0 {
		t.Errorf("window fields %v %d %d engines %v", c.RecommendedWindow, c.DerivativeDepth, c.EigenvalueBudget, c.Engines)
	}
}

// TestWindowFields covers §6.9 (non-CONSTANT rows).
func TestWindowFields(t *testing.T) {
	cases := []struct {
		name                    string
		acf, h, tpr, adf, pe    float64
		window, depth, eigenBud int32
	}{
		{"ACF 17 gives 68", 17, 0.5, 0.6, 0.01, 0.5, 68, 1, 5},
		{"ACF 16 falls to hurst", 16, 0.66, 0.6, 0.01, 0.5, 256, 1, 5},
		{"ACF 100 (never decayed) gives 400", 100, 1, 0.4, 0.5, 0.29, 400, 2, 3},
		{"ACF null, H low", nan, 0.44, 0.6, 0.01, 0.71, 64, 1, 8},
		{"H 0.65 is 128", nan, 0.65, 0.4, 0.01, 0.3, 128, 1, 5},
		{"H 0.45 is 128", 2, 0.45, 0.4, 0.01, 0.7, 128, 1, 5},
		{"depth 2 by TPR and H", 2, 0.66, 0.49, 0.01, 0.5, 256, 2, 5},
		{"depth 2 by ADF", 2, 0.5, 0.6, 0.05, 0.5, 128, 2, 5},
		{"depth 1 with NaN", nan, nan, nan, nan, nan, 128, 1, 5},
	}
	for _, tc := range cases {
		r := Raw{ACFHalfLife: tc.acf, Hurst: tc.h, TurningPointRatio: tc.tpr, ADFPValue: tc.adf, PermEntropy: tc.pe}
		c := Class{TemporalPrimary: Random}
		setWindowFields(&c, &r)
		if *c.RecommendedWindow != tc.window || c.DerivativeDepth != tc.depth || c.EigenvalueBudget != tc.eigenBud {
			t.Errorf("%s: got %d %d %d; want %d %d %d", tc.name, *c.RecommendedWindow, c.DerivativeDepth,
				c.EigenvalueBudget, tc.window, tc.depth, tc.eigenBud)
		}
	}
}

// TestEngines checks the resulting lists of §6.10 (the table after the
// add lists), the discrete/sparse lists and the RED_NOISE addition.
func TestEngines(t *testing.T) {
	base := strings.Join(BaseEngines, " ")
	cases := []struct {
		pattern  []string
		spectral string
		want     string
	}{
		{[]string{Trending}, Narrowband, base + " rate_of_change trend_r2 detrend_std cusum variance_growth"},
		{[]string{Periodic}, Harmonic, base + " harmonics thd frequency_bands fundamental_freq phase_coherence snr"},
		{[]string{Chaotic}, Broadband, base + " lyapunov correlation_dimension recurrence_rate determinism harmonics frequency_bands embedding_dim"},
		{[]string{Random}, Broadband, base + " spectral_entropy band_power frequency_bands"},
		{[]string{QuasiPeriodic}, Narrowband, base + " frequency_bands harmonics rate_of_change"},
		{[]string{Stationary}, Broadband, base + " frequency_bands spectral_entropy variance_ratio adf_stat"},
		{[]string{Drifting}, Narrowband, base},
		{[]string{Stationary, Trending}, Broadband, base + " frequency_bands spectral_entropy variance_ratio adf_stat rate_of_change trend_r2 detrend_std cusum variance_growth"},
		{[]string{Drifting}, RedNoise, base + " psd_slope"},
		{[]string{Random, Stationary}, RedNoise, base + " spectral_entropy band_power frequency_bands variance_ratio adf_stat psd_slope"},
	}
	for _, tc := range cases {
		if got := strings.Join(engines(false, tc.pattern, tc.spectral), " "); got != tc.want {
			t.Errorf("%v %s:\n got %s\nwant %s", tc.pattern, tc.spectral, got, tc.want)
		}
	}
	for _, label := range DiscreteSparseLabels {
		got := engines(true, []string{label}, discreteSpectral[label])
		if got == nil || !slices.Equal(got, discreteEngines[label]) || (label != Constant && len(got) != 3) {
			t.Errorf("%s: %v", label, got)
		}
	}
	// The list handed out is a copy: changing it must not change the table.
	e := engines(true, []string{Binary}, Switching)
	e[0] = "x"
	if discreteEngines[Binary][0] != "transition_count" {
		t.Error("engines aliases its table")
	}
}
