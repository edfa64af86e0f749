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
// no pair contributes), summed over i in order.
//
// The log distances ln d(t, t+δ) depend only on t and the offset δ = j−i;
// consecutive points often have neighbours at the same offset (smooth and
// periodic signals), and then point i+1 needs the values of point i
// shifted by one step. A ring buffer keeps them, so each is computed once
// per run of equal offsets.
func divergence(s []float64, dim, m, maxIt int, nn []int) []float64 {
	e := m - maxIt
	sums := make([]Sum, maxIt)
	counts := make([]int, maxIt)
	ring := make([]float64, maxIt) // ln d(t, t+δ) at slot t mod maxIt; NaN: d = 0
	logDist := func(t, delta int) float64 {
		if d := math.Sqrt(embedDist2(s, dim, t, t+delta)); d > 0 {
			return math.Log(d)
		}
		return math.NaN()
	}
	runDelta, runEnd := 0, -1 // the ring holds times [runEnd−maxIt+1, runEnd] for runDelta
	for i := 0; i < e; i++ {
		j := nn[i]
		if j < 0 || j >= e {
			continue
		}
		delta := j - i
		if delta == runDelta && runEnd == i+maxIt-2 { // one step on: one new value
			runEnd++
			ring[runEnd%maxIt] = logDist(runEnd, delta)
		} else {
			runDelta, runEnd = delta, i+maxIt-1
			for t := i; t <= runEnd; t++ {
				ring[t%maxIt] = logDist(t, delta)
			}
		}
		for k := 0; k < maxIt; k++ {
			if l := ring[(i+k)%maxIt]; !math.IsNaN(l) {
				sums[k].Add(l)
				counts[k]++
			}
		}
	}
	out := make([]float64, maxIt)
	for k := range out {
		out[k] = math.NaN()
		if counts[k] > 0 {
			out[k] = sums[k].Value() / float64(counts[k])
		}
	}
	return out
}
