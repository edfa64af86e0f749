// Package obs reads and writes observations.parquet, the long-format table
// every stage after ingest reads (pipeline.md §4):
//
//	cohort STRING, signal_id STRING, signal_0 DOUBLE, value DOUBLE
//
// Writer lays the file out the way readers want it: one row group per (raw
// file, signal), dictionary-encoded keys that are constant within the row
// group (written from a one-entry dictionary instead of hashing every row),
// BYTE_STREAM_SPLIT + ZSTD for the doubles, and footer statistics for every
// column so that a reader can pick one signal's row groups without touching
// the others.
//
// Reader streams one signal in signal_0 order, row group by row group,
// holding one batch of rows at a time; Scan demultiplexes a file of any
// layout in one sequential pass. Both accept any file of the canonical
// schema (DuckDB, pandas, polars): a missing cohort column, nullable
// columns, integer signal_0.
//
// Neither type is safe for concurrent use; open one Reader per goroutine.
package obs
