package typology

// laneSums is a block's compensated sum Σx (signal_mean) in four fixed
// chunks summed side by side: with q = ⌊n/4⌋ for a block of n values,
// chunk j < 3 is y[jq, (j+1)q) and chunk 3 is y[3q, n); lane j is chunk
// j's Neumaier running sum s and compensation c (TwoSum), in index order.
// One running sum over the block would be a chain of dependent additions
// (≥ 4 cycles a value, the first pass's bound); four chunks are one
// vector. Blocks are fixed by their position in the cleaned series and
// fullStats.addLanes folds each block's lanes into the signal's sum in
// chunk order, so the total depends on the values alone, never on file
// chunking or threads: typology.md §9.4 rule 1's "fixed chunking, partial
// results combined in chunk order". The field order is the assembly's
// layout (gridScan, stridedSumsAVX2).
type laneSums struct{ s, c [4]float64 }

// twoSum adds x to a running sum s with compensation c (Knuth's TwoSum:
// the exact error of every addition goes to c).
func twoSum(s, c, x float64) (float64, float64) {
	t := s + x
	z := t - s
	return t, c + ((s - (t - z)) + (x - z))
}

// blockSums returns the lanes of block y.
func blockSums(y []float64) laneSums {
	var l laneSums
	q := len(y) / 4
	if hasAVX2 && q > 0 {
		p := [4]*float64{&y[0], &y[q], &y[2*q], &y[3*q]}
		stridedSumsAVX2(&p, q, &[4]float64{}, false, &l)
	} else {
		l.addQuarters(y, q)
	}
	l.addTail(y[4*q:])
	return l
}

// addQuarters is stridedSumsAVX2 in Go: the first q values of each chunk,
// value i of every chunk in turn.
func (l *laneSums) addQuarters(y []float64, q int) {
	s0, s1, s2, s3 := l.s[0], l.s[1], l.s[2], l.s[3]
	c0, c1, c2, c3 := l.c[0], l.c[1], l.c[2], l.c[3]
	for i := range q {
		s0, c0 = twoSum(s0, c0, y[i])
		s1, c1 = twoSum(s1, c1, y[q+i])
		s2, c2 = twoSum(s2, c2, y[2*q+i])
		s3, c3 = twoSum(s3, c3, y[3*q+i])
	}
	l.s, l.c = [4]float64{s0, s1, s2, s3}, [4]float64{c0, c1, c2, c3}
}

// addTail adds the block's last n − 4q values, the rest of chunk 3.
func (l *laneSums) addTail(tail []float64) {
	for _, x := range tail {
		l.s[3], l.c[3] = twoSum(l.s[3], l.c[3], x)
	}
}

// addLanes folds a block's lanes into the signal's running sum: the lane
// sums s0…s3 by Add (TwoSum) in lane order, then the lanes' compensations,
// (c0 + c1) + (c2 + c3), into its compensation.
func (f *fullStats) addLanes(l *laneSums) {
	for _, s := range l.s {
		f.sum.Add(s)
	}
	s, c := f.sum.Parts()
	f.sum.SetParts(s, c+((l.c[0]+l.c[1])+(l.c[2]+l.c[3])))
}
