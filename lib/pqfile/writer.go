package pqfile

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"

	"github.com/klauspost/compress/zstd"
)

// Kind is what a column holds.
type Kind uint8

const (
	Key            Kind = iota // string, dictionary-encoded over a vocabulary
	String                     // string, plain
	Int32                      // 32-bit integer
	Int64                      // 64-bit integer
	Double                     // double
	NullableDouble             // double, where NaN and ±Inf are written as nulls
)

// Column describes one column.
type Column struct {
	Name  string
	Kind  Kind
	Vocab []string // Key: the values it may hold (others are added as they come)
}

// KeyValue is one entry of the file's key/value metadata.
type KeyValue struct{ Key, Value string }

// Options are a Writer's settings; zero values take the defaults.
type Options struct {
	RowGroupRows int // rows per row group (default 131,072)
	PageRows     int // rows per data page (default 32,768)
	CreatedBy    string
	Metadata     []KeyValue // written in this order
}

// Writer writes one parquet file, a row at a time: a value for every
// column (in any order), then EndRow.
type Writer struct {
	out     io.Writer
	off     int64
	err     error
	opt     Options
	cols    []*column
	rows    int   // rows in the row group
	page    int   // rows in the page
	total   int64 // rows written
	strLen  int   // bytes of the page's plain strings
	groups  []RowGroupMeta
	z       *zstd.Encoder
	scratch []byte
	zbuf    []byte
}

// NewWriter starts a file on out.
func NewWriter(out io.Writer, cols []Column, opt Options) (*Writer, error) {
	if opt.RowGroupRows <= 0 {
		opt.RowGroupRows = 128 * 1024
	}
	if opt.PageRows <= 0 {
		opt.PageRows = 32768
	}
	z, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(1), zstd.WithEncoderCRC(false))
	if err != nil {
		return nil, err
	}
	w := &Writer{out: out, opt: opt, z: z}
	for _, c := range cols {
		if c.Kind > NullableDouble {
			return nil, fmt.Errorf("pqfile: column %q: unknown kind %d", c.Name, c.Kind)
		}
		w.cols = append(w.cols, newColumn(c))
	}
	w.write([]byte("PAR1"))
	return w, w.err
}

func (w *Writer) write(b []byte) {
	if w.err != nil {
		return
	}
	n, err := w.out.Write(b)
	w.off += int64(n)
	w.err = err
}

// Key appends s to key column i.
func (w *Writer) Key(i int, s string) { w.cols[i].key(s) }

// String appends s to string column i.
func (w *Writer) String(i int, s string) {
	c := w.cols[i]
	c.strs = append(c.strs, s)
	w.strLen += len(s)
}

// maxStringPageBytes ends a page early when its plain strings reach it:
// page sizes are int32 in the page header, and a page of long strings
// (state_geometry's member lists) must not overflow them. A variable so
// that tests can lower it.
var maxStringPageBytes = 64 << 20

// Int32 appends v to int32 column i.
func (w *Writer) Int32(i int, v int32) { c := w.cols[i]; c.ints = append(c.ints, int64(v)) }

// Int64 appends v to int64 column i.
func (w *Writer) Int64(i int, v int64) { c := w.cols[i]; c.ints = append(c.ints, v) }

// Double appends v to double column i; to a NullableDouble column a
// non-finite v appends a null.
func (w *Writer) Double(i int, v float64) {
	c := w.cols[i]
	if c.Kind != NullableDouble {
		c.floats = append(c.floats, v)
		return
	}
	if v-v == 0 { // finite
		c.floats = append(c.floats, v)
		c.defs = append(c.defs, 1)
	} else {
		c.defs = append(c.defs, 0)
	}
}

// EndRow ends a row; every column must have had one value since the last.
// After an error the rows are dropped: the file is lost anyway, and a
// caller that keeps the error for later must not have the rest of its
// values held in memory.
func (w *Writer) EndRow() error {
	if w.err != nil {
		for _, c := range w.cols {
			c.resetPage()
		}
		w.page, w.strLen = 0, 0
		return w.err
	}
	w.page++
	w.rows++
	w.total++
	if w.page == w.opt.PageRows || w.strLen >= maxStringPageBytes {
		w.flushPage()
	}
	if w.rows == w.opt.RowGroupRows {
		w.flushRowGroup()
	}
	return w.err
}

// Rows is the number of rows ended so far.
func (w *Writer) Rows() int64 { return w.total }

// flushPage encodes the page of every column.
func (w *Writer) flushPage() {
	if w.page == 0 || w.err != nil {
		return
	}
	for _, c := range w.cols {
		if n := c.pageValues(); n != w.page {
			w.err = fmt.Errorf("pqfile: column %q has %d values in a page of %d rows", c.Name, n, w.page)
			return
		}
		if w.encodePage(c); w.err != nil {
			return
		}
	}
	w.page, w.strLen = 0, 0
}

// flushRowGroup writes the row group's column chunks.
func (w *Writer) flushRowGroup() {
	w.flushPage()
	if w.rows == 0 || w.err != nil {
		return
	}
	rg := RowGroupMeta{Rows: int64(w.rows), Offset: w.off}
	for _, c := range w.cols {
		meta := ChunkMeta{Column: c.Column, Offset: w.off, Values: int64(w.rows)}
		if c.Kind == Key {
			c.keyStats()
			dict := w.dictionaryPage(c)
			meta.DictLen = int64(len(dict))
			w.write(dict)
		}
		w.write(c.chunk)
		meta.Stats = c.stats
		meta.Compressed = w.off - meta.Offset
		meta.Uncompressed = c.uncompressed + c.dictUncompressedLen
		rg.Columns = append(rg.Columns, meta)
		c.resetChunk()
	}
	w.groups = append(w.groups, rg)
	w.rows = 0
}

// Close writes the last row group and the footer. It does not close the
// underlying writer.
func (w *Writer) Close() error {
	w.flushRowGroup()
	if w.err != nil {
		return w.err
	}
	cols := make([]Column, len(w.cols))
	for i, c := range w.cols {
		cols[i] = c.Column
	}
	w.write(Footer(cols, w.total, w.groups, w.opt.CreatedBy, w.opt.Metadata))
	w.z.Close()
	if w.err != nil {
		return fmt.Errorf("pqfile: write: %w", w.err)
	}
	return nil
}

// encodePage compresses column c's page values into its chunk.
func (w *Writer) encodePage(c *column) {
	body := w.scratch[:0]
	enc := int32(EncPlain)
	switch c.Kind {
	case Key:
		enc = EncRLEDictionary
		body = append(body, byte(c.bitWidth()))
		body = appendHybrid(body, c.keys, c.bitWidth())
	case String:
		for _, s := range c.strs {
			body = AppendByteArray(body, s)
		}
	case Int32:
		for _, v := range c.ints {
			body = binary.LittleEndian.AppendUint32(body, uint32(v))
		}
	case Int64:
		for _, v := range c.ints {
			body = binary.LittleEndian.AppendUint64(body, uint64(v))
		}
	case Double, NullableDouble:
		enc = EncByteStreamSplit
		if c.Kind == NullableDouble {
			body = appendDefinitionLevels(body, c.defs, len(c.floats))
		}
		start := len(body)
		body = append(body, make([]byte, 8*len(c.floats))...)
		ByteStreamSplit(body[start:], c.floats)
	}
	c.observe()
	w.scratch = body
	if !w.pageFits(c, len(body)) {
		return
	}
	w.zbuf = w.z.EncodeAll(body, w.zbuf[:0])
	at := len(c.chunk)
	c.chunk = AppendPageHeader(c.chunk, PageData, len(body), len(w.zbuf), w.page, enc)
	c.uncompressed += int64(len(c.chunk) - at + len(body))
	c.chunk = append(c.chunk, w.zbuf...)
	c.resetPage()
}

// maxPageBody leaves room for ZSTD's worst case (incompressible input
// grows by about 1/256) below the header's int32 sizes.
const maxPageBody = math.MaxInt32 - math.MaxInt32>>7 - 1<<16

// pageFits reports whether a page body of n bytes, compressed, fits the
// header's int32 sizes, setting w.err if not: a single row of about 2 GiB
// of strings, or a dictionary that large.
func (w *Writer) pageFits(c *column, n int) bool {
	if n <= maxPageBody {
		return true
	}
	if w.err == nil {
		w.err = fmt.Errorf("pqfile: column %q: a page of %d bytes is more than parquet's 2 GiB", c.Name, n)
	}
	return false
}

// dictionaryPage is the PLAIN dictionary of key column c, with header.
func (w *Writer) dictionaryPage(c *column) []byte {
	body := w.scratch[:0]
	for _, s := range c.vocab {
		body = AppendByteArray(body, s)
	}
	w.scratch = body
	if !w.pageFits(c, len(body)) {
		return nil
	}
	w.zbuf = w.z.EncodeAll(body, w.zbuf[:0])
	page := AppendPageHeader(nil, PageDictionary, len(body), len(w.zbuf), len(c.vocab), EncPlain)
	c.dictUncompressedLen = int64(len(page) + len(body))
	return append(page, w.zbuf...)
}

// AppendByteArray appends s in PLAIN encoding: its length (4 bytes,
// little-endian), then its bytes.
func AppendByteArray(dst []byte, s string) []byte {
	return append(binary.LittleEndian.AppendUint32(dst, uint32(len(s))), s...)
}

// appendDefinitionLevels appends the page's definition levels (1 present,
// 0 null) as the 4-byte length and RLE/bit-packed hybrid of DataPage v1.
func appendDefinitionLevels(dst []byte, defs []uint8, present int) []byte {
	at := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	if present == len(defs) {
		dst = appendRLE(dst, 1, len(defs), 1)
	} else {
		dst = appendHybrid(dst, defs, 1)
	}
	binary.LittleEndian.PutUint32(dst[at:], uint32(len(dst)-at-4))
	return dst
}
