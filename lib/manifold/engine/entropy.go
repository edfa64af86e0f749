package engine

import (
	"math"
	"math/bits"
)

// E6 sample_entropy and E7 perm_entropy.

// keyed is a template start index sorted by its first value.
type keyed struct {
	v float64
	i int32
}

// computeSampleEntropy is E6: m0 = 2, r = 0.2·population std, strict
// Chebyshev matches, m-2 length-2 and m-3 length-3 templates (reference
// counts). Null if m < 4, r = 0, A = 0 or B = 0.
func computeSampleEntropy(f *frame, out []float64) {
	out[0] = math.NaN()
	if len(f.x) < 4 {
		return
	}
	r := 0.2 * f.std()
	if !(r > 0) {
		return
	}
	a, b := f.matchCounts(r)
	if a == 0 || b == 0 {
		return
	}
	out[0] = -math.Log(float64(a) / float64(b))
}

// matchCounts returns A (length-3 matches) and B (length-2 matches) of x
// with tolerance r: by lags for short windows, else by the sorted sweep.
func (f *frame) matchCounts(r float64) (a, b int) {
	if len(f.x) <= lagFlagsMaxM {
		return lagFlagCounts(f.x, r, &f.tmp, &f.flags)
	}
	return sortedMatchCounts(f.x, r, &f.order)
}

// sortedMatchCounts returns A and B with the fast exact method of
// manifold.md §10.1: template starts sorted
// by their first value, each scanned forward only while the first
// coordinates differ by less than r. Sorting preserves the exact value of
// |x_i - x_j| (round-to-nearest subtraction is symmetric), so the counts
// equal the O(m²) definition.
func sortedMatchCounts(x []float64, r float64, buf *[]keyed) (a, b int) {
	m := len(x)
	nt := m - 2 // length-2 templates
	if cap(*buf) < nt {
		*buf = make([]keyed, nt)
	}
	order := (*buf)[:nt]
	for i := range order {
		order[i] = keyed{x[i], int32(i)}
	}
	sortKeyed(order)
	last3 := m - 4 // largest start of a length-3 template
	for s, ti := range order {
		i := int(ti.i)
		for _, tj := range order[s+1:] {
			if tj.v-ti.v >= r {
				break
			}
			j := int(tj.i)
			if math.Abs(x[i+1]-x[j+1]) >= r {
				continue
			}
			b++
			if i <= last3 && j <= last3 && math.Abs(x[i+2]-x[j+2]) < r {
				a++
			}
		}
	}
	return a, b
}

// computePermEntropy is E7: order 3, delay 1, stable ordinal patterns,
// Shannon entropy in bits divided by log2(3!). Null if m < 3.
func computePermEntropy(f *frame, out []float64) {
	x := f.x
	if len(x) < 3 {
		out[0] = math.NaN()
		return
	}
	// With a stable sort the pattern of (a, b, c) is fixed by the three
	// strict comparisons b<a, c<a, c<b; 6 of the 8 codes occur.
	var counts [8]int
	for i := 0; i+2 < len(x); i++ {
		a, b, c := x[i], x[i+1], x[i+2]
		code := b2i(b < a)<<2 | b2i(c < a)<<1 | b2i(c < b)
		counts[code]++
	}
	n := float64(len(x) - 2)
	var h float64
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	out[0] = h / math.Log2(6)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// less orders template starts by value, then by index (a total order: the
// values are finite).
func (p keyed) less(q keyed) bool { return p.v < q.v || p.v == q.v && p.i < q.i }

// sortKeyed is an introsort specialised for keyed (the comparison inlines,
// which a generic SortFunc cannot do): median-of-three quicksort, insertion
// sort below 16 elements, heapsort past 2·log2(n) levels.
func sortKeyed(a []keyed) {
	quickKeyed(a, 2*bits.Len(uint(len(a))))
}

func quickKeyed(a []keyed, depth int) {
	for len(a) > 16 {
		if depth == 0 {
			heapKeyed(a)
			return
		}
		depth--
		p := partitionKeyed(a)
		if p < len(a)-p {
			quickKeyed(a[:p], depth)
			a = a[p+1:]
		} else {
			quickKeyed(a[p+1:], depth)
			a = a[:p]
		}
	}
	for i := 1; i < len(a); i++ {
		v := a[i]
		j := i
		for ; j > 0 && v.less(a[j-1]); j-- {
			a[j] = a[j-1]
		}
		a[j] = v
	}
}

// partitionKeyed puts the median of first, middle and last at its final
// place p, smaller elements before it and larger after, and returns p.
func partitionKeyed(a []keyed) int {
	n := len(a)
	m := n / 2
	if a[m].less(a[0]) {
		a[m], a[0] = a[0], a[m]
	}
	if a[n-1].less(a[m]) {
		a[n-1], a[m] = a[m], a[n-1]
		if a[m].less(a[0]) {
			a[m], a[0] = a[0], a[m]
		}
	}
	// a[0] <= a[m] <= a[n-1]: use a[m] as pivot, parked at n-2.
	a[m], a[n-2] = a[n-2], a[m]
	pivot := a[n-2]
	i, j := 0, n-2
	for {
		for i++; a[i].less(pivot); i++ {
		}
		for j--; pivot.less(a[j]); j-- {
		}
		if i >= j {
			break
		}
		a[i], a[j] = a[j], a[i]
	}
	a[i], a[n-2] = a[n-2], a[i]
	return i
}

func heapKeyed(a []keyed) {
	n := len(a)
	for i := n/2 - 1; i >= 0; i-- {
		siftKeyed(a, i, n)
	}
	for end := n - 1; end > 0; end-- {
		a[0], a[end] = a[end], a[0]
		siftKeyed(a, 0, end)
	}
}

func siftKeyed(a []keyed, root, n int) {
	for {
		c := 2*root + 1
		if c >= n {
			return
		}
		if c+1 < n && a[c].less(a[c+1]) {
			c++
		}
		if !a[root].less(a[c]) {
			return
		}
		a[root], a[c] = a[c], a[root]
		root = c
	}
}
