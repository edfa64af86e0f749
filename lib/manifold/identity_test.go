package manifold

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// writeForeign writes observations the way DuckDB or pandas might: one
// row per sample, the signals interleaved row by row in shared row
// groups, with no layout declaration, so the reader must stream each
// signal (no positional access).
func writeForeign(t testing.TB, path string, sigs ...signal) string {
	return writeForeignCohort(t, path, true, sigs...)
}

// writeForeignCohort writes a foreign file, without the cohort column if
// withCohort is false.
func writeForeignCohort(t testing.TB, path string, withCohort bool, sigs ...signal) string {
	t.Helper()
	mem := memory.DefaultAllocator
	fields := []arrow.Field{
		{Name: "cohort", Type: arrow.BinaryTypes.String}, {Name: "signal_id", Type: arrow.BinaryTypes.String},
		{Name: "signal_0", Type: arrow.PrimitiveTypes.Float64}, {Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}
	col := 0
	if !withCohort {
		fields, col = fields[1:], -1
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	longest := 0
	for _, s := range sigs {
		longest = max(longest, len(s.values))
	}
	for i := range longest {
		for _, s := range sigs {
			if i < len(s.values) {
				if withCohort {
					b.Field(0).(*array.StringBuilder).Append(s.cohort)
				}
				b.Field(col + 1).(*array.StringBuilder).Append(s.id)
				x := float64(i) + s.shift
				if s.index != nil {
					x = s.index[i]
				}
				b.Field(col + 2).(*array.Float64Builder).Append(x)
				b.Field(col + 3).(*array.Float64Builder).Append(s.values[i])
			}
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := pqarrow.NewFileWriter(schema, f, parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(5000)), pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestThreadAndLayoutIdentity: the outputs are byte-identical whatever the
// thread count and block size, and whether the signals are read by
// position (sp-ingest layout, chunked tasks) or streamed (another
// layout), with and without overlap.
func TestThreadAndLayoutIdentity(t *testing.T) {
	root := t.TempDir()
	data := synthetic(6000)
	m := writeManifest(t, root, primeManifest)
	prev := writeObservations(t, filepath.Join(root, "prev", "observations.parquet"), 700, threeSignals(data, 0, 3000)...)
	sigs := threeSignals(data, 3000, 6000)
	ingest := writeObservations(t, filepath.Join(root, "ingest", "observations.parquet"), 700, sigs...)
	foreign := writeForeign(t, filepath.Join(root, "foreign", "observations.parquet"), sigs...)

	defer func(a, b int) { maxBlockRows, minBlockRows = a, b }(maxBlockRows, minBlockRows)
	runs := []struct {
		name      string
		obs       string
		threads   int
		blockRows int
	}{
		{"ingest-1", ingest, 1, 4096},
		{"ingest-4", ingest, 4, 7},
		{"foreign-3", foreign, 3, 5},
	}
	for _, withPrev := range []string{"", prev} {
		var first string
		for _, r := range runs {
			maxBlockRows, minBlockRows = r.blockRows, min(r.blockRows, 16)
			p := partition{dir: filepath.Join(root, "out", r.name+map[bool]string{true: "-prev", false: ""}[withPrev != ""]), obs: r.obs, manifest: m}
			runPartition(t, p, runConfig{prev: withPrev, overlap: 1024, threads: r.threads, boot: 7, every: 3})
			if first == "" {
				first = p.out()
				continue
			}
			filesEqual(t, first, p.out())
		}
	}
}
