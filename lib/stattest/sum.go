package stattest

import "math"

// neumaier is a compensated (Kahan–Babuška–Neumaier) running sum.
type neumaier struct{ s, c float64 }

func (a *neumaier) add(x float64) {
	t := a.s + x
	if math.Abs(a.s) >= math.Abs(x) {
		a.c += (a.s - t) + x
	} else {
		a.c += (x - t) + a.s
	}
	a.s = t
}

func (a *neumaier) value() float64 { return a.s + a.c }

func mean(x []float64) float64 {
	var s neumaier
	for _, v := range x {
		s.add(v)
	}
	return s.value() / float64(len(x))
}

// laggedDot is Σ_{t=lag}^{n-1} e[t]·e[t-lag], summed in index order.
func laggedDot(e []float64, lag int) float64 {
	var s neumaier
	for t := lag; t < len(e); t++ {
		s.add(float64(e[t] * e[t-lag]))
	}
	return s.value()
}
