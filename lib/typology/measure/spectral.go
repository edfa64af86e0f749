package measure

import (
	"math"

	"sp/lib/fft"
	"sp/lib/order"
)

// SpectralMinLength is the shortest series Spectral analyses.
const SpectralMinLength = 64

// SpectralProfile is the six-column periodogram summary of typology.md §4.8.
type SpectralProfile struct {
	Flatness          float64 // Wiener entropy of the positive bins
	Slope             float64 // LS slope of log10 P on log10 f, f > 0
	HarmonicNoise     float64 // peak bin power over the sum of all other bins
	PeakSNR           float64 // 10·log10(peak / median positive bin), dB
	DominantFrequency float64 // k*/L, cycles per sample
	FirstBinPeak      bool    // k* ≤ 1
}

// spectralDefaults are the values for series shorter than 64 samples.
var spectralDefaults = SpectralProfile{Flatness: 0.5}

// spectralFlat is the profile of a series with no power at all.
var spectralFlat = SpectralProfile{math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN(), false}

// Spectral summarises the raw one-sided periodogram of a − mean(a) (no
// window, no padding, DC bin forced to 0; pmtvs 0.2.0 spectral_profile
// with the fixes of typology.md §8 K11). tr may be nil.
func Spectral(a []float64, tr *fft.Transformer) SpectralProfile {
	l := len(a)
	if l < SpectralMinLength {
		return spectralDefaults
	}
	if tr == nil {
		tr = new(fft.Transformer)
	}
	p := periodogram(a, tr)
	var total Sum
	peak := 0
	for k, v := range p {
		total.Add(v)
		if v > p[peak] {
			peak = k
		}
	}
	if total.Value() < 1e-20 {
		return spectralFlat
	}
	sp := SpectralProfile{
		DominantFrequency: float64(peak) / float64(l),
		FirstBinPeak:      peak <= 1,
		Flatness:          flatness(p),
		Slope:             logLogSlope(p, l),
	}
	sp.PeakSNR = 10 * math.Log10(p[peak]/positiveMedian(p))
	var rest Sum
	for k, v := range p {
		if k != peak {
			rest.Add(v)
		}
	}
	sp.HarmonicNoise = math.NaN()
	if rest.Value() != 0 {
		sp.HarmonicNoise = p[peak] / rest.Value()
	}
	return sp
}

// periodogram returns |X_k|² for k = 0 … ⌊L/2⌋ of the mean-removed
// series, with P_0 = 0.
func periodogram(a []float64, tr *fft.Transformer) []float64 {
	m := Mean(a)
	y := make([]float64, len(a))
	for i, v := range a {
		y[i] = v - m
	}
	bins := make([]complex128, len(a)/2+1)
	tr.RealForward(bins, y)
	p := make([]float64, len(bins))
	for k, z := range bins[1:] {
		p[k+1] = float64(real(z)*real(z)) + float64(imag(z)*imag(z))
	}
	return p
}

// flatness is exp(mean ln P)/mean P over the positive bins.
func flatness(p []float64) float64 {
	var logs, sum Sum
	n := 0
	for _, v := range p {
		if v > 0 {
			logs.Add(math.Log(v))
			sum.Add(v)
			n++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	return math.Exp(logs.Value()/float64(n)) / (sum.Value() / float64(n))
}

// logLogSlope is the least-squares slope of log10 P_k on log10(k/L) over
// the bins k ≥ 1 with P_k > 0; NaN with fewer than 3 such bins.
func logLogSlope(p []float64, l int) float64 {
	var x, y []float64
	for k := 1; k < len(p); k++ {
		if p[k] > 0 {
			x = append(x, math.Log10(float64(k)/float64(l)))
			y = append(y, math.Log10(p[k]))
		}
	}
	if len(x) < 3 {
		return math.NaN()
	}
	s, _ := slope(x, y, 0)
	return s
}

// positiveMedian is the median of the positive bins (mean of the two
// middle ones for an even count).
func positiveMedian(p []float64) float64 {
	var pos []float64
	for _, v := range p {
		if v > 0 {
			pos = append(pos, v)
		}
	}
	return order.Median(pos)
}
