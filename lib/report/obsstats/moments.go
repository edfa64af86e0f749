package obsstats

import "math"

// Moments of (x, v) pairs: x the coordinate signal_0, v the value. The
// zero value is empty.
type Moments struct {
	N            int64
	MeanX, MeanV float64
	M2X, M2V     float64 // sums of squared deviations
	CXV          float64 // sum of cross deviations
}

// momentsOf computes the moments of a run of pairs exactly enough: the
// means first, then the deviations (two passes over data in cache). v
// must hold finite values only. A constant x or v has exactly its value
// as mean and exactly zero spread, as in DuckDB's (Welford) aggregates:
// the rounding of a sum must not turn a flat signal into a noisy one.
func momentsOf(x, v []float64) Moments {
	n := len(x)
	if n == 0 {
		return Moments{}
	}
	var sx, sv float64
	xmin, xmax, vmin, vmax := x[0], x[0], v[0], v[0]
	for i := range x {
		sx += x[i]
		sv += v[i]
		xmin, xmax = min(xmin, x[i]), max(xmax, x[i])
		vmin, vmax = min(vmin, v[i]), max(vmax, v[i])
	}
	mx, mv := sx/float64(n), sv/float64(n)
	if xmin == xmax {
		mx = xmin
	}
	if vmin == vmax {
		mv = vmin
	}
	var m2x, m2v, cxv float64
	for i := range x {
		dx, dv := x[i]-mx, v[i]-mv
		m2x += dx * dx
		m2v += dv * dv
		cxv += dx * dv
	}
	return Moments{N: int64(n), MeanX: mx, MeanV: mv, M2X: m2x, M2V: m2v, CXV: cxv}
}

// Corr is Pearson's correlation of x and v (fin(CORR(v, x))): NULL when
// empty or when either has no spread.
func (m Moments) Corr() float64 {
	if m.N == 0 || m.M2X == 0 || m.M2V == 0 {
		return Null
	}
	r := m.CXV / math.Sqrt(m.M2X*m.M2V)
	if math.IsNaN(r) || math.IsInf(r, 0) {
		return Null
	}
	return r
}

// Merge adds b's pairs to m (Chan, Golub and LeVeque's pairwise update).
func (m *Moments) Merge(b Moments) {
	switch {
	case b.N == 0:
		return
	case m.N == 0:
		*m = b
		return
	}
	na, nb := float64(m.N), float64(b.N)
	n := na + nb
	dx, dv := b.MeanX-m.MeanX, b.MeanV-m.MeanV
	f := na * nb / n
	m.MeanX += dx * nb / n
	m.MeanV += dv * nb / n
	m.M2X += b.M2X + dx*dx*f
	m.M2V += b.M2V + dv*dv*f
	m.CXV += b.CXV + dx*dv*f
	m.N += b.N
}

// Null marks a statistic SQL would return as NULL.
var Null = math.NaN()

// Mean of v (AVG): NaN (NULL) when empty.
func (m Moments) Mean() float64 {
	if m.N == 0 {
		return Null
	}
	return m.MeanV
}

// VarPop of v (VAR_POP): NULL when empty.
func (m Moments) VarPop() float64 {
	if m.N == 0 {
		return Null
	}
	return m.M2V / float64(m.N)
}

// StdPop of v (STDDEV_POP): NULL when empty.
func (m Moments) StdPop() float64 { return math.Sqrt(m.VarPop()) }

// StdSamp of v (STDDEV_SAMP): NULL with fewer than two values.
func (m Moments) StdSamp() float64 {
	if m.N < 2 {
		return Null
	}
	return math.Sqrt(m.M2V / float64(m.N-1))
}

// Slope of the least-squares line of v on x (fin(REGR_SLOPE(v, x))): NULL
// when empty or when x has no spread.
func (m Moments) Slope() float64 {
	if m.N == 0 || m.M2X == 0 {
		return Null
	}
	s := m.CXV / m.M2X
	if math.IsInf(s, 0) {
		return Null
	}
	return s
}
