// Package measure computes the typology measures that look at the dynamics
// of a series held in memory (typology.md §4.5.3–§4.10, §4.11.2): the
// rescaled-range Hurst exponent, permutation and sample entropy, the
// six-column periodogram profile, turning points, the autocorrelation
// half-life, the variance ratio, the rolling variance of increments,
// Rosenstein's Lyapunov exponent and the recurrence determinism.
//
// Each function takes the view the specification assigns to it (A, S or R,
// at most 65,536 samples) and returns the specification's default for a
// series too short to measure. The quadratic ones use exact rules for ties
// and order statistics, so results never depend on a visiting order:
// sample entropy and determinism walk the pair matrix diagonal by
// diagonal, packing comparisons into 64-bit flag words counted with
// popcounts (on amd64 with AVX2 the inner loops run four lanes at a time,
// bit-identical to the portable loops); Rosenstein's neighbours come from
// an exact k-d tree, its divergence from products of squared distances
// (one logarithm per step instead of one per pair).
//
// Determinism (typology.md §9.4): long sums use Neumaier compensated
// summation in index order; short window sums (at most 100 terms) are plain
// sums in index order; numeric kernels write float64(a*b) + c so that no
// compiler fuses a multiply-add. Nothing here starts goroutines.
package measure
