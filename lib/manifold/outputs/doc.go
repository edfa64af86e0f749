// Package outputs writes the five core files of the manifold stage
// (manifold.md §1.4): signal_vector, state_vector, state_geometry,
// eigendecomposition and geometry_dynamics, each through sp/lib/table
// (atomic, ZSTD, 128k-row groups, fixed metadata), with every non-finite
// float written as null.
//
// Rows are appended on the caller's goroutine into arrow builders; every
// RecordRows rows the builder's record goes, over a small bounded channel,
// to one goroutine per file that encodes and compresses it. Record
// boundaries depend only on row counts, so the bytes do not depend on
// timing.
package outputs
