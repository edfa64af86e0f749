// Package fft computes discrete Fourier transforms of any length, for the
// feature engines of sp-manifold (manifold.md §10.3 item 6) and anyone else
// who needs them.
//
// Conventions (those of numpy.fft and scipy.fft): the forward transform is
// X_k = Σ_t x_t·exp(-2πi·k·t/n), unnormalised; the inverse carries the 1/n
// factor, so Inverse(Forward(x)) = x. RealPlan returns the n/2+1 (floor)
// non-negative-frequency bins of a real input.
//
// Algorithms: a self-sorting (Stockham) mixed-radix transform with
// specialised radix-4, 2, 3 and 5 butterflies and a generic butterfly for
// the other primes up to 31; a length with a larger prime factor goes
// through Bluestein's chirp-z algorithm over a power-of-two length. Even
// real lengths run as a complex transform of half the length. Twiddle
// factors are computed directly with math.Sincos (no recurrences), so the
// error stays near the machine epsilon times log n.
//
// Plans are immutable and cached per length (PlanFor, RealPlanFor): any
// number of goroutines may share one. The shared caches hold at most 64 MiB;
// past that, plans are built per Transformer (which keeps up to 256
// lengths) instead of shared, so memory stays bounded even when dropped NaNs
// make every window length different. The caller supplies the scratch
// space, so a transform never allocates. Transformer wraps that for one
// goroutine: it keeps its own map of plans and a growing scratch buffer, so
// after the first call at a length its calls allocate nothing. Hann windows
// are cached per length as well (Hann).
//
// The package does not start goroutines.
package fft
