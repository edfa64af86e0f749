package measure

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The kernels (AVX2 where available) agree bit for bit with the plain
// per-element definitions, for lengths around the 4- and 64-lane edges and
// values with ties, signed zeros and wide magnitudes.
func TestKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1e-300, 1e300, 3}
	value := func() float64 {
		if rng.IntN(4) == 0 {
			return pick[rng.IntN(len(pick))]
		}
		return rng.NormFloat64()
	}
	for _, n := range []int{1, 3, 4, 5, 63, 64, 65, 127, 128, 129, 1000} {
		a, b := make([]float64, n+2), make([]float64, n+2)
		for i := range a {
			a[i], b[i] = value(), value()
		}
		got := make([]float64, n)
		sqDistances(a, b, got)
		for i := range got {
			x0, x1, x2 := a[i]-b[i], a[i+1]-b[i+1], a[i+2]-b[i+2]
			want := (x0*x0 + x1*x1) + x2*x2
			if math.Float64bits(got[i]) != math.Float64bits(want) {
				t.Fatalf("n=%d sqDistances[%d] = %v, want %v", n, i, got[i], want)
			}
		}
		words := make([]uint64, (n+63)/64)
		for _, lim := range []float64{0, 0.5, 1, 3, math.Inf(1)} {
			g := make([]uint64, len(words))
			sqFlags(a, b, n, lim, lim, words, g)
			for i := 0; i < len(words)*64; i++ {
				want := i < n && got[i] < lim
				wantG := i < n && got[i] <= lim
				if words[i/64]>>(i%64)&1 == 1 != want || g[i/64]>>(i%64)&1 == 1 != wantG {
					t.Fatalf("n=%d sqFlags(%g) bit %d wrong", n, lim, i)
				}
			}
			flagsWithin(a, b, n, lim, words)
			for i := 0; i < len(words)*64; i++ {
				want := i < n && math.Abs(a[i]-b[i]) <= lim
				if words[i/64]>>(i%64)&1 == 1 != want {
					t.Fatalf("n=%d flagsWithin(%g) bit %d wrong", n, lim, i)
				}
			}
		}
	}
}
