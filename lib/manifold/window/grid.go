package window

// Context is the number of windows ending in the overlap that are computed
// (never written) as left neighbours for geometry_dynamics and to start the
// eigenvector chain (§9.4).
const Context = 4

// Grid is a partition's window grid.
type Grid struct {
	W, S int // system window and stride, ≥ 1
}

// J0 is the local position of the first grid end at or after sample 0.
func (g Grid) J0() int64 { return int64((g.W - 1) % g.S) }

// End is the local end position of window k.
func (g Grid) End(k int64) int64 { return g.J0() + k*int64(g.S) }

// FirstFormable is the smallest window index whose window of the given
// length lies entirely in the available samples, given overlap samples
// before local position 0: j0 + k·S - length + 1 ≥ -overlap.
func (g Grid) FirstFormable(overlap int64, length int) int64 {
	return ceilDiv(int64(length)-1-overlap-g.J0(), int64(g.S))
}

// Last is the index of the last window ending at or before the last of own
// samples (local position own-1); below FirstFormable when there is none.
func (g Grid) Last(own int64) int64 {
	return floorDiv(own-1-g.J0(), int64(g.S))
}

// Range is the window indices [First, Last] a signal computes: the
// formable windows from at most Context windows before index 0 up to its
// last sample. Empty when First > Last.
type Range struct{ First, Last int64 }

// Windows of a signal with the given overlap and own sample counts.
func (g Grid) Windows(overlap, own int64) Range {
	return Range{First: max(g.FirstFormable(overlap, g.W), -Context), Last: g.Last(own)}
}

// Len is the number of windows in r.
func (r Range) Len() int64 { return max(0, r.Last-r.First+1) }

// Written is the number of windows of r with index ≥ 0.
func (r Range) Written() int64 { return Range{max(r.First, 0), r.Last}.Len() }

// Unformable counts the windows with index ≥ 0 (to be written) that lie
// before the first formable one for lack of overlap, up to index last.
func (g Grid) Unformable(overlap int64, last int64) int64 {
	return Range{0, min(g.FirstFormable(overlap, g.W)-1, last)}.Len()
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }
