package typology

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// scalarLaneSums is laneSums' definition written out: chunk j of the
// block (q = ⌊n/4⌋; y[jq, (j+1)q) for j < 3, y[3q, n) for j = 3) summed
// into lane j, a TwoSum per value in index order.
func scalarLaneSums(y []float64) laneSums {
	var l laneSums
	q := len(y) / 4
	for j := range 4 {
		hi := (j + 1) * q
		if j == 3 {
			hi = len(y)
		}
		for _, x := range y[j*q : hi] {
			t := l.s[j] + x
			z := t - l.s[j]
			l.c[j] += (l.s[j] - (t - z)) + (x - z)
			l.s[j] = t
		}
	}
	return l
}

// blockSums (stridedSumsAVX2 where available, addQuarters otherwise) and
// the grid scan's sums (gridScanAVX2 or blockSums, then the tail) agree
// bit for bit with the definition, for lengths around the 4-lane edge.
func TestLaneSums(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{1, 3, 4, 5, 7, 8, 9, 64, 1001, 65535, 65536} {
		y := make([]float64, n)
		for i := range y {
			y[i] = 1e8*rng.NormFloat64() + []float64{0, 1e-8, -0.0, 3}[rng.IntN(4)]
		}
		want := scalarLaneSums(y)
		for _, avx := range []bool{hasAVX2, false} {
			saved := hasAVX2
			hasAVX2 = avx
			l := blockSums(y)
			scan := scanGrid(y, 1, -1<<40, 1<<41, y[0]).sum
			hasAVX2 = saved
			if l != want || scan != want {
				t.Fatalf("n=%d avx %v: %v (grid scan %v), want %v", n, avx, l, scan, want)
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
