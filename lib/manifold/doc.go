// Package manifold runs the manifold stage for one partition (manifold.md;
// pipeline.md §7): it streams every manifest signal of observations.parquet
// window by window, computes the signal_vector features, assembles the
// windows of a cohort into window groups, computes state_vector,
// state_geometry, eigendecomposition and, at the end of each cohort,
// geometry_dynamics, and writes the five files atomically.
//
// How the work is shared. The window indices of a cohort are cut into
// blocks. For a signal whose rows the reader can address by position (the
// sp-ingest layout), each (signal, block) is an independent task: it reads
// its samples (plus the L_max-1 before them) with obs.ReadRange and
// computes the block's feature rows. A pool of --threads workers, each
// with its own obs.Reader and engine instances, runs the tasks. A signal
// of any other layout is streamed start to end by one goroutine of its
// own. Each signal keeps a bounded number of blocks in flight ahead of
// consumption, which bounds memory independently of the partition length.
// One assembler goroutine consumes the blocks of all signals of the cohort
// in window order (a merge on signal_0_end), so everything it computes and
// writes depends only on the data, never on scheduling: the output is
// byte-identical for every thread count. The five files are encoded on
// one goroutine each (package outputs); geometry_dynamics goes through a
// spill file per geometry group (package dynamics).
package manifold
