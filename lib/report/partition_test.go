package report

import (
	"bytes"
	"context"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func runKnown(t *testing.T, opt Options) (dir, log string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "2023-W01")
	writeKnownPartition(t, dir)
	var buf bytes.Buffer
	opt.Log = &Logger{W: &buf}
	if _, err := RunPartition(context.Background(), dir, opt); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	return dir, buf.String()
}

// TestKnownAnswers checks that the reports find exactly what the
// known-answer partition holds (known_test.go). Numbers marked "numpy" are
// printed by testdata/known_expect.py (independent recomputation of the
// sql.md definitions); the others are derived by hand in the comments.
func TestKnownAnswers(t *testing.T) {
	dir, _ := runKnown(t, Options{})
	r03 := readReport(t, dir, "03_drift_detection.md")

	a := rows(t, r03, "A")
	if got := colValues(find(a, "drift_status", "DRIFT"), "signal_id"); !reflect.DeepEqual(got, []string{"drift"}) {
		t.Errorf("03A DRIFT signals %v, want [drift]", got)
	}
	// numpy: baseline 0.00199977, late 0.022002, ratio 11.0, magnitude 40.0045.
	want(t, "03A drift", a[0], "signal_id", "drift", "baseline_slope", "0.00199977", "late_slope", "0.022002",
		"slope_ratio", "11.0", "slope_reversed", "NO", "drift_magnitude", "40.0045")
	for _, id := range []string{"ramp", "step", "vol", "gappy"} {
		want(t, "03A "+id, one(t, a, "signal_id", id), "drift_status", "WITHIN_BASELINE")
	}
	// flat: slopes 0, ratio NULL (no baseline slope), status default.
	want(t, "03A flat", one(t, a, "signal_id", "flat"), "baseline_slope", "0.0", "slope_ratio", "NULL",
		"drift_status", "WITHIN_BASELINE")

	b := rows(t, r03, "B")
	// numpy: variance ratio 6.58 (noise amplitude 0.5 -> 1.5 plus the shared trend).
	want(t, "03B vol", one(t, b, "signal_id", "vol"), "variance_ratio", "6.58", "volatility_status", "VOLATILITY_UP")
	if got := colValues(find(b, "volatility_status", "VOLATILITY_UP"), "signal_id"); !reflect.DeepEqual(got, []string{"drift", "vol"}) {
		t.Errorf("03B VOLATILITY_UP %v, want [drift vol]", got)
	}
	// The drift starts at x = 1000, the first sample of 10-bucket window 6
	// (floor(10 x / 1999) = 5 from x = 999.5 on): slope 0.022 there.
	want(t, "03E drift", one(t, rows(t, r03, "E"), "signal_id", "drift"), "first_departure_window", "6",
		"window_start_signal_0", "1000.0", "status", "ACCELERATING")
	if !strings.Contains(sectionText(t, r03, "A"), "![Drift of the signals with the largest drift magnitude](03_drift_detection_signals.png)") {
		t.Error("03A does not link its picture")
	}

	r04 := readReport(t, dir, "04_signal_ranking.md")
	b4 := rows(t, r04, "B")
	// numpy: early/late half std ratio 1.78 > 1.5, slopes unchanged.
	want(t, "04B vol", one(t, b4, "signal_id", "vol"), "vol_ratio", "1.78", "departure_type", "UNSTABLE")
	want(t, "04B drift", one(t, b4, "signal_id", "drift"), "departure_type", "CRITICAL", "departure_rank", "1")
	for _, eng := range []string{"shape", "spectral"} {
		want(t, "04C "+eng, one(t, rows(t, r04, "C"), "engine", eng, "dominance_rank", "1"),
			"signal_id", "drift", "mean_abs_pc1", "0.8", "mean_pc1", "-0.8", "pct_top_loader", "100.0")
	}

	r05 := readReport(t, dir, "05_regime_detection.md")
	// The step (+5 at x = 1000) starts 20-bucket window 11 (floor(20 x / 1999) = 10 from x = 999.5).
	want(t, "05A window 11", one(t, rows(t, r05, "A"), "window_id", "11"), "window_start_signal_0", "1000.0",
		"shifted_signals", "step")
	// numpy: |mean change| / larger range = 4.47; the window mean 7.10993.
	want(t, "05B top", rows(t, r05, "B")[0], "signal_id", "step", "window_id", "11", "window_mean", "7.10993",
		"change_magnitude", "4.47", "shift_rank", "1")

	r06 := readReport(t, dir, "06_correlation_changes.md")
	a6 := rows(t, r06, "A")
	// numpy: baseline r = 1.0 (identical), late r = 0.001.
	want(t, "06A top", a6[0], "signal_a", "pair_a", "signal_b", "pair_b", "baseline_corr", "1.0", "late_corr", "0.001",
		"status", "MAJOR_CHANGE", "change_type", "DECOUPLED", "coupling_event", "DECOUPLED", "n_aligned", "400")
	if n := len(find(a6, "coupling_event", "DECOUPLED")); n != 1 {
		t.Errorf("06A: %d DECOUPLED events, want 1", n)
	}

	c7 := rows(t, readReport(t, dir, "07_system_departure.md"), "C")
	want(t, "07C ramp", one(t, c7, "signal_id", "ramp"), "up_moves", "9", "trend_status", "TRENDING_UP")
	for _, id := range []string{"pair_a", "pair_b", "flat"} {
		if len(find(c7, "signal_id", id)) != 0 {
			t.Errorf("07C lists %s, which has no trend", id)
		}
	}

	r02 := readReport(t, dir, "02_signal_statistics.md")
	a2 := rows(t, r02, "A")
	// gappy: NaN at x = 99, 199, …, 1999 -> 20 invalid; its last valid x is 1998.
	want(t, "02A gappy", one(t, a2, "signal_id", "gappy"), "n_rows", "2000", "n_invalid", "20", "last_signal_0", "1998.0")
	// numpy: quartiles (linear interpolation) and sample std of ramp.
	want(t, "02A ramp", one(t, a2, "signal_id", "ramp"), "q1", "0.996667", "median", "1.99938", "q3", "2.99833", "std", "1.20793")
	want(t, "02A flat", one(t, a2, "signal_id", "flat"), "std", "0.0", "cv", "0.0")
	// signal_vector: drift is signal 2, so kurtosis = 0.2 + w/100 for w = 0..9: mean 0.245.
	want(t, "02B drift", one(t, rows(t, r02, "B"), "signal_id", "drift"), "n_windows", "10", "kurtosis", "0.245",
		"skewness", "-0.1", "hurst", "NULL")

	r01 := readReport(t, dir, "01_typology_summary.md")
	want(t, "01A", one(t, rows(t, r01, "A"), "temporal_pattern", "TRENDING"), "n_signals", "3", "n_dual", "1",
		"signals", "drift, ramp, vol")
	want(t, "01D", rows(t, r01, "D")[0], "n_observed", "8", "n_classified", "8", "n_in_signal_vector", "7",
		"missing_from_typology", "gappy", "missing_from_observations", "ghost", "not_in_signal_vector", "flat")
	want(t, "01C drift", one(t, rows(t, r01, "C"), "signal_id", "drift"), "temporal_pattern", "TRENDING+DRIFTING",
		"n_engines", "1", "hurst", "0.52")

	r08 := readReport(t, dir, "08_baseline_deviation.md")
	// Baseline = first 5 windows; from window 30 (end 1623) effective_dim 1.9 is
	// (2.482 - 1.9) / 0.036 = 16.1667 band widths below the band and the
	// coherence key flag is set: 20 warnings of 45 monitored windows (44.4 %).
	want(t, "08B shape", one(t, rows(t, r08, "B"), "engine", "shape"), "n_monitored", "45", "n_warning", "20",
		"pct_abnormal", "44.4", "max_deviation_score", "16.1667", "most_common_source", "effective_dim",
		"current_severity", "warning", "departure_assessment", "unstable")
	want(t, "08B spectral", one(t, rows(t, r08, "B"), "engine", "spectral"), "n_warning", "0", "departure_assessment", "stable")
	c8 := rows(t, r08, "C")
	if len(c8) != 1 {
		t.Fatalf("08C: %d events, want 1", len(c8))
	}
	want(t, "08C", c8[0], "engine", "shape", "window_end", "1623.0", "event_type", "deviation_onset")

	r09 := readReport(t, dir, "09_dimension_trajectory.md")
	// Early = windows ending <= 1023 + 0.2 * 980 (w 0-9): mean 2.5; late =
	// windows ending >= 2003 - 196 (w 40-49): 1.9.
	want(t, "09A shape", one(t, rows(t, r09, "A"), "engine", "shape"), "early_dim", "2.5", "late_dim", "1.9",
		"dim_delta", "-0.6", "pct_change", "-24.0", "trajectory_type", "COLLAPSING", "change_rank", "1")
	want(t, "09A spectral", one(t, rows(t, r09, "A"), "engine", "spectral"), "trajectory_type", "STABLE")
	for _, png := range []string{"09_dimension_trajectory_effective_dim.png", "09_dimension_trajectory_eigenvalue_1.png", "03_drift_detection_signals.png"} {
		if !strings.Contains(r09+r03, "]("+png+")") {
			t.Errorf("%s is not linked", png)
		}
		checkPNG(t, filepath.Join(dir, "output", "sql", png))
	}

	r10 := readReport(t, dir, "10_geometry_ranked.md")
	// One step of -0.6 at window 30 (end 1623); the flip in window 40.
	want(t, "10B shape", one(t, rows(t, r10, "B"), "engine", "shape"), "n_collapse_steps", "1",
		"first_collapse_window_end", "1623.0", "max_abs_velocity", "0.6", "max_velocity_window_end", "1623.0",
		"eigenvector_flips", "1")
	want(t, "10A top", rows(t, r10, "A")[0], "engine", "shape", "window_end", "1623.0", "velocity", "-0.6", "velocity_rank", "1")
	want(t, "10C", one(t, rows(t, r10, "C"), "engine", "shape", "feature_rank", "1"), "feature", "kurtosis", "mean_abs_pc1", "0.9")

	r00 := readReport(t, dir, "00_executive_summary.md")
	// DRIFT or REVERSED: drift and the two trendless oscillations (opposite
	// tiny slopes); shape collapses, so ALERT.
	want(t, "00A", rows(t, r00, "A")[0], "n_signals", "8", "n_samples", "15980", "n_windows", "50",
		"n_drifting", "3", "n_volatility_up", "2", "dimension_trend", "shape:COLLAPSING, spectral:STABLE",
		"worst_current_severity", "warning", "overall_status", "ALERT")
	want(t, "00B top", rows(t, r00, "B")[0], "signal_id", "drift", "n_reasons", "4",
		"reasons", "drift:DRIFT; volatility_up; departure:CRITICAL; regime_shift")
	idx := rows(t, r00, "C")
	if len(idx) != 10 || idx[0]["report"] != "01_typology_summary.md" || idx[9]["report"] != "10_geometry_ranked.md" {
		t.Errorf("00C index: %v", idx)
	}
	if _, err := os.Stat(filepath.Join(dir, "output", "sql", StampName)); err != nil {
		t.Error("no stage stamp after a clean run")
	}
}

func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("%s: %v", path, err)
	}
}
