package typology

// laneSums is a block's compensated sum Σx (signal_mean) in four
// interleaved lanes: the block's value i (counted from the block's start)
// goes to lane i mod 4, each lane a Neumaier running sum s and
// compensation c by TwoSum. One running sum is a chain of dependent
// additions (≥ 4 cycles a value, the first pass's bound); four lanes are
// one vector. Blocks are fixed by their position in the cleaned series and
// fullStats.addLanes folds each block's lanes into the signal's sum in
// lane order, so the total depends on the values alone, never on chunking
// or threads (typology.md §9.4 rule 1: fixed chunks, combined in order).
// The field order is the assembly's layout (gridScan, laneSumsAVX2).
type laneSums struct{ s, c [4]float64 }

// twoSum adds x to a running sum s with compensation c (Knuth's TwoSum:
// the exact error of every addition goes to c).
func twoSum(s, c, x float64) (float64, float64) {
	t := s + x
	z := t - s
	return t, c + ((s - (t - z)) + (x - z))
}

// add adds y[from:] to the lanes, y[i] to lane i mod 4.
func (l *laneSums) add(y []float64, from int) {
	i := from
	if n := len(y) &^ 3; i == 0 && n >= 4 {
		if hasAVX2 {
			laneSumsAVX2(&y[0], n, l)
		} else {
			l.addQuads(y[:n])
		}
		i = n
	}
	for ; i < len(y); i++ {
		l.s[i&3], l.c[i&3] = twoSum(l.s[i&3], l.c[i&3], y[i])
	}
}

// addQuads is laneSumsAVX2 in Go: y in quadruples, one value to each lane.
func (l *laneSums) addQuads(y []float64) {
	s0, s1, s2, s3 := l.s[0], l.s[1], l.s[2], l.s[3]
	c0, c1, c2, c3 := l.c[0], l.c[1], l.c[2], l.c[3]
	for i := 0; i+4 <= len(y); i += 4 {
		s0, c0 = twoSum(s0, c0, y[i])
		s1, c1 = twoSum(s1, c1, y[i+1])
		s2, c2 = twoSum(s2, c2, y[i+2])
		s3, c3 = twoSum(s3, c3, y[i+3])
	}
	l.s, l.c = [4]float64{s0, s1, s2, s3}, [4]float64{c0, c1, c2, c3}
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
