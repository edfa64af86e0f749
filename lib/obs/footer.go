package obs

// columnNames in file order; all four are REQUIRED.
var columnNames = [4]string{ColCohort, ColSignalID, ColSignal0, ColValue}

// footer encodes the FileMetaData struct of parquet.thrift.
func (w *Writer) footer() []byte {
	var c compact
	c.begin()
	c.i32(1, 2) // version
	c.list(2, ctStruct, 1+len(columnNames))
	c.elemStruct() // root
	c.str(4, "schema")
	c.i32(5, int32(len(columnNames)))
	c.end()
	for i, name := range columnNames {
		c.elemStruct()
		if i < 2 {
			c.i32(1, pqTypeByteArray)
		} else {
			c.i32(1, pqTypeDouble)
		}
		c.i32(3, pqRequired)
		c.str(4, name)
		if i < 2 {
			c.i32(6, pqUTF8)
			c.structField(10) // LogicalType union: STRING
			c.structField(1)
			c.end()
			c.end()
		}
		c.end()
	}
	c.i64(3, w.rows)
	c.list(4, ctStruct, len(w.groups))
	for i, rg := range w.groups {
		writeRowGroup(&c, rg, i)
	}
	c.list(5, ctStruct, 1)
	c.elemStruct()
	c.str(1, metaLayout)
	c.str(2, layoutContiguous)
	c.end()
	c.str(6, "sp")
	c.list(7, ctStruct, len(columnNames)) // column orders: type-defined for all
	for range columnNames {
		c.elemStruct()
		c.structField(1)
		c.end()
		c.end()
	}
	c.end()
	return c.buf
}

func writeRowGroup(c *compact, rg rowGroupMeta, ordinal int) {
	var total, compressed int64
	for _, col := range rg.columns {
		total += col.uncompressed
		compressed += col.compressed
	}
	c.elemStruct()
	c.list(1, ctStruct, len(rg.columns))
	for _, col := range rg.columns {
		c.elemStruct()
		c.i64(2, col.offset)
		c.structField(3)
		writeColumnMeta(c, col)
		c.end()
		c.end()
	}
	c.i64(2, total)
	c.i64(3, rg.rows)
	c.i64(5, rg.offset)
	c.i64(6, compressed)
	c.i16(7, int16(ordinal))
	c.end()
}

func writeColumnMeta(c *compact, col column) {
	c.i32(1, col.typ)
	c.list(2, ctI32, len(col.encodings))
	for _, e := range col.encodings {
		c.elemI32(e)
	}
	c.list(3, ctBinary, 1)
	c.elemBinary(col.path)
	c.i32(4, codecZstd)
	c.i64(5, col.values)
	c.i64(6, col.uncompressed)
	c.i64(7, col.compressed)
	c.i64(9, col.offset+int64(col.dictLen))
	if col.dictLen > 0 {
		c.i64(11, col.offset)
	}
	c.structField(12) // statistics
	switch {
	case col.hasStr:
		c.i64(3, 0)
		c.str(5, col.strMin)
		c.str(6, col.strMin)
	case col.hasMinMax:
		lo, hi := doubleStat(col.min, true), doubleStat(col.max, false)
		c.binary(1, hi)
		c.binary(2, lo)
		c.i64(3, 0)
		c.binary(5, hi)
		c.binary(6, lo)
	default:
		c.i64(3, 0)
	}
	c.end()
}
