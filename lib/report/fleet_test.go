package report

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeFleet builds a streaming root with three partitions whose schemas
// differ (sql.md §8 test 8):
//
//	2023-W01  flat layout; cohort '' written; signal_vector with kurtosis and skewness
//	2023-W02  sub-directory layout; no cohort column; an overlap window at
//	          signal_0_end = -1 (effective_dim 10, left out by default);
//	          typology.parquet a byte copy of W01's
//	2023-W03  no observations (output/ only); no skewness column; shape's
//	          eigenvalue_1 doubled, its effective_dim 2.0 instead of 2.5;
//	          typology: b reclassified PERIODIC -> TRENDING, c added
//
// State geometry: 10 windows (ends 100 i + 99), shape eigenvalue_1 = 2.0 +
// 0.1 (i mod 5), spectral 5.0 and effective_dim 3.0. Signal vector: 10
// windows of a (kurtosis i/10, +2 in W03; skewness -0.5) and b (kurtosis 1).
func writeFleet(t testing.TB, copies bool) string {
	t.Helper()
	root := t.TempDir()
	parts := filepath.Join(root, "partitions")
	geom := func(cohortCol, extra string, shapeDim, evScale float64) string {
		return `SELECT ` + cohortCol + ` i::BIGINT AS window_index, 100.0 * i + 99 AS signal_0_end, engine,
  CASE engine WHEN 'shape' THEN ` + fmtF(shapeDim) + ` ELSE 3.0 END AS effective_dim,
  CASE engine WHEN 'shape' THEN (2.0 + 0.1 * (i % 5)) * ` + fmtF(evScale) + ` ELSE 5.0 END AS eigenvalue_1,
  0.5 AS explained_1
FROM range(10) t(i), (VALUES ('shape'), ('spectral')) e(engine)` + extra
	}
	sv := func(cohortCol, kurtShift string, skew bool) string {
		q := `SELECT ` + cohortCol + ` signal_id, w::BIGINT AS window_index, 100.0 * w + 99 AS signal_0_end,
  CASE signal_id WHEN 'a' THEN w / 10 + ` + kurtShift + ` ELSE 1.0 END AS kurtosis`
		if skew {
			q += `, -0.5 AS skewness`
		}
		return q + ` FROM (VALUES ('a'), ('b')) s(signal_id), range(10) t(w)`
	}
	typ := func(rows string) string {
		return `SELECT * FROM (VALUES ` + rows + `) v(signal_id, cohort, temporal_pattern, temporal_primary, spectral)`
	}
	w1, w2, w3 := filepath.Join(parts, "2023-W01"), filepath.Join(parts, "2023-W02"), filepath.Join(parts, "2023-W03")
	obs := `SELECT '' AS cohort, 'a' AS signal_id, i::DOUBLE AS signal_0, sin(i) AS value FROM range(100) t(i)`
	t1 := typ(`('a', '', ['TRENDING'], 'TRENDING', 'BROADBAND'), ('b', '', ['PERIODIC'], 'PERIODIC', 'NARROWBAND')`)

	copyTo(t, w1, "observations.parquet", obs)
	copyTo(t, w1, "typology.parquet", t1)
	copyTo(t, w1, "output/state_geometry.parquet", geom("'' AS cohort,", "", 2.5, 1))
	copyTo(t, w1, "output/signal_vector.parquet", sv("'' AS cohort,", "0", true))

	copyTo(t, w2, "observations.parquet", obs)
	copyFile(t, filepath.Join(w1, "typology.parquet"), filepath.Join(w2, "typology.parquet"))
	copyTo(t, w2, "output/2_system_state/state_geometry.parquet",
		geom("", " UNION ALL SELECT -1, -1.0, 'shape', 10.0, 2.2, 0.5", 2.5, 1))
	copyTo(t, w2, "output/1_signal_features/signal_vector.parquet", sv("", "0", true))

	if copies {
		copyFile(t, filepath.Join(w1, "typology.parquet"), filepath.Join(w3, "typology.parquet"))
	} else {
		copyTo(t, w3, "typology.parquet", typ(`('a', '', ['TRENDING'], 'TRENDING', 'BROADBAND'), ('b', '', ['TRENDING'], 'TRENDING', 'NARROWBAND'),
  ('c', '', ['RANDOM'], 'RANDOM', 'BROADBAND')`))
	}
	copyTo(t, w3, "output/state_geometry.parquet", geom("'' AS cohort,", "", 2.0, 2))
	copyTo(t, w3, "output/signal_vector.parquet", sv("'' AS cohort,", "2", false))
	// Not a partition: neither observations nor output/.
	os.MkdirAll(filepath.Join(parts, "notes"), 0o755)
	return root
}

func fmtF(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) + "::DOUBLE" }

func copyFile(t testing.TB, from, to string) {
	t.Helper()
	os.MkdirAll(filepath.Dir(to), 0o755)
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
}

func readFleet(t *testing.T, root, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "fleet", "sql", file))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFleet(t *testing.T) {
	root := writeFleet(t, false)
	var log bytes.Buffer
	res, err := RunFleet(context.Background(), root, FleetOptions{Log: &Logger{W: &log}})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if res.Partitions != 3 || res.Errors != 0 {
		t.Errorf("result %+v", res)
	}
	f0 := readFleet(t, root, fleetInventory)
	if !strings.Contains(f0, "Fleet: `"+filepath.Base(root)+"` · 3 partitions (2023-W01 … 2023-W03)\n") {
		t.Errorf("F0 context line:\n%s", f0)
	}
	inv := rows(t, f0, "A")
	want(t, "F0 W02 state_geometry", one(t, inv, "partition", "2023-W02", "dataset", "state_geometry"), "num_rows", "21")
	want(t, "F0 W01 observations", one(t, inv, "partition", "2023-W01", "dataset", "observations"), "num_rows", "100")
	miss := rows(t, f0, "B")
	want(t, "F0 B W03", one(t, miss, "partition", "2023-W03"), "missing", "observations, typology_raw, state_vector, eigendecomposition")

	// F1: W03's shape mean is 2.0: overall (2.0 + 3.0) / 2 = 2.5, 0.25 below W02.
	f1 := rows(t, readFleet(t, root, fleetEffDim), "A")
	want(t, "F1 W02", one(t, f1, "partition", "2023-W02"), "cohort", "", "n_windows", "10", "eff_dim_shape", "2.5",
		"eff_dim_spectral", "3.0", "eff_dim_all", "2.75", "change_vs_prev", "0.0")
	want(t, "F1 W03", one(t, f1, "partition", "2023-W03"), "eff_dim_shape", "2.0", "eff_dim_all", "2.5", "change_vs_prev", "-0.25")
	checkPNG(t, filepath.Join(root, "fleet", "sql", fleetEffDimPlot))
	if !strings.Contains(readFleet(t, root, fleetEffDim), "]("+fleetEffDimPlot+")") {
		t.Error("F1 does not link its picture")
	}

	// F2: shape's eigenvalue_1 2.0 … 2.4 (median 2.2) doubles in W03: every
	// window outside the W01 band, ratio 2.0 -> DRIFT.
	f2 := rows(t, readFleet(t, root, fleetEigen), "A")
	want(t, "F2 W03 shape", one(t, f2, "partition", "2023-W03", "engine", "shape"), "median_eigenvalue_1", "4.4",
		"ratio_to_first_week", "2.0", "ratio_to_prev_week", "2.0", "pct_outside_first_week_band", "100.0", "status", "DRIFT")
	want(t, "F2 W02 shape", one(t, f2, "partition", "2023-W02", "engine", "shape"), "ratio_to_first_week", "1.0",
		"pct_outside_first_week_band", "0.0", "status", "STABLE")
	want(t, "F2 W03 spectral", one(t, f2, "partition", "2023-W03", "engine", "spectral"), "status", "STABLE")

	// F3: W01 -> W02 identical; W02 -> W03: b reclassified, c added.
	f3src := readFleet(t, root, fleetTypology)
	f3 := rows(t, f3src, "A")
	if len(f3) != 2 {
		t.Fatalf("F3 rows %v", f3)
	}
	want(t, "F3 b", f3[0], "from_partition", "2023-W02", "to_partition", "2023-W03", "signal_id", "b", "change", "RECLASSIFIED",
		"old_temporal", "PERIODIC", "new_temporal", "TRENDING")
	want(t, "F3 c", f3[1], "signal_id", "c", "change", "ADDED", "old_temporal", "NULL")
	if strings.Contains(f3src, "identical copies") {
		t.Error("F3 claims identical copies")
	}

	// F4: a's kurtosis: W01 median 0.45, IQR 0.675 - 0.225 = 0.45; W03 median
	// 2.45 -> shift 2.0 / 0.45 = 4.44 IQRs, largest change into W03.
	// Skewness exists in W01 and W02 only.
	f4 := rows(t, readFleet(t, root, fleetFeatures), "A")
	want(t, "F4 a kurtosis", f4[0], "signal_id", "a", "feature", "kurtosis", "n_weeks", "3", "first_median", "0.45",
		"last_median", "2.45", "shift_in_first_week_iqrs", "4.44", "week_of_max_change", "2023-W03",
		"max_week_to_week_change", "2.0", "status", "DRIFT")
	want(t, "F4 a skewness", one(t, f4, "signal_id", "a", "feature", "skewness"), "n_weeks", "2", "last_week", "2023-W02",
		"shift_in_first_week_iqrs", "NULL", "status", "STABLE")

	// Including the overlap window of W02 adds it to F1.
	if _, err := RunFleet(context.Background(), root, FleetOptions{IncludeOverlap: true}); err != nil {
		t.Fatal(err)
	}
	want(t, "F1 W02 with overlap", one(t, rows(t, readFleet(t, root, fleetEffDim), "A"), "partition", "2023-W02"), "n_windows", "11")
	if _, err := os.Stat(filepath.Join(root, "fleet", "sql", StampName)); err != nil {
		t.Error("no fleet stamp")
	}
}

func TestFleetCopiesAndGaps(t *testing.T) {
	root := writeFleet(t, true)
	for _, p := range []string{"2023-W01", "2023-W02", "2023-W03"} {
		os.RemoveAll(filepath.Join(root, "partitions", p, "output"))
	}
	if _, err := RunFleet(context.Background(), root, FleetOptions{}); err != nil {
		t.Fatal(err)
	}
	f3 := readFleet(t, root, fleetTypology)
	if !strings.Contains(f3, " All typology files are identical copies (bootstrap reuse); no per-week classification exists.\n") {
		t.Errorf("F3 lacks the copies note:\n%s", f3)
	}
	if !strings.Contains(sectionText(t, readFleet(t, root, fleetEffDim), "A"), "_Skipped: no partition has state_geometry.parquet._") {
		t.Error("F1 not skipped without state_geometry")
	}
	if _, err := os.Stat(filepath.Join(root, "fleet", "sql", fleetEffDimPlot)); err == nil {
		t.Error("a stale picture survived")
	}
	_, err := RunFleet(context.Background(), filepath.Join(root, "missing"), FleetOptions{})
	if !errors.Is(err, ErrTarget) {
		t.Errorf("missing root: %v", err)
	}
}

// A week written by the reference (I instead of signal_0_end, UInt32) next
// to weeks with signal_0_end: the union reads both coordinates.
func TestFleetMixedCoordinate(t *testing.T) {
	root := writeFleet(t, false)
	copyTo(t, filepath.Join(root, "partitions", "2023-W04"), "output/state_geometry.parquet",
		`SELECT (100 * i + 99)::UINTEGER AS I, 'shape' AS engine, 1.0 AS effective_dim, 2.0 AS eigenvalue_1 FROM range(7) t(i)`)
	if _, err := RunFleet(context.Background(), root, FleetOptions{}); err != nil {
		t.Fatal(err)
	}
	want(t, "F1 W04", one(t, rows(t, readFleet(t, root, fleetEffDim), "A"), "partition", "2023-W04"),
		"n_windows", "7", "eff_dim_shape", "1.0", "eff_dim_spectral", "NULL")
}
