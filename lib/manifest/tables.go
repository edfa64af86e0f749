package manifest

import (
	"slices"

	"sp/lib/classify"
)

// Version of the manifest format (manifest.md §8).
const Version = "2.6"

// Generator identifies this implementation in the manifest (§8, key 3).
const Generator = "sp-manifest (manifest v2.6)"

// baseEngines start every non-CONSTANT signal's list (§5.2).
var baseEngines = []string{"crest_factor", "kurtosis", "skewness", "spectral",
	"sample_entropy", "perm_entropy", "hurst", "acf_decay"}

// removeAll is the remove list that empties everything (CONSTANT).
const removeAll = "*"

// adjustment is one class's row of §5.3 or §5.7.
type adjustment struct{ add, remove []string }

// engineAdjustments is §5.3 (with DRIFTING from D3).
var engineAdjustments = map[string]adjustment{
	classify.Trending: {add: []string{"hurst", "rate_of_change", "trend_r2", "detrend_std", "cusum", "spectral",
		"kurtosis", "skewness", "crest_factor", "sample_entropy", "acf_decay", "variance_growth"}},
	classify.Periodic: {add: []string{"harmonics", "thd", "frequency_bands", "fundamental_freq", "phase_coherence",
		"spectral", "kurtosis", "skewness", "crest_factor", "hurst", "snr"}},
	classify.Chaotic: {add: []string{"lyapunov", "correlation_dimension", "recurrence_rate", "determinism",
		"spectral", "kurtosis", "skewness", "crest_factor", "hurst", "harmonics", "frequency_bands",
		"sample_entropy", "perm_entropy", "embedding_dim"}},
	classify.Random: {add: []string{"spectral_entropy", "band_power", "spectral", "kurtosis", "skewness",
		"crest_factor", "hurst", "frequency_bands", "sample_entropy", "perm_entropy", "acf_decay"}},
	classify.QuasiPeriodic: {add: []string{"frequency_bands", "spectral", "harmonics", "hurst", "kurtosis",
		"skewness", "crest_factor", "rate_of_change", "sample_entropy"}},
	classify.Stationary: {add: []string{"spectral", "kurtosis", "skewness", "crest_factor", "hurst",
		"frequency_bands", "spectral_entropy", "acf_decay", "variance_ratio", "adf_stat"}},
	classify.Drifting: {add: []string{"hurst", "rate_of_change", "trend_r2", "variance_ratio", "acf_decay",
		"sample_entropy", "cusum", "detrend_std"}},
	classify.Constant: {remove: []string{removeAll}},
	classify.Binary: {add: []string{"transition_count", "duty_cycle", "mean_time_between", "kurtosis", "skewness",
		"switching_frequency"}},
	classify.Discrete: {add: []string{"level_histogram", "transition_matrix", "dwell_times", "kurtosis", "skewness",
		"spectral", "level_count", "entropy"}},
	classify.Impulsive: {add: []string{"peak_detection", "inter_arrival", "peak_amplitude_dist", "kurtosis",
		"skewness", "crest_factor", "spectral", "hurst", "envelope", "rise_time"}},
	classify.Event: {add: []string{"event_rate", "inter_event_time", "event_amplitude", "kurtosis", "skewness",
		"crest_factor", "spectral"}},
	classify.Step: {add: []string{"changepoint_detection", "level_means", "regime_duration", "kurtosis", "skewness",
		"spectral", "hurst"}},
	classify.Intermittent: {add: []string{"burst_detection", "activity_ratio", "silence_distribution", "kurtosis",
		"skewness", "crest_factor", "spectral", "hurst"}},
}

// baseVisualizations and visualizationAdjustments are §5.7 (no DRIFTING row).
var baseVisualizations = []string{"spectral_density"}

var visualizationAdjustments = map[string]adjustment{
	classify.Trending:      {add: []string{"trend_overlay", "segment_comparison", "cusum_plot", "spectral_density"}},
	classify.Periodic:      {add: []string{"waterfall", "phase_portrait", "spectrum", "spectral_density"}},
	classify.Chaotic:       {add: []string{"phase_portrait", "recurrence", "lyapunov_spectrum", "spectral_density"}},
	classify.Random:        {add: []string{"histogram", "spectral_density", "waterfall"}},
	classify.QuasiPeriodic: {add: []string{"waterfall", "spectral_density", "phase_portrait"}},
	classify.Stationary:    {add: []string{"histogram", "spectral_density"}},
	classify.Constant:      {remove: []string{removeAll}},
	classify.Binary:        {add: []string{"state_timeline", "transition_diagram", "histogram"}},
	classify.Discrete:      {add: []string{"state_timeline", "level_histogram", "spectral_density"}},
	classify.Impulsive:     {add: []string{"spike_plot", "amplitude_histogram", "spectral_density"}},
	classify.Event:         {add: []string{"event_timeline", "inter_event_histogram"}},
	classify.Step:          {add: []string{"state_timeline", "level_histogram"}},
	classify.Intermittent:  {add: []string{"activity_timeline", "burst_histogram", "spectral_density"}},
}

// merge is the procedure of §5.4: the base list, the primary's removals,
// then each label's additions in order, skipping names already present.
func merge(base []string, table map[string]adjustment, labels []string) []string {
	list := append([]string{}, base...)
	for _, r := range table[labels[0]].remove {
		if r == removeAll {
			return []string{}
		}
		list = slices.DeleteFunc(list, func(x string) bool { return x == r })
	}
	for _, label := range labels {
		for _, name := range table[label].add {
			if !slices.Contains(list, name) {
				list = append(list, name)
			}
		}
	}
	return list
}

// EngineWindow is an engine and its window length in samples.
type EngineWindow struct {
	Engine string
	Window int64
}

// engineMinWindows is ENGINE_MIN_WINDOWS (§6.2), in table order. The
// compute stage uses these as exact lengths (manifold.md §4.3).
var engineMinWindows = []EngineWindow{
	{"spectral", 64}, {"harmonics", 64}, {"fundamental_freq", 64}, {"thd", 64}, {"frequency_bands", 64},
	{"spectral_entropy", 64}, {"band_power", 64}, {"sample_entropy", 64}, {"perm_entropy", 32}, {"hurst", 128},
}

func minWindow(engine string) int64 {
	for _, e := range engineMinWindows {
		if e.Engine == engine {
			return e.Window
		}
	}
	return 0
}

// globalEngineWindows is the engine_windows block: the minimums above 32.
func globalEngineWindows() []EngineWindow {
	var out []EngineWindow
	for _, e := range engineMinWindows {
		if e.Window > 32 {
			out = append(out, e)
		}
	}
	return out
}

// Fixed texts and lists of the manifest (§6.2, §6.3, §8).
const (
	engineWindowsNote      = "Minimum window sizes for FFT-based and long-range engines"
	systemNote             = "Common window for state_vector/geometry alignment"
	systemNoteIntervention = "Full-span per-cohort (intervention mode)"
	paramsNote             = "per-signal windows override system window when needed"
	interventionNote       = "Intervention mode: full-span per-cohort analysis with pre/post split"
)

var (
	pairEngines          = []string{"granger", "transfer_entropy"}
	symmetricPairEngines = []string{"cointegration", "correlation", "mutual_info"}
)
