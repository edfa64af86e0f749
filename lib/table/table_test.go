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

// TestCreateEncoded: a string column written as a dictionary reads back
// as the same strings, and the footer (stored arrow schema included) is
// the one CreateWith writes for the plain column.
func TestCreateEncoded(t *testing.T) {
	dir := t.TempDir()
	meta := map[string]string{"b": "2", "a": "1"}
	plain := record([]float64{1, 2, 3}, []string{"b", "a", "b"})
	plainPath := filepath.Join(dir, "plain.parquet")
	if err := WriteFile(plainPath, plain, meta); err != nil {
		t.Fatal(err)
	}

	dictType := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	ib := array.NewInt32Builder(memory.DefaultAllocator)
	ib.AppendValues([]int32{2, 0, 2}, nil) // into {"a", "unused", "b"}
	sb := array.NewStringBuilder(memory.DefaultAllocator)
	sb.AppendValues([]string{"a", "unused", "b"}, nil)
	names := array.NewDictionaryArray(dictType, ib.NewArray(), sb.NewArray())
	written := arrow.NewSchema([]arrow.Field{plain.Schema().Field(0), {Name: "name", Type: dictType}}, nil)
	rec := array.NewRecordBatch(written, []arrow.Array{plain.Column(0), names}, 3)
	encPath := filepath.Join(dir, "enc.parquet")
	w, err := CreateEncoded(encPath, plain.Schema(), written, meta)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{plainPath, encPath} {
		tbl, err := ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		col, err := Column[*array.String](path, tbl, "name")
		if err != nil || col.Len() != 3 || col.Value(0) != "b" || col.Value(1) != "a" || col.Value(2) != "b" {
			t.Errorf("%s: name = %v, %v", path, col, err)
		}
	}
	if a, b := footerMeta(t, plainPath), footerMeta(t, encPath); a != b {
		t.Errorf("footer metadata differs:\n%s\n%s", a, b)
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
