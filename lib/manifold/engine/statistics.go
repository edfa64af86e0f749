package engine

import "math"

// E0–E3 and E19: moments, crest factor, RMS and peak (manifold.md §5.5).

// zeroVariance is scipy.stats' rule for kurtosis and skew:
// μ_2 <= (1e-15·mean)² gives null. It also covers constant windows.
func (f *frame) zeroVariance() bool {
	return f.m2 <= (1e-15*f.mean)*(1e-15*f.mean)
}

// kurtosis is E1's μ_4/μ_2² - 3 (Fisher, biased); floor 4.
func (f *frame) kurtosis(floor int) float64 {
	if len(f.x) < floor {
		return math.NaN()
	}
	f.moments()
	if f.zeroVariance() {
		return math.NaN()
	}
	return f.m4/(f.m2*f.m2) - 3
}

// skewness is E2's μ_3/μ_2^1.5 (biased).
func (f *frame) skewness(floor int) float64 {
	if len(f.x) < floor {
		return math.NaN()
	}
	f.moments()
	if f.zeroVariance() {
		return math.NaN()
	}
	return f.m3 / (f.m2 * math.Sqrt(f.m2))
}

// crestFactor is E3's max|x| / sqrt(mean x²), mean not removed.
func (f *frame) crestFactor(floor int) float64 {
	if len(f.x) < max(floor, 1) {
		return math.NaN()
	}
	rms := f.rms()
	if rms == 0 {
		return math.NaN()
	}
	return f.absMax / rms
}

// computeStatistics is E0: all three with floor 4.
func computeStatistics(f *frame, out []float64) {
	out[0] = f.kurtosis(4)
	out[1] = f.skewness(4)
	out[2] = f.crestFactor(4)
}

func computeKurtosis(f *frame, out []float64)    { out[0] = f.kurtosis(4) }
func computeSkewness(f *frame, out []float64)    { out[0] = f.skewness(3) }
func computeCrestFactor(f *frame, out []float64) { out[0] = f.crestFactor(1) }

// computeRMS is E19 rms: sqrt(mean x²); floor 1.
func computeRMS(f *frame, out []float64) {
	if len(f.x) < 1 {
		out[0] = math.NaN()
		return
	}
	out[0] = f.rms()
}

// rms returns sqrt(mean x²); |c| exactly for a constant window.
func (f *frame) rms() float64 {
	f.moments()
	if f.min == f.max {
		return math.Abs(f.min)
	}
	return math.Sqrt(f.sumSq / float64(len(f.x)))
}

// computePeak is E19 peak: max|x| and max - min; floor 1.
func computePeak(f *frame, out []float64) {
	if len(f.x) < 1 {
		fillNaN(out)
		return
	}
	f.moments()
	out[0] = f.absMax
	out[1] = f.max - f.min
}
