package engine

import (
	"math"

	"sp/lib/fft"
	"sp/lib/order"
)

// frame holds one engine window and the intermediates that several
// implementations share, each computed at most once per window on first
// use. Its buffers only grow, so steady-state windows allocate nothing.
type frame struct {
	x    []float64
	have uint8 // bit set of the intermediates below computed for x

	// moments (P1): two passes, mean first.
	mean, m2, m3, m4 float64 // central moments, divisor m
	devSq            float64 // Σ(x - mean)², in order (m·m2 before rounding)
	sumSq            float64 // Σx² (not centred)
	min, max, absMax float64

	dev   []float64 // x - mean
	cusum []float64 // running sum of dev

	prefHi, prefLo []float64 // hurst: compensated prefix sums of dev
	runLen         []int32   // hurst: number of equal values from i on
	ranges         []float64 // hurst: scratch of hurstRatios

	// Welch PSD (P3) and its frequencies.
	psd, psdFreq []float64
	welchN       int     // nperseg of psdFreq / winSumSq / logFreq
	winSumSq     float64 // Σw² of the Hann window of length welchN
	logFreq      []float64
	segment      []float64

	// Plain DFT of dev (P4): bins 0..m/2, f_k = k·(1/m).
	pow, mag, dftFreq []float64
	dftM              int
	medianQ           float64 // median of pow[1:]

	bins    []complex128 // real-FFT output
	cbuf    []complex128 // complex work (Hilbert)
	sortBuf []float64
	tmp     []float64 // scratch of one engine call, never kept across calls
	order   []keyed   // sample entropy: sorted template starts
	flags   []uint64  // sample entropy: match flags by lag
	tr      fft.Transformer
}

const (
	haveMoments uint8 = 1 << iota
	haveDev
	haveCusum
	haveWelch
	haveDFT
	haveMedianQ
)

func (f *frame) reset(x []float64) {
	f.x = x
	f.have = 0
}

// moments computes the P1 moments, min, max, max|x| and Σx². An exactly
// constant window gets mean = its value (no rounding residue), so every
// constant rule sees zero spread exactly.
func (f *frame) moments() {
	if f.have&haveMoments != 0 {
		return
	}
	f.have |= haveMoments
	x := f.x
	m := float64(len(x))
	if len(x) == 0 {
		f.mean, f.m2, f.m3, f.m4 = math.NaN(), math.NaN(), math.NaN(), math.NaN()
		f.devSq = math.NaN()
		f.sumSq, f.min, f.max, f.absMax = 0, math.NaN(), math.NaN(), math.NaN()
		return
	}
	var sum, sumSq float64
	lo, hi := x[0], x[0]
	for _, v := range x {
		sum += v
		sumSq += v * v
		if v < lo {
			lo = v
		}
		if v > hi {
			hi = v
		}
	}
	f.sumSq, f.min, f.max = sumSq, lo, hi
	f.absMax = max(math.Abs(lo), math.Abs(hi))
	if lo == hi {
		f.mean, f.m2, f.m3, f.m4, f.devSq = lo, 0, 0, 0, 0
		return
	}
	mean := sum / m
	var s2, s3, s4 float64
	for _, v := range x {
		d := v - mean
		d2 := d * d
		s2 += d2
		s3 += d2 * d
		s4 += d2 * d2
	}
	f.mean, f.m2, f.m3, f.m4, f.devSq = mean, s2/m, s3/m, s4/m, s2
}

// std returns the population standard deviation.
func (f *frame) std() float64 {
	f.moments()
	return math.Sqrt(f.m2)
}

// deviations returns x - mean.
func (f *frame) deviations() []float64 {
	if f.have&haveDev == 0 {
		f.have |= haveDev
		f.moments()
		f.dev = grow(f.dev, len(f.x))
		for i, v := range f.x {
			f.dev[i] = v - f.mean
		}
	}
	return f.dev
}

// runningSum returns C_t = Σ_{i<=t} (x_i - mean).
func (f *frame) runningSum() []float64 {
	if f.have&haveCusum == 0 {
		f.have |= haveCusum
		d := f.deviations()
		f.cusum = grow(f.cusum, len(d))
		var c float64
		for i, v := range d {
			c += v
			f.cusum[i] = c
		}
	}
	return f.cusum
}

// welch returns the P3 Welch PSD of x (scipy.signal.welch defaults, fs = 1,
// nperseg = min(256, m)) and its frequencies. Requires len(x) >= 2.
func (f *frame) welch() (freq, psd []float64) {
	if f.have&haveWelch != 0 {
		return f.psdFreq, f.psd
	}
	f.have |= haveWelch
	m := len(f.x)
	n := min(256, m)
	f.setWelchLength(n)
	nb := n/2 + 1
	f.psd = grow(f.psd, nb)
	clear(f.psd)
	f.segment = grow(f.segment, n)
	f.bins = growC(f.bins, nb)
	win := fft.Hann(n)
	step := n - n/2
	k := (m-n)/step + 1
	for s := 0; s < k; s++ {
		seg := f.x[s*step : s*step+n]
		mean := segmentMean(seg)
		for i, v := range seg {
			f.segment[i] = (v - mean) * win[i]
		}
		f.tr.RealForward(f.bins, f.segment)
		for i, c := range f.bins[:nb] {
			f.psd[i] += real(c)*real(c) + imag(c)*imag(c)
		}
	}
	norm := 1 / (f.winSumSq * float64(k))
	for i := range f.psd {
		f.psd[i] *= norm
		// One-sided: double all bins but DC and (n even) Nyquist.
		if i > 0 && (n%2 == 1 || i < n/2) {
			f.psd[i] *= 2
		}
	}
	return f.psdFreq, f.psd
}

// segmentMean is the mean with the exact-constant rule of moments.
func segmentMean(x []float64) float64 {
	var sum float64
	c := true
	for _, v := range x {
		sum += v
		c = c && v == x[0]
	}
	if c {
		return x[0]
	}
	return sum / float64(len(x))
}

func (f *frame) setWelchLength(n int) {
	if f.welchN == n {
		return
	}
	f.welchN = n
	nb := n/2 + 1
	f.psdFreq = grow(f.psdFreq, nb)
	f.logFreq = grow(f.logFreq, nb)
	step := 1 / float64(n) // numpy.fft.rfftfreq: k·(1/n)
	for i := range f.psdFreq {
		f.psdFreq[i] = float64(i) * step
		f.logFreq[i] = math.Log10(f.psdFreq[i])
	}
	f.winSumSq = 0
	for _, w := range fft.Hann(n) {
		f.winSumSq += w * w
	}
}

// dft returns the P4 DFT of x - mean: bin frequencies k·(1/m), powers
// |X_k|² and magnitudes |X_k| for k = 0..m/2. Requires len(x) >= 1.
func (f *frame) dft() (freq, pow, mag []float64) {
	if f.have&haveDFT != 0 {
		return f.dftFreq, f.pow, f.mag
	}
	f.have |= haveDFT
	m := len(f.x)
	nb := m/2 + 1
	d := f.deviations()
	f.bins = growC(f.bins, nb)
	f.tr.RealForward(f.bins, d)
	f.pow = grow(f.pow, nb)
	f.mag = grow(f.mag, nb)
	for i, c := range f.bins[:nb] {
		p := real(c)*real(c) + imag(c)*imag(c)
		f.pow[i] = p
		f.mag[i] = math.Sqrt(p)
	}
	if f.dftM != m {
		f.dftM = m
		f.dftFreq = grow(f.dftFreq, nb)
		step := 1 / float64(m)
		for i := range f.dftFreq {
			f.dftFreq[i] = float64(i) * step
		}
	}
	return f.dftFreq, f.pow, f.mag
}

// medianPower returns the median of the DFT powers without DC (numpy.median:
// the mean of the two middle values for an even count).
func (f *frame) medianPower() float64 {
	if f.have&haveMedianQ == 0 {
		f.have |= haveMedianQ
		_, pow, _ := f.dft()
		f.medianQ = median(pow[1:], &f.sortBuf)
	}
	return f.medianQ
}

// median is the median of v (numpy.median), by selection on a copy.
func median(v []float64, buf *[]float64) float64 {
	*buf = grow(*buf, len(v))
	s := (*buf)[:len(v)]
	copy(s, v)
	return order.Median(s)
}

func grow(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n, n+n/4)
	}
	return b[:n]
}

func growC(b []complex128, n int) []complex128 {
	if cap(b) < n {
		return make([]complex128, n, n+n/4)
	}
	return b[:n]
}

func fillNaN(out []float64) {
	for i := range out {
		out[i] = math.NaN()
	}
}

// lineSlope returns the least-squares slope of y on x (P2).
func lineSlope(x, y []float64) float64 {
	var mx, my float64
	for i := range x {
		mx += x[i]
		my += y[i]
	}
	n := float64(len(x))
	mx /= n
	my /= n
	var sxy, sxx float64
	for i := range x {
		dx := x[i] - mx
		sxy += dx * (y[i] - my)
		sxx += dx * dx
	}
	return sxy / sxx
}
