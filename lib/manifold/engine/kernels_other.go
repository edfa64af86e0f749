//go:build !amd64

package engine

var useAVX2 = false

func subSeriesRangesAVX2(d, hi, lo *float64, k int, means *float64, q int, rr, ss *float64) {
	panic("unreachable")
}

func lagFlagsAVX2(y *float64, n int, r float64, w *uint64) { panic("unreachable") }
