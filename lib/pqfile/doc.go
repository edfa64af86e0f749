// Package pqfile writes parquet files of flat tables row by row: key
// strings (dictionary-encoded over a vocabulary known in advance), plain
// strings, 32- and 64-bit integers and doubles (optionally nullable), each
// column ZSTD-compressed, with statistics.
//
// It exists for the compute stage's outputs, which are written a value at
// a time: going through arrow builders and arrow-go's column writers cost
// more than the values themselves (allocations, validity bitmaps, buffered
// row groups). Here every column keeps one page of values; a full page is
// encoded at once (doubles as BYTE_STREAM_SPLIT, which ZSTD compresses
// far better than plain doubles) and appended to the column's chunk, and
// a full row group goes to the file column by column. Memory is one
// compressed row group plus one page per column.
//
// Its Thrift compact writer, BYTE_STREAM_SPLIT and format constants also
// serve package obs, whose writer lays out observations.parquet itself,
// and SplitFooter (a Thrift walker that decodes nothing) lets obs's reader
// keep a footer as bytes and parse one row group's part at a time.
//
// A Writer is used by one goroutine. The same rows, columns and metadata
// always give the same bytes.
package pqfile
