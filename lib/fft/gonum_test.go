package fft

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/dsp/fourier"
)

// BenchmarkGonumForward measures gonum's FFTPACK port on the same lengths
// as BenchmarkForward, the alternative the package was weighed against.
func BenchmarkGonumForward(b *testing.B) {
	for _, n := range []int{32, 64, 128, 256, 1000, 1009} {
		b.Run(itoa(n), func(b *testing.B) {
			f := fourier.NewCmplxFFT(n)
			x := randomComplex(rand.New(rand.NewPCG(1, 1)), n)
			y := make([]complex128, n)
			f.Coefficients(y, x)
			b.ReportAllocs()
			for b.Loop() {
				f.Coefficients(y, x)
			}
		})
	}
}

// TestGonumAgrees cross-checks against gonum (another independent
// implementation) on a few lengths.
func TestGonumAgrees(t *testing.T) {
	var tr Transformer
	for _, n := range []int{6, 64, 100, 127, 1009} {
		x := randomComplex(rand.New(rand.NewPCG(uint64(n), 1)), n)
		want := fourier.NewCmplxFFT(n).Coefficients(nil, x)
		got := make([]complex128, n)
		tr.Forward(got, x)
		if e := relErr(got, want); e > 1e-12 {
			t.Errorf("n=%d: differs from gonum by %.3g", n, e)
		}
	}
}
