package measure

import (
	"math"
	"slices"
	"testing"
)

func near(got, want, rel float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if want == 0 {
		return math.Abs(got) <= rel
	}
	return math.Abs(got-want) <= rel*math.Abs(want)
}

// sin300 is Appendix C's SIN300: x_t = sin(0.3·t), t = 0 … 299.
func sin300() []float64 {
	x := make([]float64, 300)
	for t := range x {
		x[t] = math.Sin(0.3 * float64(t))
	}
	return x
}

// logistic1000 is Appendix C's LOGISTIC1000: x_0 = 0.4,
// x_t = (3.9·x_{t−1})·(1 − x_{t−1}) without fused multiply-add.
func logistic1000() []float64 {
	x := make([]float64, 1000)
	x[0] = 0.4
	for t := 1; t < len(x); t++ {
		x[t] = float64(float64(3.9*x[t-1]) * (1 - x[t-1]))
	}
	return x
}

// Appendix C of typology.md (an independent implementation of the
// definitions), relative tolerance 1e-9.
func TestAppendixC(t *testing.T) {
	for _, c := range []struct {
		name string
		x    []float64
		want map[string]float64
	}{
		{"SIN300", sin300(), map[string]float64{
			"hurst": 0.3416225405, "perm_entropy": 0.6006519816, "sample_entropy": 0.2474239550,
			"lyapunov_proxy": -0.0009265204, "determinism_score": 0.9527868852,
			"turning_point_ratio": 0.0973154362, "acf_half_life": 4, "variance_ratio": 0.9830221635,
			"spectral_flatness": 0.0107181523, "spectral_slope": -1.8606362176,
			"spectral_peak_snr": 43.7806234770, "harmonic_noise_ratio": 2.3439626825,
			"dominant_frequency": 14.0 / 300,
		}},
		{"LOGISTIC1000", logistic1000(), map[string]float64{
			"hurst": 0.5016861923, "perm_entropy": 0.8532605869, "sample_entropy": 0.5246001040,
			"lyapunov_proxy": 0.3592477008, "determinism_score": 0.8650348259,
			"turning_point_ratio": 0.8216432866, "acf_half_life": 2, "variance_ratio": 0.9987239001,
			"spectral_flatness": 0.3532244915, "spectral_slope": 0.7161199926,
			"spectral_peak_snr": 15.9272744066, "harmonic_noise_ratio": 0.0332977611,
			"dominant_frequency": 0.374, "rolling_var_std": 0.0940975733,
		}},
	} {
		sp := Spectral(c.x, nil)
		acf, decayed, ok := ACFHalfLife(c.x)
		if !ok || !decayed {
			t.Errorf("%s: ACF half-life not decayed", c.name)
		}
		got := map[string]float64{
			"hurst": Hurst(c.x), "perm_entropy": PermEntropy(c.x), "sample_entropy": SampleEntropy(c.x),
			"lyapunov_proxy": Lyapunov(c.x), "determinism_score": Determinism(c.x),
			"turning_point_ratio": TurningPointRatio(c.x), "acf_half_life": acf,
			"variance_ratio": VarianceRatio(c.x), "spectral_flatness": sp.Flatness,
			"spectral_slope": sp.Slope, "spectral_peak_snr": sp.PeakSNR,
			"harmonic_noise_ratio": sp.HarmonicNoise, "dominant_frequency": sp.DominantFrequency,
			"rolling_var_std": RollingVarStd(c.x),
		}
		for name, want := range c.want {
			// Appendix C prints 10 significant digits.
			if g := got[name]; !near(g, want, 1e-9) && math.Abs(g-want) > 1.5e-10 {
				t.Errorf("%s %s = %.10f, want %.10f", c.name, name, g, want)
			}
		}
		if sp.FirstBinPeak {
			t.Errorf("%s: is_first_bin_peak true", c.name)
		}
	}
}

// Appendix C: the small hand-checkable cases.
func TestSmallKnownAnswers(t *testing.T) {
	// patterns (0,1,2) ×2, (2,0,1) ×2, (1,0,2) ×1 of 5:
	// −(2·0.4·log2 0.4 + 0.2·log2 0.2)/log2 6
	if got := PermEntropy([]float64{4, 7, 9, 10, 6, 11, 3}); !near(got, 0.5887621559, 1e-9) {
		t.Errorf("PermEntropy = %.10f, want 0.5887621559", got)
	}
	// 3 is a peak, 2 a trough, 4 a peak: 3 of 3 interior samples.
	if got := TurningPointRatio([]float64{1, 3, 2, 4, 3}); got != 1 {
		t.Errorf("TurningPointRatio = %g, want 1", got)
	}
}

// The log-product keeps Σ ln √x exact to rounding however extreme the
// factors: ½·Σ ln x over 1e-300, 1e300, 5e-324, 2, 1e-300, 3.7, … with
// each ln x as ln(fraction) + exponent·ln 2 (Go's amd64 math.Log is wrong
// for subnormals: it gives −709.09 for 5e-324, whose log is −744.44).
func TestLogProduct(t *testing.T) {
	var p logProduct
	want := 0.0
	for i := 0; i < 3000; i++ {
		x := []float64{1e-300, 1e300, 5e-324, 2, 1e-300, 3.7}[i%6]
		p.mul(x)
		fr, ex := math.Frexp(x)
		want += 0.5 * (math.Log(fr) + float64(ex)*math.Ln2)
	}
	if got := p.halfLog(); !near(got, want, 1e-12) {
		t.Errorf("halfLog = %.15g, want %.15g", got, want)
	}
}

// The k-d tree finds exactly the brute-force neighbour — the smallest
// (distance, j) with |i−j| ≥ tsep and distance > 0 — also on coarsely
// quantised data full of ties and repeated points.
func TestNearestNeighboursExact(t *testing.T) {
	for _, quantum := range []float64{0, 0.5, 1} {
		s := benchSeries(1500)
		for i := range s {
			if quantum > 0 {
				s[i] = math.Round(s[i]/quantum) * quantum
			}
		}
		const dim, tsep = 3, 3
		m := len(s) - dim + 1
		got := nearestNeighbours(s, dim, m, tsep)
		for i := 0; i < m; i++ {
			best, bestD := -1, math.Inf(1)
			for j := 0; j < m; j++ {
				if j-i < tsep && i-j < tsep {
					continue
				}
				d := math.Sqrt(embedDist2(s, dim, i, j))
				if d > 0 && d < bestD {
					best, bestD = j, d
				}
			}
			if got[i] != best {
				t.Fatalf("quantum %g: nn(%d) = %d, want %d", quantum, i, got[i], best)
			}
		}
	}
}

func TestSelectPair(t *testing.T) {
	x := benchSeries(5001)
	for i := range x {
		x[i] = math.Round(x[i] * 4) // ties
	}
	sorted := append([]float64(nil), x...)
	slices.Sort(sorted)
	for _, n := range []int{0, 1, 500, 2500, 4999} {
		if got := selectPair(append([]float64(nil), x...), n, n+1); got != [2]float64{sorted[n], sorted[n+1]} {
			t.Errorf("selectPair(%d, %d) = %v, want %g %g", n, n+1, got, sorted[n], sorted[n+1])
		}
	}
}
