package order

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkMedian32(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 32)
	for i := range x {
		x[i] = rng.ExpFloat64()
	}
	y := make([]float64, 32)
	for b.Loop() {
		copy(y, x)
		Median(y)
	}
}
