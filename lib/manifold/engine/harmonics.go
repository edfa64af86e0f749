package engine

import "math"

// E13 harmonics, E14 fundamental_freq, E15 thd, E16 snr: all from the plain
// DFT of x - mean (P4). Q and g below are the powers and frequencies
// without the DC bin.

// computeHarmonics writes fundamental_freq, fundamental_amplitude,
// harmonic_2x, harmonic_3x, thd. Floor 4; a constant window (std < 1e-10)
// gives (0, 0, null, null, 0).
func computeHarmonics(f *frame, out []float64) {
	if len(f.x) < 4 {
		fillNaN(out)
		return
	}
	if f.std() < 1e-10 {
		out[0], out[1], out[2], out[3], out[4] = 0, 0, math.NaN(), math.NaN(), 0
		return
	}
	freq, _, mag := f.dft()
	k0 := 1
	for k := 2; k < len(mag); k++ {
		if mag[k] > mag[k0] {
			k0 = k
		}
	}
	f0, a1 := freq[k0], mag[k0]
	amp := func(t float64) float64 {
		if t > 0.5 {
			return math.NaN()
		}
		return mag[nearestBin(freq, t)]
	}
	out[0], out[1] = f0, a1
	out[2], out[3] = amp(2*f0), amp(3*f0)
	var ss float64
	found := false
	for h := 2; h <= 10; h++ {
		t := float64(h) * f0
		if t <= 0.5 {
			a := amp(t)
			ss += a * a
			found = true
		}
	}
	out[4] = 0
	if a1 > 1e-10 && found {
		out[4] = 100 * math.Sqrt(ss) / a1
	}
}

// nearestBin returns the index minimising |freq[k] - t| (first on ties) for
// uniformly spaced freq[k] = (k+c)·step: it looks only at the few bins
// around t/step, which the uniform spacing guarantees hold the minimum.
func nearestBin(freq []float64, t float64) int {
	n := len(freq)
	if n == 1 || !(t > freq[0]) {
		return 0
	}
	if t >= freq[n-1] {
		return n - 1
	}
	step := freq[1] - freq[0]
	c := int((t-freq[0])/step + 0.5)
	lo, hi := max(0, c-2), min(n-1, c+2)
	best := lo
	for k := lo + 1; k <= hi; k++ {
		if math.Abs(freq[k]-t) < math.Abs(freq[best]-t) {
			best = k
		}
	}
	return best
}

// computeFundamentalFreq writes fundamental_freq, fundamental_power,
// fundamental_ratio, fundamental_confidence. Floor 8; null if the power
// without DC is 0.
func computeFundamentalFreq(f *frame, out []float64) {
	fillNaN(out)
	if len(f.x) < 8 {
		return
	}
	freq, pow, _ := f.dft()
	q, g := pow[1:], freq[1:]
	var total float64
	for _, v := range q {
		total += v
	}
	if total == 0 {
		return
	}
	// The three largest strict local maxima (power descending, lower index
	// first on ties); of those, the lowest frequency.
	top := [3]int{-1, -1, -1}
	for j := 1; j+1 < len(q); j++ {
		if !(q[j] > q[j-1] && q[j] > q[j+1]) {
			continue
		}
		for s := 0; s < 3; s++ {
			if top[s] < 0 || q[j] > q[top[s]] {
				copy(top[s+1:], top[s:2])
				top[s] = j
				break
			}
		}
	}
	var best int
	confidence := 0.0
	if top[0] < 0 {
		for j := range q {
			if q[j] > q[best] {
				best = j
			}
		}
	} else {
		best = top[0]
		for _, j := range top[1:] {
			if j >= 0 && j < best {
				best = j
			}
		}
		confidence = 1
		if med := f.medianPower(); med > 0 {
			confidence = min(1, q[best]/med/10)
		}
	}
	out[0], out[1], out[2], out[3] = g[best], q[best], q[best]/total, confidence
}

// computeTHD writes thd_percent, thd_db, thd_fundamental_power,
// thd_harmonic_power, n_harmonics_found. Floor 16; below it, or with a zero
// fundamental power, the floats are null and n_harmonics_found is 0.
func computeTHD(f *frame, out []float64) {
	fillNaN(out)
	out[4] = 0
	if len(f.x) < 16 {
		return
	}
	freq, pow, _ := f.dft()
	q, g := pow[1:], freq[1:]
	j0 := 0
	for j := range q {
		if q[j] > q[j0] {
			j0 = j
		}
	}
	f0, p0 := g[j0], q[j0]
	if !(p0 > 0) {
		return
	}
	tol := 1.5 * (g[1] - g[0])
	var hp float64
	found := 0
	for h := 2; h <= 6; h++ {
		t := float64(h) * f0
		j := nearestBin(g, t)
		if !(math.Abs(g[j]-t) < tol) {
			break
		}
		hp += q[j]
		found++
	}
	out[2], out[3], out[4] = p0, hp, float64(found)
	if found == 0 {
		out[0] = 0
		return
	}
	lin := math.Sqrt(hp) / math.Sqrt(p0)
	out[0] = 100 * lin
	out[1] = 20 * math.Log10(lin) // -Inf (null) when lin = 0
}

// computeSNR writes snr_db, snr_linear, signal_power, noise_power: powers
// above 3·median are signal, the rest noise (0 replaced by 1e-10). Floor 8;
// null if the power without DC is 0.
func computeSNR(f *frame, out []float64) {
	fillNaN(out)
	if len(f.x) < 8 {
		return
	}
	_, pow, _ := f.dft()
	q := pow[1:]
	var total float64
	for _, v := range q {
		total += v
	}
	if total == 0 {
		return
	}
	thr := 3 * f.medianPower()
	var sig, noise float64
	for _, v := range q {
		if v > thr {
			sig += v
		} else {
			noise += v
		}
	}
	if noise == 0 {
		noise = 1e-10
	}
	lin := sig / noise
	out[0], out[1], out[2], out[3] = 10*math.Log10(lin), lin, sig, noise
}
