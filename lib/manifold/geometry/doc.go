// Package geometry computes the per-window outputs of manifold stages 02 and
// 03 (manifold.md §6–§7): the state vector of a window group, the z-scored
// eigen-geometry of each geometry group (eigenvalues, participation-ratio
// effective dimension and the other §7.3 metrics, signal and feature
// loadings), the eigenvector orientation chain of §7.6 and the seeded
// bootstrap of §7.5.
//
// Everything here is plain sequential arithmetic on small matrices (D ≤ 5
// features, N = the signals of one window): a Workspace holds the scratch
// buffers so that a window costs no allocations. A Workspace, and the
// results that point into it, belong to one goroutine.
package geometry
