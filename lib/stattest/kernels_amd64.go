package stattest

import "golang.org/x/sys/cpu"

var hasAVX2 = cpu.X86.HasAVX2

// Implemented in kernels_amd64.s; n is a multiple of 4.
//
//go:noescape
func dotLanesAVX2(x, y *float64, n int, out *[4]float64)

//go:noescape
func axpyAVX2(alpha float64, x, y *float64, n int)

//go:noescape
func dotLanes4AVX2(v, w0, w1, w2, w3 *float64, n int, out *[16]float64)
