package typology

import "golang.org/x/sys/cpu"

var hasAVX2 = cpu.X86.HasAVX2

// Implemented in moments_amd64.s. n is a multiple of 4 (shiftedSumsAVX2,
// gridLoopAVX2), of 4 and at least 4 (gridScanAVX2: it loads before its
// first bounds test), of 2 (centralSumsAVX), or at least 1
// (stridedSumsAVX2, which also loads before testing).
//
//go:noescape
func shiftedSumsAVX2(y *float64, n int, shift float64, out *[4]float64)

//go:noescape
func centralSumsAVX(y *float64, n int, shift, c float64, out *[8]float64)

//go:noescape
func gridScanAVX2(y *float64, n int, scale float64, out *gridScan)

//go:noescape
func gridLoopAVX2(y *float64, n int, scale, base float64, words *uint64, hist *uint32, st *gridLoopState, cs *[8]float64) (added int)

//go:noescape
func stridedSumsAVX2(p *[4]*float64, n int, mean *[4]float64, squares bool, out *laneSums)
