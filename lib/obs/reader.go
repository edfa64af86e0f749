package obs

import (
	"errors"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"

	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
)

// Chunk is a run of consecutive rows of one signal. Its slices are valid
// only during the callback that receives it.
type Chunk struct {
	Index []float64 // signal_0
	Value []float64 // NaN where the value is null
}

// Signal is one signal of a file and the number of its rows (including
// rows a reader drops: NaN signal_0).
type Signal struct {
	Key
	Rows int64
}

// MaxSortRows bounds the in-memory sort used for a signal whose rows are
// not in signal_0 order (only possible in files not written by sp-ingest):
// 32 Mi rows cost 0.5 GiB. Larger unsorted signals are refused with advice.
var MaxSortRows int64 = 32 << 20

// Reader reads an observations file.
type Reader struct {
	path       string
	f          *os.File
	ft         *footer      // where the row groups are described; shared by clones
	pr         *file.Reader // only when the footer is kept whole (footer.full)
	props      *parquet.ReaderProperties
	entry      []byte // a one-row-group footer, reused (rowGroup)
	numRows    int64
	col        columns
	contiguous bool
	groups     []groupInfo
	signals    []Signal
	batch      *batch // decoding buffers, reused across row groups (takeBatch)
}

type columns struct{ cohort, signalID, signal0, value int }

// groupInfo describes one row group: whether it holds a single signal
// (known from the footer statistics) and, if so, which.
type groupInfo struct {
	rows      int64
	single    bool
	key       Key
	firstIdx  float64 // min signal_0, valid when the layout is contiguous
	idMin     string  // signal_id range, for skipping mixed groups
	idMax     string
	idRangeOK bool
	span      byteSpan // where its column chunks lie, for prefetching
}

// Open opens path and reads its footer; for files whose row groups mix
// signals it also reads the two key columns once to list the signals.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	props := readProps()
	pr, err := file.NewParquetReader(f, file.WithReadProps(props))
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: not a readable parquet file: %w", path, err)
	}
	md := pr.MetaData()
	r := &Reader{path: path, f: f, props: props, numRows: md.NumRows, ft: splitFooter(f, md)}
	if r.ft.full != nil {
		r.pr = pr
	}
	if err := r.init(md); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// readProps streams column chunks through a 256 KiB buffer instead of
// loading each one whole: a stage that reads many signals at once (the
// manifold stage keeps one cursor per signal) would otherwise hold a whole
// row group's column chunk per signal. The buffer is allocated per column
// chunk, so it is kept near one compressed page of sp-ingest's files (a
// larger page grows it): 1 MiB read 2% slower and held more memory.
func readProps() *parquet.ReaderProperties {
	props := parquet.NewReaderProperties(nil)
	props.BufferedStreamEnabled = true
	props.BufferSize = 256 << 10
	return props
}

// Close releases the file.
func (r *Reader) Close() error {
	r.batch, r.pr, r.entry = nil, nil, nil
	return r.f.Close()
}

// Path of the file.
func (r *Reader) Path() string { return r.path }

// NumRows of the file.
func (r *Reader) NumRows() int64 { return r.numRows }

// Signals lists the file's signals sorted by Key.Compare.
func (r *Reader) Signals() []Signal { return r.signals }

func (r *Reader) init(md *metadata.FileMetaData) error {
	sc := md.Schema
	find := func(name string, required bool, types ...parquet.Type) (int, error) {
		i := sc.ColumnIndexByName(name)
		if i < 0 {
			if required {
				return -1, fmt.Errorf("%s: column %q is missing (observations need cohort, signal_id, signal_0, value)", r.path, name)
			}
			return -1, nil
		}
		if c := sc.Column(i); c.MaxRepetitionLevel() > 0 || !slices.Contains(types, c.PhysicalType()) {
			return -1, fmt.Errorf("%s: column %q has type %s; want %s", r.path, name, c.PhysicalType(), typeNames(types))
		}
		return i, nil
	}
	numeric := []parquet.Type{parquet.Types.Double, parquet.Types.Float, parquet.Types.Int32, parquet.Types.Int64}
	var err error
	if r.col.cohort, err = find(ColCohort, false, parquet.Types.ByteArray); err != nil {
		return err
	}
	if r.col.signalID, err = find(ColSignalID, true, parquet.Types.ByteArray); err != nil {
		return err
	}
	if r.col.signal0, err = find(ColSignal0, false, numeric...); err != nil {
		return err
	}
	if r.col.signal0 < 0 { // the reference's older name for the index column
		if r.col.signal0, err = find("I", false, numeric...); err != nil {
			return err
		}
		if r.col.signal0 < 0 {
			return fmt.Errorf("%s: column %q is missing (observations need cohort, signal_id, signal_0, value)", r.path, ColSignal0)
		}
	}
	if r.col.value, err = find(ColValue, true, numeric...); err != nil {
		return err
	}
	if v := md.KeyValueMetadata().FindValue(metaLayout); v != nil && *v == layoutContiguous {
		r.contiguous = true
	}
	return r.listSignals(md)
}

func typeNames(ts []parquet.Type) string {
	s := ""
	for i, t := range ts {
		if i > 0 {
			s += " or "
		}
		s += t.String()
	}
	return s
}

func (r *Reader) listSignals(md *metadata.FileMetaData) error {
	counts := map[Key]int64{}
	strs := map[string]string{} // one copy of each key string for all row groups
	r.groups = make([]groupInfo, md.NumRowGroups())
	for g := range r.groups {
		info, err := r.describeGroup(md.RowGroup(g), strs)
		if err != nil {
			return err
		}
		r.groups[g] = info
		if info.single {
			counts[info.key] += info.rows
			continue
		}
		err = r.scanKeys(g, func(k Key, n int) { counts[k] += int64(n) })
		if err != nil {
			return err
		}
	}
	for k, n := range counts {
		r.signals = append(r.signals, Signal{Key: k, Rows: n})
	}
	sort.Slice(r.signals, func(i, j int) bool { return r.signals[i].Key.Compare(r.signals[j].Key) < 0 })
	return nil
}

func (r *Reader) describeGroup(md *metadata.RowGroupMetaData, strs map[string]string) (groupInfo, error) {
	info := groupInfo{rows: md.NumRows(), span: groupSpan(md)}
	id, idOK := stringStats(md, r.col.signalID, strs)
	if idOK && id.nulls == 0 && id.hasMinMax {
		info.idMin, info.idMax, info.idRangeOK = id.min, id.max, true
	}
	if !idOK || id.nulls != 0 || !id.hasMinMax || id.min != id.max {
		return info, nil
	}
	key := Key{SignalID: id.min}
	if r.col.cohort >= 0 {
		co, ok := stringStats(md, r.col.cohort, strs)
		switch {
		case !ok:
			return info, nil
		case co.nulls == info.rows:
			key.NullCohort = true
		case co.nulls == 0 && co.hasMinMax && co.min == co.max:
			key.Cohort = co.min
		default:
			return info, nil
		}
	}
	info.single, info.key = true, key
	if r.contiguous {
		cc, err := md.ColumnChunk(r.col.signal0)
		if err != nil {
			return info, err
		}
		st, err := cc.Statistics()
		if fs, ok := st.(*metadata.Float64Statistics); err == nil && ok && fs.HasMinMax() {
			info.firstIdx = fs.Min()
		} else {
			r.contiguous = false // no usable statistics: read signal_0
		}
	}
	return info, nil
}

type strStats struct {
	min, max  string
	hasMinMax bool
	nulls     int64
}

func stringStats(md *metadata.RowGroupMetaData, col int, strs map[string]string) (strStats, bool) {
	cc, err := md.ColumnChunk(col)
	if err != nil {
		return strStats{}, false
	}
	if set, err := cc.StatsSet(); err != nil || !set {
		return strStats{}, false
	}
	st, err := cc.Statistics()
	bs, ok := st.(*metadata.ByteArrayStatistics)
	if err != nil || !ok || !bs.HasNullCount() {
		return strStats{}, false
	}
	out := strStats{nulls: bs.NullCount(), hasMinMax: bs.HasMinMax()}
	if out.hasMinMax {
		out.min, out.max = intern(strs, bs.Min()), intern(strs, bs.Max())
	}
	return out, true
}

func intern(strs map[string]string, b []byte) string {
	if s, ok := strs[string(b)]; ok {
		return s
	}
	s := string(b)
	strs[s] = s
	return s
}

// ReadSignal calls fn with the rows of signal k in signal_0 order (stable:
// equal signal_0 keep file order), dropping rows whose signal_0 is NaN.
// Memory: one batch of rows, except for a signal stored out of order,
// which is sorted in memory (up to MaxSortRows rows).
func (r *Reader) ReadSignal(k Key, fn func(Chunk) error) error {
	if !r.contiguous || !r.allSingle(k) {
		sorted, err := r.inOrder(k)
		if err != nil {
			return err
		}
		if !sorted {
			return r.readSorted(k, fn)
		}
	}
	return r.forEachChunk(k, withIndex|withValues, fn)
}

// ReadValues is ReadSignal for a caller that needs only the values. In a
// file laid out one signal per row group in signal_0 order (sp-ingest's)
// the index is not materialised, and the values come in full batches of
// 65,536 whatever the row groups' sizes (only the last batch is shorter):
// batch i holds the signal's rows [65,536·i, 65,536·(i+1)), so a caller
// that works in blocks of that size finds them whole in one batch.
func (r *Reader) ReadValues(k Key, fn func(values []float64) error) error {
	if !r.positional(k) {
		return r.ReadSignal(k, func(c Chunk) error { return fn(c.Value) })
	}
	walk := r.groupsOf(k) // all hold k alone (positional)
	ra := newReadAhead(r, walk)
	buf := r.takeBatch()
	defer r.putBatch(buf)
	val, fill := buf.val, 0
	for i, g := range walk {
		ra.at(i)
		rg, err := r.rowGroup(g)
		if err != nil {
			return err
		}
		cr, err := r.column(rg, g, r.col.value)
		if err != nil {
			return err
		}
		col := newFloatColumn(cr)
		for done, rows := int64(0), r.groups[g].rows; done < rows; {
			n := int(min(int64(len(val)-fill), rows-done))
			if err := col.read(val[fill : fill+n]); err != nil {
				return r.rowErr(g, done, ColValue, err)
			}
			fill, done = fill+n, done+int64(n)
			if fill == len(val) {
				if err := fn(val); err != nil {
					return err
				}
				fill = 0
			}
		}
	}
	if fill > 0 {
		return fn(val[:fill])
	}
	return nil
}

// allSingle reports whether every row group that may hold k holds only k.
func (r *Reader) allSingle(k Key) bool {
	for _, g := range r.groups {
		if !g.single && g.mayHold(k) {
			return false
		}
	}
	return true
}

// groupsOf lists, in file order, the row groups that may hold k.
func (r *Reader) groupsOf(k Key) []int {
	var walk []int
	for g, info := range r.groups {
		if info.mayHold(k) {
			walk = append(walk, g)
		}
	}
	return walk
}

func (g groupInfo) mayHold(k Key) bool {
	if g.single {
		return g.key == k
	}
	return !g.idRangeOK || (g.idMin <= k.SignalID && k.SignalID <= g.idMax)
}

// inOrder checks, reading only the index (and, where needed, key) columns,
// whether k's rows are already in non-decreasing signal_0 order.
func (r *Reader) inOrder(k Key) (bool, error) {
	last := math.Inf(-1)
	sorted := true
	errStop := errors.New("stop")
	err := r.forEachChunk(k, withIndex, func(c Chunk) error {
		for _, x := range c.Index {
			if x < last {
				sorted = false
				return errStop
			}
			last = x
		}
		return nil
	})
	if err == errStop {
		err = nil
	}
	return sorted, err
}

func (r *Reader) readSorted(k Key, fn func(Chunk) error) error {
	var rows int64
	for _, s := range r.signals {
		if s.Key == k {
			rows = s.Rows
		}
	}
	if rows > MaxSortRows {
		return fmt.Errorf("%s: signal %s is not in signal_0 order and has %d rows, more than the %d sorted in memory; sort the file first, e.g. in DuckDB: COPY (FROM '%s' ORDER BY cohort, signal_id, signal_0) TO 'sorted.parquet'",
			r.path, k, rows, MaxSortRows, r.path)
	}
	idx := make([]float64, 0, rows)
	val := make([]float64, 0, rows)
	err := r.forEachChunk(k, withIndex|withValues, func(c Chunk) error {
		idx = append(idx, c.Index...)
		val = append(val, c.Value...)
		return nil
	})
	if err != nil {
		return err
	}
	sort.Stable(byIndex{idx, val})
	for off := 0; off < len(idx); off += batchRows {
		end := min(off+batchRows, len(idx))
		if err := fn(Chunk{Index: idx[off:end], Value: val[off:end]}); err != nil {
			return err
		}
	}
	return nil
}

type byIndex struct{ idx, val []float64 }

func (b byIndex) Len() int           { return len(b.idx) }
func (b byIndex) Less(i, j int) bool { return b.idx[i] < b.idx[j] }
func (b byIndex) Swap(i, j int) {
	b.idx[i], b.idx[j] = b.idx[j], b.idx[i]
	b.val[i], b.val[j] = b.val[j], b.val[i]
}

// forEachChunk streams k's rows in file order, their chunks holding what
// need asks for (readGroup).
func (r *Reader) forEachChunk(k Key, need parts, fn func(Chunk) error) error {
	walk := r.groupsOf(k)
	ra := newReadAhead(r, walk)
	for i, g := range walk {
		ra.at(i)
		err := r.readGroup(g, r.groups[g], &k, need, func(_ Key, c Chunk) error { return fn(c) })
		if err != nil {
			return err
		}
	}
	return nil
}

// Scan reads the whole file once, front to back, calling fn for every run
// of consecutive rows that share a key, in file order. Rows with a null
// signal_id or NaN signal_0 are dropped.
func (r *Reader) Scan(fn func(Key, Chunk) error) error {
	ra := newReadAhead(r, walkAll(len(r.groups)))
	for g, info := range r.groups {
		ra.at(g)
		if err := r.readGroup(g, info, nil, withIndex|withValues, fn); err != nil {
			return err
		}
	}
	return nil
}
