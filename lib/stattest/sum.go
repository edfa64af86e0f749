package stattest

// neumaier is a compensated (Kahan–Babuška–Neumaier) running sum. It
// computes each addition's error with Knuth's branch-free TwoSum, which is
// exact like Neumaier's branch, so the totals are bit-identical.
type neumaier struct{ s, c float64 }

func (a *neumaier) add(x float64) {
	t := a.s + x
	z := t - a.s
	a.c += (a.s - (t - z)) + (x - z)
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
	s, c := 0.0, 0.0
	a, b := e[lag:], e[:len(e)-lag]
	for t := range a {
		x := float64(a[t] * b[t])
		u := s + x
		z := u - s
		c += (s - (u - z)) + (x - z)
		s = u
	}
	return s + c
}
