// Package typology is stage 2 of the pipeline (typology.md §2–§5, §9):
// it reads observations.parquet and writes typology_raw.parquet, one row
// of 35 measures per (cohort, signal_id).
//
// A signal is streamed, never held: one pass over its finite values
// (FULL) computes the count, compensated mean, central moments (merged per
// block of 65,536 values along a fixed binary tree), extremes, zero
// counts and runs, integrality, the distinct count (exact set up to 2²⁰
// values, then HyperLogLog) and the derivative sparsity whenever its
// threshold, known only at the end, can be settled from per-bucket
// extremes (always for quantised data); the same pass captures the 16
// candidate blocks of the analysis segment A for the row count, widened
// so that a few non-finite values do not move them out. A second pass runs
// only when those two cannot be settled (continuous-valued data, or many
// non-finite values): never a third. The dynamics measures (package
// measure, package stattest) then run on A and on its sub-views S and R.
// Memory per signal in flight is bounded (about 30 MiB) whatever the
// signal's length.
//
// Concurrency: Run starts Options.Threads workers; each opens its own
// obs.Reader, takes the next signal index from an atomic counter and
// stores its row at that index, so the output (sorted like
// obs.Reader.Signals) is byte-identical whatever the thread count or
// scheduling. Within a signal all work is sequential.
package typology
