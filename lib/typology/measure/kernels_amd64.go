package measure

import "golang.org/x/sys/cpu"

var hasAVX2 = cpu.X86.HasAVX2

// Implemented in kernels_amd64.s; n is a multiple of 4, words full words.
//
//go:noescape
func sqDistancesAVX2(a, b, out *float64, n int)

//go:noescape
func flagsWithinAVX2(a, b *float64, words int, r float64, out *uint64)

//go:noescape
func sqFlagsAVX2(a, b *float64, words int, below, atMost float64, fw, gw *uint64)
