package main

import (
	"bytes"
	"context"
	"database/sql"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"

	"sp/lib/command"
	"sp/lib/obs"
	"sp/lib/stagelog"
)

// partition writes a small partition: observations of two signals (a
// ramp and a step at x = 500, 1,000 samples) and a state_geometry whose
// shape dimension falls from 2.5 to 1.5 in the middle.
func partition(t *testing.T, root, name string) string {
	t.Helper()
	dir := filepath.Join(root, name)
	os.MkdirAll(filepath.Join(dir, "output"), 0o755)
	f, err := os.Create(filepath.Join(dir, "observations.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ramp, step := make([]float64, 1000), make([]float64, 1000)
	for i := range ramp {
		x := float64(i)
		ramp[i] = 0.01*x + 0.3*math.Sin(x/1.7)
		step[i] = 0.3 * math.Sin(x/2.3)
		if i >= 500 {
			step[i] += 4
		}
	}
	for _, s := range []struct {
		id string
		v  []float64
	}{{"ramp", ramp}, {"step", step}} {
		if err := w.WriteSignal(obs.Key{Cohort: "u1", SignalID: s.id}, s.v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.ExecContext(context.Background(), `COPY (SELECT 'u1' AS cohort, 99.0 + 50 * i AS signal_0_end, 'shape' AS engine,
  CASE WHEN i < 10 THEN 2.5 ELSE 1.5 END AS effective_dim, 3.0 AS eigenvalue_1, 0.5 AS explained_1 FROM range(20) t(i))
  TO '`+filepath.Join(dir, "output", "state_geometry.parquet")+`' (FORMAT PARQUET)`)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func sp(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var o, e bytes.Buffer
	err := run(append([]string{"sp-sql"}, args...), nil, &o, &e)
	if err != nil {
		e.WriteString("sp-sql: " + command.OneLine(err) + "\n")
	}
	return o.String(), e.String(), command.ExitCode(err)
}

func TestRun(t *testing.T) {
	dir := partition(t, t.TempDir(), "2023-W05")
	// Default subcommand and flags after the argument (sql.md §4.1).
	_, stderr, code := sp(t, dir, "--max-rows", "1", "-q")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "wrote") || !strings.Contains(stderr, "warning: state_geometry: missing column condition_number") {
		t.Errorf("--quiet must keep the warnings only: %q", stderr)
	}
	md, err := os.ReadFile(filepath.Join(dir, "output", "sql", "03_drift_detection.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(md), "*Showing 1 of 2 rows.*") {
		t.Errorf("--max-rows 1 not applied:\n%s", md)
	}
	md, _ = os.ReadFile(filepath.Join(dir, "output", "sql", "09_dimension_trajectory.md"))
	if !strings.Contains(string(md), "| u1     | shape  |") || !strings.Contains(string(md), "COLLAPSING") {
		t.Errorf("09 lacks the collapse:\n%s", md)
	}
	recs, err := stagelog.Read(filepath.Join(dir, stagelog.FileName))
	if err != nil || len(recs) != 1 {
		t.Fatalf("stage log %v %v", recs, err)
	}
	r := recs[0]
	if r.Stage != "sql" || r.Exit != 0 || r.Rows != 2000 || r.Counts["reports"] != 11 || r.Counts["errors"] != 0 {
		t.Errorf("stage log record %+v", r)
	}
	// "run" spelled out, path ending in /output, explicit log.
	log := filepath.Join(t.TempDir(), "x.log")
	if _, stderr, code := sp(t, "run", "--log", log, filepath.Join(dir, "output")); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	} else if !strings.Contains(stderr, "sp-sql: 2023-W05: wrote 00_executive_summary.md (3 sections, 0 skipped, 0 errors)") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if recs, _ := stagelog.Read(log); len(recs) != 1 {
		t.Error("--log not used")
	}
}

func TestExitCodes(t *testing.T) {
	root := t.TempDir()
	dir := partition(t, root, "2023-W06")
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "missing PARTITION_DIR"},
		{[]string{filepath.Join(root, "nope")}, 2, "not found"},
		{[]string{"run", dir, "extra"}, 2, "want one PARTITION_DIR"},
		{[]string{"run", "--bogus", dir}, 2, "bogus"},
		{[]string{"run", "--threads", "0", dir}, 2, "--threads must be at least 1"},
		{[]string{"fleet"}, 2, "want one ROOT"},
		{[]string{"query", dir}, 2, "no SQL"},
		{[]string{"query", dir, "SELECT 1", "--sql", "SELECT 2"}, 2, "give the SQL once"},
		{[]string{"query", dir, "SELECT 1", "--format", "xml"}, 2, "want md, csv or json"},
		{[]string{"query", filepath.Join(root, "nope"), "SELECT 1"}, 2, "not a folder"},
		{[]string{"query", dir, "SELECT nope FROM n_obs"}, 1, "Binder Error"},
	}
	for _, c := range cases {
		_, stderr, code := sp(t, c.args...)
		if code != c.code || !strings.Contains(stderr, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, stderr, c.code, c.msg)
		}
	}
	// No observations: exit 1, the failure in the stage log, nothing written.
	bad := filepath.Join(root, "2023-W07")
	os.MkdirAll(filepath.Join(bad, "output"), 0o755)
	if _, stderr, code := sp(t, bad); code != 1 || !strings.Contains(stderr, "observations.parquet (not found)") {
		t.Errorf("missing observations: exit %d, %s", code, stderr)
	}
	recs, _ := stagelog.Read(filepath.Join(bad, stagelog.FileName))
	if len(recs) != 1 || recs[0].Exit != 1 || !strings.Contains(recs[0].Error, "observations") {
		t.Errorf("stage log %+v", recs)
	}
	if _, err := os.Stat(filepath.Join(bad, "output", "sql")); err == nil {
		t.Error("output/sql written without observations")
	}
}

func TestQuery(t *testing.T) {
	dir := partition(t, t.TempDir(), "2023-W08")
	q := "SELECT signal_id, COUNT(*) AS n FROM n_obs GROUP BY ALL ORDER BY 1"
	want := "signal_id,n\r\nramp,1000\r\nstep,1000\r\n"
	file := filepath.Join(t.TempDir(), "q.sql")
	os.WriteFile(file, []byte(q), 0o644)
	for _, args := range [][]string{{"query", dir, q, "--format", "csv"}, {"query", "--format", "csv", "--sql", q, dir},
		{"query", dir, "--file", file, "--format=csv"}} {
		out, stderr, code := sp(t, args...)
		if code != 0 || out != want {
			t.Errorf("%v: exit %d, out %q, stderr %q", args, code, out, stderr)
		}
	}
	out, _, code := sp(t, "query", dir, "--schema")
	if code != 0 || !strings.Contains(out, "| n_sg ") {
		t.Errorf("--schema: %d\n%s", code, out)
	}
}

func TestAllAndFleet(t *testing.T) {
	root := t.TempDir()
	parts := filepath.Join(root, "partitions")
	partition(t, parts, "2023-W01")
	partition(t, parts, "2023-W02")
	_, stderr, code := sp(t, "run", "--all", root, "-q")
	if code != 0 {
		t.Fatalf("run --all: exit %d\n%s", code, stderr)
	}
	for _, p := range []string{"2023-W01", "2023-W02"} {
		if _, err := os.Stat(filepath.Join(parts, p, "output", "sql", ".done")); err != nil {
			t.Errorf("%s: no stamp", p)
		}
		if recs, _ := stagelog.Read(filepath.Join(parts, p, stagelog.FileName)); len(recs) != 1 || recs[0].Stage != "sql" {
			t.Errorf("%s: stage log %+v", p, recs)
		}
	}
	f1, err := os.ReadFile(filepath.Join(root, "fleet", "sql", "01_effective_dimension_by_week.md"))
	if err != nil || !strings.Contains(string(f1), "| 2023-W02  | u1     |        20 |           2.0 |") {
		t.Errorf("fleet F1 (%v):\n%s", err, f1)
	}
	if _, stderr, code := sp(t, "fleet", root, "--max-rows", "1"); code != 0 {
		t.Errorf("fleet: exit %d\n%s", code, stderr)
	}
	if _, _, code := sp(t, "run", "--all", filepath.Join(root, "nope")); code != 2 {
		t.Errorf("run --all on a missing root: exit %d", code)
	}
}
