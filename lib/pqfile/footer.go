package pqfile

import (
	"encoding/binary"
	"math"
)

// RowGroupMeta is what a footer says of one row group.
type RowGroupMeta struct {
	Rows    int64
	Offset  int64
	Columns []ChunkMeta
}

// ChunkMeta is what a footer says of one column chunk.
type ChunkMeta struct {
	Column       Column
	Offset       int64 // of the first page (the dictionary, if any)
	DictLen      int64 // bytes of the dictionary page, 0 if none
	Values       int64
	Compressed   int64
	Uncompressed int64
	Stats        Stats
}

// Stats are a column chunk's statistics: min and max of the kind's type.
type Stats struct {
	Nulls      int64
	HasMinMax  bool
	MinF, MaxF float64
	MinI, MaxI int64
	MinS, MaxS string
	// NaN: a chunk of doubles holds NaN, and then has no min/max. Parquet
	// leaves NaN out of them, but DuckDB orders NaN above every number and
	// prunes row groups on the max alone, so a max without the NaN would
	// hide those rows from a query like x > c.
	NaN bool
}

// AddDoubles widens the statistics to the doubles of v.
func (s *Stats) AddDoubles(v []float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	nan := false
	for _, x := range v { // NaN compares false both ways
		if x < lo {
			lo = x
		}
		if x > hi {
			hi = x
		}
		nan = nan || x != x
	}
	s.NaN = s.NaN || nan
	if lo <= hi {
		if !s.HasMinMax {
			s.MinF, s.MaxF, s.HasMinMax = lo, hi, true
		}
		s.MinF, s.MaxF = min(s.MinF, lo), max(s.MaxF, hi)
	}
}

// addString widens the statistics to the string v.
func (s *Stats) addString(v string) {
	if !s.HasMinMax {
		s.MinS, s.MaxS, s.HasMinMax = v, v, true
	}
	s.MinS, s.MaxS = min(s.MinS, v), max(s.MaxS, v)
}

// Footer returns the end of a file: the FileMetaData struct of
// parquet.thrift for these columns and row groups, its length and the
// closing magic.
func Footer(cols []Column, rows int64, groups []RowGroupMeta, createdBy string, meta []KeyValue) []byte {
	var c Compact
	c.Begin()
	c.I32(1, 2) // version
	c.List(2, ElemStruct, 1+len(cols))
	c.Begin() // root
	c.Str(4, "schema")
	c.I32(5, int32(len(cols)))
	c.End()
	for _, col := range cols {
		schemaElement(&c, col)
	}
	c.I64(3, rows)
	c.List(4, ElemStruct, len(groups))
	for i, rg := range groups {
		writeRowGroup(&c, rg, i)
	}
	if len(meta) > 0 {
		c.List(5, ElemStruct, len(meta))
		for _, kv := range meta {
			c.Begin()
			c.Str(1, kv.Key)
			c.Str(2, kv.Value)
			c.End()
		}
	}
	if createdBy != "" {
		c.Str(6, createdBy)
	}
	c.List(7, ElemStruct, len(cols)) // column orders: type-defined for all
	for range cols {
		c.Begin()
		c.Struct(1)
		c.End()
		c.End()
	}
	c.End()
	n := len(c.Buf)
	return append(binary.LittleEndian.AppendUint32(c.Buf, uint32(n)), "PAR1"...)
}

// AppendPageHeader appends the PageHeader of a data page (v1, levels
// RLE) or dictionary page holding values values in encoding enc.
func AppendPageHeader(dst []byte, typ int32, uncompressed, compressed, values int, enc int32) []byte {
	h := Compact{Buf: dst}
	h.Begin()
	h.I32(1, typ)
	h.I32(2, int32(uncompressed))
	h.I32(3, int32(compressed))
	if typ == PageDictionary {
		h.Struct(7) // DictionaryPageHeader
		h.I32(1, int32(values))
		h.I32(2, enc)
	} else {
		h.Struct(5) // DataPageHeader
		h.I32(1, int32(values))
		h.I32(2, enc)
		h.I32(3, EncRLE)
		h.I32(4, EncRLE)
	}
	h.End()
	h.End()
	return h.Buf
}

func schemaElement(c *Compact, col Column) {
	c.Begin()
	c.I32(1, physicalType(col.Kind))
	rep := int32(Required)
	if col.Kind == NullableDouble {
		rep = Optional
	}
	c.I32(3, rep)
	c.Str(4, col.Name)
	if col.Kind == Key || col.Kind == String {
		c.I32(6, ConvertedUTF8)
		c.Struct(10) // LogicalType union: STRING
		c.Struct(1)
		c.End()
		c.End()
	}
	c.End()
}

func physicalType(k Kind) int32 {
	switch k {
	case Key, String:
		return TypeByteArray
	case Int32:
		return TypeInt32
	case Int64:
		return TypeInt64
	}
	return TypeDouble
}

func writeRowGroup(c *Compact, rg RowGroupMeta, ordinal int) {
	var total, compressed int64
	for _, m := range rg.Columns {
		total += m.Uncompressed
		compressed += m.Compressed
	}
	c.Begin()
	c.List(1, ElemStruct, len(rg.Columns))
	for _, m := range rg.Columns {
		c.Begin()
		c.I64(2, m.Offset)
		c.Struct(3)
		writeColumnMeta(c, m)
		c.End()
		c.End()
	}
	c.I64(2, total)
	c.I64(3, rg.Rows)
	c.I64(5, rg.Offset)
	c.I64(6, compressed)
	c.I16(7, int16(ordinal))
	c.End()
}

func writeColumnMeta(c *Compact, m ChunkMeta) {
	c.I32(1, physicalType(m.Column.Kind))
	encs := encodings(m.Column.Kind)
	c.List(2, ElemI32, len(encs))
	for _, e := range encs {
		c.ElemI32(e)
	}
	c.List(3, ElemBinary, 1)
	c.ElemStr(m.Column.Name)
	c.I32(4, CodecZstd)
	c.I64(5, m.Values)
	c.I64(6, m.Uncompressed)
	c.I64(7, m.Compressed)
	c.I64(9, m.Offset+m.DictLen)
	if m.DictLen > 0 {
		c.I64(11, m.Offset)
	}
	c.Struct(12) // statistics
	writeStats(c, m.Column.Kind, m.Stats)
	c.End()
}

func encodings(k Kind) []int32 {
	switch k {
	case Key:
		return []int32{EncPlain, EncRLE, EncRLEDictionary}
	case Double:
		return []int32{EncByteStreamSplit}
	case NullableDouble:
		return []int32{EncRLE, EncByteStreamSplit} // RLE: definition levels
	}
	return []int32{EncPlain, EncRLE}
}

// writeStats writes the Statistics fields: for numbers the deprecated
// max/min too (older readers), for strings only max_value/min_value (the
// deprecated ones had an ambiguous sort order).
func writeStats(c *Compact, k Kind, s Stats) {
	var lo, hi []byte
	switch {
	case !s.HasMinMax || s.NaN:
	case k == Double || k == NullableDouble:
		lo, hi = DoubleStat(s.MinF, true), DoubleStat(s.MaxF, false)
	case k == Int32:
		lo, hi = binary.LittleEndian.AppendUint32(nil, uint32(s.MinI)), binary.LittleEndian.AppendUint32(nil, uint32(s.MaxI))
	case k == Int64:
		lo, hi = binary.LittleEndian.AppendUint64(nil, uint64(s.MinI)), binary.LittleEndian.AppendUint64(nil, uint64(s.MaxI))
	}
	if lo != nil {
		c.Binary(1, hi)
		c.Binary(2, lo)
	}
	c.I64(3, s.Nulls)
	switch {
	case lo != nil:
		c.Binary(5, hi)
		c.Binary(6, lo)
	case s.HasMinMax && (k == Key || k == String):
		c.Str(5, s.MaxS)
		c.Str(6, s.MinS)
	}
}
