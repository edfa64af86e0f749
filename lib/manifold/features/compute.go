package features

import (
	"fmt"
	"math"
)

// Computer evaluates windows of any signal of a plan. It owns one engine
// Set per distinct run and scratch buffers: one per goroutine.
type Computer struct {
	cat    Catalog
	sets   map[string]*runState
	finite []float64

	// The run states of the last signal: windows come in blocks of one
	// signal, so this spares a map lookup per run and window.
	lastSig    *Signal
	lastStates []*runState
}

type runState struct {
	set Set
	out [][]float64
}

// NewComputer returns a Computer using cat's engines.
func NewComputer(cat Catalog) *Computer {
	return &Computer{cat: cat, sets: map[string]*runState{}}
}

// Row computes one window's feature row. window holds the samples that end
// at the window's last position, oldest first: at least the system window,
// at most sig.LMax, fewer only when the stream has no earlier samples. A
// run longer than the samples available is not formable and yields nulls
// (§4.3). row has one entry per plan column; entries of columns the signal
// does not produce are left as they are (the caller fills NaN).
func (c *Computer) Row(sig *Signal, window []float64, row []float64) error {
	// Usually every value is finite: one check of the whole window then
	// spares each run its own filtering pass (its window is a tail of it).
	finite := allFinite(window)
	states, err := c.states(sig)
	if err != nil {
		return err
	}
	for r := range sig.Runs {
		run := &sig.Runs[r]
		st := states[r]
		if run.Length > len(window) {
			scatterNull(run, row)
			continue
		}
		x := window[len(window)-run.Length:]
		if !finite {
			x = c.finiteValues(x)
		}
		if len(x) == 0 {
			scatterNull(run, row) // every engine's floor is at least one value
			continue
		}
		st.set.Compute(x, st.out)
		for i, targets := range run.Targets {
			for k, col := range targets {
				if col >= 0 {
					row[col] = st.out[i][k]
				}
			}
		}
	}
	return nil
}

// states returns the run states of sig's runs, in order.
func (c *Computer) states(sig *Signal) ([]*runState, error) {
	if sig == c.lastSig {
		return c.lastStates, nil
	}
	c.lastSig, c.lastStates = nil, c.lastStates[:0]
	for r := range sig.Runs {
		st, err := c.state(&sig.Runs[r])
		if err != nil {
			return nil, err
		}
		c.lastStates = append(c.lastStates, st)
	}
	c.lastSig = sig
	return c.lastStates, nil
}

func (c *Computer) state(run *Run) (*runState, error) {
	if st, ok := c.sets[run.key]; ok {
		return st, nil
	}
	set, err := c.cat.NewSet(run.Impls)
	if err != nil {
		return nil, fmt.Errorf("engines %v: %w", run.Impls, err)
	}
	st := &runState{set: set, out: make([][]float64, len(run.Impls))}
	for i, w := range run.Widths {
		st.out[i] = make([]float64, w)
	}
	c.sets[run.key] = st
	return st, nil
}

// finiteValues returns w without its NaN and ±Inf values, in order: w
// itself when all are finite, else a copy in the Computer's scratch.
func (c *Computer) finiteValues(w []float64) []float64 {
	bad := -1
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			bad = i
			break
		}
	}
	if bad < 0 {
		return w
	}
	c.finite = append(c.finite[:0], w[:bad]...)
	for _, v := range w[bad+1:] {
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			c.finite = append(c.finite, v)
		}
	}
	return c.finite
}

// allFinite reports whether w holds no NaN or ±Inf, without a branch per
// value: v - v is 0 for a finite v and NaN otherwise, and a NaN survives
// any sum (four sums keep four additions in flight).
func allFinite(w []float64) bool {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(w); i += 4 {
		s0 += w[i] - w[i]
		s1 += w[i+1] - w[i+1]
		s2 += w[i+2] - w[i+2]
		s3 += w[i+3] - w[i+3]
	}
	for ; i < len(w); i++ {
		s0 += w[i] - w[i]
	}
	return (s0+s1)+(s2+s3) == 0
}

func scatterNull(run *Run, row []float64) {
	for _, targets := range run.Targets {
		for _, col := range targets {
			if col >= 0 {
				row[col] = math.NaN()
			}
		}
	}
}
