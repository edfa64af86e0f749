package manifold

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const probeManifest = `system: {window: 8, stride: 4}
engine_windows: {crest_factor: 3, perm_entropy: 12}
cohorts:
  c:
    a: {engines: [kurtosis, skewness, crest_factor, perm_entropy, not_an_engine]}
    b: {engines: [kurtosis, skewness, crest_factor, perm_entropy]}
`

// TestWorkedExample runs manifold.md §9.3 (W = 8, S = 4) with engines that
// report their window: kurtosis = last value, skewness = first value of
// the system window, crest_factor = count over L_e = 3, permutation_entropy
// = mean over L_e = 12 (longer than W: null until 12 samples exist).
func TestWorkedExample(t *testing.T) {
	root := t.TempDir()
	p1 := partition{dir: filepath.Join(root, "p1")}
	p1.obs = writeObservations(t, filepath.Join(p1.dir, "observations.parquet"), 5,
		signal{cohort: "c", id: "a", values: ramp(22, 0)}, signal{cohort: "c", id: "b", values: ramp(22, 100)})
	p1.manifest = writeManifest(t, p1.dir, probeManifest)
	var warnings []string
	res := runPartition(t, p1, runConfig{catalog: probeCatalog{}, warnings: &warnings})

	sv := readRows(t, p1.out(), "signal_vector.parquet")
	var got []string
	for _, r := range sv {
		got = append(got, strings.Join([]string{r["signal_id"].(string), fmtNum(r["window_index"]), fmtNum(r["signal_0_start"]),
			fmtNum(r["signal_0_end"]), fmtNum(r["kurtosis"]), fmtNum(r["skewness"]), fmtNum(r["crest_factor"]), fmtNum(r["permutation_entropy"])}, " "))
	}
	// Window-major, then signal_id; ends 7, 11, 15, 19 = indices 1..4.
	want := []string{
		"a 1 0 7 7 0 3 NaN", "b 1 0 7 107 100 3 NaN",
		"a 2 4 11 11 4 3 5.5", "b 2 4 11 111 104 3 105.5",
		"a 3 8 15 15 8 3 9.5", "b 3 8 15 115 108 3 109.5",
		"a 4 12 19 19 12 3 13.5", "b 4 12 19 119 112 3 113.5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("partition 1 signal_vector:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, "not_an_engine") }) {
		t.Errorf("no warning for the unknown engine: %q", warnings)
	}
	// crest_factor is 3 in every row: the shape group is constant, no geometry.
	if res.Counts["geometry_skipped_constant_feature"] != 4 || res.Rows["state_geometry.parquet"] != 0 || res.Rows["state_vector.parquet"] != 4 {
		t.Errorf("counts %s rows %v", keysOf(res.Counts), res.Rows)
	}

	// Partition 2 with the last 10 samples of partition 1 before its 15.
	p2 := partition{dir: filepath.Join(root, "p2"), manifest: p1.manifest}
	p2.obs = writeObservations(t, filepath.Join(p2.dir, "observations.parquet"), 4,
		signal{cohort: "c", id: "a", values: ramp(15, 1000)}, signal{cohort: "c", id: "b", values: ramp(15, 2000)})
	res = runPartition(t, p2, runConfig{catalog: probeCatalog{}, prev: p1.obs, overlap: 10})
	got = got[:0]
	for _, r := range readRows(t, p2.out(), "signal_vector.parquet") {
		if r["signal_id"] == "a" {
			got = append(got, strings.Join([]string{fmtNum(r["window_index"]), fmtNum(r["signal_0_start"]), fmtNum(r["signal_0_end"]),
				fmtNum(r["kurtosis"]), fmtNum(r["skewness"]), fmtNum(r["crest_factor"]), fmtNum(r["permutation_entropy"])}, " "))
		}
	}
	// Window 0 straddles: local -4..3 = partition 1's 18..21 and 1000..1003.
	// permutation_entropy over 12 reaches before the system window: local
	// -8..3 = 14..21 and 1000..1003 for window 0, -4..7 for window 1.
	want = []string{
		"0 -4 3 1003 18 3 " + fmtNum((14.0+15+16+17+18+19+20+21+1000+1001+1002+1003)/12),
		"1 0 7 1007 1000 3 " + fmtNum((18.0+19+20+21+1000+1001+1002+1003+1004+1005+1006+1007)/12),
		"2 4 11 1011 1004 3 1005.5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("partition 2 signal a:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The context window ending at -1 is computed (state and geometry
	// chain) but not written; no window is unformable.
	if res.Counts["signal_windows_unformable"] != 0 || res.Rows["signal_vector.parquet"] != 6 {
		t.Errorf("counts %s rows %v", keysOf(res.Counts), res.Rows)
	}

	// Without enough overlap, window 0 cannot be formed: skipped and counted.
	warnings = nil
	res = runPartition(t, p2, runConfig{catalog: probeCatalog{}, prev: p1.obs, overlap: 3, warnings: &warnings})
	if res.Counts["signal_windows_unformable"] != 2 || res.Rows["signal_vector.parquet"] != 4 {
		t.Errorf("short overlap: counts %s rows %v", keysOf(res.Counts), res.Rows)
	}
	if !slices.ContainsFunc(warnings, func(w string) bool { return strings.Contains(w, "--overlap 3 is shorter") }) {
		t.Errorf("no overlap warning: %q", warnings)
	}
}

func fmtNum(v any) string {
	switch x := v.(type) {
	case int64:
		return strings.TrimSpace(strings.ReplaceAll(formatFloat(float64(x)), " ", ""))
	case float64:
		return formatFloat(x)
	}
	return "?"
}
