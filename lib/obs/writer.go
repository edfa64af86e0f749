package obs

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/klauspost/compress/zstd"

	"sp/lib/pqfile"
)

// Writer writes observations.parquet one row group at a time: one signal
// of one raw file per row group. It numbers samples itself: signal_0
// continues per signal across row groups.
//
// The file is written directly in the parquet format rather than through
// arrow-go's column writers: the key columns are constant within a row
// group (a one-entry dictionary and a single RLE run, whatever the row
// count), and the value column can be encoded by an Encoder in any
// goroutine (EncodeValues) so that only cheap work stays in the writing one.
type Writer struct {
	w      io.Writer
	off    int64
	enc    *Encoder
	groups []pqfile.RowGroupMeta
	next   map[Key]int64
	order  []Key
	rows   int64
	err    error
	// lastIndex is the most recent signal_0 column: the signals of one raw
	// file usually start at the same sample and have the same length, so
	// one encoding serves them all.
	lastIndex        *column
	lastFirst, lastN int64
}

// WriterOptions tunes the encoder. The zero value is the pipeline's default.
type WriterOptions struct{}

// pageRows is the number of doubles per data page (512 KiB raw): pages
// are the unit of compression and of reading.
const pageRows = 1 << 16

// batchRows is the reader's batch size.
const batchRows = 1 << 16

// NewWriter starts an observations file on w.
func NewWriter(w io.Writer, _ WriterOptions) (*Writer, error) {
	wr := &Writer{w: w, enc: NewEncoder(), next: map[Key]int64{}}
	wr.write([]byte("PAR1"))
	return wr, wr.err
}

func (w *Writer) write(b []byte) {
	if w.err != nil {
		return
	}
	n, err := w.w.Write(b)
	w.off += int64(n)
	w.err = err
}

// WriteSignal appends one row group: values of signal k, numbered on from
// the samples of k already written. Empty values write nothing.
func (w *Writer) WriteSignal(k Key, values []float64) error {
	return w.WriteEncoded(k, w.enc.EncodeValues(values))
}

// WriteEncoded appends one row group whose value column was encoded by
// EncodeValues, possibly in another goroutine.
func (w *Writer) WriteEncoded(k Key, v *EncodedValues) error {
	if w.err != nil {
		return w.err
	}
	if v.rows == 0 {
		return nil
	}
	if k.NullCohort {
		return fmt.Errorf("obs: %s: sp-ingest never writes a null cohort", k)
	}
	if v.rows > math.MaxInt32 {
		return fmt.Errorf("obs: %s: %d samples in one row group, more than parquet's page limit", k, v.rows)
	}
	first, seen := w.next[k]
	if !seen {
		w.order = append(w.order, k)
	}
	rg := pqfile.RowGroupMeta{Rows: v.rows, Offset: w.off}
	for i, col := range []*column{
		w.enc.constantString(k.Cohort, v.rows),
		w.enc.constantString(k.SignalID, v.rows),
		w.indexColumn(first, v.rows),
		&v.column,
	} {
		rg.Columns = append(rg.Columns, col.meta(fileColumns[i], w.off))
		w.write(col.blob)
	}
	if w.err != nil {
		return fmt.Errorf("obs: write: %w", w.err)
	}
	w.groups = append(w.groups, rg)
	w.next[k] = first + v.rows
	w.rows += v.rows
	return nil
}

func (w *Writer) indexColumn(first, n int64) *column {
	if w.lastIndex == nil || w.lastFirst != first || w.lastN != n {
		w.lastIndex, w.lastFirst, w.lastN = w.enc.indexColumn(first, n), first, n
	}
	return w.lastIndex
}

// Samples returns, per signal in first-written order, how many samples
// have been written.
func (w *Writer) Samples() []SignalCount {
	out := make([]SignalCount, len(w.order))
	for i, k := range w.order {
		out[i] = SignalCount{Key: k, Samples: w.next[k]}
	}
	return out
}

// SignalCount is a signal and its number of samples.
type SignalCount struct {
	Key     Key
	Samples int64
}

// Rows written so far.
func (w *Writer) Rows() int64 { return w.rows }

// Offset is the number of bytes written so far.
func (w *Writer) Offset() int64 { return w.off }

// Close writes the footer. It does not close the underlying io.Writer.
func (w *Writer) Close() error {
	w.write(w.footer())
	if w.err != nil {
		return fmt.Errorf("obs: write: %w", w.err)
	}
	return nil
}

// Encoder encodes columns. Each goroutine needs its own.
type Encoder struct {
	z    *zstd.Encoder
	bss  []byte
	raw  []byte
	zbuf []byte // one compressed page
	idx  []float64
}

// NewEncoder returns an Encoder.
func NewEncoder() *Encoder {
	z, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(1), zstd.WithEncoderCRC(false))
	if err != nil {
		panic(err) // only invalid options fail
	}
	return &Encoder{z: z}
}

// EncodedValues is a value column ready for Writer.WriteEncoded.
type EncodedValues struct {
	column
	rows int64
}

// EncodeValues encodes a value column: BYTE_STREAM_SPLIT pages of
// pageRows doubles, each ZSTD-compressed, with min/max statistics.
//
// The column's buffer comes from a pool: Release returns it once the
// column is written.
func (e *Encoder) EncodeValues(values []float64) *EncodedValues {
	return &EncodedValues{column: e.doubles(values), rows: int64(len(values))}
}

// blobs recycles encoded value columns: a LUMO signal is ~3 MB, and
// allocating (and zeroing) a fresh one per signal costs more than copying
// it. A bounded free list rather than a sync.Pool: the pool drops its
// buffers at every GC, and the churn made peak memory drift upwards over
// long conversions.
var blobs = make(chan []byte, 16)

// Release hands the column's buffer back for reuse; v must not be used
// afterwards.
func (v *EncodedValues) Release() {
	if v.blob == nil {
		return
	}
	select {
	case blobs <- v.blob[:0]:
	default: // the list is full: let the GC have it
	}
	v.blob = nil
}

// indexColumn encodes signal_0 = first, first+1, ..., first+n-1.
func (e *Encoder) indexColumn(first, n int64) *column {
	if cap(e.idx) < pageRows {
		e.idx = make([]float64, pageRows)
	}
	var col column
	for off := int64(0); off < n; off += pageRows {
		m := min(pageRows, n-off)
		idx := e.idx[:m]
		for i := range idx {
			idx[i] = float64(first + off + int64(i))
		}
		e.doublePage(&col, idx)
	}
	return &col
}

func (e *Encoder) doubles(values []float64) column {
	var col column
	select {
	case col.blob = <-blobs:
	default:
	}
	for off := 0; off < len(values); off += pageRows {
		e.doublePage(&col, values[off:min(off+pageRows, len(values))])
	}
	return col
}

// doublePage appends one BYTE_STREAM_SPLIT page: byte k of every value,
// then byte k+1..., which zstd compresses far better than plain doubles.
func (e *Encoder) doublePage(col *column, v []float64) {
	n := len(v)
	if cap(e.bss) < 8*n {
		e.bss = make([]byte, 8*n)
	}
	b := e.bss[:8*n]
	pqfile.ByteStreamSplit(b, v)
	col.stats.AddDoubles(v)
	e.page(col, pqfile.PageData, pqfile.EncByteStreamSplit, n, b)
}

// constantString encodes n copies of s: a dictionary page holding s and
// one data page holding a single RLE run of index 0.
func (e *Encoder) constantString(s string, n int64) *column {
	col := column{stats: pqfile.Stats{MinS: s, MaxS: s, HasMinMax: true}}
	dict := pqfile.AppendByteArray(e.raw[:0], s)
	e.page(&col, pqfile.PageDictionary, pqfile.EncPlain, 1, dict)
	col.dictLen = len(col.blob)
	// RLE/bit-packed hybrid: bit width 1, then one RLE run (header n<<1, value byte 0).
	run := append(dict[:0], 1)
	run = binary.AppendUvarint(run, uint64(n)<<1)
	run = append(run, 0)
	e.page(&col, pqfile.PageData, pqfile.EncRLEDictionary, int(n), run)
	e.raw = run
	return &col
}

// page compresses body and appends header and body to the column.
func (e *Encoder) page(col *column, typ int32, enc int32, values int, body []byte) {
	e.zbuf = e.z.EncodeAll(body, e.zbuf[:0])
	at := len(col.blob)
	col.blob = pqfile.AppendPageHeader(col.blob, typ, len(body), len(e.zbuf), values, enc)
	col.uncompressed += int64(len(col.blob) - at + len(body))
	col.blob = append(col.blob, e.zbuf...)
	if typ != pqfile.PageDictionary {
		col.values += int64(values)
	}
}

// column is an encoded column chunk: page headers and bodies in order,
// position-independent until the writer places it.
type column struct {
	blob         []byte
	dictLen      int // bytes of the dictionary page at the front, 0 if none
	uncompressed int64
	values       int64
	stats        pqfile.Stats
}

// meta describes c as column col of a row group, placed at offset.
func (c *column) meta(col pqfile.Column, offset int64) pqfile.ChunkMeta {
	return pqfile.ChunkMeta{Column: col, Offset: offset, DictLen: int64(c.dictLen), Values: c.values,
		Compressed: int64(len(c.blob)), Uncompressed: c.uncompressed, Stats: c.stats}
}
