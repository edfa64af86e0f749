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
	if len(y) == 0 {
		return moments{}
	}
	c := blockCentre(y, shift)
	return centralMoments(len(y), c, centralSums(y, shift, c))
}

// blockCentre is c, the block's rounded mean of y − shift.
func blockCentre(y []float64, shift float64) float64 {
	s := shiftedSums(y, shift)
	return ((s[0] + s[1]) + (s[2] + s[3])) / float64(len(y))
}

// centralMoments are the moments of a block of l values from their
// central sums about c (centralSums).
func centralMoments(l int, c float64, cs [8]float64) moments {
	lf := float64(l)
	S1, S2, S3, S4 := cs[0]+cs[1], cs[2]+cs[3], cs[4]+cs[5], cs[6]+cs[7]
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

// shiftedSums returns s[j] = Σ (y_i − shift) over i ≡ j (mod 4) below the
// last multiple of 4, in index order, plus the remaining values in s[0]:
// four interleaved accumulators.
func shiftedSums(y []float64, shift float64) [4]float64 {
	var s [4]float64
	i, l := 0, len(y)
	if hasAVX2 && l >= 4 {
		i = l &^ 3
		shiftedSumsAVX2(&y[0], i, shift, &s)
	}
	for ; i+4 <= l; i += 4 {
		s[0] += y[i] - shift
		s[1] += y[i+1] - shift
		s[2] += y[i+2] - shift
		s[3] += y[i+3] - shift
	}
	for ; i < l; i++ {
		s[0] += y[i] - shift
	}
	return s
}

// centralSums returns the sums of d, d², d³, d⁴, d = (y_i − shift) − c,
// each in two interleaved accumulators (even and odd i, the odd last
// value in the even one): cs[2k+j] holds the (k+1)-th power's lane j.
func centralSums(y []float64, shift, c float64) [8]float64 {
	var cs [8]float64
	i, l := 0, len(y)
	if hasAVX2 && l >= 2 {
		i = l &^ 1
		centralSumsAVX(&y[0], i, shift, c, &cs)
	}
	centralSumsTail(y, shift, c, i, &cs)
	return cs
}

// centralSumsTail adds to cs the values y[i:], i even, as centralSums
// does: pairs into both lanes, an odd last value into lane 0.
func centralSumsTail(y []float64, shift, c float64, i int, cs *[8]float64) {
	l := len(y)
	for ; i+2 <= l; i += 2 {
		for j := 0; j < 2; j++ {
			addPowers(cs, j, (y[i+j]-shift)-c)
		}
	}
	if i < l {
		addPowers(cs, 0, (y[i]-shift)-c)
	}
}

func addPowers(cs *[8]float64, j int, d float64) {
	d2 := float64(d * d)
	cs[j] += d
	cs[2+j] += d2
	cs[4+j] += float64(d2 * d)
	cs[6+j] += float64(d2 * d2)
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
