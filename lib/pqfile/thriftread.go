package pqfile

import (
	"encoding/binary"
	"errors"
)

// Thrift compact types a reader meets besides those the writer uses.
const (
	ctByte   = 3
	ctDouble = 7
	ctSet    = 10
	ctMap    = 11
	ctUUID   = 13
)

// FooterSplit locates the row groups inside a serialized FileMetaData:
// Bounds[g], Bounds[g+1] delimit row group g's entry; the row_groups list
// header starts at ListAt, its entries end at ElemsEnd, and the struct at
// End. What lies outside [ListAt, ElemsEnd) is the same for every row
// group, so a footer of one row group is buf[:ListAt], a list header of
// one element, that entry and buf[ElemsEnd:End].
type FooterSplit struct {
	ListAt, ElemsEnd, End int
	Bounds                []uint32
}

// SplitFooter walks a FileMetaData (Thrift compact, outside input) without
// decoding it. Every element takes at least a byte and nesting is capped,
// so malformed bytes give an error, not a panic or a long walk.
func SplitFooter(buf []byte) (FooterSplit, error) {
	d := thriftReader{buf: buf}
	sp := FooterSplit{ListAt: -1}
	last := int16(0)
	for {
		typ, id, ok := d.fieldHeader(&last)
		if d.err != nil {
			return sp, d.err
		}
		if !ok {
			break
		}
		if id != 4 {
			d.skip(typ, 0)
			continue
		}
		if typ != ctList || sp.ListAt >= 0 {
			return sp, errors.New("footer: unexpected row_groups field")
		}
		sp.ListAt = d.pos
		elem, count := d.listHeader()
		if d.err != nil {
			return sp, d.err
		}
		if elem != ctStruct {
			return sp, errors.New("footer: unexpected row_groups list")
		}
		sp.Bounds = make([]uint32, 0, count+1)
		for range count {
			sp.Bounds = append(sp.Bounds, uint32(d.pos))
			d.skip(ctStruct, 0)
			if d.err != nil {
				return sp, d.err
			}
		}
		sp.Bounds = append(sp.Bounds, uint32(d.pos))
		sp.ElemsEnd = d.pos
	}
	if sp.ListAt < 0 {
		return sp, errors.New("footer: no row_groups")
	}
	sp.End = d.pos
	return sp, nil
}

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
