package pqfile

import (
	"database/sql"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// TestDuckDB reads a file back with DuckDB, the engine sp-sql and most
// users query the outputs with: row count, nulls, sums and key extremes.
func TestDuckDB(t *testing.T) {
	tb := randomTable(20000, rand.New(rand.NewPCG(7, 8)))
	path := filepath.Join(t.TempDir(), "t.parquet")
	if err := os.WriteFile(path, writeTable(t, tb, Options{PageRows: 1000, RowGroupRows: 6000}), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rows, nulls, n32 int64
	var sumX, sumY float64
	var minKey, maxKey string
	err = db.QueryRow(`SELECT count(*), count(*) - count(y), sum(x), coalesce(sum(y), 0), min(key), max(key),
		sum(CASE WHEN n32 < 0 THEN 1 ELSE 0 END) FROM read_parquet(?)`, path).
		Scan(&rows, &nulls, &sumX, &sumY, &minKey, &maxKey, &n32)
	if err != nil {
		t.Fatal(err)
	}
	var wantNulls, wantNeg int64
	var wantX, wantY float64
	for i := range tb.keys {
		wantX += tb.doubles[i]
		if y := tb.maybe[i]; y-y == 0 {
			wantY += y
		} else {
			wantNulls++
		}
		if tb.i32[i] < 0 {
			wantNeg++
		}
	}
	if rows != int64(len(tb.keys)) || nulls != wantNulls || n32 != wantNeg {
		t.Errorf("rows %d nulls %d negative n32 %d, want %d %d %d", rows, nulls, n32, len(tb.keys), wantNulls, wantNeg)
	}
	if math.Abs(sumX-wantX) > 1e-9*float64(rows) || math.Abs(sumY-wantY) > 1e-9*float64(rows) {
		t.Errorf("sums %g %g, want %g %g", sumX, sumY, wantX, wantY)
	}
	if minKey != "alpha" || maxKey != "echo-not-listed" {
		t.Errorf("keys %q..%q", minKey, maxKey)
	}
}
