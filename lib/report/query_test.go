package report

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

func query(t *testing.T, target string, opt QueryOptions) (string, error) {
	t.Helper()
	var out, log bytes.Buffer
	opt.Out, opt.Log = &out, &Logger{W: &log}
	err := Query(context.Background(), target, opt)
	return out.String(), err
}

func TestQueryPartition(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "2023-W01")
	writeKnownPartition(t, dir)
	q := `SELECT signal_id, COUNT(*) AS n, ROUND(AVG(value), 2) AS mean, NULL AS note FROM n_obs
WHERE signal_id IN ('flat', 'gappy') GROUP BY ALL ORDER BY signal_id`
	got, err := query(t, dir, QueryOptions{SQL: q})
	if err != nil {
		t.Fatal(err)
	}
	// gappy: 1,980 valid values (20 NaN); flat: 2,000 values of 3.
	// (A bare NULL is an INTEGER in DuckDB, hence right-aligned.)
	wantMD := "| signal_id |    n | mean | note |\n| --------- | ---: | ---: | ---: |\n" +
		"| flat      | 2000 |  3.0 | NULL |\n| gappy     | 1980 |  2.0 | NULL |\n\n*2 rows*\n"
	if got != wantMD {
		t.Errorf("md:\n%s\nwant:\n%s", got, wantMD)
	}
	got, _ = query(t, dir, QueryOptions{SQL: q, Format: "csv"})
	if want := "signal_id,n,mean,note\r\nflat,2000,3.0,\r\ngappy,1980,2.0,\r\n"; got != want {
		t.Errorf("csv %q, want %q", got, want)
	}
	got, _ = query(t, dir, QueryOptions{SQL: q, Format: "json", Limit: 1})
	if want := "[\n  {\"signal_id\": \"flat\", \"n\": 2000, \"mean\": 3.0, \"note\": null}\n]\n"; got != want {
		t.Errorf("json %q, want %q", got, want)
	}
	got, _ = query(t, dir, QueryOptions{SQL: q, Limit: 1})
	if !strings.Contains(got, "| flat      | 2000 |  3.0 | NULL |\n\n*Showing 1 of 2 rows.*\n\n*2 rows*\n") {
		t.Errorf("md with limit:\n%s", got)
	}
	// The raw inputs, the macros and the path ending in /output.
	got, err = query(t, filepath.Join(dir, "output"), QueryOptions{
		SQL: "SELECT sig6(MAX(effective_dim)) AS m, 'nan'::DOUBLE AS x FROM state_geometry", Format: "json"})
	if err != nil || got != "[\n  {\"m\": 3.02, \"x\": null}\n]\n" {
		t.Errorf("json %q, %v", got, err)
	}
	// Extra views: other parquet files under output/ by stem; sql/ and
	// folders starting with "_" are skipped.
	copyTo(t, dir, "output/geometry_dynamics.parquet", "SELECT 1.5 AS effective_dim_velocity")
	copyTo(t, dir, "output/_parallel_tmp/geometry_dynamics.parquet", "SELECT 99.0 AS effective_dim_velocity")
	copyTo(t, dir, "output/_parallel_tmp/junk.parquet", "SELECT 1 AS x")
	got, err = query(t, dir, QueryOptions{SQL: "SELECT effective_dim_velocity FROM geometry_dynamics", Format: "csv"})
	if err != nil || got != "effective_dim_velocity\r\n1.5\r\n" {
		t.Errorf("extra view: %q, %v", got, err)
	}
	if _, err := query(t, dir, QueryOptions{SQL: "SELECT * FROM junk"}); err == nil {
		t.Error("a file under _parallel_tmp/ became a view")
	}
	got, _ = query(t, dir, QueryOptions{Schema: true})
	for _, want := range []string{"| n_sg ", "| effective_dim ", "| observations ", "| eigendecomposition "} {
		if !strings.Contains(got, want) {
			t.Errorf("schema lacks %q", want)
		}
	}
	if _, err := query(t, dir, QueryOptions{SQL: "SELECT nope FROM n_obs"}); err == nil || errors.Is(err, ErrTarget) {
		t.Errorf("SQL error: %v", err)
	}
}

func TestQueryRoot(t *testing.T) {
	root := writeFleet(t, false)
	// The spec's example (sql.md §6.5); the raw view keeps W02's overlap
	// window (effective_dim 10) in the shape mean: (10 * 2.5 + 10) / 11.
	got, err := query(t, root, QueryOptions{SQL: `SELECT partition, engine, ROUND(AVG(effective_dim), 3) AS eff_dim
FROM all_state_geometry GROUP BY ALL ORDER BY partition, engine`, Format: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	want := "partition,engine,eff_dim\r\n2023-W01,shape,2.5\r\n2023-W01,spectral,3.0\r\n2023-W02,shape,3.182\r\n" +
		"2023-W02,spectral,3.0\r\n2023-W03,shape,2.0\r\n2023-W03,spectral,3.0\r\n"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// union_by_name: W03 has no skewness, so its rows read NULL.
	got, _ = query(t, root, QueryOptions{SQL: `SELECT partition, COUNT(skewness) AS n FROM all_signal_vector GROUP BY ALL ORDER BY 1`, Format: "csv"})
	if got != "partition,n\r\n2023-W01,20\r\n2023-W02,20\r\n2023-W03,0\r\n" {
		t.Errorf("got %q", got)
	}
	if _, err := query(t, filepath.Join(root, "nope"), QueryOptions{SQL: "SELECT 1"}); !errors.Is(err, ErrTarget) {
		t.Errorf("missing target: %v", err)
	}
	if _, err := query(t, t.TempDir(), QueryOptions{SQL: "SELECT 1"}); !errors.Is(err, ErrTarget) {
		t.Errorf("empty root: %v", err)
	}
}
