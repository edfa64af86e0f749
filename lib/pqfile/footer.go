package pqfile

import "encoding/binary"

type rowGroup struct {
	rows    int64
	offset  int64
	columns []chunkMeta
}

// chunkMeta is what the footer says of one column chunk.
type chunkMeta struct {
	column       Column
	offset       int64 // of the first page (the dictionary, if any)
	dictLen      int64 // bytes of the dictionary page, 0 if none
	values       int64
	compressed   int64
	uncompressed int64
	stats        stats
}

// footer encodes the FileMetaData struct of parquet.thrift.
func (w *Writer) footer() []byte {
	var c Compact
	c.Begin()
	c.I32(1, 2) // version
	c.List(2, ElemStruct, 1+len(w.cols))
	c.Begin() // root
	c.Str(4, "schema")
	c.I32(5, int32(len(w.cols)))
	c.End()
	for _, col := range w.cols {
		schemaElement(&c, col.Column)
	}
	c.I64(3, w.total)
	c.List(4, ElemStruct, len(w.groups))
	for i, rg := range w.groups {
		writeRowGroup(&c, rg, i)
	}
	if len(w.opt.Metadata) > 0 {
		c.List(5, ElemStruct, len(w.opt.Metadata))
		for _, kv := range w.opt.Metadata {
			c.Begin()
			c.Str(1, kv.Key)
			c.Str(2, kv.Value)
			c.End()
		}
	}
	if w.opt.CreatedBy != "" {
		c.Str(6, w.opt.CreatedBy)
	}
	c.List(7, ElemStruct, len(w.cols)) // column orders: type-defined for all
	for range w.cols {
		c.Begin()
		c.Struct(1)
		c.End()
		c.End()
	}
	c.End()
	return c.Buf
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

func writeRowGroup(c *Compact, rg rowGroup, ordinal int) {
	var total, compressed int64
	for _, m := range rg.columns {
		total += m.uncompressed
		compressed += m.compressed
	}
	c.Begin()
	c.List(1, ElemStruct, len(rg.columns))
	for _, m := range rg.columns {
		c.Begin()
		c.I64(2, m.offset)
		c.Struct(3)
		writeColumnMeta(c, m)
		c.End()
		c.End()
	}
	c.I64(2, total)
	c.I64(3, rg.rows)
	c.I64(5, rg.offset)
	c.I64(6, compressed)
	c.I16(7, int16(ordinal))
	c.End()
}

func writeColumnMeta(c *Compact, m chunkMeta) {
	c.I32(1, physicalType(m.column.Kind))
	encs := encodings(m.column.Kind)
	c.List(2, ElemI32, len(encs))
	for _, e := range encs {
		c.ElemI32(e)
	}
	c.List(3, ElemBinary, 1)
	c.ElemStr(m.column.Name)
	c.I32(4, CodecZstd)
	c.I64(5, m.values)
	c.I64(6, m.uncompressed)
	c.I64(7, m.compressed)
	c.I64(9, m.offset+m.dictLen)
	if m.dictLen > 0 {
		c.I64(11, m.offset)
	}
	c.Struct(12) // statistics
	writeStats(c, m.column.Kind, m.stats)
	c.End()
}

func encodings(k Kind) []int32 {
	switch k {
	case Key:
		return []int32{EncPlain, EncRLE, EncRLEDictionary}
	case Double, NullableDouble:
		return []int32{EncRLE, EncByteStreamSplit}
	}
	return []int32{EncPlain, EncRLE}
}

// writeStats writes the Statistics fields: for numbers the deprecated
// max/min too (older readers), for strings only max_value/min_value (the
// deprecated ones had an ambiguous sort order).
func writeStats(c *Compact, k Kind, s stats) {
	var lo, hi []byte
	switch {
	case !s.hasMinMax:
	case k == Double || k == NullableDouble:
		lo, hi = DoubleStat(s.minF, true), DoubleStat(s.maxF, false)
	case k == Int32:
		lo, hi = binary.LittleEndian.AppendUint32(nil, uint32(s.minI)), binary.LittleEndian.AppendUint32(nil, uint32(s.maxI))
	case k == Int64:
		lo, hi = binary.LittleEndian.AppendUint64(nil, uint64(s.minI)), binary.LittleEndian.AppendUint64(nil, uint64(s.maxI))
	}
	if lo != nil {
		c.Binary(1, hi)
		c.Binary(2, lo)
	}
	c.I64(3, s.nulls)
	switch {
	case lo != nil:
		c.Binary(5, hi)
		c.Binary(6, lo)
	case s.hasMinMax: // strings
		c.Str(5, s.maxS)
		c.Str(6, s.minS)
	}
}
