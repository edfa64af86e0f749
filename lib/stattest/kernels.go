package stattest

import "gonum.org/v1/gonum/floats"

// dot is floats.Dot(x, y) (gonum's DotUnitary: four lane sums, the
// remaining 1–3 products added to lane 0, then (l1+l3) + (l0+l2)),
// computed with AVX2 where available.
func dot(x, y []float64) float64 {
	if !hasAVX2 || len(x) < 4 {
		return floats.Dot(x, y)
	}
	_ = y[len(x)-1]
	n := len(x) &^ 3
	var l [4]float64
	dotLanesAVX2(&x[0], &y[0], n, &l)
	return dotTail(x, y, n, l)
}

// dots sets out[c] = dot(v, w[c]) for every column, four at a time with
// AVX2 where available (each sum in dot's order).
func dots(v []float64, w [][]float64, out []float64) {
	c := 0
	if hasAVX2 && len(v) >= 4 {
		n := len(v) &^ 3
		var l [16]float64
		for ; c+4 <= len(w); c += 4 {
			ws := w[c : c+4 : c+4]
			for _, col := range ws {
				_ = col[len(v)-1]
			}
			dotLanes4AVX2(&v[0], &ws[0][0], &ws[1][0], &ws[2][0], &ws[3][0], n, &l)
			for q := range ws {
				out[c+q] = dotTail(v, ws[q], n, [4]float64(l[4*q:4*q+4]))
			}
		}
	}
	for ; c < len(w); c++ {
		out[c] = dot(v, w[c])
	}
}

// dotTail finishes a dot from the lane sums of its first n products.
func dotTail(x, y []float64, n int, l [4]float64) float64 {
	for i := n; i < len(x); i++ {
		l[0] += float64(x[i] * y[i])
	}
	return (l[1] + l[3]) + (l[0] + l[2])
}

// addScaled is floats.AddScaled(dst, alpha, s): dst[i] += alpha·s[i],
// computed with AVX2 where available.
func addScaled(dst []float64, alpha float64, s []float64) {
	if !hasAVX2 || len(dst) < 4 {
		floats.AddScaled(dst, alpha, s)
		return
	}
	_ = s[len(dst)-1]
	n := len(dst) &^ 3
	axpyAVX2(alpha, &s[0], &dst[0], n)
	for i := n; i < len(dst); i++ {
		dst[i] += float64(alpha * s[i])
	}
}
