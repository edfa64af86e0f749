package measure

import (
	"cmp"
	"math"
	"slices"
)

// Lyapunov is Rosenstein's largest Lyapunov exponent of typology.md §4.9.2
// (pmtvs 0.2.0's Rust lyapunov_rosenstein, dimension 3, delay 1), per
// sample; 0 whenever it cannot be estimated (too short, too few
// neighbours, a degenerate fit).
func Lyapunov(s []float64) float64 {
	n := len(s)
	if n < 50 {
		return 0
	}
	const delay = 1
	dim := 3
	pmin := max(50, n/4)
	if n-(dim-1)*delay < pmin {
		dim = 2
		if n-(dim-1)*delay < pmin {
			return 0
		}
	}
	tsep := delay * dim
	maxIt := min(n/10, 500)
	m := n - (dim-1)*delay
	if m < tsep+maxIt+10 {
		maxIt = 0
		if m > tsep+10 {
			maxIt = m - tsep - 10
		}
		maxIt = max(maxIt, 10)
		if m < tsep+maxIt+10 {
			return 0
		}
	}
	nn := nearestNeighbours(s, dim, m, tsep)
	div := divergence(s, dim, m, maxIt, nn)
	fit := min(max(10, maxIt/5), maxIt)
	var ks, ds []float64
	for k, d := range div[:fit] {
		if !math.IsNaN(d) {
			ks = append(ks, float64(k))
			ds = append(ds, d)
		}
	}
	if len(ks) < 3 {
		return 0
	}
	sl, ok := slope(ks, ds, 1e-15)
	if !ok || math.IsNaN(sl) {
		return 0
	}
	return sl / delay
}

// embedDist2 is the squared Euclidean distance of the embedded points i
// and j, summed over the coordinates in order.
func embedDist2(s []float64, dim, i, j int) float64 {
	d2 := 0.0
	for c := 0; c < dim; c++ {
		d := s[i+c] - s[j+c]
		d2 += float64(d * d)
	}
	return d2
}

// tieMargin widens a squared distance b so that every q with
// √q ≤ √b is at most b·tieMargin: square roots that round equal differ in
// their squares by less than four units in the last place.
const tieMargin = 1 + 0x1p-48

// nearestNeighbours returns, for each embedded point i < m, the index of
// its nearest neighbour j with |i−j| ≥ tsep and distance > 0 (ties:
// smallest j), or −1: the exact minimum of (distance, j), found with a
// k-d tree. A subtree is skipped only when the squared gap to its
// splitting plane alone exceeds the best squared distance (widened by
// tieMargin): rounding is monotone, so every point beyond the plane has a
// coordinate gap at least as large and a squared distance at least its
// square. Nothing that could win or tie is skipped.
func nearestNeighbours(s []float64, dim, m, tsep int) []int {
	t := newKDTree(s, dim, m)
	nn := make([]int, m)
	for i := range nn {
		nn[i] = t.nearest(i, tsep)
	}
	return nn
}

// kdTree is a static 2-d … 3-d tree over the embedded points, stored as a
// permutation of the point indices: node [lo, hi) splits at its median
// mid on axis(depth).
type kdTree struct {
	s    []float64
	dim  int
	perm []int
	// query state
	q                [3]float64
	i, tsep          int
	best             int
	bestD, bestBound float64
}

const kdLeaf = 8

func newKDTree(s []float64, dim, m int) *kdTree {
	t := &kdTree{s: s, dim: dim, perm: make([]int, m)}
	for i := range t.perm {
		t.perm[i] = i
	}
	t.build(0, m, 0)
	return t
}

func (t *kdTree) coord(p, axis int) float64 { return t.s[p+axis] }

// build partitions perm[lo:hi] around its median on the depth's axis
// (ties broken by index, so the tree is a pure function of the data).
func (t *kdTree) build(lo, hi, depth int) {
	if hi-lo <= kdLeaf {
		return
	}
	axis, mid := depth%t.dim, (lo+hi)/2
	part := t.perm[lo:hi]
	slices.SortFunc(part, func(a, b int) int {
		if c := cmp.Compare(t.coord(a, axis), t.coord(b, axis)); c != 0 {
			return c
		}
		return a - b
	})
	t.build(lo, mid, depth+1)
	t.build(mid+1, hi, depth+1)
}

func (t *kdTree) nearest(i, tsep int) int {
	t.i, t.tsep = i, tsep
	for a := 0; a < t.dim; a++ {
		t.q[a] = t.s[i+a]
	}
	t.best, t.bestD, t.bestBound = -1, math.Inf(1), math.Inf(1)
	t.search(0, len(t.perm), 0)
	return t.best
}

func (t *kdTree) search(lo, hi, depth int) {
	if hi-lo <= kdLeaf {
		for _, j := range t.perm[lo:hi] {
			t.consider(j)
		}
		return
	}
	axis, mid := depth%t.dim, (lo+hi)/2
	p := t.perm[mid]
	gap := t.q[axis] - t.coord(p, axis)
	near, far := [2]int{lo, mid}, [2]int{mid + 1, hi}
	if gap > 0 {
		near, far = far, near
	}
	t.search(near[0], near[1], depth+1)
	t.consider(p)
	if float64(gap*gap) <= t.bestBound {
		t.search(far[0], far[1], depth+1)
	}
}

func (t *kdTree) consider(j int) {
	if j-t.i < t.tsep && t.i-j < t.tsep {
		return
	}
	d2 := embedDist2(t.s, t.dim, t.i, j)
	if d2 > t.bestBound || d2 == 0 {
		return
	}
	d := math.Sqrt(d2)
	if t.best < 0 || d < t.bestD || (d == t.bestD && j < t.best) {
		t.best, t.bestD, t.bestBound = j, d, d2*tieMargin
	}
}

// divergence is D[k], the mean log distance between the trajectories of
// every i < E = m − maxIt and its neighbour j < E after k steps (NaN where
// no pair contributes).
//
// Σ ln d = ½·ln Π d², so each D[k] keeps a running product of squared
// distances with its binary exponent renormalised out of the float (no
// overflow or underflow), and takes one logarithm at the end instead of
// one per pair: 10⁷ logarithms fewer at n_S = 20,000, at the cost of a
// relative rounding of at most 2^−53 per factor (≈ 10⁻¹² absolute in
// D[k] after 20,000 factors, far below what the fit resolves).
func divergence(s []float64, dim, m, maxIt int, nn []int) []float64 {
	e := m - maxIt
	prod := make([]logProduct, maxIt)
	d2 := make([]float64, maxIt)
	for i := 0; i < e; i++ {
		j := nn[i]
		if j < 0 || j >= e {
			continue
		}
		if dim == 3 { // d²(i+k, j+k) for all k at once
			sqDistances(s[i:], s[j:], d2)
		} else {
			for k := range d2 {
				d2[k] = embedDist2(s, dim, i+k, j+k)
			}
		}
		for k, v := range d2 {
			if v > 0 {
				prod[k].mul(v)
			}
		}
	}
	out := make([]float64, maxIt)
	for k, p := range prod {
		out[k] = math.NaN()
		if p.count > 0 {
			out[k] = p.halfLog() / float64(p.count)
		}
	}
	return out
}

// logProduct is a product of positive factors as m·2^exp, m kept near 1.
type logProduct struct {
	m     float64
	exp   int
	count int
}

func (p *logProduct) mul(x float64) {
	if p.count == 0 {
		p.m = 1
	}
	p.count++
	// m and x both within 2^±500 keep the product a normal float
	if binaryExp(x) > 500 || binaryExp(x) < -500 {
		fr, ex := math.Frexp(x)
		x, p.exp = fr, p.exp+ex
	}
	p.m *= x
	if e := binaryExp(p.m); e > 500 || e < -500 {
		fr, ex := math.Frexp(p.m)
		p.m, p.exp = fr, p.exp+ex
	}
}

// binaryExp is the unbiased exponent field of a positive float (−1023 for
// subnormals).
func binaryExp(x float64) int { return int(math.Float64bits(x)>>52&0x7ff) - 1023 }

// halfLog is ½·ln of the product, i.e. Σ ln √x over the factors.
func (p logProduct) halfLog() float64 {
	return 0.5 * (math.Log(p.m) + float64(p.exp)*math.Ln2)
}
