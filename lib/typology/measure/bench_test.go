package measure

import (
	"math"
	"math/rand/v2"
	"testing"
)

// benchSeries is a view-sized sensor-like series: two tones plus noise.
func benchSeries(n int) []float64 {
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([]float64, n)
	for t := range x {
		x[t] = math.Sin(0.02*float64(t)) + 0.5*math.Sin(0.31*float64(t)) + 0.3*rng.NormFloat64()
	}
	return x
}

func BenchmarkSampleEntropy20000(b *testing.B) {
	x := benchSeries(20000)
	for i := 0; i < b.N; i++ {
		SampleEntropy(x)
	}
}

func BenchmarkLyapunov20000(b *testing.B) {
	x := benchSeries(20000)
	for i := 0; i < b.N; i++ {
		Lyapunov(x)
	}
}

func BenchmarkDeterminism20000(b *testing.B) {
	x := benchSeries(20000)
	for i := 0; i < b.N; i++ {
		Determinism(x)
	}
}

func BenchmarkHurst65536(b *testing.B) {
	x := benchSeries(65536)
	for i := 0; i < b.N; i++ {
		Hurst(x)
	}
}

func BenchmarkSpectral65536(b *testing.B) {
	x := benchSeries(65536)
	for i := 0; i < b.N; i++ {
		Spectral(x, nil)
	}
}

func BenchmarkLinear65536(b *testing.B) {
	x := benchSeries(65536)
	for i := 0; i < b.N; i++ {
		PermEntropy(x)
		TurningPointRatio(x)
		ACFHalfLife(x)
		VarianceRatio(x)
		RollingVarStd(x)
	}
}
