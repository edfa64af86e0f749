package obs

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
)

// A parsed footer costs about 2.4 KB per row group (a Go object per column
// chunk, its statistics and encodings); sp-ingest writes one row group per
// raw file and signal, so the footer of a long recording is thousands of
// row groups. A Reader does not keep it: Open builds its own index of the
// row groups (groupInfo), remembers where each row group's entry lies in
// the serialized footer, and keeps only the footer's other fields (schema,
// key/value metadata, created_by: the same for every row group). To read a
// row group it re-reads that one entry from the file and parses a footer
// of a single row group: about 20 µs per row group, next to the ~10 ms of
// decoding one of sp-ingest's (a 10-minute file of one signal).
type footer struct {
	size   int64    // of the file (arrow-go's source size)
	start  int64    // file offset of the serialized FileMetaData
	prefix []byte   // fields before the row groups, through the list's field header
	suffix []byte   // fields after the row groups, through the struct's end
	bounds []uint32 // row group g is footer bytes [bounds[g], bounds[g+1])

	// full is set instead when the footer could not be split (encrypted
	// footers): the Reader then keeps arrow-go's parse, as before.
	full *metadata.FileMetaData
}

// splitFooter locates the row groups of f's footer, already parsed by
// arrow-go into md. Any surprise (a footer this package's small Thrift
// reader does not understand exactly as arrow-go did) keeps md whole.
func splitFooter(f *os.File, md *metadata.FileMetaData) *footer {
	ft, err := readFooterLayout(f, md)
	if err != nil {
		return &footer{full: md}
	}
	return ft
}

func readFooterLayout(f *os.File, md *metadata.FileMetaData) (*footer, error) {
	if md.IsSetEncryptionAlgorithm() {
		return nil, errors.New("encrypted")
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	var tail [8]byte
	if size < 8 {
		return nil, errors.New("short file")
	}
	if _, err := f.ReadAt(tail[:], size-8); err != nil {
		return nil, err
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if string(tail[4:]) != "PAR1" || n+8 > size {
		return nil, errors.New("no plain footer")
	}
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, size-8-n); err != nil {
		return nil, err
	}
	d := thriftReader{buf: buf}
	listAt, elemsEnd := -1, -1
	var bounds []uint32
	last := int16(0)
	for {
		typ, id, ok := d.fieldHeader(&last)
		if d.err != nil {
			return nil, d.err
		}
		if !ok {
			break
		}
		if id != 4 {
			d.skip(typ, 0)
			continue
		}
		if typ != ctList || listAt >= 0 {
			return nil, errors.New("unexpected row_groups field")
		}
		listAt = d.pos
		elem, count := d.listHeader()
		if d.err != nil {
			return nil, d.err
		}
		if elem != ctStruct || count != md.NumRowGroups() {
			return nil, errors.New("unexpected row_groups list")
		}
		bounds = make([]uint32, 0, count+1)
		for range count {
			bounds = append(bounds, uint32(d.pos))
			d.skip(ctStruct, 0)
			if d.err != nil {
				return nil, d.err
			}
		}
		bounds = append(bounds, uint32(d.pos))
		elemsEnd = d.pos
	}
	if listAt < 0 || d.pos != md.Size() {
		return nil, errors.New("footer layout differs from arrow-go's parse")
	}
	return &footer{
		size:   size,
		start:  size - 8 - n,
		prefix: append([]byte(nil), buf[:listAt]...),
		suffix: append([]byte(nil), buf[elemsEnd:d.pos]...),
		bounds: bounds,
	}, nil
}

// rowGroup returns a reader of row group g.
func (r *Reader) rowGroup(g int) (*file.RowGroupReader, error) {
	if r.pr != nil {
		return r.pr.RowGroup(g), nil
	}
	ft := r.ft
	lo, hi := ft.bounds[g], ft.bounds[g+1]
	b := append(r.entry[:0], ft.prefix...)
	b = append(b, 1<<4|ctStruct) // a list of one struct
	at := len(b)
	b = append(b, make([]byte, hi-lo)...)
	if _, err := r.f.ReadAt(b[at:], ft.start+int64(lo)); err != nil {
		return nil, fmt.Errorf("%s: row group %d: reading its footer entry: %w", r.path, g, err)
	}
	b = append(b, ft.suffix...)
	r.entry = b
	md, err := metadata.NewFileMetaData(b, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: row group %d: %w", r.path, g, err)
	}
	md.SetSourceFileSize(ft.size)
	pr, err := file.NewParquetReader(r.f, file.WithReadProps(r.props), file.WithMetadata(md))
	if err != nil {
		return nil, fmt.Errorf("%s: row group %d: %w", r.path, g, err)
	}
	return pr.RowGroup(0), nil
}

// Thrift compact types.
const (
	ctBoolTrue  = 1
	ctBoolFalse = 2
	ctByte      = 3
	ctI16       = 4
	ctI32       = 5
	ctI64       = 6
	ctDouble    = 7
	ctBinary    = 8
	ctList      = 9
	ctSet       = 10
	ctMap       = 11
	ctStruct    = 12
	ctUUID      = 13
)

// thriftReader walks Thrift compact protocol bytes without decoding them.
type thriftReader struct {
	buf []byte
	pos int
	err error
}

func (d *thriftReader) fail(msg string) {
	if d.err == nil {
		d.err = errors.New("footer: " + msg)
	}
	d.pos = len(d.buf)
}

func (d *thriftReader) byte() byte {
	if d.pos >= len(d.buf) {
		d.fail("truncated")
		return 0
	}
	b := d.buf[d.pos]
	d.pos++
	return b
}

func (d *thriftReader) uvarint() uint64 {
	v, n := binary.Uvarint(d.buf[d.pos:])
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.pos += n
	return v
}

// fieldHeader reads a struct field header; ok is false at the struct's end.
func (d *thriftReader) fieldHeader(last *int16) (typ byte, id int16, ok bool) {
	b := d.byte()
	if d.err != nil || b == 0 {
		return 0, 0, false
	}
	typ = b & 0x0f
	if delta := int16(b >> 4); delta != 0 {
		id = *last + delta
	} else {
		u := d.uvarint()
		id = int16(int64(u>>1) ^ -int64(u&1))
	}
	*last = id
	return typ, id, true
}

func (d *thriftReader) listHeader() (elem byte, n int) {
	b := d.byte()
	elem, n = b&0x0f, int(b>>4)
	if n == 15 {
		u := d.uvarint()
		if u > uint64(len(d.buf)) { // every element takes at least a byte
			d.fail("bad list size")
			return 0, 0
		}
		n = int(u)
	}
	return elem, n
}

const maxThriftDepth = 64

// skip passes over one value of compact type typ.
func (d *thriftReader) skip(typ byte, depth int) {
	if depth > maxThriftDepth {
		d.fail("nested too deeply")
		return
	}
	switch typ {
	case ctBoolTrue, ctBoolFalse:
		// a field's value is in its header; a list element is one byte,
		// consumed by the caller passing ctByte
	case ctByte:
		d.byte()
	case ctI16, ctI32, ctI64:
		d.uvarint()
	case ctDouble:
		d.bytes(8)
	case ctBinary:
		n := d.uvarint()
		if n > uint64(len(d.buf)) {
			d.fail("bad length")
			return
		}
		d.bytes(int(n))
	case ctList, ctSet:
		elem, n := d.listHeader()
		if elem == ctBoolTrue || elem == ctBoolFalse {
			elem = ctByte
		}
		for i := 0; i < n && d.err == nil; i++ {
			d.skip(elem, depth+1)
		}
	case ctMap:
		n := d.uvarint()
		if n > uint64(len(d.buf)) {
			d.fail("bad map size")
			return
		}
		if n == 0 {
			return
		}
		kv := d.byte()
		kt, vt := kv>>4, kv&0x0f
		if kt == ctBoolTrue || kt == ctBoolFalse {
			kt = ctByte
		}
		if vt == ctBoolTrue || vt == ctBoolFalse {
			vt = ctByte
		}
		for i := uint64(0); i < n && d.err == nil; i++ {
			d.skip(kt, depth+1)
			d.skip(vt, depth+1)
		}
	case ctStruct:
		last := int16(0)
		for d.err == nil {
			t, _, ok := d.fieldHeader(&last)
			if !ok {
				return
			}
			d.skip(t, depth+1)
		}
	case ctUUID:
		d.bytes(16)
	default:
		d.fail("unknown type")
	}
}

func (d *thriftReader) bytes(n int) {
	if n > len(d.buf)-d.pos {
		d.fail("truncated")
		return
	}
	d.pos += n
}
