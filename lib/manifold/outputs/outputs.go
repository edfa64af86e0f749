package outputs

import (
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"

	"sp/lib/table"
)

// File names of the five outputs.
const (
	SignalVector       = "signal_vector.parquet"
	StateVector        = "state_vector.parquet"
	StateGeometry      = "state_geometry.parquet"
	Eigendecomposition = "eigendecomposition.parquet"
	GeometryDynamics   = "geometry_dynamics.parquet"
)

// Names lists the five files in the order they are committed.
var Names = []string{SignalVector, StateVector, StateGeometry, Eigendecomposition, GeometryDynamics}

// RecordRows is the number of rows per record handed to the encoder.
const RecordRows = 8192

// file is one output being written.
type file struct {
	path   string
	w      *table.Writer
	schema *arrow.Schema   // of the written records: key columns as dictionaries
	cols   []array.Builder // nil at key columns
	keys   []*keyColumn    // nil elsewhere
	rows   int
	total  int64
	recs   chan arrow.RecordBatch
	done   chan error
	err    error
	ended  bool
}

// create starts a file of the given schema; the string columns named in
// vocab are key columns over those values.
func create(dir, name string, schema *arrow.Schema, vocab map[string][]string, meta map[string]string) (*file, error) {
	path := filepath.Join(dir, name)
	f := &file{path: path, recs: make(chan arrow.RecordBatch, 2), done: make(chan error, 1)}
	f.newBuilders(schema, vocab)
	w, err := table.CreateEncoded(path, schema, f.schema, meta, columnSettings(schema)...)
	if err != nil {
		f.releaseBuilders()
		return nil, err
	}
	f.w = w
	go f.encode()
	return f, nil
}

// newBuilders sets up a builder per column of schema, a key column for
// the strings named in vocab, and the schema of the records they build.
func (f *file) newBuilders(schema *arrow.Schema, vocab map[string][]string) {
	fields := schema.Fields()
	f.cols, f.keys = make([]array.Builder, len(fields)), make([]*keyColumn, len(fields))
	for i, fd := range fields {
		if v, ok := vocab[fd.Name]; ok && fd.Type.ID() == arrow.STRING {
			f.keys[i] = newKeyColumn(v)
			fields[i].Type = keyType
		} else {
			f.cols[i] = array.NewBuilder(memory.DefaultAllocator, fd.Type)
		}
	}
	f.schema = arrow.NewSchema(fields, nil)
}

// columnSettings: dictionaries for the string columns only (keys that
// repeat on every row); the float columns are mostly distinct values,
// which a dictionary would hash for nothing. BYTE_STREAM_SPLIT lets ZSTD
// find the repeated exponent bytes of the floats.
func columnSettings(schema *arrow.Schema) []parquet.WriterProperty {
	out := []parquet.WriterProperty{parquet.WithDictionaryDefault(false)}
	for _, f := range schema.Fields() {
		switch f.Type.ID() {
		case arrow.STRING:
			out = append(out, parquet.WithDictionaryFor(f.Name, true))
		case arrow.FLOAT64:
			out = append(out, parquet.WithEncodingFor(f.Name, parquet.Encodings.ByteStreamSplit))
		}
	}
	return out
}

// encode writes records until the channel closes; after a failure it
// drains the channel and reports the first error.
func (f *file) encode() {
	var err error
	for rec := range f.recs {
		if err == nil {
			err = f.w.Write(rec)
		}
		rec.Release()
	}
	f.done <- err
}

// endRow counts a finished row and hands a full record to the encoder.
func (f *file) endRow() {
	f.rows++
	f.total++
	if f.rows == RecordRows {
		f.flush()
	}
}

func (f *file) flush() {
	if f.rows > 0 {
		f.recs <- f.newRecord()
		f.rows = 0
	}
}

// newRecord takes the rows appended so far out of the builders.
func (f *file) newRecord() arrow.RecordBatch {
	arrs := make([]arrow.Array, len(f.cols))
	for i, b := range f.cols {
		if b != nil {
			arrs[i] = b.NewArray()
		} else {
			arrs[i] = f.keys[i].newArray()
		}
	}
	rec := array.NewRecordBatch(f.schema, arrs, int64(f.rows))
	for _, a := range arrs {
		a.Release()
	}
	return rec
}

func (f *file) releaseBuilders() {
	for i, b := range f.cols {
		if b != nil {
			b.Release()
		} else {
			f.keys[i].release()
		}
	}
}

// finish flushes and waits for the encoder (once); it does not commit.
func (f *file) finish() error {
	if f.ended {
		return f.err
	}
	f.ended = true
	f.flush()
	close(f.recs)
	f.err = <-f.done
	f.releaseBuilders()
	return f.err
}

func (f *file) key(i int) *keyColumn            { return f.keys[i] }
func (f *file) str(i int) *array.StringBuilder  { return f.cols[i].(*array.StringBuilder) }
func (f *file) i64(i int) *array.Int64Builder   { return f.cols[i].(*array.Int64Builder) }
func (f *file) i32(i int) *array.Int32Builder   { return f.cols[i].(*array.Int32Builder) }
func (f *file) f64(i int) *array.Float64Builder { return f.cols[i].(*array.Float64Builder) }

// putFloat appends v, or null if it is not finite (§1.4 null policy).
func putFloat(b *array.Float64Builder, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		b.AppendNull()
	} else {
		b.Append(v)
	}
}

// Writer writes the five files of one run into a directory.
type Writer struct {
	files  []*file
	layout Layout
}

// Layout is what the variable schemas depend on, and the values of the
// key columns (see keyColumn): a value not listed is still written right,
// only more slowly.
type Layout struct {
	Features  []string // signal_vector feature columns
	Centroids []string // state_vector state_{group}_{feature} columns
	Cohorts   []string
	Signals   []string // signal ids
	Groups    []string // geometry group names (the engine column)
}

// vocab maps each key column to the values it can hold.
func (l Layout) vocab() map[string][]string {
	return map[string][]string{
		"cohort":    l.Cohorts,
		"signal_id": l.Signals,
		"engine":    l.Groups,
		"kind":      {"signal", "feature"},
		"name":      slices.Concat(l.Signals, l.Features), // eigendecomposition: signal ids and feature names
	}
}

// Create starts the five files in dir with the same key/value metadata.
func Create(dir string, layout Layout, meta map[string]string) (*Writer, error) {
	w := &Writer{layout: layout}
	schemas := []*arrow.Schema{
		signalVectorSchema(layout.Features), stateVectorSchema(layout.Centroids),
		stateGeometrySchema(), eigendecompositionSchema(), geometryDynamicsSchema(),
	}
	vocab := layout.vocab()
	for i, name := range Names {
		f, err := create(dir, name, schemas[i], vocab, meta)
		if err != nil {
			w.Abort()
			return nil, err
		}
		w.files = append(w.files, f)
	}
	return w, nil
}

// Rows returns the number of rows appended to each file, in Names order.
func (w *Writer) Rows() []int64 {
	out := make([]int64, len(w.files))
	for i, f := range w.files {
		out[i] = f.total
	}
	return out
}

// Commit finishes the five files and renames them into place, in Names
// order. On failure none of the remaining files is committed.
func (w *Writer) Commit() error {
	var errs []error
	for _, f := range w.files {
		if err := f.finish(); err != nil {
			errs = append(errs, err)
		}
	}
	if err := errors.Join(errs...); err != nil {
		w.abortTables()
		return err
	}
	for _, f := range w.files {
		if err := f.w.Commit(); err != nil {
			w.abortTables()
			return fmt.Errorf("commit %s: %w", f.path, err)
		}
	}
	return nil
}

// Abort stops the encoders and removes the temporary files. Safe after
// Commit.
func (w *Writer) Abort() {
	for _, f := range w.files {
		f.finish()
	}
	w.abortTables()
}

func (w *Writer) abortTables() {
	for _, f := range w.files {
		f.w.Abort()
	}
}
