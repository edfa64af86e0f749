package pqfile

import "math"

// Compact is a minimal writer of the Thrift compact protocol, enough for
// parquet footers and page headers (parquet-format's parquet.thrift).
// Fields must be written in increasing id order within a struct.
type Compact struct {
	Buf  []byte
	last []int16 // last field id per open struct
}

// Thrift compact types.
const (
	ctBoolTrue  = 1
	ctBoolFalse = 2
	ctI16       = 4
	ctI32       = 5
	ctI64       = 6
	ctBinary    = 8
	ctList      = 9
	ctStruct    = 12
)

// List element types for List.
const (
	ElemI32    = ctI32
	ElemBinary = ctBinary
	ElemStruct = ctStruct
)

func (c *Compact) uvarint(v uint64) {
	for v >= 0x80 {
		c.Buf = append(c.Buf, byte(v)|0x80)
		v >>= 7
	}
	c.Buf = append(c.Buf, byte(v))
}

func (c *Compact) zigzag(v int64) { c.uvarint(uint64((v << 1) ^ (v >> 63))) }

func (c *Compact) field(id int16, typ byte) {
	last := &c.last[len(c.last)-1]
	if d := id - *last; d > 0 && d <= 15 {
		c.Buf = append(c.Buf, byte(d)<<4|typ)
	} else {
		c.Buf = append(c.Buf, typ)
		c.zigzag(int64(id))
	}
	*last = id
}

// Begin opens a struct (the top-level one, or a list element after the
// list header); End closes the innermost one.
func (c *Compact) Begin() { c.last = append(c.last, 0) }
func (c *Compact) End()   { c.Buf = append(c.Buf, 0); c.last = c.last[:len(c.last)-1] }

func (c *Compact) I16(id int16, v int16) { c.field(id, ctI16); c.zigzag(int64(v)) }
func (c *Compact) I32(id int16, v int32) { c.field(id, ctI32); c.zigzag(int64(v)) }
func (c *Compact) I64(id int16, v int64) { c.field(id, ctI64); c.zigzag(v) }

func (c *Compact) Binary(id int16, b []byte) {
	c.field(id, ctBinary)
	c.uvarint(uint64(len(b)))
	c.Buf = append(c.Buf, b...)
}

func (c *Compact) Str(id int16, s string) {
	c.field(id, ctBinary)
	c.uvarint(uint64(len(s)))
	c.Buf = append(c.Buf, s...)
}

func (c *Compact) Bool(id int16, v bool) {
	if v {
		c.field(id, ctBoolTrue)
	} else {
		c.field(id, ctBoolFalse)
	}
}

// Struct opens a struct-valued field; close it with End.
func (c *Compact) Struct(id int16) { c.field(id, ctStruct); c.Begin() }

// List writes the header of a list field of n elements of type elem.
func (c *Compact) List(id int16, elem byte, n int) {
	c.field(id, ctList)
	if n < 15 {
		c.Buf = append(c.Buf, byte(n)<<4|elem)
	} else {
		c.Buf = append(c.Buf, 0xf0|elem)
		c.uvarint(uint64(n))
	}
}

// ElemI32 and ElemStr write list elements (no field headers).
func (c *Compact) ElemI32(v int32)  { c.zigzag(int64(v)) }
func (c *Compact) ElemStr(s string) { c.uvarint(uint64(len(s))); c.Buf = append(c.Buf, s...) }

// Parquet enum values (parquet.thrift).
const (
	TypeInt32     = 1
	TypeInt64     = 2
	TypeDouble    = 5
	TypeByteArray = 6

	Required = 0
	Optional = 1

	ConvertedUTF8 = 0

	EncPlain           = 0
	EncRLE             = 3
	EncRLEDictionary   = 8
	EncByteStreamSplit = 9

	CodecZstd = 6

	PageData       = 0
	PageDictionary = 2
)

// DoubleStat is parquet's plain encoding of a double statistic, following
// the format's rule for signed zeros (min −0.0, max +0.0).
func DoubleStat(v float64, isMin bool) []byte {
	if v == 0 {
		v = 0
		if isMin {
			v = math.Copysign(0, -1)
		}
	}
	b := math.Float64bits(v)
	return []byte{byte(b), byte(b >> 8), byte(b >> 16), byte(b >> 24), byte(b >> 32), byte(b >> 40), byte(b >> 48), byte(b >> 56)}
}
