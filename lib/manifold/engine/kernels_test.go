package engine

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// naiveRange is R and SS of one sub-series by the definition: mean by a
// plain sum, Y the running sum of the deviations, SS summed in order.
func naiveRange(x []float64) (r, ss float64) {
	var sum float64
	for _, v := range x {
		sum += v
	}
	mean := sum / float64(len(x))
	var y float64
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range x {
		y += v - mean
		lo, hi = min(lo, y), max(hi, y)
		ss += (v - mean) * (v - mean)
	}
	return hi - lo, ss
}

// TestSubSeriesRanges: R and SS of each sub-series, and Σ R/S over the
// sub-series of each k, agree with the definition (to rounding: the prefix
// sums and the lane order differ from a plain loop) for every k of hurst
// at m = 128 and 1000, on noise, walks and runs of equal values (whose
// sub-series have S = 0 and add nothing).
func TestSubSeriesRanges(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, m := range []int{128, 1000} {
		for kind := range 3 {
			x := make([]float64, m)
			walk := 0.0
			for i := range x {
				walk += r.NormFloat64()
				switch kind {
				case 0:
					x[i] = r.NormFloat64()
				case 1:
					x[i] = walk + 100
				case 2:
					x[i] = float64(i / 40) // runs of 40 equal values
				}
			}
			var f frame
			f.reset(x)
			f.hurstPrefix()
			for k := 10; k < m/4; k++ {
				q := m / k
				var want float64
				for j := range q {
					a := j * k
					wr, ws := naiveRange(x[a : a+k])
					mean := ((f.prefHi[a+k] - f.prefHi[a]) + (f.prefLo[a+k] - f.prefLo[a])) / float64(k)
					gr, gs := subSeriesRange(f.dev[a:a+k], f.prefHi[a:a+k+1], f.prefLo[a:a+k+1], mean)
					scale := float64(k) * (1 + math.Sqrt(ws))
					if math.Abs(gr-wr) > 1e-12*scale || math.Abs(gs-ws) > 1e-12*max(ws, 1) {
						t.Errorf("m=%d kind %d k=%d j=%d: R %g SS %g, want %g %g", m, kind, k, j, gr, gs, wr, ws)
					}
					if sd := math.Sqrt(ws / float64(k-1)); sd > 0 {
						want += wr / sd
					}
				}
				if got := subSeriesRatioSum(f.dev, f.prefHi, f.prefLo, f.runLen, k, q); math.Abs(got-want) > 1e-12*want {
					t.Errorf("m=%d kind %d k=%d: Σ R/S = %.17g, want %.17g", m, kind, k, got, want)
				}
			}
		}
	}
}

// TestHurstRatiosKernels: the one-call AVX2 kernel gives the bits of the
// portable one for every k, on windows of lengths 44..260 and 2048 (odd
// and even q, every k mod 4, the second pair of a group past q) of noise,
// offset walks, heavy ties, runs of equal values, constants and NaN.
func TestHurstRatiosKernels(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2")
	}
	r := rand.New(rand.NewPCG(12, 13))
	lengths := []int{2048, 1000}
	for m := 44; m <= 260; m++ {
		lengths = append(lengths, m)
	}
	for _, m := range lengths {
		for kind := range 6 {
			x := make([]float64, m)
			walk := 0.0
			for i := range x {
				walk += r.NormFloat64()
				switch kind {
				case 0:
					x[i] = r.NormFloat64()
				case 1:
					x[i] = walk + 1e6
				case 2:
					x[i] = float64(r.IntN(3)) // ties
				case 3:
					x[i] = float64(i / (5 + m%17)) // runs of equal values
				case 4:
					x[i] = 7.5 // constant
				case 5:
					x[i] = walk
					if i == m/3 {
						x[i] = math.NaN()
					}
				}
			}
			var f frame
			f.reset(x)
			f.hurstPrefix()
			kmax := m / 4
			if kmax <= 10 {
				continue
			}
			nm, nw := hurstScratch(m, kmax)
			means, ws := make([]float64, nm), make([]float64, nw)
			got, want := make([]float64, kmax-10), make([]float64, kmax-10)
			hurstRatios(f.dev, f.prefHi, f.prefLo, f.runLen, kmax, means, ws, got)
			useAVX2 = false
			hurstRatios(f.dev, f.prefHi, f.prefLo, f.runLen, kmax, means, ws, want)
			useAVX2 = true
			for i := range got {
				if !sameBits(got[i], want[i]) {
					t.Fatalf("m=%d kind %d k=%d: AVX2 %v, portable %v", m, kind, i+10, got[i], want[i])
				}
			}
		}
	}
}

// TestHurstPrefixPaths: hurst gives the same bits whether its prefix pass
// computes the deviations or finds them computed, and leaves the same
// deviations for the other engines.
func TestHurstPrefixPaths(t *testing.T) {
	for w, x := range windows() {
		var f, g frame
		f.reset(x)
		g.reset(x)
		g.deviations()
		a, b := make([]float64, 2), make([]float64, 2)
		computeHurst(&f, a)
		computeHurst(&g, b)
		for c := range a {
			if !sameBits(a[c], b[c]) {
				t.Fatalf("window %d col %d: %v, with deviations first %v", w, c, a[c], b[c])
			}
		}
		if len(x) >= 52 && !slices.EqualFunc(f.dev, g.dev, sameBits) {
			t.Fatalf("window %d: deviations differ", w)
		}
	}
}

// TestLagProducts: every batch of lags gives the bits of lagProduct, one
// lag at a time, for lengths around multiples of four and batches of odd
// and even sizes; lagProduct itself equals a plain sum to rounding.
func TestLagProducts(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for n := 2; n <= 70; n++ {
		d := make([]float64, n)
		for i := range d {
			d[i] = r.NormFloat64()
		}
		for k0 := 1; k0 < n; k0 += 1 + n/8 {
			for cnt := 1; k0+cnt <= n && cnt <= 11; cnt++ {
				out := make([]float64, cnt+1)
				out[cnt] = 42 // must stay
				lagProducts(d, k0, out[:cnt])
				for j, got := range out[:cnt] {
					k := k0 + j
					if want := lagProduct(d, k); math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("n=%d lags %d+%d: lag %d = %v, want %v", n, k0, cnt, k, got, want)
					}
					var plain float64
					for i := 0; i+k < n; i++ {
						plain += d[i] * d[i+k]
					}
					if math.Abs(got-plain) > 1e-13*float64(n) {
						t.Fatalf("n=%d lag %d = %v, plain sum %v", n, k, got, plain)
					}
				}
				if out[cnt] != 42 {
					t.Fatalf("n=%d lags %d+%d: wrote past the end", n, k0, cnt)
				}
			}
		}
	}
}

// TestLogs: the batch logarithm gives math.Log's bits on values of every
// binary exponent, subnormals, values at and around sqrt(2)/2·2^k (the
// reduction's branch), and special inputs (0, -0, negatives, ±Inf, NaN)
// mixed into the same groups of four.
func TestLogs(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 11))
	var src []float64
	for e := -1074; e <= 1023; e++ {
		src = append(src, math.Ldexp(1+r.Float64(), e), math.Ldexp(1, e))
	}
	h := math.Sqrt2 / 2
	for _, e := range []int{-3, 0, 1, 7} {
		for _, v := range []float64{h, math.Nextafter(h, 0), math.Nextafter(h, 1)} {
			src = append(src, math.Ldexp(v, e))
		}
	}
	for range 2000 {
		src = append(src, r.ExpFloat64(), r.Float64()*1e-300, math.Exp(r.NormFloat64()*50))
	}
	special := []float64{0, math.Copysign(0, -1), -1, -1e-300, math.Inf(1), math.Inf(-1), math.NaN(), 5e-324}
	for i, v := range special {
		src = append(src[:len(src)-i*3], append([]float64{v}, src[len(src)-i*3:]...)...)
	}
	for _, n := range []int{len(src), len(src) - 1, 3, 0} {
		dst := make([]float64, n)
		logs(dst, src[:n])
		for i, v := range src[:n] {
			if want := math.Log(v); math.Float64bits(dst[i]) != math.Float64bits(want) && !(math.IsNaN(want) && math.IsNaN(dst[i])) {
				t.Fatalf("log(%v) [bits %#x] = %v, math.Log %v", v, math.Float64bits(v), dst[i], want)
			}
		}
	}
	in := slices.Clone(src) // in place
	logs(in, in)
	for i, v := range src {
		if w := math.Log(v); math.Float64bits(in[i]) != math.Float64bits(w) && !math.IsNaN(w) {
			t.Fatalf("in place: log(%v) = %v, want %v", v, in[i], w)
		}
	}
}

// TestKernelsPortable: with AVX2 off the kernels pass the same checks and
// every engine gives the same bits.
func TestKernelsPortable(t *testing.T) {
	if !useAVX2 {
		t.Skip("no AVX2: the portable kernels are the ones tested")
	}
	ws := windows() // built once: its map-ordered part differs between calls
	var want [][][]float64
	for _, x := range ws {
		var outs [][]float64
		for _, id := range allImpls() {
			outs = append(outs, compute(id, x))
		}
		want = append(want, outs)
	}
	useAVX2 = false
	defer func() { useAVX2 = true }()
	TestSubSeriesRanges(t)
	TestSampleEntropyCountsMatchNaive(t)
	TestLagProducts(t)
	TestLogs(t)
	for w, x := range ws {
		for e, id := range allImpls() {
			got := compute(id, x)
			for c := range got {
				if !sameBits(got[c], want[w][e][c]) {
					t.Errorf("window %d (m=%d) %s col %d: portable %v, AVX2 %v", w, len(x), id, c, got[c], want[w][e][c])
				}
			}
		}
	}
}
