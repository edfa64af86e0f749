package stattest

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/floats"
)

// dot and addScaled agree bit for bit with gonum's floats.Dot and
// floats.AddScaled (which they replace in the QR), for lengths around the
// 4-lane edge, offsets that misalign the slices, and signed zeros and
// wide magnitudes.
func TestKernelsMatchGonum(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	value := func() float64 {
		switch rng.IntN(6) {
		case 0:
			return math.Copysign(0, -1)
		case 1:
			return rng.NormFloat64() * 1e200
		case 2:
			return rng.NormFloat64() * 1e-200
		}
		return rng.NormFloat64()
	}
	for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 511, 512, 513} {
		for off := 0; off < 2; off++ {
			x, y := make([]float64, n+off), make([]float64, n+off)
			for i := range x {
				x[i], y[i] = value(), value()
			}
			x, y = x[off:], y[off:]
			if got, want := dot(x, y), floats.Dot(x, y); math.Float64bits(got) != math.Float64bits(want) {
				t.Errorf("n=%d off=%d: dot %v, gonum %v", n, off, got, want)
			}
			alpha := value()
			got, want := append([]float64(nil), y...), append([]float64(nil), y...)
			addScaled(got, alpha, x)
			floats.AddScaled(want, alpha, x)
			for i := range got {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("n=%d off=%d: addScaled[%d] %v, gonum %v", n, off, i, got[i], want[i])
				}
			}
		}
	}
}
