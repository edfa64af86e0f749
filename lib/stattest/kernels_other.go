//go:build !amd64

package stattest

var hasAVX2 = false // a variable, as on amd64, so tests can switch it

func dotLanesAVX2(x, y *float64, n int, out *[4]float64) { panic("no AVX2") }
func axpyAVX2(alpha float64, x, y *float64, n int)       { panic("no AVX2") }

func dotLanes4AVX2(v, w0, w1, w2, w3 *float64, n int, out *[16]float64) { panic("no AVX2") }
