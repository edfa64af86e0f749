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
// smallest j), or −1. The points are scanned outward in the order of their
// first coordinate, nearest first, and the scan stops once the first
// coordinate alone is too far: since every squared distance is at least
// its first term, this prunes nothing that could win or tie. The result is
// the exact minimum of (distance, j), whatever the scan order.
func nearestNeighbours(s []float64, dim, m, tsep int) []int {
	order := make([]int, m)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s[a], s[b]) })
	pos := make([]int, m)
	for p, i := range order {
		pos[i] = p
	}
	nn := make([]int, m)
	for i := range nn {
		nn[i] = nearest(s, dim, tsep, order, pos[i], i)
	}
	return nn
}

func nearest(s []float64, dim, tsep int, order []int, p, i int) int {
	best, bestD, bound := -1, math.Inf(1), math.Inf(1)
	consider := func(j int) {
		if j-i < tsep && i-j < tsep {
			return
		}
		d2 := embedDist2(s, dim, i, j)
		if d2 > bound || d2 == 0 {
			return
		}
		d := math.Sqrt(d2)
		if best < 0 || d < bestD || (d == bestD && j < best) {
			best, bestD, bound = j, d, d2*tieMargin
		}
	}
	lo, hi := p-1, p+1
	x := s[i]
	for lo >= 0 || hi < len(order) {
		var gapLo, gapHi float64 = math.Inf(1), math.Inf(1)
		if lo >= 0 {
			gapLo = x - s[order[lo]]
		}
		if hi < len(order) {
			gapHi = s[order[hi]] - x
		}
		if gapLo <= gapHi {
			if float64(gapLo*gapLo) > bound {
				break
			}
			consider(order[lo])
			lo--
		} else {
			if float64(gapHi*gapHi) > bound {
				break
			}
			consider(order[hi])
			hi++
		}
	}
	return best
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
//
// The squared distances d²(t, t+δ) depend only on t and the offset δ =
// j−i; consecutive points often have neighbours at the same offset
// (smooth and periodic signals), and then point i+1 needs the values of
// point i shifted by one step. A ring buffer keeps them, so each is
// computed once per run of equal offsets.
func divergence(s []float64, dim, m, maxIt int, nn []int) []float64 {
	e := m - maxIt
	prod := make([]logProduct, maxIt)
	ring := make([]float64, maxIt) // d²(t, t+δ) at slot t mod maxIt
	runDelta, runEnd := 0, -1      // the ring holds times [runEnd−maxIt+1, runEnd] for runDelta
	for i := 0; i < e; i++ {
		j := nn[i]
		if j < 0 || j >= e {
			continue
		}
		delta := j - i
		if delta == runDelta && runEnd == i+maxIt-2 { // one step on: one new value
			runEnd++
			ring[runEnd%maxIt] = embedDist2(s, dim, runEnd, runEnd+delta)
		} else {
			runDelta, runEnd = delta, i+maxIt-1
			for t := i; t <= runEnd; t++ {
				ring[t%maxIt] = embedDist2(s, dim, t, t+delta)
			}
		}
		for k := range prod {
			if d2 := ring[(i+k)%maxIt]; d2 > 0 {
				prod[k].mul(d2)
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
