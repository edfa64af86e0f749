package pqfile

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
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
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	got, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer got.Release()
	row := 0
	for _, a := range got.Column(1).Data().Chunks() {
		for j := 0; j < a.Len(); j++ {
			if v := a.(*array.String).Value(j); v != want[row] {
				t.Fatalf("row %d: %q, want %q", row, v, want[row])
			}
			row++
		}
	}
	if row != rows {
		t.Fatalf("%d rows, want %d", row, rows)
	}
}
