// Package engine computes the core feature engines of sp-manifold's
// signal_vector stage (manifold.md §5.5, E0–E19) on one engine window.
//
// # Catalogue
//
// Lookup resolves a manifest engine name to a Spec: the implementation id
// (aliases share one: spectral_entropy → spectral, band_power →
// frequency_bands, permutation_entropy → perm_entropy, trend_r2 /
// detrend_std / cusum → trend) and its output columns. The caller runs each
// distinct (Spec.Impl, L_e) once per window (§5.1 step 2). Names outside the
// core set — the second-wave engines of §5.6 and unknown names — are not
// found; NotImplemented lists them for the caller's single warning, and
// they produce no columns. CanonicalColumns is the §5.3 column order of the
// signal_vector schema; Assign applies the name-collision rule of §5.1
// step 3 (the engine named like the column wins, else the later one) to one
// signal's engine list. Names lists every core name.
//
// # Computing
//
// New(impl) returns an Engine for one implementation; NewSet(impls)
// returns a Set that computes several implementations on the same engine
// window (one L_e) and shares their intermediates (§10.3 item 5: one
// moments pass for statistics, kurtosis, skewness, crest_factor, rms, peak
// and every constant test; one Welch PSD for spectral and frequency_bands;
// one mean-removed DFT for harmonics, fundamental_freq, thd and snr; one
// running sum for trend and variance_growth). A Set gives bit-for-bit the
// values of the separate Engines.
//
// Compute takes x, the finite values of the engine window in time order
// (the caller drops non-finite values and checks that all L_e positions
// exist), and writes one value per column, NaN meaning null: below the
// engine's floor of finite values, by a constant rule, or on numeric
// failure. ±Inf results are written as NaN (§1.4).
//
// # Conventions
//
// Those of the specification: frequencies in cycles per sample; population
// moments in two passes, mean first; Welch with scipy's defaults (periodic
// Hann, nperseg = min(256, m), half overlap, per-segment mean removal,
// density scaling); excess (Fisher) kurtosis; sample entropy with strict
// matches over m-2 and m-3 templates, counted exactly by the sorted sweep
// of §10.1; Hurst over sub-series lengths 10..m/4-1; half-open frequency
// bands with a closed high band (decision B21); null acf_decay for a
// constant window (B22). One addition keeps the constant rules exact: a
// window (or Welch segment, or Hurst sub-series) whose values are all
// equal has mean exactly equal to that value, so its deviations are exactly
// zero instead of a rounding residue that floating-point summation can
// leave (e.g. 128 × 0.1).
//
// # Concurrency and memory
//
// Each Engine or Set owns its scratch buffers and an fft.Transformer; it is
// not safe for concurrent use: create one per worker goroutine. Buffers
// only grow, so after the first windows of a given length Compute allocates
// nothing. FFT plans and Hann windows are shared through lib/fft's caches.
// The package starts no goroutines.
package engine
