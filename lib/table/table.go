// Package table writes and reads the pipeline's small and medium parquet
// tables (typology, typology_raw; it reads the compute outputs too)
// through arrow records, with the settings every stage shares: ZSTD,
// statistics, a fixed created_by and sorted key/value metadata, so the
// same rows always give the same bytes; files are written atomically
// (package atomicfile).
//
// The two tables written a value at a time have writers of their own:
// observations.parquet (package obs) and the compute outputs (package
// pqfile, with FooterMetadata from here so arrow readers see the same
// types).
package table

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/flight"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"sp/lib/atomicfile"
	"sp/lib/pqfile"
)

// RowGroupRows is the row group size of every table (manifold.md §1.4).
const RowGroupRows = 128 * 1024

// Writer streams arrow records into one parquet file written atomically.
type Writer struct {
	out  *atomicfile.File
	pw   *pqarrow.FileWriter
	path string
}

// Create starts path with the given schema; meta becomes the file's
// key/value metadata (written in key order).
func Create(path string, schema *arrow.Schema, meta map[string]string) (*Writer, error) {
	return CreateWith(path, schema, meta)
}

// CreateWith is Create with extra parquet settings (per-column encodings,
// dictionaries) applied after the shared ones of WriterProps.
func CreateWith(path string, schema *arrow.Schema, meta map[string]string, extra ...parquet.WriterProperty) (*Writer, error) {
	if err := atomicfile.RemoveStale(path); err != nil {
		return nil, err
	}
	out, err := atomicfile.Create(path)
	if err != nil {
		return nil, err
	}
	// The parquet writer closes a sink that is an io.Closer; hide Close so
	// that Commit can still fsync and rename the file.
	pw, err := pqarrow.NewFileWriter(withMeta(schema, meta), writerOnly{out}, WriterProps(extra...),
		pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		out.Abort()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Writer{out: out, pw: pw, path: path}, nil
}

// withMeta is schema with meta as its metadata, in key order.
func withMeta(schema *arrow.Schema, meta map[string]string) *arrow.Schema {
	keys, vals := sortedMeta(meta)
	md := arrow.NewMetadata(keys, vals)
	return arrow.NewSchema(schema.Fields(), &md)
}

// FooterMetadata is the key/value metadata of a table of this schema:
// meta in key order, then the arrow schema (with meta) under the key and
// in the encoding arrow writers use, so that arrow readers restore the
// exact types. For files written without arrow (package pqfile).
func FooterMetadata(schema *arrow.Schema, meta map[string]string) []pqfile.KeyValue {
	full := withMeta(schema, meta)
	// what pqarrow.WithStoreSchema stores, computed as it does
	stored := base64.StdEncoding.EncodeToString(flight.SerializeSchema(full, memory.DefaultAllocator))
	md := full.Metadata()
	out := make([]pqfile.KeyValue, 0, md.Len()+1)
	for i, k := range md.Keys() {
		out = append(out, pqfile.KeyValue{Key: k, Value: md.Values()[i]})
	}
	return append(out, pqfile.KeyValue{Key: storedArrowSchema, Value: stored})
}

// CreatedBy is the created_by of every table.
const CreatedBy = "sp"

// sortedMeta returns meta's keys in order and their values.
func sortedMeta(meta map[string]string) (keys, vals []string) {
	keys = make([]string, 0, len(meta))
	for k := range meta {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	vals = make([]string, len(keys))
	for i, k := range keys {
		vals[i] = meta[k]
	}
	return keys, vals
}

// writerOnly exposes only Write.
type writerOnly struct{ io.Writer }

// WriterProps are the parquet settings shared by the pipeline's tables,
// followed by any extra ones.
func WriterProps(extra ...parquet.WriterProperty) *parquet.WriterProperties {
	return parquet.NewWriterProperties(append([]parquet.WriterProperty{
		parquet.WithCreatedBy(CreatedBy),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(1), // vs 3: sp-manifold 3% less CPU for 0.6% larger files
		parquet.WithMaxRowGroupLength(RowGroupRows),
		parquet.WithStats(true),
	}, extra...)...)
}

// Write appends a record (split into row groups of RowGroupRows).
func (w *Writer) Write(rec arrow.RecordBatch) error {
	if err := w.pw.WriteBuffered(rec); err != nil {
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	return nil
}

// Commit finishes the file and renames it into place.
func (w *Writer) Commit() error {
	if err := w.pw.Close(); err != nil {
		w.out.Abort()
		return fmt.Errorf("write %s: %w", w.path, err)
	}
	return w.out.Commit()
}

// Abort discards the file; safe after Commit.
func (w *Writer) Abort() { w.out.Abort() }

// WriteFile writes one record as the whole file.
func WriteFile(path string, rec arrow.RecordBatch, meta map[string]string) error {
	w, err := Create(path, rec.Schema(), meta)
	if err != nil {
		return err
	}
	defer w.Abort()
	if err := w.Write(rec); err != nil {
		return err
	}
	return w.Commit()
}

// ReadFile loads a whole (small) parquet file. Arrow types come from the
// parquet schema alone (see ignoreStoredArrowSchema), and a corrupt file
// gives an error naming it, never a panic of the decoder.
func ReadFile(path string) (tbl arrow.Table, err error) {
	defer func() {
		if r := recover(); r != nil {
			tbl, err = nil, fmt.Errorf("%s: not a readable parquet file: %v", path, r)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pr, err := file.NewParquetReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable parquet file: %w", path, err)
	}
	defer pr.Close()
	ignoreStoredArrowSchema(pr.MetaData().KeyValueMetadata())
	fr, err := pqarrow.NewFileReader(pr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable parquet file: %w", path, err)
	}
	tbl, err = fr.ReadTable(context.Background())
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable parquet file: %w", path, err)
	}
	return tbl, nil
}

// storedArrowSchema is the footer key under which arrow writers keep the
// arrow schema of a parquet file.
const storedArrowSchema = "ARROW:schema"

// ignoreStoredArrowSchema renames the footer entry holding the arrow
// schema, so the reader derives arrow types from the parquet schema
// alone. Those are the types sp reads (strings, lists, numbers,
// booleans), and arrow-go's decoder of that entry trusts its sizes: a
// corrupt one makes it allocate hundreds of gigabytes (found by
// classify's FuzzReadRaw).
func ignoreStoredArrowSchema(kv metadata.KeyValueMetadata) {
	for _, e := range kv {
		if e != nil && e.Key == storedArrowSchema {
			e.Key = "ignored " + storedArrowSchema
		}
	}
}

// Column returns the named column of tbl as one array of the wanted type
// (chunks concatenated), or an error naming the file and column.
func Column[A arrow.Array](path string, tbl arrow.Table, name string) (A, error) {
	var zero A
	arr, err := Array(path, tbl, name)
	if err != nil {
		return zero, err
	}
	if arr == nil {
		return zero, fmt.Errorf("%s: column %q is missing", path, name)
	}
	typed, ok := arr.(A)
	if !ok {
		return zero, fmt.Errorf("%s: column %q has type %s; want %T", path, name, arr.DataType(), zero)
	}
	return typed, nil
}

// Array returns the named column of tbl as one array (chunks
// concatenated), nil if tbl has no such column, or an error naming the file
// and column (a name given twice, a failed concatenation). The caller
// releases the array.
func Array(path string, tbl arrow.Table, name string) (arrow.Array, error) {
	idx := tbl.Schema().FieldIndices(name)
	switch {
	case len(idx) == 0:
		return nil, nil
	case len(idx) > 1:
		return nil, fmt.Errorf("%s: column %q appears %d times", path, name, len(idx))
	}
	col := tbl.Column(idx[0])
	chunks := col.Data().Chunks()
	switch len(chunks) {
	case 0:
		return array.MakeArrayOfNull(memory.DefaultAllocator, col.DataType(), 0), nil
	case 1:
		chunks[0].Retain()
		return chunks[0], nil
	}
	arr, err := array.Concatenate(chunks, memory.DefaultAllocator)
	if err != nil {
		return nil, fmt.Errorf("%s: column %q: %w", path, name, err)
	}
	return arr, nil
}
