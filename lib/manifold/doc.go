// Package manifold runs the manifold stage for one partition (manifold.md;
// pipeline.md §7): it streams every manifest signal of observations.parquet
// window by window, computes the signal_vector features, assembles the
// windows of a cohort into window groups, computes state_vector,
// state_geometry, eigendecomposition and, at the end of each cohort,
// geometry_dynamics, and writes the five files atomically.
//
// How the work is shared. Each signal of a cohort has a reader goroutine
// that decodes it once, front to back (the overlap from the previous
// partition first), and cuts it into blocks of consecutive windows: a
// block is a task holding a copy of its samples (plus the L_max-1 before
// them), queued both to a pool of --threads workers, which compute the
// feature rows with their own engine instances, and, in order, to the
// signal's source. Several blocks of one signal are computed at once, so
// a single long signal still uses every worker. Each source holds a
// bounded number of blocks, sized from a fixed memory budget, so memory
// does not depend on the partition's length. One assembler goroutine takes
// the blocks of all signals of the cohort in window order (a merge on
// signal_0_end) and computes and writes everything else; what it computes
// depends only on the data, never on scheduling, so the output is
// byte-identical for every thread count. The assembler also encodes the
// five files, a page of a column at a time (packages outputs and pqfile);
// geometry_dynamics goes through a spill file per geometry group (package
// dynamics).
package manifold
