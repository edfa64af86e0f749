// Package obsstats computes, in streaming passes over observations.parquet,
// the per-signal summaries that the observation-based reports of sp-sql
// are built on (sql.md §4.4): bounds of the coordinate, segment statistics
// (first/last 20 %, halves, post-baseline), equal-width bucket statistics
// (10, 20 and 50 buckets), baseline-envelope exceedances (report 03D) and
// the systematically thinned sample (§4.6).
//
// The definitions are those of the spec's SQL (t_bounds, t_seg, t_b10,
// t_b20, t_b50, 03D, t_thin); computing them here instead of in DuckDB
// reads the file twice in one goroutine per signal instead of scanning it
// once per table, which is what makes a 10^8-sample week cheap.
//
// Pass 1 (Bounds) counts rows and finds the coordinate range of the valid
// values of each signal. Pass 2 (Scan) needs those bounds: it streams each
// signal in signal_0 order, cuts every chunk into runs of rows that fall
// in the same segments and buckets, and merges each run's moments into the
// accumulators (two-pass moments within a run, Chan et al. merge across
// runs), so that the result does not depend on chunk sizes or threads.
//
// Goroutines: both passes hand whole signals to Options.Threads workers,
// each with its own obs.Reader; results are stored by signal index, so the
// output order is fixed (cohort, then signal_id, bytewise).
package obsstats
