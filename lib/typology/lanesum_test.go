package typology

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// scalarLaneSums is laneSums' definition written out: value i to lane
// i mod 4, a TwoSum per value.
func scalarLaneSums(y []float64) laneSums {
	var l laneSums
	for i, x := range y {
		j := i % 4
		t := l.s[j] + x
		z := t - l.s[j]
		l.c[j] += (l.s[j] - (t - z)) + (x - z)
		l.s[j] = t
	}
	return l
}

// laneSums.add (laneSumsAVX2 where available, addQuads otherwise, then
// the tail) agrees bit for bit with the definition, for lengths around the
// 4-lane edge and a block split anywhere.
func TestLaneSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 3, 4, 5, 7, 8, 9, 64, 1001, 65536} {
		y := make([]float64, n)
		for i := range y {
			y[i] = 1e8*rng.NormFloat64() + []float64{0, 1e-8, -0.0, 3}[rng.IntN(4)]
		}
		want := scalarLaneSums(y)
		for _, avx := range []bool{hasAVX2, false} {
			saved := hasAVX2
			hasAVX2 = avx
			var l laneSums
			l.add(y, 0)
			var split laneSums
			cut := n / 3
			split.add(y[:cut], 0)
			split.add(y, cut) // the rest, as scanGrid's tail
			hasAVX2 = saved
			if l != want || (cut%4 == 0 && split != want) {
				t.Fatalf("n=%d avx %v: %v (split %v), want %v", n, avx, l, split, want)
			}
		}
	}
}

// exactMean is Σx/n correctly rounded.
func exactMean(x []float64) float64 {
	sum := new(big.Float).SetPrec(4096)
	for _, v := range x {
		sum.Add(sum, new(big.Float).SetFloat64(v))
	}
	sum.Quo(sum, new(big.Float).SetInt64(int64(len(x))))
	m, _ := sum.Float64()
	return m
}

func ulpsApart(a, b float64) int64 {
	d := int64(math.Float64bits(a)) - int64(math.Float64bits(b))
	if d < 0 {
		d = -d
	}
	return d
}

// signal_mean from the block lanes is within one ulp of the correctly
// rounded mean, on the grid path and off it, with and without AVX2: a
// large offset with drift, heavy cancellation, quantised noise, a tail
// block of odd length.
func TestSignalMeanAccuracy(t *testing.T) {
	w := noise(41, 700001)
	for name, gen := range map[string]func(i int, v float64) float64{
		"offset and drift": func(i int, v float64) float64 { return 1e6 + 1e-3*float64(i)/7e5 + 1e-3*v },
		"cancellation":     func(i int, v float64) float64 { return []float64{1e16, -1e16}[i%2] + v },
		"quantised":        func(i int, v float64) float64 { return math.Round(v*(1<<23)) / (1 << 23) },
		"integers":         func(i int, v float64) float64 { return math.Round(v * 1e6) },
		"continuous":       func(i int, v float64) float64 { return math.Exp(3 * v) },
	} {
		x := make([]float64, len(w))
		for i, v := range w {
			x[i] = gen(i, v)
		}
		want := exactMean(x)
		for _, avx := range []bool{hasAVX2, false} {
			saved := hasAVX2
			hasAVX2 = avx
			row, _, _ := fullOnly(t, SliceSource(x), int64(len(x)))
			hasAVX2 = saved
			if u := ulpsApart(row.SignalMean, want); u > 1 {
				t.Errorf("%s (avx %v): mean %.17g, %d ulps from %.17g", name, avx, row.SignalMean, u, want)
			}
		}
	}
}
