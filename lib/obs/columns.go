package obs

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
)

// parts says which columns a read needs in its chunks.
type parts uint8

const (
	withIndex parts = 1 << iota
	withValues
)

// readGroup streams row group g. With want set it emits only that signal's
// rows; with want nil it emits every run of equal keys. Chunks hold the
// index and the values as need asks; a column not needed is not decoded
// (the index is still read where rows without one must be dropped).
func (r *Reader) readGroup(g int, info groupInfo, want *Key, need parts, emit func(Key, Chunk) error) error {
	if info.single && want != nil && info.key != *want {
		return nil
	}
	rg, err := r.rowGroup(g)
	if err != nil {
		return err
	}
	var idxCol, valCol *floatColumn
	var cohortCol, idCol *stringColumn
	synthIndex := info.single && r.contiguous
	if !synthIndex {
		cr, err := r.column(rg, g, r.col.signal0)
		if err != nil {
			return err
		}
		idxCol = newFloatColumn(cr)
	}
	if need&withValues != 0 {
		cr, err := r.column(rg, g, r.col.value)
		if err != nil {
			return err
		}
		valCol = newFloatColumn(cr)
	}
	if !info.single {
		cr, err := r.column(rg, g, r.col.signalID)
		if err != nil {
			return err
		}
		idCol = newStringColumn(cr)
		if r.col.cohort >= 0 {
			if cr, err = r.column(rg, g, r.col.cohort); err != nil {
				return err
			}
			cohortCol = newStringColumn(cr)
		}
	}
	buf := r.takeBatch()
	defer r.putBatch(buf)
	idx := buf.idx
	var val []float64
	if need&withValues != 0 {
		val = buf.val
	}
	for done := int64(0); done < info.rows; {
		n := int(min(int64(batchRows), info.rows-done))
		idx, val := idx[:n], val[:min(n, len(val))]
		if synthIndex {
			if need&withIndex == 0 {
				idx = nil
			}
			base := info.firstIdx + float64(done)
			for i := range idx {
				idx[i] = base + float64(i)
			}
		} else if err := idxCol.read(idx); err != nil {
			return r.rowErr(g, done, ColSignal0, err)
		}
		if need&withValues != 0 {
			if err := valCol.read(val); err != nil {
				return r.rowErr(g, done, ColValue, err)
			}
		}
		var err error
		switch {
		case synthIndex: // every row has its index
			c := Chunk{Index: idx}
			if need&withValues != 0 {
				c.Value = val
			}
			err = emit(info.key, c)
		case info.single:
			err = emitRows(info.key, idx, val, emit)
		default:
			err = r.emitMixed(g, done, idCol, cohortCol, idx, val, want, emit)
		}
		if err != nil {
			return err
		}
		done += int64(n)
	}
	return nil
}

// column opens column col of row group g, naming the file on error.
func (r *Reader) column(rg *file.RowGroupReader, g, col int) (file.ColumnChunkReader, error) {
	cr, err := rg.Column(col)
	if err != nil {
		return nil, fmt.Errorf("%s: row group %d, column %d: %w", r.path, g, col, err)
	}
	return cr, nil
}

func (r *Reader) rowErr(g int, row int64, col string, err error) error {
	return fmt.Errorf("%s: row group %d, row %d, column %s: %w", r.path, g, row, col, err)
}

// emitRows drops NaN-index rows and emits the rest as one chunk.
func emitRows(k Key, idx, val []float64, emit func(Key, Chunk) error) error {
	// rows without an index are rare (other writers' files only: sp-ingest's
	// index is computed, see readGroup): find the first before moving any row
	keep := 0
	for keep < len(idx) && !math.IsNaN(idx[keep]) {
		keep++
	}
	for i := keep; i < len(idx); i++ {
		if x := idx[i]; !math.IsNaN(x) {
			idx[keep] = x
			if val != nil {
				val[keep] = val[i]
			}
			keep++
		}
	}
	if keep == 0 {
		return nil
	}
	c := Chunk{Index: idx[:keep]}
	if val != nil {
		c.Value = val[:keep]
	}
	return emit(k, c)
}

// emitMixed splits a batch of a multi-signal row group into runs of equal
// keys, keeping the wanted one (or all).
func (r *Reader) emitMixed(g int, row int64, idCol, cohortCol *stringColumn, idx, val []float64,
	want *Key, emit func(Key, Chunk) error) error {
	n := len(idx)
	ids, idNull, err := idCol.read(n)
	if err != nil {
		return r.rowErr(g, row, ColSignalID, err)
	}
	var cohorts []parquet.ByteArray
	var cohortNull []bool
	if cohortCol != nil {
		if cohorts, cohortNull, err = cohortCol.read(n); err != nil {
			return r.rowErr(g, row, ColCohort, err)
		}
	}
	keyAt := func(i int) Key {
		k := Key{SignalID: string(ids[i])}
		if cohortCol != nil {
			k.Cohort, k.NullCohort = string(cohorts[i]), cohortNull[i]
		}
		return k
	}
	for start := 0; start < n; {
		end := start + 1
		for end < n && idNull[end] == idNull[start] && string(ids[end]) == string(ids[start]) &&
			(cohortCol == nil || (cohortNull[end] == cohortNull[start] && string(cohorts[end]) == string(cohorts[start]))) {
			end++
		}
		if !idNull[start] {
			k := keyAt(start)
			if want == nil || k == *want {
				var v []float64
				if val != nil {
					v = val[start:end]
				}
				if err := emitRows(k, idx[start:end], v, emit); err != nil {
					return err
				}
			}
		}
		start = end
	}
	return nil
}

// scanKeys reads the key columns of row group g and reports each run.
func (r *Reader) scanKeys(g int, fn func(Key, int)) error {
	rg, err := r.rowGroup(g)
	if err != nil {
		return err
	}
	cr, err := r.column(rg, g, r.col.signalID)
	if err != nil {
		return err
	}
	idCol := newStringColumn(cr)
	var cohortCol *stringColumn
	if r.col.cohort >= 0 {
		cr, err := r.column(rg, g, r.col.cohort)
		if err != nil {
			return err
		}
		cohortCol = newStringColumn(cr)
	}
	rows := rg.NumRows()
	idx := make([]float64, batchRows) // zeros: never NaN, so no row is dropped
	for done := int64(0); done < rows; {
		n := int(min(int64(batchRows), rows-done))
		err := r.emitMixed(g, done, idCol, cohortCol, idx[:n], nil, nil, func(k Key, c Chunk) error {
			fn(k, len(c.Index))
			return nil
		})
		if err != nil {
			return err
		}
		done += int64(n)
	}
	return nil
}

// floatColumn reads any numeric column as float64, nulls as NaN.
type floatColumn struct {
	cr   file.ColumnChunkReader
	def  []int16
	f32  []float32
	i32  []int32
	i64  []int64
	f64  []float64
	maxD int16
}

func newFloatColumn(cr file.ColumnChunkReader) *floatColumn {
	return &floatColumn{cr: cr, maxD: cr.Descriptor().MaxDefinitionLevel()}
}

// read fills out completely or fails.
func (c *floatColumn) read(out []float64) error {
	n := len(out)
	if c.maxD > 0 && len(c.def) < n {
		c.def = make([]int16, n)
	}
	var def []int16
	if c.maxD > 0 {
		def = c.def[:n]
	}
	got := 0
	for got < n {
		levels, values, err := c.readInto(out[got:], def, got)
		if err != nil {
			return err
		}
		if levels == 0 {
			return fmt.Errorf("column ends %d rows early", n-got)
		}
		if c.maxD > 0 {
			spread(out[got:got+int(levels)], values, def[got:got+int(levels)], c.maxD)
		}
		got += int(levels)
	}
	return nil
}

// readInto reads up to len(dst) levels; values are packed at the front of dst.
func (c *floatColumn) readInto(dst []float64, def []int16, at int) (int64, int, error) {
	var d []int16
	if def != nil {
		d = def[at:]
	}
	n := int64(len(dst))
	switch cr := c.cr.(type) {
	case *file.Float64ColumnChunkReader:
		levels, values, err := cr.ReadBatch(n, dst, d, nil)
		return levels, values, err
	case *file.Float32ColumnChunkReader:
		c.f32 = grow(c.f32, len(dst))
		levels, values, err := cr.ReadBatch(n, c.f32, d, nil)
		for i := 0; i < values; i++ {
			dst[i] = float64(c.f32[i])
		}
		return levels, values, err
	case *file.Int32ColumnChunkReader:
		c.i32 = grow(c.i32, len(dst))
		levels, values, err := cr.ReadBatch(n, c.i32, d, nil)
		for i := 0; i < values; i++ {
			dst[i] = float64(c.i32[i])
		}
		return levels, values, err
	case *file.Int64ColumnChunkReader:
		c.i64 = grow(c.i64, len(dst))
		levels, values, err := cr.ReadBatch(n, c.i64, d, nil)
		for i := 0; i < values; i++ {
			dst[i] = float64(c.i64[i])
		}
		return levels, values, err
	}
	return 0, 0, fmt.Errorf("unsupported column type %s", c.cr.Type())
}

// spread moves the packed non-null values of out to their rows, back to
// front so that nothing is overwritten before it is moved, and fills nulls.
func spread(out []float64, values int, def []int16, maxD int16) {
	v := values - 1
	for i := len(out) - 1; i >= 0; i-- {
		if def[i] == maxD {
			out[i] = out[v]
			v--
		} else {
			out[i] = math.NaN()
		}
	}
}

// stringColumn reads a BYTE_ARRAY column with its nulls.
type stringColumn struct {
	cr   *file.ByteArrayColumnChunkReader
	maxD int16
	vals []parquet.ByteArray
	out  []parquet.ByteArray
	null []bool
	def  []int16
	heap []byte // copies of this batch's strings: page buffers do not outlive a page
}

func newStringColumn(cr file.ColumnChunkReader) *stringColumn {
	return &stringColumn{cr: cr.(*file.ByteArrayColumnChunkReader), maxD: cr.Descriptor().MaxDefinitionLevel()}
}

// read returns the next n rows; slices are reused by the next call.
func (c *stringColumn) read(n int) ([]parquet.ByteArray, []bool, error) {
	c.vals, c.out, c.null, c.def = grow(c.vals, n), grow(c.out, n), grow(c.null, n), grow(c.def, n)
	c.heap = c.heap[:0]
	var spans [][2]int
	got := 0
	for got < n {
		var def []int16
		if c.maxD > 0 {
			def = c.def[got:n]
		}
		levels, values, err := c.cr.ReadBatch(int64(n-got), c.vals[:n-got], def, nil)
		if err != nil {
			return nil, nil, err
		}
		if levels == 0 {
			return nil, nil, fmt.Errorf("column ends %d rows early", n-got)
		}
		v := 0
		for i := got; i < got+int(levels); i++ {
			if c.maxD == 0 || c.def[i] == c.maxD {
				spans = append(spans, [2]int{len(c.heap), len(c.heap) + len(c.vals[v])})
				c.heap = append(c.heap, c.vals[v]...)
				c.null[i] = false
				v++
			} else {
				spans = append(spans, [2]int{0, 0})
				c.null[i] = true
			}
		}
		if v != values {
			return nil, nil, fmt.Errorf("%d values for %d defined levels", values, v)
		}
		got += int(levels)
	}
	for i, sp := range spans { // heap has stopped growing: now the slices are stable
		c.out[i] = c.heap[sp[0]:sp[1]:sp[1]]
	}
	return c.out[:n], c.null[:n], nil
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}
