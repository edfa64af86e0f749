// Package outputs writes the five core files of the manifold stage
// (manifold.md §1.4): signal_vector, state_vector, state_geometry,
// eigendecomposition and geometry_dynamics, each through sp/lib/table
// (atomic, ZSTD, 128k-row groups, fixed metadata), with every non-finite
// float written as null.
//
// Rows are appended on the caller's goroutine into arrow builders (the
// string key columns as indices into a dictionary fixed for the file, so
// that the encoder does not hash them row by row); every RecordRows rows
// the builders' record goes, over a small bounded channel, to one
// goroutine per file that encodes and compresses it. Record boundaries
// depend only on row counts, so the bytes do not depend on timing.
package outputs
