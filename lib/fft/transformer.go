package fft

// Transformer runs transforms of any length for one goroutine: it keeps a
// private map of the shared plans (no lock after the first use of a
// length) and one scratch buffer that grows to the largest length seen, so
// its calls allocate nothing once a length has been used. The private maps
// hold at most maxPrivatePlans lengths each (they are emptied when full),
// which bounds memory when plans outgrow the shared cache. The zero value
// is ready to use; it is not safe for concurrent use.
const maxPrivatePlans = 256

type Transformer struct {
	plans   map[int]*Plan
	reals   map[int]*RealPlan
	scratch []complex128
}

// Plan returns the complex plan of length n.
func (t *Transformer) Plan(n int) *Plan {
	p := t.plans[n]
	if p == nil {
		if t.plans == nil || len(t.plans) >= maxPrivatePlans {
			t.plans = map[int]*Plan{}
		}
		p = PlanFor(n)
		t.plans[n] = p
	}
	return p
}

// RealPlan returns the real plan of length n.
func (t *Transformer) RealPlan(n int) *RealPlan {
	p := t.reals[n]
	if p == nil {
		if t.reals == nil || len(t.reals) >= maxPrivatePlans {
			t.reals = map[int]*RealPlan{}
		}
		p = RealPlanFor(n)
		t.reals[n] = p
	}
	return p
}

func (t *Transformer) work(n int) []complex128 {
	if len(t.scratch) < n {
		t.scratch = make([]complex128, n)
	}
	return t.scratch[:n]
}

// Forward writes the DFT of src into dst (both of length len(src); they
// may be the same slice).
func (t *Transformer) Forward(dst, src []complex128) {
	p := t.Plan(len(src))
	p.Forward(dst, src, t.work(p.ScratchLen()))
}

// Inverse writes the inverse DFT (scaled by 1/n) of src into dst.
func (t *Transformer) Inverse(dst, src []complex128) {
	p := t.Plan(len(src))
	p.Inverse(dst, src, t.work(p.ScratchLen()))
}

// RealForward writes bins 0..n/2 of the DFT of the real src (n = len(src))
// into dst, which needs n/2+1 values.
func (t *Transformer) RealForward(dst []complex128, src []float64) {
	p := t.RealPlan(len(src))
	p.Forward(dst, src, t.work(p.ScratchLen()))
}
