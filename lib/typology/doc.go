// Package typology is stage 2 of the pipeline (typology.md §2–§5, §9):
// it reads observations.parquet and writes typology_raw.parquet, one row
// of 35 measures per (cohort, signal_id).
//
// A signal is streamed, never held. One pass over its finite values
// (FULL) computes the count, the compensated mean, the central moments
// (per block of 65,536 values, merged along a fixed binary tree), the
// extremes, zero counts and runs, integrality, the distinct count (an
// exact set up to 2²⁰ values — a bitmap for values on a power-of-two grid,
// a hash set for the others — then HyperLogLog) and, whenever the data
// settle it, the derivative sparsity, whose threshold is known only at
// the end (exact step histograms for quantised data, per-bucket extremes
// around the expected threshold otherwise). The same pass captures the 16
// candidate blocks of the analysis segment A for the row count, widened
// so that a few non-finite values do not move them out. A second pass
// runs only when those two are not settled (continuous values with more
// than 2²⁰ distinct values, a threshold far from its early estimate, many
// non-finite values): never a third. The dynamics measures (packages
// measure and stattest) then run on A and its sub-views S and R. Memory
// per signal in flight is bounded (at most about 45 MiB, typically 15)
// whatever the signal's length.
//
// Concurrency: Run starts Options.Threads workers; each opens its own
// obs.Reader, takes the next signal index from an atomic counter and
// stores its row at that index, so the output (sorted like
// obs.Reader.Signals) is byte-identical whatever the thread count or
// scheduling. Within a signal all work is sequential.
package typology
