package window

import (
	"slices"
	"testing"
)

// TestWorkedExample is manifold.md §9.3: W = 8, S = 4.
func TestWorkedExample(t *testing.T) {
	g := Grid{W: 8, S: 4}
	if g.J0() != 3 {
		t.Fatalf("j0 = %d", g.J0())
	}
	// Partition 1: 22 samples, no overlap: ends 7, 11, 15, 19 = indices 1..4.
	r := g.Windows(0, 22)
	if r != (Range{1, 4}) || r.Written() != 4 {
		t.Errorf("partition 1: %+v", r)
	}
	var ends []int64
	for k := r.First; k <= r.Last; k++ {
		ends = append(ends, g.End(k))
	}
	if !slices.Equal(ends, []int64{7, 11, 15, 19}) {
		t.Errorf("ends %v", ends)
	}
	// Partition 2: overlap 10, 15 own samples: ends 3, 7, 11 written
	// (indices 0..2); the end at -1 is a context window; -5 is not formable.
	r = g.Windows(10, 15)
	if r != (Range{-1, 2}) || r.Written() != 3 || r.Len() != 4 {
		t.Errorf("partition 2: %+v", r)
	}
	if g.End(0) != 3 || g.End(-1) != -1 {
		t.Errorf("ends %d %d", g.End(0), g.End(-1))
	}
	if g.Unformable(10, r.Last) != 0 {
		t.Errorf("with overlap nothing is unformable")
	}
	// Without the overlap, window 0 (local -4..3) cannot be formed.
	if u := g.Unformable(0, r.Last); u != 1 {
		t.Errorf("unformable without overlap: %d", u)
	}
}

func TestGridCases(t *testing.T) {
	cases := []struct {
		w, s           int
		overlap, own   int64
		first, last    int64
		written, unfrm int64
	}{
		// W = 128, S = 64: j0 = 63; first partition starts at index 1 (end 127).
		{128, 64, 0, 1000, 1, 14, 14, 1},
		// With 1024 overlap samples: 4 context windows before index 0.
		{128, 64, 1024, 1000, -4, 14, 15, 0},
		// Overlap 64 allows index 0 (local -64..63) but no context window.
		{128, 64, 64, 1000, 0, 14, 15, 0},
		// S ≥ W: j0 = W-1, numbering starts at 0.
		{100, 150, 0, 400, 0, 2, 3, 0},
		// Signal shorter than the window: nothing.
		{128, 64, 0, 100, 1, 0, 0, 1},
		// Window of one sample.
		{1, 1, 5, 3, -4, 2, 3, 0},
	}
	for _, c := range cases {
		g := Grid{W: c.w, S: c.s}
		r := g.Windows(c.overlap, c.own)
		if r.First != c.first || r.Last != c.last || r.Written() != c.written {
			t.Errorf("W=%d S=%d overlap %d own %d: %+v written %d", c.w, c.s, c.overlap, c.own, r, r.Written())
		}
		if u := g.Unformable(c.overlap, max(r.Last, 0)); u != c.unfrm {
			t.Errorf("W=%d S=%d overlap %d: unformable %d, want %d", c.w, c.s, c.overlap, u, c.unfrm)
		}
	}
}

func TestBuffer(t *testing.T) {
	var b Buffer
	b.Reset(-3)
	b.Append([]float64{-3, -2, -1}, []float64{10, 20, 30})
	b.Append([]float64{0, 1}, []float64{40, 50})
	if b.Start() != -3 || b.End() != 2 {
		t.Fatalf("start %d end %d", b.Start(), b.End())
	}
	if got := b.Values(-1, 1); !slices.Equal(got, []float64{30, 40, 50}) {
		t.Errorf("values %v", got)
	}
	b.Release(-2) // frees less than half: kept
	if b.Start() != -3 {
		t.Errorf("released too early: start %d", b.Start())
	}
	b.Release(0)
	if b.Start() != 0 || b.Index(1) != 1 || !slices.Equal(b.Values(0, 1), []float64{40, 50}) {
		t.Errorf("after release: start %d values %v", b.Start(), b.Values(b.Start(), b.End()-1))
	}
}
