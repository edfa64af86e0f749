package outputs

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/apache/arrow-go/v18/arrow"

	"sp/lib/atomicfile"
	"sp/lib/pqfile"
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

// file is one output being written.
type file struct {
	path  string
	out   *atomicfile.File
	w     *pqfile.Writer
	err   error
	ended bool
}

// create starts a file of the given schema; the string columns named in
// vocab are key columns over those values.
func create(dir, name string, schema *arrow.Schema, vocab map[string][]string, meta map[string]string) (*file, error) {
	path := filepath.Join(dir, name)
	if err := atomicfile.RemoveStale(path); err != nil {
		return nil, err
	}
	out, err := atomicfile.Create(path)
	if err != nil {
		return nil, err
	}
	w, err := pqfile.NewWriter(out, columns(schema, vocab), pqfile.Options{
		RowGroupRows: table.RowGroupRows, CreatedBy: table.CreatedBy, Metadata: table.FooterMetadata(schema, meta)})
	if err != nil {
		out.Abort()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &file{path: path, out: out, w: w}, nil
}

// columns maps the arrow schema to the writer's columns: strings named
// in vocab become key columns, nullable doubles take non-finite values as
// nulls (§1.4 null policy).
func columns(schema *arrow.Schema, vocab map[string][]string) []pqfile.Column {
	var out []pqfile.Column
	for _, f := range schema.Fields() {
		c := pqfile.Column{Name: f.Name}
		switch f.Type.ID() {
		case arrow.STRING:
			c.Kind = pqfile.String
			if v, ok := vocab[f.Name]; ok {
				c.Kind, c.Vocab = pqfile.Key, v
			}
		case arrow.INT32:
			c.Kind = pqfile.Int32
		case arrow.INT64:
			c.Kind = pqfile.Int64
		default:
			c.Kind = pqfile.Double
			if f.Nullable {
				c.Kind = pqfile.NullableDouble
			}
		}
		out = append(out, c)
	}
	return out
}

// endRow ends a row; an error stays with the file for Commit.
func (f *file) endRow() {
	if err := f.w.EndRow(); err != nil && f.err == nil {
		f.err = fmt.Errorf("write %s: %w", f.path, err)
	}
}

// finish writes the footer (once); it does not commit.
func (f *file) finish() error {
	if f.ended {
		return f.err
	}
	f.ended = true
	if err := f.w.Close(); err != nil && f.err == nil {
		f.err = fmt.Errorf("write %s: %w", f.path, err)
	}
	return f.err
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
		out[i] = f.w.Rows()
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
		if err := f.out.Commit(); err != nil {
			w.abortTables()
			return fmt.Errorf("commit %s: %w", f.path, err)
		}
	}
	return nil
}

// Abort removes the temporary files without finishing them. Safe after
// Commit.
func (w *Writer) Abort() {
	for _, f := range w.files {
		f.ended = true // nothing more is encoded: the files go
	}
	w.abortTables()
}

func (w *Writer) abortTables() {
	for _, f := range w.files {
		f.out.Abort()
	}
}
