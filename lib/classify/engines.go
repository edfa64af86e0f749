package classify

import "slices"

// BaseEngines start the engine list of every continuous row (§6.10).
var BaseEngines = []string{"crest_factor", "kurtosis", "skewness", "spectral",
	"sample_entropy", "perm_entropy", "hurst", "acf_decay"}

// discreteEngines is the whole engine list of a discrete/sparse row.
var discreteEngines = map[string][]string{
	Constant:     {},
	Binary:       {"transition_count", "duty_cycle", "mean_time_between"},
	Discrete:     {"level_histogram", "transition_matrix", "dwell_times"},
	Impulsive:    {"peak_detection", "inter_arrival", "peak_amplitude_dist"},
	Event:        {"event_rate", "inter_event_time", "event_amplitude"},
	Step:         {"changepoint_detection", "level_means", "regime_duration"},
	Intermittent: {"burst_detection", "activity_ratio", "silence_distribution"},
}

// continuousAdds are the "add" lists of the continuous labels, in order.
// DRIFTING has none (§6.10); the removal lists of the reference are all
// empty and therefore not represented.
var continuousAdds = map[string][]string{
	Trending: {"hurst", "rate_of_change", "trend_r2", "detrend_std", "cusum", "spectral",
		"kurtosis", "skewness", "crest_factor", "sample_entropy", "acf_decay", "variance_growth"},
	Periodic: {"harmonics", "thd", "frequency_bands", "fundamental_freq", "phase_coherence",
		"spectral", "kurtosis", "skewness", "crest_factor", "hurst", "snr"},
	Chaotic: {"lyapunov", "correlation_dimension", "recurrence_rate", "determinism", "spectral",
		"kurtosis", "skewness", "crest_factor", "hurst", "harmonics", "frequency_bands",
		"sample_entropy", "perm_entropy", "embedding_dim"},
	Random: {"spectral_entropy", "band_power", "spectral", "kurtosis", "skewness", "crest_factor",
		"hurst", "frequency_bands", "sample_entropy", "perm_entropy", "acf_decay"},
	QuasiPeriodic: {"frequency_bands", "spectral", "harmonics", "hurst", "kurtosis", "skewness",
		"crest_factor", "rate_of_change", "sample_entropy"},
	Stationary: {"spectral", "kurtosis", "skewness", "crest_factor", "hurst", "frequency_bands",
		"spectral_entropy", "acf_decay", "variance_ratio", "adf_stat"},
}

// redNoiseEngine is appended for continuous rows whose spectral class is
// RED_NOISE (§6.10).
const redNoiseEngine = "psd_slope"

// engines returns the engine list of a classified row (§6.10, step H).
func engines(discreteSparse bool, pattern []string, spectral string) []string {
	if discreteSparse {
		return append([]string{}, discreteEngines[pattern[0]]...)
	}
	list := append([]string{}, BaseEngines...)
	for _, label := range pattern {
		list = appendNew(list, continuousAdds[label]...)
	}
	if spectral == RedNoise {
		list = appendNew(list, redNoiseEngine)
	}
	return list
}

// appendNew appends each name not yet in list, keeping first-seen order.
func appendNew(list []string, names ...string) []string {
	for _, n := range names {
		if !slices.Contains(list, n) {
			list = append(list, n)
		}
	}
	return list
}
