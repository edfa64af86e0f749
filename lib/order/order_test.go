package order

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSelect: every n-th value of slices with ties, signed zeros and
// runs equals the sorted slice's, and the slice is partitioned around it.
func TestSelect(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{1, 2, 3, 5, 32, 33, 100, 1000} {
		for trial := range 20 {
			x := make([]float64, size)
			for i := range x {
				switch trial % 3 {
				case 0:
					x[i] = rng.NormFloat64()
				case 1:
					x[i] = float64(rng.IntN(4)) // ties
				default:
					x[i] = float64(i % 7)
				}
			}
			sorted := slices.Sorted(slices.Values(x))
			for n := range size {
				y := slices.Clone(x)
				if got := Select(y, n); got != sorted[n] {
					t.Fatalf("size %d trial %d: Select(%d) = %g, want %g", size, trial, n, got, sorted[n])
				}
				if slices.Max(y[:n+1]) != sorted[n] || slices.Min(y[n:]) != sorted[n] {
					t.Fatalf("size %d trial %d n %d: not partitioned", size, trial, n)
				}
			}
		}
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		x    []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{4, 1}, 2.5},
		{[]float64{5, 1, 3}, 3},
		{[]float64{1, 9, 2, 8}, 5},
		{[]float64{2, 2, 2, 7}, 2},
	} {
		if got := Median(slices.Clone(tc.x)); got != tc.want {
			t.Errorf("Median(%v) = %g, want %g", tc.x, got, tc.want)
		}
	}
	if !math.IsNaN(Median(nil)) || !math.IsNaN(Median([]float64{1, math.NaN(), 2})) {
		t.Error("empty or NaN input must give NaN")
	}
}
