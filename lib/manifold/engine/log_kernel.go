package engine

import "math"

// logs sets dst[i] = math.Log(src[i]) for i < len(src) (dst may be src).
// On amd64 with AVX2 it computes four logarithms at a time with the very
// operations of math.Log's assembly, so the bits are the same
// (kernels_test.go checks it on every kind of input); independent lanes,
// where math.Log runs one long dependent chain per call, make a batch of
// logarithms several times cheaper.
func logs(dst, src []float64) {
	n := len(src)
	dst = dst[:n]
	i := 0
	if useAVX2 {
		// The kernel stops at a group of four with a zero, negative,
		// infinite or NaN input, which goes to math.Log.
		for n4 := n &^ 3; i < n4; {
			i += logsAVX2(&dst[i], &src[i], n4-i)
			if i < n4 {
				for j := i; j < i+4; j++ {
					dst[j] = math.Log(src[j])
				}
				i += 4
			}
		}
	}
	for ; i < n; i++ {
		dst[i] = math.Log(src[i])
	}
}
