package typology

import (
	"cmp"
	"slices"

	"sp/lib/typology/measure"
)

// View lengths and the candidate rule of typology.md §3.
const (
	candidates    = 16
	middleBlock   = 8 // the block used when every candidate is idle
	minActiveVar  = 1e-20
	entropyLength = 20000 // view S
	recurrencePts = 20000 // view R
)

// candidateStarts are the starts s_j = ⌊j·(n − 65,536)/15⌋ of the 16
// candidate blocks of a series of n > 65,536 values.
func candidateStarts(n int64) []int64 {
	out := make([]int64, candidates)
	for j := range out {
		out[j] = int64(j) * (n - AnalysisLength) / (candidates - 1)
	}
	return out
}

// segment is a captured stretch [start, start+len(buf)) of the series.
type segment struct {
	start, end int64
	buf        []float64
}

// capture keeps, while the series streams by, the stretches that view A
// may need: the whole series when it is short, else the 16 candidate
// blocks — widened by slack values to the left so that the blocks of any
// final length down to upper−slack are inside (a signal's row count bounds
// its finite values from above; non-finite values shorten the series).
type capture struct {
	segs []segment
	next int // first segment not yet complete
}

func newCapture(upper, slack int64) *capture {
	c := &capture{}
	if upper <= AnalysisLength+slack {
		c.segs = []segment{{0, upper, nil}}
		return c
	}
	for _, s := range candidateStarts(upper) {
		lo, hi := max(0, s-slack), s+AnalysisLength
		if k := len(c.segs); k > 0 && lo <= c.segs[k-1].end {
			c.segs[k-1].end = hi
			continue
		}
		c.segs = append(c.segs, segment{lo, hi, nil})
	}
	return c
}

// add takes the block of values at positions [pos, pos+len(y)).
func (c *capture) add(pos int64, y []float64) {
	end := pos + int64(len(y))
	for i := c.next; i < len(c.segs); i++ {
		s := &c.segs[i]
		if s.start >= end {
			break
		}
		lo, hi := max(s.start, pos), min(s.end, end)
		if lo < hi {
			if s.buf == nil {
				s.buf = make([]float64, 0, s.end-s.start)
			}
			s.buf = append(s.buf, y[lo-pos:hi-pos]...)
		}
		if s.end <= end {
			c.next = i + 1
		}
	}
}

// stretch returns the values [lo, hi) if one segment holds them.
func (c *capture) stretch(lo, hi int64) ([]float64, bool) {
	for _, s := range c.segs {
		if s.start <= lo && hi <= s.start+int64(len(s.buf)) {
			return s.buf[lo-s.start : hi-s.start], true
		}
	}
	return nil, false
}

// analysisSegment returns view A of a series of n values, or false if
// the capture lacks a stretch it needs.
func (c *capture) analysisSegment(n int64) ([]float64, bool) {
	if n <= AnalysisLength {
		return c.stretch(0, n)
	}
	blocks := make([][]float64, candidates)
	for j, s := range candidateStarts(n) {
		b, ok := c.stretch(s, s+AnalysisLength)
		if !ok {
			return nil, false
		}
		blocks[j] = b
	}
	return selectBlock(blocks), true
}

// selectBlock is the rule of §3: among the candidates whose population
// variance is at least 1e-20, the lower median by (variance, index); the
// middle block if none is active.
func selectBlock(blocks [][]float64) []float64 {
	type cand struct {
		v float64
		j int
	}
	var kept []cand
	for j, v := range variances(blocks) {
		if v >= minActiveVar {
			kept = append(kept, cand{v, j})
		}
	}
	if len(kept) == 0 {
		return blocks[middleBlock]
	}
	slices.SortFunc(kept, func(a, b cand) int {
		if c := cmp.Compare(a.v, b.v); c != 0 {
			return c
		}
		return a.j - b.j
	})
	return blocks[kept[(len(kept)-1)/2].j]
}

// variances returns measure.Variance of each block, bit for bit. That is
// two compensated sums in index order, chains of dependent additions (4
// cycles a value: for the 16 candidates, 1.7 ns a value of
// BenchmarkFullPass's 4·10^6); with AVX2, four blocks of equal length go
// side by side in the lanes of a vector (stridedSumsAVX2), each lane the
// same operations in the same order as measure.Variance.
func variances(blocks [][]float64) []float64 {
	v := make([]float64, len(blocks))
	j := 0
	for ; hasAVX2 && j+4 <= len(blocks); j += 4 {
		q := blocks[j : j+4]
		n := len(q[0])
		if n == 0 || len(q[1]) != n || len(q[2]) != n || len(q[3]) != n {
			break
		}
		p := [4]*float64{&q[0][0], &q[1][0], &q[2][0], &q[3][0]}
		var sums, squares laneSums
		var mean [4]float64
		stridedSumsAVX2(&p, n, &mean, false, &sums)
		for i := range mean {
			mean[i] = (sums.s[i] + sums.c[i]) / float64(n) // measure.Mean
		}
		stridedSumsAVX2(&p, n, &mean, true, &squares)
		for i := range mean {
			v[j+i] = (squares.s[i] + squares.c[i]) / float64(n)
		}
	}
	for ; j < len(blocks); j++ {
		v[j] = measure.Variance(blocks[j])
	}
	return v
}

// entropyView is S: A itself up to 20,000 values, else its central 20,000.
func entropyView(a []float64) []float64 {
	if len(a) <= entropyLength {
		return a
	}
	c := (len(a) - entropyLength) / 2
	return a[c : c+entropyLength]
}

// recurrenceView is R: A itself up to 20,000 values, else every
// ⌊n_A/20,000⌋-th value from the first, at most 20,000 of them.
func recurrenceView(a []float64) []float64 {
	if len(a) <= recurrencePts {
		return a
	}
	step := len(a) / recurrencePts
	r := make([]float64, 0, recurrencePts)
	for i := 0; i < len(a) && len(r) < recurrencePts; i += step {
		r = append(r, a[i])
	}
	return r
}
