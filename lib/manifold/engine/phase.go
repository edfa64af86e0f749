package engine

import "math"

// E17 phase_coherence from the analytic signal (P5).

// computePhaseCoherence writes phase_coherence (|mean e^{iφ}| over the
// window), coherence_std (population std of the same over 4 quarter
// segments) and coherence_trend (their slope on 0..3). Floor 32. A zero
// analytic value has phase 0, so a constant window gives (1, 0, 0).
func computePhaseCoherence(f *frame, out []float64) {
	m := len(f.x)
	if m < 32 {
		fillNaN(out)
		return
	}
	z := f.analytic()
	seg := m / 4
	var c [4]float64
	var sr, si float64
	for s := 0; s < 4; s++ {
		var qr, qi float64
		for _, v := range z[s*seg : (s+1)*seg] {
			ur, ui := unitPhasor(v)
			qr += ur
			qi += ui
		}
		c[s] = math.Hypot(qr, qi) / float64(seg)
		sr += qr
		si += qi
	}
	for _, v := range z[4*seg:] {
		ur, ui := unitPhasor(v)
		sr += ur
		si += ui
	}
	out[0] = math.Hypot(sr, si) / float64(m)
	mc := (c[0] + c[1] + c[2] + c[3]) / 4
	var ss, sxy float64
	for s, v := range c {
		ss += (v - mc) * (v - mc)
		sxy += (float64(s) - 1.5) * (v - mc)
	}
	out[1] = math.Sqrt(ss / 4)
	out[2] = sxy / 5 // Σ(s - 1.5)² = 5
}

// unitPhasor returns e^{iφ} for φ = atan2(imag z, real z): z/|z|, or 1 for
// z = 0. Tiny |z| goes through atan2 to avoid underflow in the square.
func unitPhasor(z complex128) (float64, float64) {
	re, im := real(z), imag(z)
	r2 := re*re + im*im
	if r2 > 1e-280 {
		inv := 1 / math.Sqrt(r2)
		return re * inv, im * inv
	}
	if re == 0 && im == 0 {
		return 1, 0
	}
	s, c := math.Sincos(math.Atan2(im, re))
	return c, s
}

// analytic returns the analytic signal of x - mean (scipy.signal.hilbert):
// FFT, keep DC (and Nyquist for even m), double the positive bins, zero
// the negative ones, inverse FFT.
func (f *frame) analytic() []complex128 {
	m := len(f.x)
	d := f.deviations()
	nb := m/2 + 1
	f.bins = growC(f.bins, nb)
	f.tr.RealForward(f.bins, d)
	f.cbuf = growC(f.cbuf, m)
	z := f.cbuf
	z[0] = f.bins[0]
	pos := (m+1)/2 - 1 // bins doubled: 1..pos
	for k := 1; k <= pos; k++ {
		z[k] = 2 * f.bins[k]
	}
	clear(z[pos+1:])
	if m%2 == 0 {
		z[m/2] = f.bins[m/2]
	}
	f.tr.Inverse(z, z)
	return z
}
