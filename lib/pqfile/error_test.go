package pqfile

import (
	"bytes"
	"database/sql"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/parquet/file"
)

// failWriter fails every write after the first n bytes.
type failWriter struct{ n int }

func (f *failWriter) Write(b []byte) (int, error) {
	if len(b) > f.n {
		return 0, errors.New("disk full")
	}
	f.n -= len(b)
	return len(b), nil
}

// TestNoGrowthAfterError: once a write has failed, the caller may go on
// appending rows (sp-manifold's outputs keep the error for Commit); the
// writer must drop them rather than keep every value of the rest of the
// run in memory.
func TestNoGrowthAfterError(t *testing.T) {
	for _, tc := range []struct {
		name string
		out  *failWriter
		skip int // a row missing its value: the page check fails
	}{
		{"write fails", &failWriter{n: 4}, -1},
		{"missing value", &failWriter{n: 1 << 30}, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const pageRows = 16
			w, err := NewWriter(tc.out, testColumns[2:5], Options{PageRows: pageRows, RowGroupRows: 2 * pageRows})
			if err != nil {
				t.Fatal(err)
			}
			failed := false
			for i := range 100 * pageRows {
				if i != tc.skip {
					w.Int32(0, int32(i))
				}
				w.Int64(1, int64(i))
				w.Double(2, float64(i))
				failed = w.EndRow() != nil || failed
			}
			if !failed {
				t.Fatal("no error")
			}
			for _, c := range w.cols {
				if n := len(c.ints) + len(c.floats); n > pageRows {
					t.Errorf("column %q holds %d values after the error, want at most a page (%d)", c.Name, n, pageRows)
				}
			}
			if w.Close() == nil {
				t.Error("Close after an error succeeded")
			}
		})
	}
}

// TestLongStringPages: a page ends early once its plain strings reach
// maxStringPageBytes, so long strings cannot overflow the int32 page sizes
// of the header; the file reads back whole.
func TestLongStringPages(t *testing.T) {
	defer func(n int) { maxStringPageBytes = n }(maxStringPageBytes)
	maxStringPageBytes = 1000
	const rows = 250
	var buf bytes.Buffer
	w, err := NewWriter(&buf, []Column{{Name: "n", Kind: Int64}, {Name: "s", Kind: String}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := make([]string, rows)
	for i := range rows {
		want[i] = strings.Repeat(string(rune('a'+i%26)), 1+i%97)
		w.Int64(0, int64(i))
		w.String(1, want[i])
		if err := w.EndRow(); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rdr, err := file.NewParquetReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	pr, err := rdr.RowGroup(0).GetColumnPageReader(1)
	if err != nil {
		t.Fatal(err)
	}
	for pr.Next() {
		pages++
	}
	if err := pr.Err(); err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Errorf("%d pages for %d rows of strings at most 1000 bytes a page", pages, rows)
	}
	if got := stringColumn(t, rdr, 1); !slices.Equal(got, want) {
		t.Fatalf("strings read back differ (%d rows, want %d)", len(got), rows)
	}

}

// TestNaNStatistics: a double chunk holding NaN has no min/max. Parquet
// leaves NaN out of them, but DuckDB orders NaN above every number and
// prunes row groups on max alone, so `x > 10` lost the NaN rows of a chunk
// whose numbers are all below 10.
func TestNaNStatistics(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.parquet")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(out, []Column{{Name: "x", Kind: Double}}, Options{PageRows: 2, RowGroupRows: 4})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []float64{1, 2, math.NaN(), 3, 4, 5, 6, 7} {
		w.Double(0, x)
		w.EndRow()
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM read_parquet(?) WHERE x > 10", path).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 1 { // DuckDB: NaN > 10
		t.Errorf("DuckDB counts %d rows with x > 10, want 1 (the NaN)", n)
	}
	if err := db.QueryRow("SELECT count(*) FROM read_parquet(?) WHERE x > 4.5", path).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("DuckDB counts %d rows with x > 4.5, want 4", n)
	}
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	for g, want := range []bool{false, true} {
		cc, err := rdr.MetaData().RowGroup(g).ColumnChunk(0)
		if err != nil {
			t.Fatal(err)
		}
		st, err := cc.Statistics()
		if err != nil {
			t.Fatal(err)
		}
		if st.HasMinMax() != want {
			t.Errorf("row group %d: min/max %v, want %v", g, st.HasMinMax(), want)
		}
	}
}
