package classify

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// expect is a row's full stage-3 outcome; window 0 stands for null.
type expect struct {
	pattern       []string
	spectral      string
	dims          [8]string // continuity, stationarity, memory, complexity, distribution, amplitude, volatility, determinism ("" = null)
	window        int32
	depth, budget int32
	engines       []string
}

func (e expect) check(t *testing.T, c Class) {
	t.Helper()
	var diffs []string
	diff := func(what string, got, want any) {
		if fmt.Sprint(got) != fmt.Sprint(want) {
			diffs = append(diffs, fmt.Sprintf("%s: got %v, want %v", what, got, want))
		}
	}
	diff("temporal_pattern", c.TemporalPattern, e.pattern)
	diff("temporal_primary", c.TemporalPrimary, e.pattern[0])
	second, conf := "", Clear
	if len(e.pattern) == 2 {
		second, conf = e.pattern[1], Boundary
	}
	diff("temporal_secondary", c.TemporalSecondary, second)
	diff("classification_confidence", c.Confidence, conf)
	diff("spectral", c.Spectral, e.spectral)
	diff("dimensions", [8]string{c.Continuity, c.Stationarity, c.Memory, c.Complexity, c.Distribution,
		c.Amplitude, c.Volatility, c.Determinism}, e.dims)
	var window int32
	if c.RecommendedWindow != nil {
		window = *c.RecommendedWindow
	}
	diff("recommended_window", window, e.window)
	diff("derivative_depth", c.DerivativeDepth, e.depth)
	diff("eigenvalue_budget", c.EigenvalueBudget, e.budget)
	diff("engines", strings.Join(c.Engines, " "), strings.Join(e.engines, " "))
	diff("is_discrete_sparse", c.IsDiscreteSparse, IsDiscreteSparse(e.pattern[0]))
	if len(diffs) > 0 {
		t.Error(strings.Join(diffs, "\n"))
	}
}

func plus(extra ...string) []string { return append(slices.Clone(BaseEngines), extra...) }

var (
	trendingEngines   = plus("rate_of_change", "trend_r2", "detrend_std", "cusum", "variance_growth")
	periodicEngines   = plus("harmonics", "thd", "frequency_bands", "fundamental_freq", "phase_coherence", "snr")
	stationaryEngines = plus("frequency_bands", "spectral_entropy", "variance_ratio", "adf_stat")
)

// TestWorkedExamples reproduces typology.md §7 (n = 5,000 each). The
// measures are the "≈" magnitudes the spec gives; the ones it leaves out
// are typical values for the signal, chosen so that they agree with the
// labels the spec derives. The expected labels are the spec's.
func TestWorkedExamples(t *testing.T) {
	row := func(change func(r *Raw)) Raw {
		r := Raw{SignalID: "x", NSamples: 5000, NAnalysis: 5000, UniqueRatio: 1, SignalStd: 1}
		change(&r)
		return r
	}
	cases := []struct {
		name string
		row  Raw
		want expect
	}{
		{"E1 constant", row(func(r *Raw) { // the constant profile of §4.2
			r.ADFPValue, r.KPSSPValue, r.VarianceRatio, r.ACFHalfLife, r.Hurst = 1, 1, 1, nan, 0.5
			r.ArchPValue, r.Kurtosis, r.CrestFactor, r.UniqueRatio, r.IsConstant = 1, 3, 1, 0, true
			r.SignalStd, r.SignalMean, r.DerivativeSparsity, r.WindowFactor = 0, 42, 1, 0.5
		}), expect{[]string{Constant}, None,
			[8]string{Constant, Constant, "", "", Constant, Constant, "", ""}, 0, 0, 0, []string{}}},
		{"E2 white noise", row(func(r *Raw) {
			r.Kurtosis, r.Skewness, r.CrestFactor, r.ADFPValue, r.KPSSPValue = 3.0, 0.01, 3.8, 0, 0.10
			r.VarianceRatio, r.ACFHalfLife, r.ACFDecayed, r.Hurst, r.PermEntropy = 0.98, 1, true, 0.59, 0.9998
			r.SampleEntropy, r.SpectralFlatness, r.SpectralSlope, r.SpectralPeakSNR = 2.2, 0.56, 0.0, 10.5
			r.DominantFrequency, r.HarmonicNoiseRatio, r.TurningPointRatio, r.LyapunovProxy = 0.31, 0.002, 0.667, 0.0025
			r.DeterminismScore, r.ArchPValue, r.RollingVarStd, r.DerivativeSparsity, r.WindowFactor = 0.68, 0.45, 0.24, 0.01, 1.2
		}), expect{[]string{Stationary}, Broadband,
			[8]string{Continuous, Stationary, ShortMemory, High, Gaussian, Mixed, Homoscedastic, Mixed},
			128, 1, 8, stationaryEngines}},
		{"E3 sine, period 50", row(func(r *Raw) {
			r.UniqueRatio = 0.01 // 50 distinct values, not integers, no zero differences: no discrete rule
			r.Kurtosis, r.CrestFactor, r.ADFPValue, r.KPSSPValue, r.VarianceRatio = 1.5, 1.41, 0, 0.10, 1.0
			r.ACFHalfLife, r.ACFDecayed, r.Hurst, r.PermEntropy, r.SampleEntropy = 9, true, 0.82, 0.49, 0.25
			r.SpectralFlatness, r.SpectralSlope, r.SpectralPeakSNR, r.HarmonicNoiseRatio = 1e-12, 0.01, 300, 1e25
			r.DominantFrequency, r.TurningPointRatio, r.LyapunovProxy, r.DeterminismScore = 0.02, 0.037, 0.005, 0.97
			r.ArchPValue, r.RollingVarStd, r.SignalStd, r.WindowFactor = 1e-30, 1e-8, 0.707, 3.0
		}), expect{[]string{Periodic}, Harmonic,
			[8]string{Continuous, Stationary, LongMemory, Medium, LightTailed, Smooth, Homoscedastic, Deterministic},
			256, 2, 5, periodicEngines}},
		{"E3 variant, period 137.3", row(func(r *Raw) {
			r.Kurtosis, r.CrestFactor, r.ADFPValue, r.KPSSPValue, r.VarianceRatio = 1.5, 1.41, 0, 0.10, 0.9
			r.ACFHalfLife, r.ACFDecayed, r.Hurst, r.PermEntropy, r.SampleEntropy = 23, true, 1.0, 0.44, 0.2
			r.SpectralFlatness, r.SpectralSlope, r.SpectralPeakSNR, r.HarmonicNoiseRatio = 0.001, -0.2, 60, 2
			r.DominantFrequency, r.TurningPointRatio, r.LyapunovProxy, r.DeterminismScore = 0.0072, 0.0146, 0.0005, 0.99
			r.ArchPValue, r.RollingVarStd, r.SignalStd, r.WindowFactor = 1e-30, 0.01, 0.707, 3.0
		}), expect{[]string{QuasiPeriodic}, Narrowband,
			[8]string{Continuous, Stationary, LongMemory, Medium, LightTailed, Smooth, Homoscedastic, Deterministic},
			92, 2, 5, plus("frequency_bands", "harmonics", "rate_of_change")}},
		{"E4 random walk", row(func(r *Raw) {
			r.Kurtosis, r.Skewness, r.CrestFactor, r.ADFPValue, r.KPSSPValue = 2.2, 0.3, 2.5, 0.2, 0.01
			r.VarianceRatio, r.ACFHalfLife, r.ACFDecayed, r.Hurst, r.PermEntropy = 0.03, 100, false, 1.0, 0.965
			r.SampleEntropy, r.SpectralFlatness, r.SpectralSlope, r.SpectralPeakSNR = 0.15, 0.0025, -1.8, 60
			r.IsFirstBinPeak, r.DominantFrequency, r.HarmonicNoiseRatio, r.TurningPointRatio = true, 0.0002, 0.3, 0.50
			r.LyapunovProxy, r.DeterminismScore, r.ArchPValue, r.RollingVarStd = 0.013, 0.98, 1e-10, 0.2
			r.SignalStd, r.WindowFactor = 20, 3.0
		}), expect{[]string{Trending}, Narrowband,
			[8]string{Continuous, NonStationary, LongMemory, High, LightTailed, Smooth, Heteroscedastic, Deterministic},
			400, 2, 8, trendingEngines}},
		{"E5a step, five levels", row(func(r *Raw) {
			r.UniqueRatio, r.DerivativeSparsity, r.Kurtosis, r.Skewness, r.CrestFactor = 0.001, 0.9992, 2.2, 0.1, 1.8
			r.Hurst, r.PermEntropy, r.TurningPointRatio, r.DeterminismScore = 1.0, 0.004, 0, 1.0
			r.RollingVarStd, r.ArchPValue, r.KPSSPValue, r.ADFPValue, r.VarianceRatio = 5.7, 1e-20, 0.01, 0.3, 0.01
			r.ACFHalfLife, r.SpectralFlatness, r.SpectralPeakSNR, r.SpectralSlope = 100, 0.01, 50, -1.9
			r.SampleEntropy, r.SignalStd, r.WindowFactor = 0.003, 1.6, 3.0
		}), expect{[]string{Step}, DCDominant,
			[8]string{Continuous, NonStationary, LongMemory, Low, LightTailed, Smooth, VolatilityClustering, Deterministic},
			400, 2, 3, []string{"changepoint_detection", "level_means", "regime_duration"}}},
		{"E5a variant, two levels", row(func(r *Raw) {
			r.UniqueRatio, r.DerivativeSparsity, r.Kurtosis, r.Skewness, r.CrestFactor = 2.0/5000, 0.9998, 1.0, 0, 1.4
			r.Hurst, r.PermEntropy, r.TurningPointRatio, r.DeterminismScore = 1.0, 0.001, 0, 1.0
			r.RollingVarStd, r.ArchPValue, r.KPSSPValue, r.ADFPValue, r.VarianceRatio = 9, 1e-20, 0.01, 0.3, 0.01
			r.ACFHalfLife, r.SpectralFlatness, r.SpectralPeakSNR, r.SpectralSlope = 100, 0.01, 50, -1.9
		}), expect{[]string{Binary}, Switching,
			[8]string{Continuous, NonStationary, LongMemory, Low, LightTailed, Smooth, VolatilityClustering, Deterministic},
			400, 2, 3, []string{"transition_count", "duty_cycle", "mean_time_between"}}},
		{"E5b regime change in noise", row(func(r *Raw) {
			r.Kurtosis, r.CrestFactor, r.ADFPValue, r.KPSSPValue, r.VarianceRatio = 1.51, 2.3, 0.67, 0.01, 0.14
			r.ACFHalfLife, r.Hurst, r.PermEntropy, r.SampleEntropy = 100, 0.63, 0.9998, 1.5
			r.SpectralFlatness, r.SpectralPeakSNR, r.IsFirstBinPeak, r.SpectralSlope = 0.08, 42, true, -0.24
			r.DominantFrequency, r.HarmonicNoiseRatio, r.TurningPointRatio, r.LyapunovProxy = 0.0002, 2, 0.667, 0.003
			r.DeterminismScore, r.ArchPValue, r.RollingVarStd, r.SignalStd = 0.7, 0.5, 0.25, 2.7
		}), expect{[]string{Drifting}, Narrowband,
			[8]string{Continuous, NonStationary, ShortMemory, High, LightTailed, Smooth, Heteroscedastic, Mixed},
			400, 2, 8, BaseEngines}},
		{"E6 sparse impulses", row(func(r *Raw) {
			r.Sparsity, r.Kurtosis, r.Skewness, r.CrestFactor, r.UniqueRatio = 0.995, 210, 14, 18, 0.0052
			r.DerivativeSparsity, r.ZeroRunRatio, r.PermEntropy, r.SpectralFlatness = 0.99, 0.04, 0.03, 0.56
			r.DeterminismScore, r.Hurst, r.KPSSPValue, r.ADFPValue, r.TurningPointRatio = 1.0, 0.9, 0.10, 0, 0.01
			r.ArchPValue, r.RollingVarStd, r.VarianceRatio, r.ACFHalfLife, r.ACFDecayed = 0.9, 0.3, 0.98, 1, true
			r.SpectralPeakSNR, r.SignalStd = 11, 0.55
		}), expect{[]string{Impulsive}, Broadband,
			[8]string{Event, Stationary, LongMemory, Low, HeavyTailed, Impulsive, Homoscedastic, Deterministic},
			256, 2, 3, []string{"peak_detection", "inter_arrival", "peak_amplitude_dist"}}},
		{"E7 integer-valued discrete", row(func(r *Raw) {
			r.IsInteger, r.UniqueRatio, r.Sparsity, r.Kurtosis, r.CrestFactor = true, 0.001, 0.2, 1.7, 1.63
			r.Hurst, r.PermEntropy, r.SpectralFlatness, r.DeterminismScore = 0.58, 0.96, 0.55, 0.71
			r.ADFPValue, r.KPSSPValue, r.TurningPointRatio, r.VarianceRatio = 0, 0.08, 0.6, 0.98
			r.ArchPValue, r.RollingVarStd, r.ACFHalfLife, r.ACFDecayed, r.SpectralPeakSNR = 0.4, 0.2, 1, true, 10.4
		}), expect{[]string{Discrete}, Quantized,
			[8]string{Discrete, Stationary, ShortMemory, High, LightTailed, Mixed, Homoscedastic, Mixed},
			128, 1, 8, []string{"level_histogram", "transition_matrix", "dwell_times"}}},
		{"E8a strong trend", row(func(r *Raw) {
			r.Hurst, r.PermEntropy, r.SampleEntropy, r.VarianceRatio, r.ADFPValue = 1.0, 0.999, 0.03, 0.0003, 0.96
			r.KPSSPValue, r.ACFHalfLife, r.SpectralFlatness, r.SpectralPeakSNR = 0.01, 100, 0.002, 60
			r.IsFirstBinPeak, r.SpectralSlope, r.TurningPointRatio, r.DeterminismScore = true, -1.8, 0.667, 0.99
			r.Kurtosis, r.CrestFactor, r.ArchPValue, r.RollingVarStd, r.DominantFrequency = 1.8, 1.7, 0.3, 0.25, 0.0002
			r.SignalStd = 72
		}), expect{[]string{Trending}, Narrowband,
			[8]string{Continuous, NonStationary, LongMemory, High, LightTailed, Smooth, Heteroscedastic, Deterministic},
			400, 2, 8, trendingEngines}},
		{"E8b weak trend", row(func(r *Raw) {
			r.Hurst, r.PermEntropy, r.SampleEntropy, r.VarianceRatio, r.ADFPValue = 0.73, 0.999, 1.0, 0.005, 0.5
			r.KPSSPValue, r.ACFHalfLife, r.SpectralFlatness, r.SpectralPeakSNR = 0.01, 100, 0.05, 45
			r.IsFirstBinPeak, r.SpectralSlope, r.TurningPointRatio, r.DeterminismScore = true, -1.5, 0.667, 0.9
			r.Kurtosis, r.CrestFactor, r.ArchPValue, r.RollingVarStd, r.DominantFrequency = 1.9, 1.8, 0.4, 0.25, 0.0002
			r.SignalStd = 14.5
		}), expect{[]string{Drifting}, Narrowband,
			[8]string{Continuous, NonStationary, LongMemory, High, LightTailed, Smooth, Heteroscedastic, Deterministic},
			400, 2, 8, BaseEngines}},
		{"E8c noise-free ramp", row(func(r *Raw) {
			// All differences equal 0.01 < 0.01·std: derivative_sparsity 1, but
			// 5,000 distinct values keep it out of STEP.
			r.DerivativeSparsity, r.Hurst, r.PermEntropy, r.VarianceRatio, r.LyapunovProxy = 1.0, 1.0, 0, 1e-6, 0.0001
			r.SampleEntropy, r.ADFPValue, r.KPSSPValue, r.ACFHalfLife = 0.0004, 0, 0.01, 100
			r.SpectralFlatness, r.SpectralPeakSNR, r.IsFirstBinPeak, r.SpectralSlope = 0.01, 50, true, -2
			r.DominantFrequency, r.TurningPointRatio, r.DeterminismScore = 0.0002, 0, 1.0
			r.Kurtosis, r.CrestFactor, r.ArchPValue, r.RollingVarStd, r.SignalStd = 1.8, 1.73, 1, 0, 14.4
		}), expect{[]string{QuasiPeriodic}, Narrowband,
			[8]string{Continuous, NonStationary, LongMemory, Low, LightTailed, Smooth, Heteroscedastic, Deterministic},
			400, 2, 3, plus("frequency_bands", "harmonics", "rate_of_change")}},
		{"E9 AR(1) phi 0.5: dual", row(func(r *Raw) {
			r.Hurst, r.PermEntropy, r.SpectralFlatness, r.SpectralPeakSNR, r.VarianceRatio = 0.71, 0.99, 0.41, 15, 0.95
			r.ADFPValue, r.LyapunovProxy, r.DeterminismScore, r.KPSSPValue = 0, 0.003, 0.70, 0.1
			r.ACFHalfLife, r.ACFDecayed, r.SampleEntropy, r.SpectralSlope, r.TurningPointRatio = 1, true, 2.0, -0.3, 0.6
			r.ArchPValue, r.RollingVarStd, r.Kurtosis, r.CrestFactor, r.DominantFrequency = 0.5, 0.25, 3, 3.9, 0.01
			r.SignalStd = 1.15
		}), expect{[]string{Stationary, Trending}, Broadband,
			[8]string{Continuous, Stationary, LongMemory, High, Gaussian, Mixed, Homoscedastic, Mixed},
			256, 1, 8, plus("frequency_bands", "spectral_entropy", "variance_ratio", "adf_stat",
				"rate_of_change", "trend_r2", "detrend_std", "cusum", "variance_growth")}},
		{"E9 variant phi 0.3: clear", row(func(r *Raw) {
			r.Hurst, r.PermEntropy, r.SpectralFlatness, r.SpectralPeakSNR, r.VarianceRatio = 0.67, 0.995, 0.5, 12, 0.97
			r.ADFPValue, r.LyapunovProxy, r.DeterminismScore, r.KPSSPValue = 0, 0.003, 0.69, 0.1
			r.ACFHalfLife, r.ACFDecayed, r.SampleEntropy, r.TurningPointRatio = 1, true, 2.1, 0.64
			r.ArchPValue, r.RollingVarStd, r.Kurtosis, r.CrestFactor, r.DominantFrequency = 0.5, 0.25, 3, 3.9, 0.2
		}), expect{[]string{Stationary}, Broadband,
			[8]string{Continuous, Stationary, LongMemory, High, Gaussian, Mixed, Homoscedastic, Mixed},
			256, 1, 8, stationaryEngines}},
		{"AR(1) phi 0.9: RED_NOISE", row(func(r *Raw) {
			r.Hurst, r.PermEntropy, r.VarianceRatio, r.ACFHalfLife, r.ACFDecayed = 0.9, 0.97, 0.7, 7, true
			r.SpectralFlatness, r.SpectralPeakSNR, r.SpectralSlope, r.SampleEntropy = 0.105, 29, -1.45, 1.2
			r.ADFPValue, r.KPSSPValue, r.TurningPointRatio, r.DeterminismScore = 0, 0.05, 0.6, 0.85
			r.ArchPValue, r.RollingVarStd, r.Kurtosis, r.CrestFactor, r.DominantFrequency = 0.5, 0.25, 3, 3.9, 0.003
			r.SignalStd = 2.3
		}), expect{[]string{Drifting}, RedNoise, // crest 3.9 < 4 and SF 0.105 < 0.3: SMOOTH
			[8]string{Continuous, Stationary, LongMemory, High, Gaussian, Smooth, Homoscedastic, Deterministic},
			256, 1, 8, plus("psd_slope")}},
		{"AR(1) phi 0.9 with SF below 0.1: NARROWBAND", row(func(r *Raw) {
			r.Hurst, r.PermEntropy, r.VarianceRatio, r.ACFHalfLife, r.ACFDecayed = 0.9, 0.97, 0.7, 7, true
			r.SpectralFlatness, r.SpectralPeakSNR, r.SpectralSlope, r.SampleEntropy = 0.095, 29, -1.45, 1.2
			r.ADFPValue, r.KPSSPValue, r.TurningPointRatio, r.DeterminismScore = 0, 0.05, 0.6, 0.85
			r.ArchPValue, r.RollingVarStd, r.Kurtosis, r.CrestFactor, r.DominantFrequency = 0.5, 0.25, 3, 3.9, 0.003
			r.SignalStd = 2.3
		}), expect{[]string{Drifting}, Narrowband,
			[8]string{Continuous, Stationary, LongMemory, High, Gaussian, Smooth, Homoscedastic, Deterministic},
			256, 1, 8, BaseEngines}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { tc.want.check(t, Classify(tc.row)) })
	}
}

// TestAppendixCSeries classifies the two deterministic series of
// typology.md Appendix C. Their dynamics measures are the appendix's
// known answers; the FULL measures the appendix omits (moments, crest,
// continuity, ARCH, rolling_var_std for SIN300) were computed from the
// same series with numpy 1.24 / scipy 1.10 (scipy.stats.kurtosis(fisher=
// False), skew, numpy lstsq for the ARCH regression, chi2.sf) on
// /usr/bin/python3; that script reproduces the appendix's
// rolling_var_std of LOGISTIC1000 (0.0940975733). Labels derived by hand
// from §6.
func TestAppendixCSeries(t *testing.T) {
	sin300 := Raw{SignalID: "SIN300", NSamples: 300, NAnalysis: 300,
		Hurst: 0.3416225405, PermEntropy: 0.6006519816, SampleEntropy: 0.2474239550,
		LyapunovProxy: -0.0009265204, DeterminismScore: 0.9527868852, TurningPointRatio: 0.0973154362,
		ACFHalfLife: 4, ACFDecayed: true, VarianceRatio: 0.9830221635, SpectralFlatness: 0.0107181523,
		SpectralSlope: -1.8606362176, SpectralPeakSNR: 43.7806234770, HarmonicNoiseRatio: 2.3439626825,
		DominantFrequency: 14.0 / 300, ADFPValue: 0.0, KPSSPValue: 0.10,
		Kurtosis: 1.501860060394525, Skewness: -0.030986872825643157, CrestFactor: 1.41303773341453,
		UniqueRatio: 1, Sparsity: 1.0 / 300, SignalStd: 0.7075426275744501, SignalMean: 0.014478858207247708,
		DerivativeSparsity: 0.020066889632107024, ZeroRunRatio: 1.0 / 300,
		ArchPValue: 1.5469019081826734e-54, RollingVarStd: 0.020343809293367852,
		WindowFactor: 3.0, // 1.5·1.25·1.4·1.25·1.3 = 4.27, clamped
	}
	logistic := Raw{SignalID: "LOGISTIC1000", NSamples: 1000, NAnalysis: 1000,
		Hurst: 0.5016861923, PermEntropy: 0.8532605869, SampleEntropy: 0.5246001040,
		LyapunovProxy: 0.3592477008, DeterminismScore: 0.8650348259, TurningPointRatio: 0.8216432866,
		ACFHalfLife: 2, ACFDecayed: true, VarianceRatio: 0.9987239001, SpectralFlatness: 0.3532244915,
		SpectralSlope: 0.7161199926, SpectralPeakSNR: 15.9272744066, HarmonicNoiseRatio: 0.0332977611,
		DominantFrequency: 0.374, RollingVarStd: 0.0940975733, ArchPValue: 6.03566983515594e-40,
		ADFPValue: 1e-21, KPSSPValue: 0.10,
		Kurtosis: 1.6129113718239507, Skewness: -0.22578277580373127, CrestFactor: 1.4619054257039572,
		UniqueRatio: 1, SignalStd: 0.2948184001648878, SignalMean: 0.5982372043195271,
		DerivativeSparsity: 0.003003003003003003, WindowFactor: 1.0,
	}
	// SIN300: C5 PERIODIC by the override (SNR 43.8 > 30, SF 0.011 < 0.1);
	// HNR 2.34 ≤ 3 (the tone falls between bins) → NARROWBAND; H 0.34 →
	// ANTI_PERSISTENT and window 64.
	t.Run("SIN300", func(t *testing.T) {
		expect{[]string{Periodic}, Narrowband,
			[8]string{Continuous, Stationary, AntiPersistent, Medium, LightTailed, Smooth, Homoscedastic, Deterministic},
			64, 1, 5, periodicEngines}.check(t, Classify(sin300))
	})
	// LOGISTIC1000: chaotic, but PE 0.853 ≤ 0.95 keeps it out of C6 and SF
	// 0.353 out of C5/C7 → C9 STATIONARY (ADF ≈ 0, VR 0.999), no zone
	// (PE < 0.9, H 0.50).
	t.Run("LOGISTIC1000", func(t *testing.T) {
		expect{[]string{Stationary}, Broadband,
			[8]string{Continuous, Stationary, ShortMemory, High, LightTailed, Mixed, Homoscedastic, Deterministic},
			128, 1, 8, stationaryEngines}.check(t, Classify(logistic))
	})
}
