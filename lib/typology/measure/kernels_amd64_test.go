package measure

import (
	"math"
	"testing"
)

// The portable kernels pass the same checks, and the quadratic measures
// give bit-identical results with and without AVX2.
func TestKernelsPortable(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2: the portable kernels are the ones tested")
	}
	x := benchSeries(3000)
	withAVX2 := []float64{SampleEntropy(x), Determinism(x), Lyapunov(x)}
	hasAVX2 = false
	defer func() { hasAVX2 = true }()
	TestKernels(t)
	portable := []float64{SampleEntropy(x), Determinism(x), Lyapunov(x)}
	for i := range portable {
		if math.Float64bits(portable[i]) != math.Float64bits(withAVX2[i]) {
			t.Errorf("measure %d: portable %v, AVX2 %v", i, portable[i], withAVX2[i])
		}
	}
}
