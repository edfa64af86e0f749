// Package dynamics computes geometry_dynamics (manifold.md §8): velocity,
// acceleration, jerk and curvature of a (cohort, group) series of
// effective dimensions, plus the velocities of eigenvalue_1 and
// total_variance and the series-wide collapse onset.
//
// The collapse onset is a statistic of the whole series, so a series is
// spilled to a temporary file (40 bytes per row) while the windows stream
// by and derived in two sequential passes over it once the series ends:
// the first finds the longest collapse run, the second emits the rows.
// Each derivative needs at most four rows on either side, so a pass holds
// a ring of a few rows: memory does not grow with the series.
//
// Everything here runs on the caller's goroutine.
package dynamics
