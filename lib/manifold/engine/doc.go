// Package engine computes the core feature engines of sp-manifold's
// signal_vector stage (manifold.md §5.5, E0–E19) on one engine window.
//
// The caller (lib/manifold) resolves each manifest engine name with Lookup:
// aliases share an implementation (Spec.Impl), so it runs each distinct
// (Impl, L_e) once per window (§5.1 step 2). Names outside the core set —
// the second-wave engines of §5.6 and unknown names — are not found; the
// caller warns once and produces no columns for them. CanonicalColumns
// gives the §5.3 column order of the signal_vector schema, and Assign
// applies the name-collision rule of §5.1 step 3 to one signal's list.
//
// An Engine (New) computes one implementation; a Set (NewSet) computes
// several on the same engine window and shares their intermediates (one
// moments pass, one Welch PSD, one mean-removed DFT, one running sum,
// §10.3 item 5) with identical results. Both take x, the finite values of
// the engine window in time order, and write NaN for null: below an
// engine's floor, by a constant rule, or on numeric failure; ±Inf results
// become NaN too (§1.4).
//
// Conventions fixed by the specification and kept here: frequencies in
// cycles per sample; population moments (two passes, mean first); an
// exactly constant window has mean equal to its value, so the constant
// rules fire without rounding residue; Welch uses the periodic Hann window
// and scipy's defaults; kurtosis is excess (Fisher); sample entropy counts
// strict matches over m-2 and m-3 templates; Hurst uses sub-series lengths
// 10..m/4-1; frequency bands are half-open except the closed high band
// (decision B21); a constant window gives null acf_decay (B22).
//
// Each Engine or Set owns its scratch buffers and FFT plans (lib/fft) and is
// not safe for concurrent use: create one per worker goroutine. After the
// first windows of a given length, Compute allocates nothing. The package
// starts no goroutines.
package engine
