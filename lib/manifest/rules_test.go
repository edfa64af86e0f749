package manifest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

var nan = math.NaN()

// row returns a typology row with the given labels and no measures.
func row(cohort, id string, n int64, labels ...string) Row {
	return Row{Cohort: cohort, SignalID: id, Labels: labels, NSamples: n, HasN: true,
		ACFHalfLife: nan, SeasonalPeriod: nan, ACFDecayLag: nan, DominantFreq: nan, WindowFactor: nan}
}

func input(t *testing.T, r Row) *signalInput {
	t.Helper()
	in, err := normalise(&r)
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// TestEngineLists is manifest.md §5.5 (single labels and the dual examples).
func TestEngineLists(t *testing.T) {
	cases := []struct {
		labels []string
		n      int
		tail   string
	}{
		{[]string{"TRENDING"}, 13, "rate_of_change trend_r2 detrend_std cusum variance_growth"},
		{[]string{"DRIFTING"}, 13, "rate_of_change trend_r2 variance_ratio cusum detrend_std"},
		{[]string{"PERIODIC"}, 14, "harmonics thd frequency_bands fundamental_freq phase_coherence snr"},
		{[]string{"QUASI_PERIODIC"}, 11, "frequency_bands harmonics rate_of_change"},
		{[]string{"CHAOTIC"}, 15, "lyapunov correlation_dimension recurrence_rate determinism harmonics frequency_bands embedding_dim"},
		{[]string{"RANDOM"}, 11, "spectral_entropy band_power frequency_bands"},
		{[]string{"STATIONARY"}, 12, "frequency_bands spectral_entropy variance_ratio adf_stat"},
		{[]string{"BINARY"}, 12, "transition_count duty_cycle mean_time_between switching_frequency"},
		{[]string{"DISCRETE"}, 13, "level_histogram transition_matrix dwell_times level_count entropy"},
		{[]string{"IMPULSIVE"}, 13, "peak_detection inter_arrival peak_amplitude_dist envelope rise_time"},
		{[]string{"EVENT"}, 11, "event_rate inter_event_time event_amplitude"},
		{[]string{"STEP"}, 11, "changepoint_detection level_means regime_duration"},
		{[]string{"INTERMITTENT"}, 11, "burst_detection activity_ratio silence_distribution"},
		{[]string{"SOMETHING_NEW"}, 8, ""},
		{[]string{"PERIODIC", "QUASI_PERIODIC"}, 15, "harmonics thd frequency_bands fundamental_freq phase_coherence snr rate_of_change"},
		{[]string{"STATIONARY", "RANDOM"}, 13, "frequency_bands spectral_entropy variance_ratio adf_stat band_power"},
		{[]string{"TRENDING", "STATIONARY"}, 17, "rate_of_change trend_r2 detrend_std cusum variance_growth frequency_bands spectral_entropy variance_ratio adf_stat"},
	}
	base := strings.Join(baseEngines, " ")
	all := map[string]bool{}
	for _, tc := range cases {
		got := merge(baseEngines, engineAdjustments, tc.labels)
		want := strings.TrimSpace(base + " " + tc.tail)
		if strings.Join(got, " ") != want || len(got) != tc.n {
			t.Errorf("%v: got %d %v\nwant %d %s", tc.labels, len(got), got, tc.n, want)
		}
		for _, e := range got {
			all[e] = true
		}
	}
	// Every class row listed: the 51 names of §5.5.
	for _, a := range engineAdjustments {
		for _, e := range a.add {
			all[e] = true
		}
	}
	if len(all) != 51 {
		t.Errorf("%d distinct engine names; want 51", len(all))
	}
	if got := merge(baseEngines, engineAdjustments, []string{"CONSTANT"}); len(got) != 0 || got == nil {
		t.Errorf("CONSTANT: %v", got)
	}
	if !slices.Equal(baseEngines, []string{"crest_factor", "kurtosis", "skewness", "spectral", "sample_entropy",
		"perm_entropy", "hurst", "acf_decay"}) {
		t.Error("merge changed the base list")
	}
}

// TestVisualizations is §5.7.
func TestVisualizations(t *testing.T) {
	cases := map[string]string{
		"TRENDING":       "spectral_density trend_overlay segment_comparison cusum_plot",
		"PERIODIC":       "spectral_density waterfall phase_portrait spectrum",
		"CHAOTIC":        "spectral_density phase_portrait recurrence lyapunov_spectrum",
		"RANDOM":         "spectral_density histogram waterfall",
		"QUASI_PERIODIC": "spectral_density waterfall phase_portrait",
		"STATIONARY":     "spectral_density histogram",
		"DRIFTING":       "spectral_density",
		"BINARY":         "spectral_density state_timeline transition_diagram histogram",
		"DISCRETE":       "spectral_density state_timeline level_histogram",
		"IMPULSIVE":      "spectral_density spike_plot amplitude_histogram",
		"EVENT":          "spectral_density event_timeline inter_event_histogram",
		"STEP":           "spectral_density state_timeline level_histogram",
		"INTERMITTENT":   "spectral_density activity_timeline burst_histogram",
	}
	for label, want := range cases {
		if got := strings.Join(merge(baseVisualizations, visualizationAdjustments, []string{label}), " "); got != want {
			t.Errorf("%s: got %s; want %s", label, got, want)
		}
	}
}

// TestSignalWindows is the table of §6.1 (every row), plus the clamps.
func TestSignalWindows(t *testing.T) {
	with := func(r Row, f func(*Row)) Row { f(&r); return r }
	cases := []struct {
		row                Row
		window, stride     int64
		depth              int
		method, confidence string
		provenance         string
	}{
		{row("", "a", 1000, "TRENDING"), 128, 32, 2, MethodDefault, ConfidenceLow, "§6.1"},
		{row("", "a", 1000, "PERIODIC"), 128, 64, 1, MethodDefault, ConfidenceLow, "§6.1"},
		{row("", "a", 1000, "IMPULSIVE"), 64, 16, 1, MethodDefault, ConfidenceLow, "§6.1"},
		{row("", "a", 100, "TRENDING"), 128, 32, 2, MethodDefault, ConfidenceLow, "§6.1 (default not capped, D6)"},
		{with(row("", "a", 500, "BINARY"), func(r *Row) { r.ACFHalfLife = 6 }), 500, 500, 0, MethodFullSignal, ConfidenceHigh, "§6.1"},
		{with(row("", "a", 1000, "PERIODIC"), func(r *Row) { r.SeasonalPeriod = 8 }), 32, 16, 1, MethodPeriod, ConfidenceHigh, "§6.1"},
		{with(row("", "a", 50, "PERIODIC"), func(r *Row) { r.ACFHalfLife = 6 }), 25, 12, 1, MethodACFHalfLife, ConfidenceHigh, "§6.1"},
		{with(row("", "a", 1000, "DRIFTING"), func(r *Row) { r.ACFHalfLife = 40 }), 160, 80, 1, MethodACFHalfLife, ConfidenceHigh, "§6.1"},
		{with(row("", "a", 10000, "RANDOM"), func(r *Row) { r.DominantFreq = 0.3 }), 32, 16, 1, MethodFrequency, ConfidenceMedium, "§6.1"},
		{with(row("", "a", 10000, "RANDOM"), func(r *Row) { r.ACFDecayLag = 300 }), 2048, 1024, 1, MethodLongMemory, ConfidenceMedium, "§6.1"},
		{with(row("", "a", 100, "TRENDING"), func(r *Row) { r.ACFHalfLife = 0.2 }), 128, 32, 2, MethodDefault, ConfidenceLow, "§6.1, D5a"},
		{with(row("", "a", 1, "STEP"), func(r *Row) { r.ACFHalfLife = 3 }), 1, 1, 1, MethodACFHalfLife, ConfidenceHigh, "§6.1, D5b"},
		// Beyond the table: rule priority, presence, the typology stage's 100.
		{with(row("", "a", 5000, "TRENDING"), func(r *Row) { r.ACFHalfLife = 100 }), 400, 100, 2, MethodACFHalfLife, ConfidenceHigh, "§6.1 note: non-decaying ACF"},
		{with(row("", "a", 5000, "PERIODIC"), func(r *Row) { r.SeasonalPeriod, r.ACFHalfLife = 100, 9 }), 400, 200, 1, MethodPeriod, ConfidenceHigh, "priority 1 before 2"},
		{with(row("", "a", 5000, "PERIODIC"), func(r *Row) { r.SeasonalPeriod, r.ACFHalfLife = -3, 9 }), 36, 18, 1, MethodACFHalfLife, ConfidenceHigh, "negative is absent"},
		{with(row("", "a", 5000, "PERIODIC"), func(r *Row) { r.ACFHalfLife = math.Inf(1) }), 128, 64, 1, MethodDefault, ConfidenceLow, "infinite is absent"},
		{with(row("", "a", 10000, "RANDOM"), func(r *Row) { r.DominantFreq = 0.6 }), 32, 16, 1, MethodFrequency, ConfidenceMedium, "frequency ≥ 0.5: period 2"},
		{with(row("", "a", 100000, "RANDOM"), func(r *Row) { r.DominantFreq = 0.001 }), 2048, 1024, 1, MethodFrequency, ConfidenceMedium, "4·1000 clamped to 2048"},
		{with(row("", "a", 100000, "RANDOM"), func(r *Row) { r.DominantFreq = 1e-300 }), 2048, 1024, 1, MethodFrequency, ConfidenceMedium, "huge period"},
		{row("", "a", 0, "EVENT"), 1, 1, 0, MethodFullSignal, ConfidenceHigh, "D5b on full_signal"},
		{row("", "a", 7, "DISCRETE"), 7, 7, 0, MethodFullSignal, ConfidenceHigh, "§6.1 step 1"},
		{row("", "a", 1000, "WHATEVER"), 128, 64, 1, MethodDefault, ConfidenceLow, "unknown label"},
	}
	for i, tc := range cases {
		w := windowFor(input(t, tc.row))
		got := fmt.Sprint(w.window, w.stride, w.depth, w.method, w.confidence)
		want := fmt.Sprint(tc.window, tc.stride, tc.depth, tc.method, tc.confidence)
		if got != want {
			t.Errorf("case %d (%s, %v): got %s; want %s", i, tc.provenance, tc.row.Labels, got, want)
		}
	}
}

// TestOverrides is §6.2 and §17 test 3.
func TestOverrides(t *testing.T) {
	periodic := merge(baseEngines, engineAdjustments, []string{"PERIODIC"})
	impulsive := merge(baseEngines, engineAdjustments, []string{"IMPULSIVE"})
	cases := []struct {
		engines []string
		window  int64
		want    string
	}{
		{periodic, 32, "[{spectral 64} {sample_entropy 64} {hurst 128} {harmonics 64} {thd 64} {frequency_bands 64} {fundamental_freq 64}]"},
		{impulsive, 64, "[{hurst 128}]"},
		{periodic, 128, "[]"},
		{periodic, 31, "[{spectral 64} {sample_entropy 64} {perm_entropy 32} {hurst 128} {harmonics 64} {thd 64} {frequency_bands 64} {fundamental_freq 64}]"},
	}
	for _, tc := range cases {
		if got := fmt.Sprint(overridesFor(tc.engines, tc.window)); got != tc.want {
			t.Errorf("window %d: got %s; want %s", tc.window, got, tc.want)
		}
	}
	if got := fmt.Sprint(globalEngineWindows()); got != "[{spectral 64} {harmonics 64} {fundamental_freq 64} {thd 64} {frequency_bands 64} {spectral_entropy 64} {band_power 64} {sample_entropy 64} {hurst 128}]" {
		t.Errorf("engine_windows %s", got)
	}
}

func entry(window, stride int64, method string) *Signal {
	return &Signal{WindowSize: window, Stride: stride, WindowMethod: method}
}

// TestSystemGrid is §6.3 and §17 test 4, with the pipeline's cap
// (pipeline.md §8) and the compute.window/compute.stride overrides.
func TestSystemGrid(t *testing.T) {
	mixed := []*Signal{entry(32, 16, MethodACFHalfLife), entry(128, 32, MethodDefault),
		entry(128, 64, MethodDefault), entry(2000, 2000, MethodFullSignal)}
	binaries := []*Signal{entry(500, 500, MethodFullSignal), entry(3000, 3000, MethodFullSignal),
		entry(2000, 2000, MethodFullSignal)}
	huge := []*Signal{entry(1e9, 1e9, MethodFullSignal)}
	cases := []struct {
		name         string
		entries      []*Signal
		intervention bool
		override     Grid
		want         Grid
		warn         bool
		err          string
	}{
		{"§6.3 example with D7", mixed, false, Grid{}, Grid{128, 32}, false, ""},
		{"even count: upper median", mixed[:2], false, Grid{}, Grid{128, 32}, false, ""},
		{"all BINARY: median of n", binaries, false, Grid{}, Grid{2000, 2000}, false, ""},
		{"no active signal", nil, false, Grid{}, Grid{128, 64}, false, ""},
		{"intervention: max n", []*Signal{entry(500, 500, MethodIntervention), entry(900, 900, MethodIntervention)}, true, Grid{}, Grid{900, 900}, false, ""},
		{"intervention without signals", nil, true, Grid{}, Grid{1000, 1000}, false, ""},
		{"pipeline cap", huge, false, Grid{}, Grid{65536, 65536}, true, ""},
		{"cap in intervention mode", huge, true, Grid{}, Grid{65536, 65536}, true, ""},
		{"compute.window lifts the cap", huge, false, Grid{Window: 99060}, Grid{99060, 49530}, false, ""},
		{"compute.window and stride", mixed, false, Grid{Window: 99060, Stride: 16515}, Grid{99060, 16515}, false, ""},
		{"compute.stride alone", mixed, false, Grid{Stride: 100}, Grid{128, 100}, false, ""},
		{"window 1 gives stride 1", mixed, false, Grid{Window: 1}, Grid{1, 1}, false, ""},
		{"stride above window", mixed, false, Grid{Stride: 129}, Grid{}, false, "system stride 129 exceeds the system window 128"},
		{"stride above set window", mixed, false, Grid{Window: 64, Stride: 65}, Grid{}, false, "exceeds"},
		{"negative window", mixed, false, Grid{Window: -1}, Grid{}, false, "must be positive"},
	}
	for _, tc := range cases {
		g, warnings, err := systemGrid(tc.entries, tc.intervention, tc.override)
		switch {
		case tc.err != "":
			if _, ok := err.(*ConfigError); !ok || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s: error %v; want ConfigError %q", tc.name, err, tc.err)
			}
		case err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case g != tc.want || (len(warnings) > 0) != tc.warn:
			t.Errorf("%s: got %v warnings %q; want %v warn %v", tc.name, g, warnings, tc.want, tc.warn)
		}
	}
}

// TestWindowFactor is §6.4, §17 test 10 and the rounding checks of
// typology.md Appendix C.
func TestWindowFactor(t *testing.T) {
	example := Measures{SpectralFlatness: 0.2, SpectralPeakSNR: 15, SpectralSlope: -0.5, DominantFrequency: 0.05,
		TurningPointRatio: 0.6, ADFPValue: 0.05, Hurst: 0.3, PermEntropy: 0.6}
	if got := WindowFactorOf(example); got != 2.73 { // 1.5·1.4·1.3 = 2.73
		t.Errorf("§17 example: %v; want 2.73", got)
	}
	// E3's sine: 1.5·1.4·1.25·1.2 = 3.15, clamped to 3.0.
	sine := Measures{SpectralFlatness: 0, SpectralPeakSNR: 300, SpectralSlope: 0, DominantFrequency: 0.02,
		TurningPointRatio: 0.037, ADFPValue: 0, Hurst: 0.82, PermEntropy: 0.49}
	if got := WindowFactorOf(sine); got != 3.0 {
		t.Errorf("sine: %v; want 3.0", got)
	}
	if got := WindowFactorOf(Measures{SpectralFlatness: nan, SpectralPeakSNR: nan, SpectralSlope: nan,
		DominantFrequency: nan, TurningPointRatio: nan, ADFPValue: nan, Hurst: nan, PermEntropy: nan}); got != 1.0 {
		t.Errorf("all NaN: %v; want 1.0", got)
	}
	// Hurst < 0.4 (1.3) with nothing else: 1.3; both Hurst rules cannot hold.
	low := Measures{SpectralFlatness: 0.5, SpectralPeakSNR: 5, Hurst: 0.1, PermEntropy: 0.5, TurningPointRatio: 0.7}
	if got := WindowFactorOf(low); got != 1.3 {
		t.Errorf("low hurst: %v", got)
	}
	for _, tc := range []struct{ in, want float64 }{{2.625, 2.62}, {1.875, 1.88}, {2.675, 2.67}, {1.5 * 1.4 * 1.3, 2.73}, {0.5, 0.5}} {
		if got := Round2(tc.in); got != tc.want {
			t.Errorf("Round2(%v) = %v; want %v", tc.in, got, tc.want)
		}
	}
	r := row("", "a", 10, "RANDOM")
	if got := windowFactor(&r); got != 1.0 {
		t.Errorf("no factor, no measures: %v", got)
	}
	r.Measures = &example
	if got := windowFactor(&r); got != 2.73 {
		t.Errorf("computed: %v", got)
	}
	r.WindowFactor = 1.8
	if got := windowFactor(&r); got != 1.8 {
		t.Errorf("copied: %v", got)
	}
	r.WindowFactor = 0 // not present: computed
	if got := windowFactor(&r); got != 2.73 {
		t.Errorf("zero factor: %v", got)
	}
}

// TestNormalise is §4.
func TestNormalise(t *testing.T) {
	cases := []struct {
		row                 Row
		labels              string
		secondary, conf, sp string
		n                   int64
	}{
		{Row{SignalID: "a"}, "[STATIONARY]", "", "clear", "BROADBAND", 1000},
		{Row{SignalID: "a", Labels: []string{}}, "[STATIONARY]", "", "clear", "BROADBAND", 1000},
		{Row{SignalID: "a", Labels: []string{"binary"}, Spectral: "switching", NSamples: 7, HasN: true}, "[BINARY]", "", "clear", "SWITCHING", 7},
		{Row{SignalID: "a", Labels: []string{"PERIODIC", "QUASI_PERIODIC"}}, "[PERIODIC QUASI_PERIODIC]", "QUASI_PERIODIC", "boundary", "BROADBAND", 1000},
		{Row{SignalID: "a", Labels: []string{"PERIODIC", "QUASI_PERIODIC"}, Primary: "QUASI_PERIODIC"}, "[QUASI_PERIODIC PERIODIC]", "PERIODIC", "boundary", "BROADBAND", 1000},
		{Row{SignalID: "a", Labels: []string{"RANDOM"}, Primary: "stationary"}, "[STATIONARY RANDOM]", "RANDOM", "boundary", "BROADBAND", 1000},
		{Row{SignalID: "a", Labels: []string{"A", "B", "C"}, Confidence: "clear"}, "[A B]", "B", "clear", "BROADBAND", 1000},
		{Row{SignalID: "a", Labels: []string{"", "TRENDING", "TRENDING"}}, "[TRENDING]", "", "clear", "BROADBAND", 1000},
		{Row{SignalID: "a", Primary: "TRENDING"}, "[TRENDING STATIONARY]", "STATIONARY", "boundary", "BROADBAND", 1000},
	}
	for i, tc := range cases {
		in := input(t, tc.row)
		got := fmt.Sprint(in.labels, in.secondary, in.confidence, in.spectral, in.n)
		want := fmt.Sprint(tc.labels, tc.secondary, tc.conf, tc.sp, tc.n)
		if got != want {
			t.Errorf("case %d: got %s; want %s", i, got, want)
		}
	}
	if _, err := normalise(&Row{SignalID: "a", NSamples: -5, HasN: true}); err == nil || !strings.Contains(err.Error(), "negative") {
		t.Errorf("negative n: %v", err)
	}
}
