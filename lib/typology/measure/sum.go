package measure

import "math"

// Sum is a Neumaier (Kahan–Babuška) compensated running sum. Each
// addition's error comes from Knuth's branch-free TwoSum, which is exact
// like Neumaier's branch, so totals are bit-identical to Neumaier's.
type Sum struct{ s, c float64 }

// Add adds x.
func (a *Sum) Add(x float64) {
	t := a.s + x
	z := t - a.s
	a.c += (a.s - (t - z)) + (x - z)
	a.s = t
}

// Parts returns the running sum and its compensation, for callers that
// add partial sums of their own (typology's block lanes); SetParts stores
// them back.
func (a *Sum) Parts() (s, c float64) { return a.s, a.c }

// SetParts sets the running sum and compensation (see Parts).
func (a *Sum) SetParts(s, c float64) { a.s, a.c = s, c }

// Value is the compensated total.
func (a *Sum) Value() float64 { return a.s + a.c }

// Mean is Σx/n with a compensated sum (NaN for an empty slice).
func Mean(x []float64) float64 {
	var s Sum
	for _, v := range x {
		s.Add(v)
	}
	return s.Value() / float64(len(x))
}

// Variance is the population variance Σ(x−mean)²/n by two compensated
// passes.
func Variance(x []float64) float64 {
	m := Mean(x)
	var s Sum
	for _, v := range x {
		d := v - m
		s.Add(float64(d * d))
	}
	return s.Value() / float64(len(x))
}

// slope is the least-squares slope of y on x in the closed form
// (N·Σxy − Σx·Σy)/(N·Σx² − (Σx)²), with ok false when the denominator's
// magnitude is at most tiny.
func slope(x, y []float64, tiny float64) (float64, bool) {
	var sx, sy, sxy, sxx Sum
	for i := range x {
		sx.Add(x[i])
		sy.Add(y[i])
		sxy.Add(float64(x[i] * y[i]))
		sxx.Add(float64(x[i] * x[i]))
	}
	n := float64(len(x))
	den := float64(n*sxx.Value()) - float64(sx.Value()*sx.Value())
	if !(math.Abs(den) > tiny) {
		return math.NaN(), false
	}
	return (float64(n*sxy.Value()) - float64(sx.Value()*sy.Value())) / den, true
}
