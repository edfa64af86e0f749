package measure

import "math"

// The three inner loops of the quadratic measures. Each has a portable
// version here and, on amd64 with AVX2, an assembly version that computes
// the same IEEE operations in the same order four lanes at a time, so the
// results are bit-identical (kernels_test.go checks it).
//
// Flag words hold 64 flags, the earliest in bit 0; bits past the end of
// the data are 0.

// sqDistances sets out[i] = ((a_i−b_i)² + (a_{i+1}−b_{i+1})²) + (a_{i+2}−b_{i+2})²:
// the squared distances of the 3-dimensional embeddings of a and b.
// a and b hold at least len(out)+2 values.
func sqDistances(a, b, out []float64) {
	n := len(out)
	if n == 0 {
		return
	}
	_, _ = a[n+1], b[n+1]
	i := 0
	if hasAVX2 {
		i = n &^ 3
		sqDistancesAVX2(&a[0], &b[0], &out[0], i)
	}
	for ; i < n; i++ {
		x0, x1, x2 := a[i]-b[i], a[i+1]-b[i+1], a[i+2]-b[i+2]
		out[i] = (float64(x0*x0) + float64(x1*x1)) + float64(x2*x2)
	}
}

// flagsWithin sets bit i of the words to |a_i − b_i| ≤ r for i < n; out
// holds (n+63)/64 words.
func flagsWithin(a, b []float64, n int, r float64, out []uint64) {
	_, _ = a[n-1], b[n-1]
	full := n / 64
	if hasAVX2 && full > 0 {
		flagsWithinAVX2(&a[0], &b[0], full, r, &out[0])
	} else {
		full = 0
	}
	for w := full; w < len(out); w++ {
		var word uint64
		for j := 64 * w; j < min(64*w+64, n); j++ {
			word |= b2u(math.Abs(a[j]-b[j]) <= r) << (j & 63)
		}
		out[w] = word
	}
}

// sqFlags sets, for the n squared embedding distances d_i of a and b (as
// in sqDistances), bit i of f to d_i < below and of g to d_i ≤ atMost;
// a and b hold at least n+2 values, f and g (n+63)/64 words.
func sqFlags(a, b []float64, n int, below, atMost float64, f, g []uint64) {
	if n == 0 {
		return
	}
	_, _ = a[n+1], b[n+1]
	full := (n - 2) / 64 // the kernel reads 4 values past its last pair's start
	if hasAVX2 && full > 0 {
		sqFlagsAVX2(&a[0], &b[0], full, below, atMost, &f[0], &g[0])
	} else {
		full = 0
	}
	for w := full; w < (n+63)/64; w++ {
		var fw, gw uint64
		for i := 64 * w; i < min(64*w+64, n); i++ {
			x0, x1, x2 := a[i]-b[i], a[i+1]-b[i+1], a[i+2]-b[i+2]
			d := (float64(x0*x0) + float64(x1*x1)) + float64(x2*x2)
			fw |= b2u(d < below) << (i & 63)
			gw |= b2u(d <= atMost) << (i & 63)
		}
		f[w], g[w] = fw, gw
	}
}
