package obs

import "sp/lib/pqfile"

// columnNames in file order; all four are REQUIRED.
var columnNames = [4]string{ColCohort, ColSignalID, ColSignal0, ColValue}

// footer encodes the FileMetaData struct of parquet.thrift.
func (w *Writer) footer() []byte {
	var c pqfile.Compact
	c.Begin()
	c.I32(1, 2) // version
	c.List(2, pqfile.ElemStruct, 1+len(columnNames))
	c.Begin() // root
	c.Str(4, "schema")
	c.I32(5, int32(len(columnNames)))
	c.End()
	for i, name := range columnNames {
		c.Begin()
		if i < 2 {
			c.I32(1, pqfile.TypeByteArray)
		} else {
			c.I32(1, pqfile.TypeDouble)
		}
		c.I32(3, pqfile.Required)
		c.Str(4, name)
		if i < 2 {
			c.I32(6, pqfile.ConvertedUTF8)
			c.Struct(10) // LogicalType union: STRING
			c.Struct(1)
			c.End()
			c.End()
		}
		c.End()
	}
	c.I64(3, w.rows)
	c.List(4, pqfile.ElemStruct, len(w.groups))
	for i, rg := range w.groups {
		writeRowGroup(&c, rg, i)
	}
	c.List(5, pqfile.ElemStruct, 1)
	c.Begin()
	c.Str(1, metaLayout)
	c.Str(2, layoutContiguous)
	c.End()
	c.Str(6, "sp")
	c.List(7, pqfile.ElemStruct, len(columnNames)) // column orders: type-defined for all
	for range columnNames {
		c.Begin()
		c.Struct(1)
		c.End()
		c.End()
	}
	c.End()
	return c.Buf
}

func writeRowGroup(c *pqfile.Compact, rg rowGroupMeta, ordinal int) {
	var total, compressed int64
	for _, col := range rg.columns {
		total += col.uncompressed
		compressed += col.compressed
	}
	c.Begin()
	c.List(1, pqfile.ElemStruct, len(rg.columns))
	for _, col := range rg.columns {
		c.Begin()
		c.I64(2, col.offset)
		c.Struct(3)
		writeColumnMeta(c, col)
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

func writeColumnMeta(c *pqfile.Compact, col column) {
	c.I32(1, col.typ)
	c.List(2, pqfile.ElemI32, len(col.encodings))
	for _, e := range col.encodings {
		c.ElemI32(e)
	}
	c.List(3, pqfile.ElemBinary, 1)
	c.ElemStr(col.path)
	c.I32(4, pqfile.CodecZstd)
	c.I64(5, col.values)
	c.I64(6, col.uncompressed)
	c.I64(7, col.compressed)
	c.I64(9, col.offset+int64(col.dictLen))
	if col.dictLen > 0 {
		c.I64(11, col.offset)
	}
	c.Struct(12) // statistics
	switch {
	case col.hasStr:
		c.I64(3, 0)
		c.Str(5, col.strMin)
		c.Str(6, col.strMin)
	case col.hasMinMax:
		lo, hi := pqfile.DoubleStat(col.min, true), pqfile.DoubleStat(col.max, false)
		c.Binary(1, hi)
		c.Binary(2, lo)
		c.I64(3, 0)
		c.Binary(5, hi)
		c.Binary(6, lo)
	default:
		c.I64(3, 0)
	}
	c.End()
}
