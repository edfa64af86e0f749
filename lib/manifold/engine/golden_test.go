package engine

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// tolerance is one row of manifold.md §13.1: |got - want| <= max(abs, rel·|want|).
type tolerance struct{ rel, abs float64 }

var (
	tolClosed  = tolerance{1e-10, 1e-12} // moments, crest, trend, rate, variance ratios
	tolFFT     = tolerance{1e-9, 1e-12}  // FFT/Welch features, hurst, least-squares fits
	tolEntropy = tolerance{1e-12, 0}     // sample and permutation entropy (exact counts)
)

// implTolerance assigns each implementation its §13.1 class.
var implTolerance = map[string]tolerance{
	"statistics": tolClosed, "kurtosis": tolClosed, "skewness": tolClosed, "crest_factor": tolClosed,
	"trend": tolClosed, "rate_of_change": tolClosed, "variance_ratio": tolClosed, "rms": tolClosed,
	"peak": tolClosed, "acf_decay": tolClosed,
	"spectral": tolFFT, "frequency_bands": tolFFT, "hurst": tolFFT, "variance_growth": tolFFT,
	"harmonics": tolFFT, "fundamental_freq": tolFFT, "thd": tolFFT, "snr": tolFFT,
	"phase_coherence": tolFFT,
	"sample_entropy":  tolEntropy, "perm_entropy": tolEntropy,
}

func (t tolerance) ok(got, want float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got) // null equals NaN (§13.1)
	}
	return math.Abs(got-want) <= max(t.abs, t.rel*math.Abs(want))
}

func compute(impl string, x []float64) []float64 {
	e := New(impl)
	out := make([]float64, len(e.Columns()))
	e.Compute(x, out)
	return out
}

// illConditioned lists reference values that are rounding noise (a pure
// tone's harmonics, THD and SNR, §13.3 "—"): they are checked to be
// negligible instead.
var illConditioned = map[string]map[string]bool{
	"T1": {"harmonics": true, "thd": true, "snr": true, "phase_coherence": true},
}

// TestReferenceValues checks every engine on every test input against the
// full-precision values of testdata/reference.py (reference_values_test.go),
// at the §13.1 tolerances. reference.py reproduces every golden value of
// manifold.md §13.3 to its printed digits (see TestSpecGoldenValues).
func TestReferenceValues(t *testing.T) {
	inputs := testInputs()
	for name, byImpl := range referenceValues {
		x := inputs[name]
		if x == nil {
			t.Fatalf("no input %s", name)
		}
		for impl, want := range byImpl {
			got := compute(impl, x)
			cols := New(impl).Columns()
			for i := range want {
				tol := implTolerance[impl]
				if illConditioned[name][impl] {
					tol = tolerance{0, 1e-9}
					if math.Abs(want[i]) > 1e-9 {
						continue // the fundamental and the huge SNR of a pure tone
					}
				}
				if !tol.ok(got[i], want[i]) {
					t.Errorf("%s %s.%s = %.17g, want %.17g", name, impl, cols[i], got[i], want[i])
				}
			}
		}
	}
}

// specGolden holds manifold.md §13.3 verbatim: input -> "impl.column" ->
// printed value ("null" for null). Values the spec marks "—" are left out.
var specGolden = map[string]map[string]string{
	"T1": {
		"kurtosis.kurtosis": "-1.5", "skewness.skewness": "0", "crest_factor.crest_factor": "1.4142135624",
		"spectral.spectral_slope": "-3.9343840564", "spectral.dominant_freq": "0.0625",
		"spectral.spectral_entropy": "0.2481227949", "spectral.spectral_centroid": "0.0625",
		"spectral.spectral_bandwidth": "0.0090210980",
		"frequency_bands.band_low":    "5.3333333333", "frequency_bands.band_low_rel": "0.1666666667",
		"frequency_bands.band_mid": "26.6666666667", "frequency_bands.band_mid_rel": "0.8333333333",
		"frequency_bands.band_high": "0", "frequency_bands.band_high_rel": "0",
		"frequency_bands.total_power":   "32.0",
		"sample_entropy.sample_entropy": "0.3381129261", "perm_entropy.permutation_entropy": "0.6011368214",
		"hurst.hurst": "1.0", "hurst.hurst_r2": "0.9987077557",
		"acf_decay.acf_lag1": "0.9238795325", "acf_decay.acf_lag10": "-0.6232948901", "acf_decay.acf_half_life": "3",
		"trend.trend_slope": "-0.0073660652", "trend.trend_r2": "0.0370317104",
		"trend.detrend_std": "0.6938905856", "trend.cusum_range": "7.1097316924",
		"rate_of_change.mean_rate": "-0.0060743402", "rate_of_change.max_rate": "0.3826834324",
		"rate_of_change.min_rate": "-0.3826834324", "rate_of_change.rate_std": "0.2738015375",
		"variance_growth.variance_growth_rate": "0", "variance_growth.variance_ratio": "0.5",
		"harmonics.fundamental_freq": "0.0625", "harmonics.fundamental_amplitude": "32.0", "harmonics.thd": "0",
		"fundamental_freq.fundamental_freq": "0.0625", "fundamental_freq.fundamental_power": "1024",
		"fundamental_freq.fundamental_ratio": "1.0", "fundamental_freq.fundamental_confidence": "1.0",
		"phase_coherence.phase_coherence": "0", "phase_coherence.coherence_std": "0",
		"phase_coherence.coherence_trend": "0",
		"variance_ratio.variance_ratio":   "1.8964181613", "variance_ratio.variance_ratio_4": "3.1797587185",
		"variance_ratio.variance_ratio_8": "3.2876639667", "variance_ratio.variance_ratio_stat": "5.0709068849",
	},
	"T2": {
		"kurtosis.kurtosis": "-1.2153200515", "skewness.skewness": "-0.0379656503", "crest_factor.crest_factor": "1.6598486856",
		"spectral.spectral_slope": "-0.1492461783", "spectral.dominant_freq": "0.328125",
		"spectral.spectral_entropy": "0.8886896518", "spectral.spectral_centroid": "0.2450824614",
		"spectral.spectral_bandwidth": "0.1313521875",
		"frequency_bands.band_low":    "1.0788939717", "frequency_bands.band_low_rel": "0.0930190303",
		"frequency_bands.band_mid": "4.5259377955", "frequency_bands.band_mid_rel": "0.3902128993",
		"frequency_bands.band_high": "5.9938052933", "frequency_bands.band_high_rel": "0.5167680704",
		"frequency_bands.total_power":   "11.5986370605",
		"sample_entropy.sample_entropy": "2.0794415417", "perm_entropy.permutation_entropy": "0.9961656662",
		"hurst.hurst": "0.5052901863", "hurst.hurst_r2": "0.9188082866",
		"acf_decay.acf_lag1": "0.0099303571", "acf_decay.acf_lag10": "-0.0019488346", "acf_decay.acf_half_life": "1",
		"trend.trend_slope": "0.0011753253", "trend.trend_r2": "0.021279209",
		"trend.detrend_std": "0.2945207155", "trend.cusum_range": "19.3487006791",
		"rate_of_change.mean_rate": "0.0032395486", "rate_of_change.max_rate": "0.8948397157",
		"rate_of_change.min_rate": "-0.892169978", "rate_of_change.rate_std": "0.4183380284",
		"variance_growth.variance_growth_rate": "1.9812923413", "variance_growth.variance_ratio": "3.0608159874",
		"harmonics.fundamental_freq": "0.328125", "harmonics.fundamental_amplitude": "7.290451453",
		"harmonics.harmonic_2x": "null", "harmonics.harmonic_3x": "null", "harmonics.thd": "0",
		"fundamental_freq.fundamental_freq": "0.328125", "fundamental_freq.fundamental_power": "53.150682389",
		"fundamental_freq.fundamental_ratio": "0.0730723462", "fundamental_freq.fundamental_confidence": "0.8564571004",
		"thd.thd_percent": "0", "thd.thd_db": "null", "thd.thd_fundamental_power": "53.150682389",
		"thd.thd_harmonic_power": "0", "thd.n_harmonics_found": "0",
		"snr.snr_db": "1.4058633703", "snr.snr_linear": "1.3822491674", "snr.signal_power": "422.0412938539",
		"snr.noise_power":                 "305.3293890816",
		"phase_coherence.phase_coherence": "0.0272420602", "phase_coherence.coherence_std": "0.1018376269",
		"phase_coherence.coherence_trend": "0.0748576721",
		"variance_ratio.variance_ratio":   "0.5559180516", "variance_ratio.variance_ratio_4": "0.2824730181",
		"variance_ratio.variance_ratio_8": "0.1098885166", "variance_ratio.variance_ratio_stat": "-3.5526555869",
	},
	"T3": {
		"kurtosis.kurtosis": "-0.979192973", "skewness.skewness": "0.0311680322", "crest_factor.crest_factor": "1.8985254123",
		"spectral.spectral_slope": "-7.4994557023", "spectral.dominant_freq": "0.0078125",
		"spectral.spectral_entropy": "0.2698280455", "spectral.spectral_centroid": "0.0430069788",
		"spectral.spectral_bandwidth": "0.0446269074",
		"frequency_bands.band_low":    "104.9158178664", "frequency_bands.band_low_rel": "0.6211096522",
		"frequency_bands.band_mid": "64.0009220567", "frequency_bands.band_mid_rel": "0.3788903451",
		"frequency_bands.band_high": "4.675e-07", "frequency_bands.band_high_rel": "2.8e-09",
		"frequency_bands.total_power":   "168.9167403905",
		"sample_entropy.sample_entropy": "0.995013888", "perm_entropy.permutation_entropy": "0.6531093062",
		"hurst.hurst": "0.5293604610", "hurst.hurst_r2": "0.9162571408",
		"acf_decay.acf_lag1": "0.95961764", "acf_decay.acf_lag10": "0.783499282", "acf_decay.acf_half_life": "15",
		"trend.trend_slope": "0.0494265797", "trend.trend_r2": "0.8702094883",
		"trend.detrend_std": "0.7053037875", "trend.cusum_range": "52.5649056644",
		"rate_of_change.mean_rate": "0.042511366", "rate_of_change.max_rate": "0.6377852523",
		"rate_of_change.min_rate": "-0.5377852523", "rate_of_change.rate_std": "0.4378114064",
		"variance_growth.variance_growth_rate": "0.8538673951", "variance_growth.variance_ratio": "0.5084486715",
		"harmonics.fundamental_freq": "0.0078125", "harmonics.fundamental_amplitude": "130.4869856827",
		"harmonics.harmonic_2x": "65.408266094", "harmonics.harmonic_3x": "43.7977699383", "harmonics.thd": "75.6030580237",
		"fundamental_freq.fundamental_freq": "0.1015625", "fundamental_freq.fundamental_power": "2946.5761609523",
		"fundamental_freq.fundamental_ratio": "0.09383451", "fundamental_freq.fundamental_confidence": "1.0",
		"thd.thd_percent": "70.7015584224", "thd.thd_db": "-3.0114202653", "thd.thd_fundamental_power": "17026.8534325669",
		"thd.thd_harmonic_power": "8511.230870883", "thd.n_harmonics_found": "5",
		"snr.snr_db": "15.7662397605", "snr.snr_linear": "37.7245420157", "snr.signal_power": "30590.9360721376",
		"snr.noise_power":                 "810.9027820516",
		"phase_coherence.phase_coherence": "0.2313743428", "phase_coherence.coherence_std": "0.0216295668",
		"phase_coherence.coherence_trend": "0.0002462763",
		"variance_ratio.variance_ratio":   "1.806241226", "variance_ratio.variance_ratio_4": "2.3530052586",
		"variance_ratio.variance_ratio_8": "0.4508212136", "variance_ratio.variance_ratio_stat": "6.4499298078",
	},
	"T4": {
		"kurtosis.kurtosis": "-0.6219784794", "skewness.skewness": "-0.5400556261", "crest_factor.crest_factor": "2.6368696204",
		"spectral.spectral_slope": "-1.9077770952", "spectral.dominant_freq": "0.0078125",
		"spectral.spectral_entropy": "0.3148600106", "spectral.spectral_centroid": "0.0198935498",
		"spectral.spectral_bandwidth": "0.0448342358",
		"frequency_bands.band_low":    "153.1646497363", "frequency_bands.band_low_rel": "0.9415923667",
		"frequency_bands.band_mid": "7.538844242", "frequency_bands.band_mid_rel": "0.0463456692",
		"frequency_bands.band_high": "1.9620661427", "frequency_bands.band_high_rel": "0.0120619641",
		"frequency_bands.total_power":   "162.6655601209",
		"sample_entropy.sample_entropy": "0.8362480242", "perm_entropy.permutation_entropy": "0.9561599555",
		"hurst.hurst": "1.0", "hurst.hurst_r2": "0.9838190863",
		"acf_decay.acf_lag1": "0.9565174789", "acf_decay.acf_lag10": "0.6042927952", "acf_decay.acf_half_life": "13",
		"trend.trend_slope": "-0.0154207045", "trend.trend_r2": "0.2018990862",
		"trend.detrend_std": "1.132849024", "trend.cusum_range": "54.2811545848",
		"rate_of_change.mean_rate": "0.0120233777", "rate_of_change.max_rate": "0.4945860603",
		"rate_of_change.min_rate": "-0.4942949233", "rate_of_change.rate_std": "0.2988104125",
		"variance_growth.variance_growth_rate": "1.7467824609", "variance_growth.variance_ratio": "0.8677877564",
		"harmonics.fundamental_freq": "0.0078125", "harmonics.fundamental_amplitude": "94.8679694838",
		"harmonics.harmonic_2x": "43.4790342928", "harmonics.harmonic_3x": "37.3220108791", "harmonics.thd": "64.0925384598",
		"fundamental_freq.fundamental_freq": "0.046875", "fundamental_freq.fundamental_power": "133.6770327734",
		"fundamental_freq.fundamental_ratio": "0.0101480031", "fundamental_freq.fundamental_confidence": "1.0",
		"thd.thd_percent": "62.55986808", "thd.thd_db": "-4.0740835149", "thd.thd_fundamental_power": "8999.931633988",
		"thd.thd_harmonic_power": "3522.336628104", "thd.n_harmonics_found": "5",
		"snr.snr_db": "16.565526012", "snr.snr_linear": "45.3474218676", "snr.signal_power": "12888.5252596818",
		"snr.noise_power":                 "284.217376179",
		"phase_coherence.phase_coherence": "0.183661024", "phase_coherence.coherence_std": "0.0926186419",
		"phase_coherence.coherence_trend": "-0.0482844942",
		"variance_ratio.variance_ratio":   "1.0075413324", "variance_ratio.variance_ratio_4": "0.9495146305",
		"variance_ratio.variance_ratio_8": "1.0662364751", "variance_ratio.variance_ratio_stat": "0.0603306591",
	},
	"T2_64": {
		"spectral.spectral_slope": "0.0703326246", "spectral.dominant_freq": "0.328125",
		"spectral.spectral_entropy": "0.8458506357", "spectral.spectral_centroid": "0.2867146545",
		"spectral.spectral_bandwidth": "0.1102957474",
		"frequency_bands.band_low":    "0.3852922935", "frequency_bands.band_mid": "0.978549885",
		"frequency_bands.band_high": "4.2356136598", "frequency_bands.total_power": "5.5994558383",
		"sample_entropy.sample_entropy": "1.7047480922", "perm_entropy.permutation_entropy": "0.9910642778",
		"hurst.hurst": "0.1992169362", "hurst.hurst_r2": "0.2807396431",
		"acf_decay.acf_lag1": "-0.1866744701", "acf_decay.acf_lag10": "0.0248708127", "acf_decay.acf_half_life": "1",
	},
	"T5": {
		"spectral.spectral_slope": "-0.088595147", "spectral.dominant_freq": "0.35546875",
		"spectral.spectral_entropy": "0.9619331766", "spectral.spectral_centroid": "0.2383414939",
		"spectral.spectral_bandwidth": "0.1424381627",
		"frequency_bands.band_low":    "2.095519935", "frequency_bands.band_mid": "10.6054418075",
		"frequency_bands.band_high": "10.3323329435", "frequency_bands.total_power": "23.0332946861",
		"hurst.hurst": "0.6228016420", "hurst.hurst_r2": "0.9891811019",
	},
}

// printedTolerance is half a unit in the last printed place of s.
func printedTolerance(s string) float64 {
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		mant = s[:i]
		exp, _ = strconv.Atoi(s[i+1:])
	}
	dec := 0
	if i := strings.IndexByte(mant, '.'); i >= 0 {
		dec = len(mant) - i - 1
	}
	return 0.5 * math.Pow(10, float64(exp-dec))
}

// TestSpecGoldenValues checks the golden values of manifold.md §13.3 as
// printed, within max(§13.1 tolerance, half a unit of the last printed
// digit). Exact zeros the spec marks "abs 1e-12" (T1 skewness, T1
// variance_growth_rate) and the T1 phase-coherence triple ("abs 1e-9")
// get those absolute tolerances.
func TestSpecGoldenValues(t *testing.T) {
	inputs := testInputs()
	for name, cases := range specGolden {
		x := inputs[name]
		results := map[string][]float64{}
		for key, s := range cases {
			impl, col, _ := strings.Cut(key, ".")
			if results[impl] == nil {
				results[impl] = compute(impl, x)
			}
			idx := -1
			for i, c := range New(impl).Columns() {
				if c == col {
					idx = i
				}
			}
			if idx < 0 {
				t.Fatalf("%s: no column %s", key, col)
			}
			got := results[impl][idx]
			if s == "null" {
				if !math.IsNaN(got) {
					t.Errorf("%s %s = %v, want null", name, key, got)
				}
				continue
			}
			want, err := strconv.ParseFloat(s, 64)
			if err != nil {
				t.Fatal(err)
			}
			tol := implTolerance[impl]
			tol.abs = max(tol.abs, printedTolerance(s))
			if name == "T1" && impl == "phase_coherence" {
				tol.abs = 1e-9
			}
			if !tol.ok(got, want) {
				t.Errorf("%s %s = %.12g, want %s", name, key, got, s)
			}
		}
	}
	// Harmonics of the pure tone T1 are ≈0 (abs 1e-9).
	h := compute("harmonics", inputs["T1"])
	if math.Abs(h[2]) > 1e-9 || math.Abs(h[3]) > 1e-9 {
		t.Errorf("T1 harmonic_2x, 3x = %v, %v, want ≈0", h[2], h[3])
	}
}

// TestSampleEntropyGoldenCounts checks the A and B counts of §13.3 exactly.
func TestSampleEntropyGoldenCounts(t *testing.T) {
	inputs := testInputs()
	for _, c := range []struct {
		name string
		a, b int
	}{{"T1", 87, 122}, {"T2", 13, 104}, {"T3", 105, 284}, {"T4", 195, 450}, {"T2_64", 4, 22}} {
		x := inputs[c.name]
		var f frame
		f.reset(x)
		a, b := f.matchCounts(0.2 * f.std())
		if a != c.a || b != c.b {
			t.Errorf("%s: A, B = %d, %d, want %d, %d", c.name, a, b, c.a, c.b)
		}
	}
}

// TestWelchPSDBins checks the first T5 PSD bins of §13.3 and the bin count.
func TestWelchPSDBins(t *testing.T) {
	var f frame
	f.reset(testInputs()["T5"])
	_, p := f.welch()
	if len(p) != 129 {
		t.Fatalf("T5 PSD has %d bins, want 129", len(p))
	}
	// scipy.signal.welch(T5, nperseg=256)[1][:3] (testdata/reference.py psd)
	for i, want := range []float64{0.015554229309, 0.077068261464, 0.179199477898} {
		if math.Abs(p[i]-want) > 5e-13+1e-9*want {
			t.Errorf("T5 PSD bin %d = %.12g, want %.12g", i, p[i], want)
		}
	}
}
