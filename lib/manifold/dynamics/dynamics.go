package dynamics

import "math"

// Point is one state_geometry row of a series. Rows with a negative window
// index are context (manifold.md §9.4): they are used as neighbours but
// never written.
type Point struct {
	WindowIndex   int64
	End           float64 // signal_0_end
	EffectiveDim  float64
	Eigenvalue1   float64
	TotalVariance float64
}

// Written reports whether p is a row of the partition (not context).
func (p Point) Written() bool { return p.WindowIndex >= 0 }

// Row is one geometry_dynamics row (§8.2).
type Row struct {
	Point
	EffectiveDimVelocity     float64
	EffectiveDimAcceleration float64
	EffectiveDimJerk         float64
	EffectiveDimCurvature    float64
	Eigenvalue1Velocity      float64
	VarianceVelocity         float64
	CollapseOnsetIdx         int64
	CollapseOnsetFraction    float64
}

// Collapse thresholds of the reference's dynamics.yaml (B14).
const (
	collapseVelocity  = -0.05
	minCollapseLength = 3
)

// MinRows is the shortest series that produces rows.
const MinRows = 3

// reach is how many rows on either side a row's derivatives look at:
// smoothing 1, velocity 1, acceleration 1, jerk 1.
const reach = 4

// ringSize holds the rows i-reach..i+reach; a power of two.
const ringSize = 16

// series evaluates the §8.1 derivatives of a series of k rows held, around
// the current row, in a ring.
type series struct {
	k    int
	ring [ringSize]Point
}

func (s *series) at(i int) *Point { return &s.ring[i%ringSize] }

// smoothed is the edge-aware 3-point mean for k > 3 (not the reference's
// zero-padded kernel, B12), the raw value otherwise.
func (s *series) smoothed(field func(*Point) float64, i int) float64 {
	if s.k <= 3 {
		return field(s.at(i))
	}
	switch i {
	case 0:
		return (field(s.at(0)) + field(s.at(1))) / 2
	case s.k - 1:
		return (field(s.at(i-1)) + field(s.at(i))) / 2
	}
	return (field(s.at(i-1)) + field(s.at(i)) + field(s.at(i+1))) / 3
}

// gradient is numpy.gradient with unit spacing and first-order edges.
func (s *series) gradient(f func(int) float64, i int) float64 {
	switch i {
	case 0:
		return f(1) - f(0)
	case s.k - 1:
		return f(i) - f(i-1)
	}
	return (f(i+1) - f(i-1)) / 2
}

// derivatives returns velocity, acceleration and jerk of the smoothed field
// at row i.
func (s *series) derivatives(field func(*Point) float64, i int) (v, a, j float64) {
	sm := func(m int) float64 { return s.smoothed(field, m) }
	vel := func(m int) float64 { return s.gradient(sm, m) }
	acc := func(m int) float64 { return s.gradient(vel, m) }
	return vel(i), acc(i), s.gradient(acc, i)
}

func (s *series) velocity(field func(*Point) float64, i int) float64 {
	return s.gradient(func(m int) float64 { return s.smoothed(field, m) }, i)
}

func effectiveDim(p *Point) float64  { return p.EffectiveDim }
func eigenvalue1(p *Point) float64   { return p.Eigenvalue1 }
func totalVariance(p *Point) float64 { return p.TotalVariance }

// row derives row i.
func (s *series) row(i int) Row {
	r := Row{Point: *s.at(i)}
	v, a, j := s.derivatives(effectiveDim, i)
	r.EffectiveDimVelocity, r.EffectiveDimAcceleration, r.EffectiveDimJerk = v, a, j
	r.EffectiveDimCurvature = math.Abs(a) / math.Pow(1+v*v, 1.5)
	r.Eigenvalue1Velocity = s.velocity(eigenvalue1, i)
	r.VarianceVelocity = s.velocity(totalVariance, i)
	return r
}

// collapse tracks the longest run of written rows whose effective_dim
// velocity is below the threshold (the first on ties).
type collapse struct {
	written          int64 // written rows seen
	runStart, runLen int64
	bestStart        int64
	bestLen          int64
}

func (c *collapse) add(r Row) {
	if !r.Written() {
		return
	}
	if r.EffectiveDimVelocity < collapseVelocity {
		if c.runLen == 0 {
			c.runStart = c.written
		}
		c.runLen++
		if c.runLen > c.bestLen {
			c.bestStart, c.bestLen = c.runStart, c.runLen
		}
	} else {
		c.runLen = 0
	}
	c.written++
}

// onset returns collapse_onset_idx and collapse_onset_fraction, counted
// over the written rows only (§8.1).
func (c *collapse) onset() (int64, float64) {
	if c.bestLen < minCollapseLength || c.written < MinRows {
		return -1, -1
	}
	return c.bestStart, float64(c.bestStart) / float64(c.written)
}

// Derive computes the geometry_dynamics rows of a series held in memory
// (tests, short series). emit receives the written rows in order.
func Derive(points []Point, emit func(Row) error) error {
	return twoPass(len(points), func() func() (Point, error) {
		i := 0
		return func() (Point, error) { i++; return points[i-1], nil }
	}, emit)
}

// twoPass runs the two passes over a series of k rows; open starts a pass
// and returns its reader of consecutive points.
func twoPass(k int, open func() func() (Point, error), emit func(Row) error) error {
	if k < MinRows {
		return nil
	}
	var c collapse
	err := derive(k, open(), func(r Row) error { c.add(r); return nil })
	if err != nil {
		return err
	}
	idx, frac := c.onset()
	return derive(k, open(), func(r Row) error {
		if !r.Written() {
			return nil
		}
		r.CollapseOnsetIdx, r.CollapseOnsetFraction = idx, frac
		return emit(r)
	})
}

// derive reads the k points of a series once and emits every row (context
// included) in order, each as soon as its reach is loaded.
func derive(k int, next func() (Point, error), emit func(Row) error) error {
	s := series{k: k}
	for t := range k {
		p, err := next()
		if err != nil {
			return err
		}
		*s.at(t) = p
		if i := t - reach; i >= 0 {
			if err := emit(s.row(i)); err != nil {
				return err
			}
		}
	}
	for i := max(0, k-reach); i < k; i++ {
		if err := emit(s.row(i)); err != nil {
			return err
		}
	}
	return nil
}
