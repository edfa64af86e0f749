//go:build !amd64

package typology

var hasAVX2 = false // a variable, as on amd64, so tests can switch it

func shiftedSumsAVX2(y *float64, n int, shift float64, out *[4]float64)   { panic("no AVX2") }
func centralSumsAVX(y *float64, n int, shift, c float64, out *[8]float64) { panic("no AVX2") }

func gridScanAVX2(y *float64, n int, scale float64, out *gridScan) { panic("no AVX2") }

func gridLoopAVX2(y *float64, n int, scale, base float64, words *uint64, hist *uint32, st *gridLoopState,
	cs *[8]float64) (added int) {
	panic("no AVX2")
}

func stridedSumsAVX2(p *[4]*float64, n int, mean *[4]float64, squares bool, out *laneSums) {
	panic("no AVX2")
}
