package typology

// moments are the count, mean and central sums M_k = Σ(x−mean)^k,
// k = 2…4, of a run of values, with the mean taken relative to a shift
// fixed for the whole series (its first value): block means of a signal
// with a large offset then keep their full absolute precision, which the
// merge formulas need.
type moments struct {
	n                int64
	mean, m2, m3, m4 float64
}

// blockMoments computes the moments of one block of y − shift:
// deviations from the block's rounded mean c, with interleaved
// accumulators, then moved to the exact block mean c + S1/L (a
// rounding-sized move, so no accuracy is lost).
func blockMoments(y []float64, shift float64) moments {
	l := len(y)
	if l == 0 {
		return moments{}
	}
	var s [4]float64
	i := 0
	for ; i+4 <= l; i += 4 {
		s[0] += y[i] - shift
		s[1] += y[i+1] - shift
		s[2] += y[i+2] - shift
		s[3] += y[i+3] - shift
	}
	for ; i < l; i++ {
		s[0] += y[i] - shift
	}
	lf := float64(l)
	c := ((s[0] + s[1]) + (s[2] + s[3])) / lf
	var s1, s2, s3, s4 [2]float64
	i = 0
	for ; i+2 <= l; i += 2 {
		for j := 0; j < 2; j++ {
			d := (y[i+j] - shift) - c
			d2 := float64(d * d)
			s1[j] += d
			s2[j] += d2
			s3[j] += float64(d2 * d)
			s4[j] += float64(d2 * d2)
		}
	}
	for ; i < l; i++ {
		d := (y[i] - shift) - c
		d2 := float64(d * d)
		s1[0] += d
		s2[0] += d2
		s3[0] += float64(d2 * d)
		s4[0] += float64(d2 * d2)
	}
	S1, S2, S3, S4 := s1[0]+s1[1], s2[0]+s2[1], s3[0]+s3[1], s4[0]+s4[1]
	delta := S1 / lf
	d2 := float64(delta * delta)
	return moments{
		n:    int64(l),
		mean: c + delta,
		m2:   S2 - float64(S1*delta),
		m3:   S3 - float64(3*delta*S2) + float64(2*lf*d2*delta),
		m4:   S4 - float64(4*delta*S3) + float64(6*d2*S2) - float64(3*lf*d2*d2),
	}
}

// merge combines the moments of two adjacent runs (Chan et al.; Pébay
// 2008), stable however different the runs' means.
func merge(a, b moments) moments {
	switch {
	case a.n == 0:
		return b
	case b.n == 0:
		return a
	}
	na, nb := float64(a.n), float64(b.n)
	n := na + nb
	d := b.mean - a.mean
	dn := d / n
	dn2 := float64(dn * dn)
	nab := float64(na * nb)
	return moments{
		n:    a.n + b.n,
		mean: a.mean + float64(nb*dn),
		m2:   a.m2 + b.m2 + float64(float64(d*dn)*nab),
		m3: a.m3 + b.m3 + float64(float64(d*dn2)*float64(nab*(na-nb))) +
			float64(3*dn*(float64(na*b.m2)-float64(nb*a.m2))),
		m4: a.m4 + b.m4 + float64(float64(d*dn2*dn)*float64(nab*(float64(na*na)-nab+float64(nb*nb)))) +
			float64(6*dn2*(float64(na*na*b.m2)+float64(nb*nb*a.m2))) +
			float64(4*dn*(float64(na*b.m3)-float64(nb*a.m3))),
	}
}

// momentTree merges block moments along a fixed balanced binary tree (a
// binary counter over the block index), so the result depends only on the
// values and the block length, and rounding grows with the tree's depth,
// not with the number of blocks.
type momentTree struct {
	levels []moments // levels[i]: merged 2^i blocks, or n = 0
}

func (t *momentTree) add(m moments) {
	for i := 0; ; i++ {
		if i == len(t.levels) {
			t.levels = append(t.levels, m)
			return
		}
		if t.levels[i].n == 0 {
			t.levels[i] = m
			return
		}
		m = merge(t.levels[i], m) // the older run comes first
		t.levels[i] = moments{}
	}
}

// total merges the pending levels, oldest (highest) first.
func (t *momentTree) total() moments {
	var out moments
	for i := len(t.levels) - 1; i >= 0; i-- {
		out = merge(out, t.levels[i])
	}
	return out
}
