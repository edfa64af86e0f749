// Package outputs writes the five core files of the manifold stage
// (manifold.md §1.4): signal_vector, state_vector, state_geometry,
// eigendecomposition and geometry_dynamics, each written atomically (sp/lib/atomicfile) with sp/lib/table's
// settings (ZSTD, 128k-row groups, fixed metadata), with every non-finite
// float written as null.
//
// Rows are appended on the caller's goroutine, a value at a time, into
// package pqfile's writers: a full page of a column is encoded and
// compressed at once, a full row group written column by column. Page
// and row group boundaries depend only on row counts, so the bytes do not
// depend on timing.
package outputs
