package engine

import "math"

// E4 spectral and E5 frequency_bands, both from the Welch PSD (P3).

// computeSpectral writes spectral_slope, dominant_freq, spectral_entropy,
// spectral_centroid, spectral_bandwidth. Floor 4; a constant window
// (population std < 1e-10) gives five zeros.
func computeSpectral(f *frame, out []float64) {
	if len(f.x) < 4 {
		fillNaN(out)
		return
	}
	if f.std() < 1e-10 {
		clear(out)
		return
	}
	freq, p := f.welch()
	var total float64
	arg := 0
	for i, v := range p {
		total += v
		if v > p[arg] {
			arg = i
		}
	}
	out[1] = freq[arg]
	out[2], out[3], out[4] = 0, 0, 0
	if total > 0 {
		// -Σ q·log2 q / log2(bins) with q = P/T over q > 0, as natural
		// logarithms (the ratio is the same), computed in one batch.
		qs := grow(f.tmp, 2*len(p))
		f.tmp = qs
		lq := qs[len(p):]
		qs = qs[:len(p)]
		for i, v := range p {
			qs[i] = v / total
		}
		logs(lq, qs)
		var ent, cen float64
		for i, v := range p {
			if q := qs[i]; q > 0 {
				ent -= q * lq[i]
			}
			cen += freq[i] * v
		}
		cen /= total
		var bw float64
		for i, v := range p {
			d := freq[i] - cen
			bw += d * d * v
		}
		out[2] = ent / math.Log(float64(len(p)))
		out[3] = cen
		out[4] = math.Sqrt(bw / total)
	}
	out[0] = f.spectralSlope(p)
}

// spectralSlope fits log10(P + 1e-10) on log10 f over the bins with f > 0;
// null with 3 or fewer such bins or when the log powers have no spread.
func (f *frame) spectralSlope(p []float64) float64 {
	if len(p)-1 <= 3 {
		return math.NaN()
	}
	xs := f.logFreq[1:len(p)]
	ys := grow(f.tmp, len(xs))
	f.tmp = ys
	for i := range xs {
		ys[i] = p[i+1] + 1e-10
	}
	logs(ys, ys) // log10 v is math.Log(v) * (1/Ln10), as in math.Log10
	var my float64
	for i := range ys {
		ys[i] *= 1 / math.Ln10
		my += ys[i]
	}
	my /= float64(len(ys))
	var vy float64
	for _, y := range ys {
		vy += (y - my) * (y - my)
	}
	if math.Sqrt(vy/float64(len(ys))) <= 1e-10 {
		return math.NaN()
	}
	return lineSlope(xs, ys)
}

// computeFrequencyBands writes band_low, band_low_rel, band_mid,
// band_mid_rel, band_high, band_high_rel, total_power, nyquist. Floor 4.
// Bands are [0, 0.05), [0.05, 0.25), [0.25, 0.5] (decision B21).
func computeFrequencyBands(f *frame, out []float64) {
	if len(f.x) < 4 {
		fillNaN(out)
		return
	}
	freq, p := f.welch()
	var lo, mid, hi, total float64
	for i, v := range p {
		total += v
		switch fr := freq[i]; {
		case fr < 0.05:
			lo += v
		case fr < 0.25:
			mid += v
		case fr <= 0.5:
			hi += v
		}
	}
	e := total + 1e-10
	out[0], out[1] = lo, lo/e
	out[2], out[3] = mid, mid/e
	out[4], out[5] = hi, hi/e
	out[6], out[7] = total, 0.5
}
