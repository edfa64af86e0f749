package engine

import "math"

// E18 variance_ratio (Lo–MacKinlay style, overlapping q-differences).

// computeVarianceRatio writes variance_ratio (q = 2), variance_ratio_4,
// variance_ratio_8 and variance_ratio_stat = (VR_2 - 1)/sqrt(2/m), with
// VR_q = sample var of x[q:] - x[:-q] / (q · sample var of x[1:] - x[:-1]).
// Floor 20; a constant window (std < 1e-10) gives (1, 1, 1, 0); a
// first-difference variance below 1e-10 gives nulls.
func computeVarianceRatio(f *frame, out []float64) {
	m := len(f.x)
	if m < 20 {
		fillNaN(out)
		return
	}
	if f.std() < 1e-10 {
		out[0], out[1], out[2], out[3] = 1, 1, 1, 0
		return
	}
	v1 := lagDiffVariance(f.x, 1)
	if v1 < 1e-10 {
		fillNaN(out)
		return
	}
	for i, q := range [3]int{2, 4, 8} {
		out[i] = lagDiffVariance(f.x, q) / (float64(q) * v1)
	}
	out[3] = (out[0] - 1) / math.Sqrt(2/float64(m))
}

// lagDiffVariance is the sample variance (divisor n-1) of x[q:] - x[:-q].
func lagDiffVariance(x []float64, q int) float64 {
	n := len(x) - q
	var sum float64
	for i := q; i < len(x); i++ {
		sum += x[i] - x[i-q]
	}
	mean := sum / float64(n)
	var ss float64
	for i := q; i < len(x); i++ {
		e := x[i] - x[i-q] - mean
		ss += e * e
	}
	return ss / float64(n-1)
}
