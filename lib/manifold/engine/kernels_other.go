//go:build !amd64

package engine

var useAVX2 = false

func hurstRatiosAVX2(d, hi, lo *float64, runLen *int32, m, kmax int, means, ws, rs *float64) {
	panic("unreachable")
}

func lagFlagsAVX2(y *float64, n int, r float64, w *uint64) { panic("unreachable") }

func lagProductsAVX2(d *float64, n, k0, cnt int, out *float64) { panic("unreachable") }

func logsAVX2(dst, src *float64, n int) int { panic("unreachable") }
