package obs

import "math"

// compact is a minimal writer of the Thrift compact protocol, enough for
// the parquet footer and page headers (parquet-format's parquet.thrift).
// Writing them here, instead of through arrow-go's column writers, is what
// lets sp-ingest encode pages in parallel and write constant key columns
// without touching every row.
type compact struct {
	buf  []byte
	last []int16 // last field id per open struct
}

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

func (c *compact) uvarint(v uint64) {
	for v >= 0x80 {
		c.buf = append(c.buf, byte(v)|0x80)
		v >>= 7
	}
	c.buf = append(c.buf, byte(v))
}

func (c *compact) zigzag(v int64) { c.uvarint(uint64((v << 1) ^ (v >> 63))) }

func (c *compact) field(id int16, typ byte) {
	last := &c.last[len(c.last)-1]
	if d := id - *last; d > 0 && d <= 15 {
		c.buf = append(c.buf, byte(d)<<4|typ)
	} else {
		c.buf = append(c.buf, typ)
		c.zigzag(int64(id))
	}
	*last = id
}

func (c *compact) begin()                { c.last = append(c.last, 0) }
func (c *compact) end()                  { c.buf = append(c.buf, 0); c.last = c.last[:len(c.last)-1] }
func (c *compact) i32(id int16, v int32) { c.field(id, ctI32); c.zigzag(int64(v)) }
func (c *compact) i64(id int16, v int64) { c.field(id, ctI64); c.zigzag(v) }
func (c *compact) i16(id int16, v int16) { c.field(id, ctI16); c.zigzag(int64(v)) }
func (c *compact) binary(id int16, b []byte) {
	c.field(id, ctBinary)
	c.uvarint(uint64(len(b)))
	c.buf = append(c.buf, b...)
}
func (c *compact) str(id int16, s string) { c.binary(id, []byte(s)) }
func (c *compact) boolean(id int16, v bool) {
	if v {
		c.field(id, ctBoolTrue)
	} else {
		c.field(id, ctBoolFalse)
	}
}
func (c *compact) structField(id int16) { c.field(id, ctStruct); c.begin() }
func (c *compact) list(id int16, elem byte, n int) {
	c.field(id, ctList)
	if n < 15 {
		c.buf = append(c.buf, byte(n)<<4|elem)
	} else {
		c.buf = append(c.buf, 0xf0|elem)
		c.uvarint(uint64(n))
	}
}

// listElemI32 and friends write list elements (no field headers).
func (c *compact) elemI32(v int32)     { c.zigzag(int64(v)) }
func (c *compact) elemBinary(b string) { c.uvarint(uint64(len(b))); c.buf = append(c.buf, b...) }
func (c *compact) elemStruct()         { c.begin() }

// Parquet enum values (parquet.thrift).
const (
	pqTypeDouble    = 5
	pqTypeByteArray = 6

	pqRequired = 0
	pqUTF8     = 0 // ConvertedType

	encPlain           = 0
	encRLE             = 3
	encRLEDictionary   = 8
	encByteStreamSplit = 9

	codecZstd = 6

	pageData       = 0
	pageDictionary = 2
)

// doubleStats returns parquet's plain encoding of a double statistic,
// following the spec's rule for signed zeros (min -0.0, max +0.0).
func doubleStat(v float64, isMin bool) []byte {
	if v == 0 {
		v = 0
		if isMin {
			v = math.Copysign(0, -1)
		}
	}
	b := math.Float64bits(v)
	return []byte{byte(b), byte(b >> 8), byte(b >> 16), byte(b >> 24), byte(b >> 32), byte(b >> 40), byte(b >> 48), byte(b >> 56)}
}
