package geometry

// Chain carries the eigenvector orientation of one (cohort, group) series
// from window to window (manifold.md §7.6). The zero value starts a series;
// it holds only the previous window's vectors.
type Chain struct {
	has        bool
	d, rank    int
	canonical  [Loadings][]float64
	orientated [Loadings][]float64
}

// Orient turns geo's canonical loadings into the chained orientation: PC j
// keeps its canonical sign if that agrees (dot ≥ 0) with the previous
// window's oriented vector, and is negated otherwise, signal loadings
// following their feature vector. It returns eigenvector_flip_count: how
// many of the PCs existing in both windows (at most the first three) had
// their canonical vector reverse.
func (ch *Chain) Orient(geo *Geometry) (flips int64) {
	r := min(geo.Rank, Loadings)
	chained := ch.has && ch.d == geo.D
	for j := range r {
		prevExists := chained && j < ch.rank
		if prevExists && dot(geo.Feature[j], ch.canonical[j]) < 0 {
			flips++
		}
		ch.canonical[j] = append(ch.canonical[j][:0], geo.Feature[j]...)
		if prevExists && dot(geo.Feature[j], ch.orientated[j]) < 0 {
			negate(geo.Feature[j])
			negate(geo.Signal[j])
		}
		ch.orientated[j] = append(ch.orientated[j][:0], geo.Feature[j]...)
	}
	ch.has, ch.d, ch.rank = true, geo.D, r
	return flips
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func negate(v []float64) {
	for i := range v {
		v[i] = -v[i]
	}
}
