package typology

import (
	"math"
	"math/rand/v2"
	"testing"
)

// scalarMoments is blockMoments written out with scalar accumulators only
// (the definition the AVX kernels must reproduce bit for bit).
func scalarMoments(y []float64, shift float64) moments {
	l := len(y)
	var s [4]float64
	i := 0
	for ; i+4 <= l; i += 4 {
		for j := range s {
			s[j] += y[i+j] - shift
		}
	}
	for ; i < l; i++ {
		s[0] += y[i] - shift
	}
	lf := float64(l)
	c := ((s[0] + s[1]) + (s[2] + s[3])) / lf
	var cs [8]float64
	for i = 0; i < l; i++ {
		addPowers(&cs, i%2, (y[i]-shift)-c) // an odd last value falls in lane 0
	}
	S1, S2, S3, S4 := cs[0]+cs[1], cs[2]+cs[3], cs[4]+cs[5], cs[6]+cs[7]
	delta := S1 / lf
	d2 := float64(delta * delta)
	return moments{
		n:    int64(l),
		mean: c + delta,
		m2:   S2 - float64(S1*delta),
		m3:   S3 - float64(3*delta*S2) + float64(2*lf*d2*delta),
		m4:   S4 - float64(4*delta*S3) + float64(6*d2*S2) - float64(3*lf*d2*d2),
	}
}

func sameMoments(a, b moments) bool {
	return a.n == b.n && math.Float64bits(a.mean) == math.Float64bits(b.mean) &&
		math.Float64bits(a.m2) == math.Float64bits(b.m2) && math.Float64bits(a.m3) == math.Float64bits(b.m3) &&
		math.Float64bits(a.m4) == math.Float64bits(b.m4)
}

// blockMoments (AVX kernels where available, portable loops otherwise)
// agrees bit for bit with the scalar definition, for lengths around the
// 2- and 4-lane edges, offsets and signed zeros.
func TestBlockMomentsKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 63, 64, 65, 1001, 65536} {
		y := make([]float64, n)
		for i := range y {
			switch rng.IntN(5) {
			case 0:
				y[i] = math.Copysign(0, -1)
			case 1:
				y[i] = 1e6 + rng.Float64()
			default:
				y[i] = rng.NormFloat64()
			}
		}
		for _, shift := range []float64{0, y[0], -3.5} {
			want := scalarMoments(y, shift)
			if got := blockMoments(y, shift); !sameMoments(got, want) {
				t.Fatalf("n=%d shift=%g: %+v, want %+v", n, shift, got, want)
			}
			if hasAVX2 {
				hasAVX2 = false
				got := blockMoments(y, shift)
				hasAVX2 = true
				if !sameMoments(got, want) {
					t.Fatalf("portable n=%d shift=%g: %+v, want %+v", n, shift, got, want)
				}
			}
		}
	}
}
