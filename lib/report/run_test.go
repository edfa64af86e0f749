package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func outputs(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, f := range coreFiles() {
		if b, err := os.ReadFile(filepath.Join(dir, "output", "sql", f)); err == nil {
			out[f] = b
		}
	}
	return out
}

// sql.md §8 test 7: two runs, and one DuckDB thread vs the default, give
// the same bytes (markdown and pictures).
func TestDeterministic(t *testing.T) {
	dir, _ := runKnown(t, Options{})
	first := outputs(t, dir)
	if len(first) != len(coreFiles()) {
		t.Fatalf("%d files written, want %d", len(first), len(coreFiles()))
	}
	for _, threads := range []int{1, 0} {
		if _, err := RunPartition(context.Background(), dir, Options{Threads: threads, SampleCap: 200000}); err != nil {
			t.Fatal(err)
		}
		for name, b := range outputs(t, dir) {
			if !bytes.Equal(b, first[name]) {
				t.Errorf("threads %d: %s differs from the first run", threads, name)
			}
		}
	}
}

// cloneReports deep-copies the report set so a test can break one part.
func cloneReports() []reportDef {
	out := make([]reportDef, len(coreReports))
	for i, r := range coreReports {
		r.tables = append([]string(nil), r.tables...)
		r.sections = append([]sectionDef(nil), r.sections...)
		out[i] = r
	}
	return out
}

// A failing section is reported in its file and on stderr, the other
// sections and reports are still written, the run fails and leaves no
// stamp.
func TestSectionErrorIsolated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2023-W01")
	writeKnownPartition(t, dir)
	reports := cloneReports()
	reports[3].sections[1].sql = "SELECT no_such_column FROM t_dep_sig" // 04B
	reports[6].tables[0] = "CREATE OR REPLACE TEMP TABLE t_departure AS SELECT missing FROM t_dep_sig"
	var log bytes.Buffer
	res, err := runPartition(context.Background(), dir, Options{Log: &Logger{W: &log}}, reports)
	if err == nil {
		t.Fatal("a failing section must fail the run")
	}
	// 04B; 07A, 07B, 07C (their table); 00A (reads t_departure_status).
	if res.Errors != 5 || res.Reports != 11 {
		t.Errorf("result %+v, want 5 errors in 11 reports", res)
	}
	if len(outputs(t, dir)) != len(coreFiles())-1 {
		t.Errorf("files: %v", len(outputs(t, dir)))
	}
	if _, err := os.Stat(filepath.Join(dir, "output", "sql", StampName)); err == nil {
		t.Error("stamp written after a failure")
	}
	r04 := readReport(t, dir, "04_signal_ranking.md")
	if body := sectionText(t, r04, "B"); !strings.Contains(body, "_Error: Binder Error: Referenced column \"no_such_column\" not found") {
		t.Errorf("04B body:\n%s", body)
	}
	if len(rows(t, r04, "A")) != 8 || len(rows(t, r04, "C")) != 6 {
		t.Error("04A and 04C must still have their rows")
	}
	for _, want := range []string{"error: 04_signal_ranking.md section B: Binder Error", "error: 07_system_departure.md table t_departure:",
		"error: 07_system_departure.md section A:", "error: 00_executive_summary.md section A:"} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, log.String())
		}
	}
	idx := one(t, rows(t, readReport(t, dir, "00_executive_summary.md"), "C"), "report", "04_signal_ranking.md")
	want(t, "00C 04", idx, "errors", "1", "with_rows", "2")
	// A clean re-run repairs everything and writes the stamp.
	if _, err := RunPartition(context.Background(), dir, Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "output", "sql", StampName)); err != nil {
		t.Error("no stamp after the clean re-run")
	}
}

func TestMissingTargets(t *testing.T) {
	_, err := RunPartition(context.Background(), filepath.Join(t.TempDir(), "nope"), Options{})
	if !errors.Is(err, ErrTarget) {
		t.Errorf("missing partition: %v, want ErrTarget", err)
	}
	// No observations: exit 1, nothing written (not even output/sql).
	dir := t.TempDir()
	copyTo(t, dir, "typology.parquet", "SELECT 'a' AS signal_id")
	_, err = RunPartition(context.Background(), dir, Options{})
	if err == nil || errors.Is(err, ErrTarget) || !strings.Contains(err.Error(), "observations.parquet (not found)") {
		t.Errorf("missing observations: %v", err)
	}
	if _, serr := os.Stat(filepath.Join(dir, "output")); serr == nil {
		t.Error("output written without observations")
	}
	// Unreadable or keyless observations: the same.
	os.WriteFile(filepath.Join(dir, "observations.parquet"), []byte("garbage"), 0o644)
	if _, err = RunPartition(context.Background(), dir, Options{}); err == nil || !strings.Contains(err.Error(), "unreadable") {
		t.Errorf("corrupt observations: %v", err)
	}
	copyTo(t, dir, "observations.parquet", "SELECT 'a' AS signal_id, 1.0::DOUBLE AS value")
	if _, err = RunPartition(context.Background(), dir, Options{}); err == nil || !strings.Contains(err.Error(), "missing column signal_0") {
		t.Errorf("keyless observations: %v", err)
	}
	if _, serr := os.Stat(filepath.Join(dir, "output")); serr == nil {
		t.Error("output written without usable observations")
	}
}

// A partition computed with skip_manifold (observations and typology
// only) still gets its typology and statistics reports; the Manifold
// sections are skipped and the run succeeds.
func TestSkipManifold(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2023-W02")
	writeKnownPartition(t, dir)
	os.RemoveAll(filepath.Join(dir, "output"))
	res, err := RunPartition(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 02B, 04C, 08A-D, 09A-C, 10A-C.
	if res.Skipped != 12 || res.Errors != 0 {
		t.Errorf("result %+v, want 12 skipped", res)
	}
	if len(rows(t, readReport(t, dir, "01_typology_summary.md"), "A")) != 5 {
		t.Error("01A lost its rows")
	}
	r09 := readReport(t, dir, "09_dimension_trajectory.md")
	if !strings.Contains(sectionText(t, r09, "A"), "_Skipped: needs state_geometry.parquet (not found)._") {
		t.Errorf("09A:\n%s", sectionText(t, r09, "A"))
	}
	if strings.Contains(r09, ".png") {
		t.Error("a skipped section links a picture")
	}
	if !strings.Contains(sectionText(t, readReport(t, dir, "02_signal_statistics.md"), "B"), "_Skipped: needs signal_vector.parquet (not found)._") {
		t.Error("02B not skipped")
	}
	if !strings.Contains(sectionText(t, readReport(t, dir, "04_signal_ranking.md"), "C"), "_Skipped: needs eigendecomposition.parquet (not found)._") {
		t.Error("04C not skipped")
	}
	// 01D: without signal_vector every observed signal is "not in signal_vector".
	want(t, "01D", rows(t, readReport(t, dir, "01_typology_summary.md"), "D")[0], "n_in_signal_vector", "0",
		"not_in_signal_vector", "drift, flat, gappy, pair_a, pair_b, ramp, step, vol")
	want(t, "00A", rows(t, readReport(t, dir, "00_executive_summary.md"), "A")[0], "n_windows", "NULL", "dimension_trend", "NULL")
	if _, err := os.Stat(filepath.Join(dir, "output", "sql", StampName)); err != nil {
		t.Error("no stamp")
	}
}

// The reference's sub-directory layout gives the same reports as the flat
// one; with both present the flat file wins and a warning names the other.
func TestLayouts(t *testing.T) {
	flat, _ := runKnown(t, Options{})
	sub := filepath.Join(t.TempDir(), "2023-W01")
	writeKnownPartition(t, sub)
	moves := map[string]string{"signal_vector": "1_signal_features", "state_vector": "2_system_state",
		"state_geometry": "2_system_state", "eigendecomposition": "2_system_state"}
	for name, folder := range moves {
		os.MkdirAll(filepath.Join(sub, "output", folder), 0o755)
		if err := os.Rename(filepath.Join(sub, "output", name+".parquet"), filepath.Join(sub, "output", folder, name+".parquet")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := RunPartition(context.Background(), sub, Options{}); err != nil {
		t.Fatal(err)
	}
	a, b := outputs(t, flat), outputs(t, sub)
	for name := range a {
		if !bytes.Equal(a[name], b[name]) {
			t.Errorf("%s differs between the flat and the sub-directory layout", name)
		}
	}
	// Both: an empty state_geometry in the flat place wins over the full one.
	copyTo(t, sub, "output/state_geometry.parquet", geometrySQL+" LIMIT 0")
	var log bytes.Buffer
	if _, err := RunPartition(context.Background(), sub, Options{Log: &Logger{W: &log}}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "warning: state_geometry: found "+filepath.Join(sub, "output", "state_geometry.parquet")+" and "+
		filepath.Join(sub, "output", "2_system_state", "state_geometry.parquet")+"; ignoring the second") {
		t.Errorf("no warning about the second state_geometry:\n%s", log.String())
	}
	// Zero rows: present but empty -> "No rows.", not skipped.
	if body := sectionText(t, readReport(t, sub, "09_dimension_trajectory.md"), "A"); !strings.Contains(body, "_No rows._\n\n*0 rows*") {
		t.Errorf("09A on an empty state_geometry:\n%s", body)
	}
}

// Unreadable optional inputs and missing key columns skip their sections
// with a warning; the run still succeeds.
func TestBadOptionalInputs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2023-W01")
	writeKnownPartition(t, dir)
	os.WriteFile(filepath.Join(dir, "typology.parquet"), []byte("not parquet"), 0o644)
	copyTo(t, dir, "output/state_geometry.parquet", "SELECT * EXCLUDE (effective_dim) FROM ("+geometrySQL+")")
	var log bytes.Buffer
	res, err := RunPartition(context.Background(), dir, Options{Log: &Logger{W: &log}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Errors != 0 {
		t.Errorf("%d errors", res.Errors)
	}
	for _, w := range []string{"warning: typology: cannot read ", "warning: state_geometry: missing key column effective_dim"} {
		if !strings.Contains(log.String(), w) {
			t.Errorf("log lacks %q:\n%s", w, log.String())
		}
	}
	r01 := readReport(t, dir, "01_typology_summary.md")
	if !strings.Contains(sectionText(t, r01, "A"), "_Skipped: needs typology.parquet (unreadable)._") {
		t.Errorf("01A:\n%s", sectionText(t, r01, "A"))
	}
	// 01C needs typology or typology_raw: typology_raw alone is enough.
	want(t, "01C", one(t, rows(t, r01, "C"), "signal_id", "ramp"), "temporal_pattern", "NULL", "hurst", "0.51")
	if !strings.Contains(sectionText(t, readReport(t, dir, "10_geometry_ranked.md"), "B"),
		"_Skipped: needs state_geometry.parquet (missing column effective_dim)._") {
		t.Error("10B not skipped for the missing key column")
	}
}

// sql.md §8 test 4: no cohort column anywhere, the reference's I (UInt32
// in observations, Int64 in state_geometry) instead of signal_0 /
// signal_0_end, temporal_pattern as VARCHAR without temporal_primary, and
// NULL, NaN and Inf values counted as invalid.
func TestSchemaVariants(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "prime")
	copyTo(t, dir, "observations.parquet", `SELECT 's' || (i % 2) AS signal_id, (i // 2)::UINTEGER AS I,
  CASE WHEN i = 10 THEN NULL WHEN i = 12 THEN 'nan'::DOUBLE WHEN i = 14 THEN '-inf'::DOUBLE
       ELSE (i // 2) * 0.01 + sin(i) END AS value
FROM range(400) t(i)`)
	copyTo(t, dir, "typology.parquet", `SELECT * FROM (VALUES ('s0', 'CONSTANT', 'NONE'), ('s1', 'STEP', NULL)) v(signal_id, temporal_pattern, spectral)`)
	copyTo(t, dir, "output/state_geometry.parquet", `SELECT (100 + 10 * i)::BIGINT AS I, 'shape' AS engine, 2.0 - (i >= 5)::INT * 0.5 AS effective_dim
FROM range(10) t(i)`)
	var log bytes.Buffer
	if _, err := RunPartition(context.Background(), dir, Options{Log: &Logger{W: &log}}); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	a2 := rows(t, readReport(t, dir, "02_signal_statistics.md"), "A")
	// s0 holds i = 0, 2, …: i = 10, 12, 14 are its NULL, NaN and -Inf.
	want(t, "02A s0", one(t, a2, "signal_id", "s0"), "cohort", "", "n_rows", "200", "n_invalid", "3", "last_signal_0", "199.0")
	a1 := rows(t, readReport(t, dir, "01_typology_summary.md"), "A")
	want(t, "01A", one(t, a1, "temporal_pattern", "STEP"), "n_signals", "1", "signals", "s1")
	want(t, "01B", one(t, rows(t, readReport(t, dir, "01_typology_summary.md"), "B"), "spectral", "UNKNOWN"), "signals", "s1")
	// Early = windows ending <= 100 + 0.2 * 90 (100, 110): 2.0; late >= 172 (180, 190): 1.5.
	want(t, "09A", rows(t, readReport(t, dir, "09_dimension_trajectory.md"), "A")[0], "cohort", "", "early_dim", "2.0",
		"late_dim", "1.5", "trajectory_type", "COLLAPSING")
}

// sql.md §8 test 5: rows and windows at negative coordinates (overlap) are
// left out unless IncludeOverlap.
func TestOverlap(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2023-W02")
	copyTo(t, dir, "observations.parquet", `SELECT 'c' AS cohort, 'x' AS signal_id, (i - 100)::DOUBLE AS signal_0, (i % 7)::DOUBLE AS value
FROM range(600) t(i)`)
	copyTo(t, dir, "output/state_geometry.parquet", `SELECT 'c' AS cohort, (-50.0 + 100 * i) AS signal_0_end, 'shape' AS engine, 2.0 AS effective_dim
FROM range(6) t(i)`)
	for _, inc := range []bool{false, true} {
		if _, err := RunPartition(context.Background(), dir, Options{IncludeOverlap: inc}); err != nil {
			t.Fatal(err)
		}
		a := rows(t, readReport(t, dir, "02_signal_statistics.md"), "A")[0]
		g := rows(t, readReport(t, dir, "10_geometry_ranked.md"), "B")[0]
		if !inc {
			want(t, "without overlap", a, "n_rows", "500", "first_signal_0", "0.0")
			want(t, "without overlap", g, "n_windows", "5")
		} else {
			want(t, "with overlap", a, "n_rows", "600", "first_signal_0", "-100.0")
			want(t, "with overlap", g, "n_windows", "6")
		}
	}
}

// Thinning (sql.md §4.6): sections on t_thin say so; non-integral
// coordinates are never thinned.
func TestThinningNote(t *testing.T) {
	dir, _ := runKnown(t, Options{SampleCap: 300})
	note := " Computed on every k-th sample (k = 7)."
	for _, f := range []struct{ file, id string }{{"02_signal_statistics.md", "A"}, {"06_correlation_changes.md", "A"},
		{"06_correlation_changes.md", "B"}, {"06_correlation_changes.md", "C"}} {
		if !strings.Contains(sectionText(t, readReport(t, dir, f.file), f.id), note+"\n") {
			t.Errorf("%s %s lacks %q", f.file, f.id, note)
		}
	}
	// Two cohorts of different length: a has 1,000 rows (k = ceil(1000/300) = 4), b 200 (k = 1);
	// c has half-sample coordinates: not integral, so k = 1.
	dir = filepath.Join(t.TempDir(), "mixed")
	copyTo(t, dir, "observations.parquet", `SELECT 'a' AS cohort, 's' || (i % 2) AS signal_id, (i // 2)::DOUBLE AS signal_0, sin(i) AS value FROM range(2000) t(i)
UNION ALL SELECT 'b', 's' || (i % 2), (i // 2)::DOUBLE, cos(i) FROM range(400) t(i)
UNION ALL SELECT 'c', 's' || (i % 2), (i // 2) * 0.5, cos(i) FROM range(4000) t(i)`)
	if _, err := RunPartition(context.Background(), dir, Options{SampleCap: 300}); err != nil {
		t.Fatal(err)
	}
	r02 := readReport(t, dir, "02_signal_statistics.md")
	if !strings.Contains(sectionText(t, r02, "A"), " Computed on every k-th sample (k by cohort: a=4, b=1, c=1).\n") {
		t.Errorf("02A:\n%s", sectionText(t, r02, "A"))
	}
}
