package manifold

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const shapeManifest = `system: {window: 8, stride: 4}
engine_windows: {crest_factor: 3}
cohorts:
  c:
    a: {engines: [kurtosis, skewness, crest_factor]}
    b: {engines: [kurtosis, skewness, crest_factor]}
    c: {engines: [kurtosis, skewness, crest_factor]}
    d: {engines: [kurtosis, skewness, crest_factor]}
    e: {engines: []}
`

func hasWarning(warnings []string, part string) bool {
	return slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, part) })
}

// TestBadInputs: a manifest signal without data, a signal shorter than the
// window, windows whose samples are all NaN, windows with a single usable
// signal. Each gives the specified rows (nulls, skips) and a count.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	c := ramp(40, 100)
	for i := 4; i < 16; i++ {
		c[i] = math.NaN()
	}
	p := partition{dir: dir, manifest: writeManifest(t, dir, shapeManifest)}
	p.obs = writeObservations(t, filepath.Join(dir, "observations.parquet"), 16,
		signal{cohort: "c", id: "a", values: ramp(40, 0), shift: 0}, signal{cohort: "c", id: "b", values: ramp(5, 0), shift: 0}, signal{cohort: "c", id: "c", values: c, shift: 0},
		signal{cohort: "c", id: "unlisted", values: ramp(40, 0), shift: 0})
	var warnings []string
	res := runPartition(t, p, runConfig{catalog: probeCatalog{middle: true}, warnings: &warnings})
	want := map[string]int64{
		"signals_missing":              1, // d
		"signals_without_windows":      1, // b: 5 samples < W
		"signal_windows_all_null":      2, // c, windows 2 and 3 (positions 4..11, 8..15)
		"geometry_skipped_few_signals": 3, // windows 1-3: c's crest_factor (samples 5..7, 9..11, 13..15) is null, only a is complete
		"windows":                      9, // ends 7, 11, …, 39
	}
	for k, v := range want {
		if res.Counts[k] != v {
			t.Errorf("count %s = %d, want %d (all: %s)", k, res.Counts[k], v, keysOf(res.Counts))
		}
	}
	for _, w := range []string{"have no rows in", "c/d", "too short", "c/b (5 samples)"} {
		if !hasWarning(warnings, w) {
			t.Errorf("no warning mentioning %q: %q", w, warnings)
		}
	}
	if res.Rows["signal_vector.parquet"] != 18 || res.Rows["state_vector.parquet"] != 9 || res.Rows["state_geometry.parquet"] != 6 {
		t.Errorf("rows %v", res.Rows)
	}
	for _, r := range readRows(t, p.out(), "signal_vector.parquet") {
		k := r["window_index"].(int64)
		if r["signal_id"] == "c" && (k == 2 || k == 3) && !(isNaN(r["kurtosis"]) && isNaN(r["skewness"]) && isNaN(r["crest_factor"])) {
			t.Errorf("all-NaN window %d: %v", k, r)
		}
	}
	for _, r := range readRows(t, p.out(), "state_vector.parquet") {
		k := r["window_index"].(int64)
		wantN := int64(2)
		if k == 2 || k == 3 {
			wantN = 1
		}
		if r["n_signals"] != wantN {
			t.Errorf("window %d n_signals %v, want %d", k, r["n_signals"], wantN)
		}
	}
}

func TestInputErrors(t *testing.T) {
	dir := t.TempDir()
	m := writeManifest(t, dir, shapeManifest)
	obsPath := writeObservations(t, filepath.Join(dir, "observations.parquet"), 0, signal{cohort: "c", id: "a", values: ramp(40, 0), shift: 0})
	notParquet := filepath.Join(dir, "text.parquet")
	os.WriteFile(notParquet, []byte("hello"), 0o644)
	twoCohorts := writeManifest(t, filepath.Join(dir, "two"), "system: {window: 8, stride: 4}\ncohorts: {x: {a: {engines: [kurtosis]}}, y: {a: {engines: [kurtosis]}}}\n")
	noCohort := writeForeignCohort(t, filepath.Join(dir, "nocohort", "observations.parquet"), false, signal{cohort: "", id: "a", values: ramp(40, 0), shift: 0})
	// Negative signal_0 of its own after an overlap numbered -N..-1.
	negative := writeForeign(t, filepath.Join(dir, "negative", "observations.parquet"), signal{cohort: "c", id: "a", values: ramp(40, 0), shift: -100})
	cases := []struct {
		name string
		p    partition
		cfg  runConfig
		want string
	}{
		{"missing observations", partition{dir: dir, obs: filepath.Join(dir, "none.parquet"), manifest: m}, runConfig{}, "none.parquet"},
		{"not parquet", partition{dir: dir, obs: notParquet, manifest: m}, runConfig{}, "text.parquet: not a readable parquet file"},
		{"missing previous", partition{dir: dir, obs: obsPath, manifest: m}, runConfig{prev: filepath.Join(dir, "gone.parquet"), overlap: 5}, "previous partition"},
		{"no cohort column, two cohorts", partition{dir: dir, obs: noCohort, manifest: twoCohorts}, runConfig{}, "has no cohort column, but manifest"},
		{"signal_0 below the overlap", partition{dir: dir, obs: negative, manifest: m}, runConfig{prev: obsPath, overlap: 20}, "signal_0 decreases"},
	}
	for _, c := range cases {
		c.cfg.catalog = probeCatalog{}
		_, err := tryRun(c.p, c.cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
		if _, statErr := os.Stat(filepath.Join(dir, "output", Stamp)); statErr == nil {
			t.Errorf("%s: stamp written after a failure", c.name)
		}
	}
}

// TestNoCohortColumn: a file without a cohort column belongs to the
// manifest's only cohort.
func TestNoCohortColumn(t *testing.T) {
	dir := t.TempDir()
	p := partition{dir: dir, manifest: writeManifest(t, dir, shapeManifest)}
	p.obs = writeForeignCohort(t, filepath.Join(dir, "observations.parquet"), false, signal{cohort: "", id: "a", values: ramp(40, 0), shift: 0}, signal{cohort: "", id: "c", values: ramp(40, 7), shift: 0})
	res := runPartition(t, p, runConfig{catalog: probeCatalog{middle: true}})
	if res.Rows["signal_vector.parquet"] != 18 {
		t.Errorf("rows %v", res.Rows)
	}
	if r := readRows(t, p.out(), "signal_vector.parquet")[0]; r["cohort"] != "c" {
		t.Errorf("cohort %v", r["cohort"])
	}
}

// TestDuplicateAndNaNIndex: a repeated signal_0 is a separate sample (with
// a warning); a row whose signal_0 is NaN is dropped (with a warning).
func TestDuplicateAndNaNIndex(t *testing.T) {
	dir := t.TempDir()
	index := ramp(41, 0)
	index[10], index[20] = 9, math.NaN()
	p := partition{dir: dir, manifest: writeManifest(t, dir, shapeManifest)}
	p.obs = writeForeign(t, filepath.Join(dir, "observations.parquet"), signal{cohort: "c", id: "a", values: ramp(41, 0), index: index})
	var warnings []string
	res := runPartition(t, p, runConfig{catalog: probeCatalog{middle: true}, warnings: &warnings})
	if res.Counts["duplicate_signal_0"] != 1 || res.Counts["rows_nan_signal_0"] != 1 || res.Rows["signal_vector.parquet"] != 9 {
		t.Errorf("counts %s rows %v", keysOf(res.Counts), res.Rows)
	}
	if !hasWarning(warnings, "repeat the previous sample's signal_0") || !hasWarning(warnings, "NaN signal_0 were dropped") {
		t.Errorf("warnings %q", warnings)
	}
	// 40 samples remain, so the rows after the NaN one move up a
	// position: window 5 (positions 16..23) ends at row 24 (signal_0 24).
	for _, r := range readRows(t, p.out(), "signal_vector.parquet") {
		if r["window_index"] == int64(5) && (f(r["signal_0_end"]) != 24 || f(r["kurtosis"]) != 24 || f(r["signal_0_start"]) != 16) {
			t.Errorf("window 5: %v", r)
		}
	}
}

// TestAlignmentWarning is manifold.md §13.6 item 4: signals whose
// signal_0 grids are shifted never share a signal_0_end, so every window
// group is partial, and a warning says so.
func TestAlignmentWarning(t *testing.T) {
	dir := t.TempDir()
	p := partition{dir: dir, manifest: writeManifest(t, dir, shapeManifest)}
	p.obs = writeForeign(t, filepath.Join(dir, "observations.parquet"), signal{cohort: "c", id: "a", values: ramp(40, 0), shift: 0}, signal{cohort: "c", id: "c", values: ramp(40, 7), shift: 0.5})
	var warnings []string
	res := runPartition(t, p, runConfig{catalog: probeCatalog{middle: true}, warnings: &warnings})
	if res.Counts["window_groups_partial"] != 18 || res.Rows["state_vector.parquet"] != 18 {
		t.Errorf("counts %s rows %v", keysOf(res.Counts), res.Rows)
	}
	if !hasWarning(warnings, "exact signal_0_end") {
		t.Errorf("no alignment warning: %q", warnings)
	}
}

// TestConstantGroupSkip is manifold.md §13.6 item 5, second half: signals
// sharing one feature value give no row for that group.
func TestConstantGroupSkip(t *testing.T) {
	dir := t.TempDir()
	p := partition{dir: dir, manifest: writeManifest(t, dir, shapeManifest)}
	// crest_factor counts the 3 last samples: 3 for every signal.
	p.obs = writeObservations(t, filepath.Join(dir, "observations.parquet"), 0,
		signal{cohort: "c", id: "a", values: ramp(40, 0), shift: 0}, signal{cohort: "c", id: "c", values: ramp(40, 5), shift: 0}, signal{cohort: "c", id: "d", values: ramp(40, -3), shift: 0})
	res := runPartition(t, p, runConfig{catalog: probeCatalog{}})
	if res.Rows["state_geometry.parquet"] != 0 || res.Counts["geometry_skipped_constant_feature"] != 9 || res.Rows["state_vector.parquet"] != 9 {
		t.Errorf("counts %s rows %v", keysOf(res.Counts), res.Rows)
	}
}

// TestEmptyCohort: cohort-less data (cohort "") as sp-ingest and
// sp-manifest write it, with a per-signal override longer than W.
func TestEmptyCohort(t *testing.T) {
	dir := t.TempDir()
	p := partition{dir: dir, manifest: writeManifest(t, dir, `system: {window: 8, stride: 4}
cohorts:
  "":
    a: {engines: [kurtosis, skewness, crest_factor], engine_window_overrides: {skewness: 12}}
    b: {engines: [kurtosis, skewness, crest_factor]}
`)}
	p.obs = writeObservations(t, filepath.Join(dir, "observations.parquet"), 0,
		signal{cohort: "", id: "a", values: ramp(20, 0)}, signal{cohort: "", id: "b", values: ramp(20, 50)})
	res := runPartition(t, p, runConfig{catalog: probeCatalog{middle: true}})
	sv := readRows(t, p.out(), "signal_vector.parquet")
	if res.Rows["signal_vector.parquet"] != 8 || sv[0]["cohort"] != "" {
		t.Fatalf("rows %v, first %v", res.Rows, sv[0])
	}
	// a's skewness window is 12 samples: null at window 1 (end 7), then
	// the first of positions end-11..end.
	for _, r := range sv {
		if r["signal_id"] != "a" {
			continue
		}
		end := f(r["signal_0_end"])
		if want := end - 11; (end == 7) != isNaN(r["skewness"]) || end > 7 && f(r["skewness"]) != want {
			t.Errorf("window ending %v: skewness %v", end, r["skewness"])
		}
	}
}
