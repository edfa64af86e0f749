package table

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
)

func record(vals []float64, names []string) arrow.RecordBatch {
	mem := memory.DefaultAllocator
	fb := array.NewFloat64Builder(mem)
	fb.AppendValues(vals, nil)
	sb := array.NewStringBuilder(mem)
	sb.AppendValues(names, nil)
	schema := arrow.NewSchema([]arrow.Field{{Name: "x", Type: arrow.PrimitiveTypes.Float64}, {Name: "name", Type: arrow.BinaryTypes.String}}, nil)
	return array.NewRecordBatch(schema, []arrow.Array{fb.NewArray(), sb.NewArray()}, int64(len(vals)))
}

func TestWriteReadDeterministic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.parquet")
	rec := record([]float64{1.5, 2.5, 3.5}, []string{"a", "b", "c"})
	if err := WriteFile(path, rec, map[string]string{"b": "2", "a": "1"}); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(path)
	if err := WriteFile(path, rec, map[string]string{"a": "1", "b": "2"}); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(path)
	if !bytes.Equal(first, second) {
		t.Fatal("same record and metadata gave different bytes")
	}
	tbl, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	x, err := Column[*array.Float64](path, tbl, "x")
	if err != nil || x.Len() != 3 || x.Value(2) != 3.5 {
		t.Fatalf("x = %v, %v", x, err)
	}
	if _, err := Column[*array.Float64](path, tbl, "name"); err == nil || !strings.Contains(err.Error(), `column "name" has type utf8`) {
		t.Errorf("wrong type: %v", err)
	}
	if _, err := Column[*array.Float64](path, tbl, "nope"); err == nil || !strings.Contains(err.Error(), `column "nope" is missing`) {
		t.Errorf("missing: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	rec := record([]float64{1}, []string{"a"})
	w, err := Create(filepath.Join(dir, "t.parquet"), rec.Schema(), nil)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(rec)
	w.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("abort left %v", entries)
	}
}

// TestFooterMetadata: the metadata for files written without arrow is
// the footer metadata arrow's writer gives the same schema and meta
// (stored arrow schema included), in the same order.
func TestFooterMetadata(t *testing.T) {
	meta := map[string]string{"b": "2", "a": "1"}
	plain := record([]float64{1, 2, 3}, []string{"b", "a", "b"})
	path := filepath.Join(t.TempDir(), "plain.parquet")
	if err := WriteFile(path, plain, meta); err != nil {
		t.Fatal(err)
	}
	var got strings.Builder
	for _, kv := range FooterMetadata(plain.Schema(), meta) {
		got.WriteString(kv.Key + "=" + kv.Value + "\n")
	}
	if want := footerMeta(t, path); got.String() != want {
		t.Errorf("footer metadata\n%s\nwant\n%s", got.String(), want)
	}
}

func footerMeta(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	pr, err := file.NewParquetReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var s strings.Builder
	for _, e := range pr.MetaData().KeyValueMetadata() {
		s.WriteString(e.Key + "=" + *e.Value + "\n")
	}
	return s.String()
}
