// Package window holds the windowing arithmetic of the manifold stage
// (manifold.md §4.2, §9): the per-partition grid of window ends, which
// windows are formable given the overlap taken from the previous
// partition, and the sliding sample buffer from which each window's engine
// inputs are taken as contiguous slices.
//
// Positions: p = 0, 1, … runs over a signal's overlap samples followed by
// the partition's own samples; the local position is j = p - overlap, so
// the partition's own samples have j ≥ 0. Window k ends at j = j0 + k·S
// with j0 = (W-1) mod S.
package window
