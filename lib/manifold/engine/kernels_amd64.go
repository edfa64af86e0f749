package engine

import "golang.org/x/sys/cpu"

// useAVX2 selects the assembly kernels; tests turn it off to check that
// the portable kernels give bit-identical results.
var useAVX2 = cpu.X86.HasAVX2

// Implemented in hurst_amd64.s; 11 <= kmax <= (m+3)/4, runLen nil or m
// long, means and ws as long as hurstScratch(m, kmax), rs kmax-10.
//
//go:noescape
func hurstRatiosAVX2(d, hi, lo *float64, runLen *int32, m, kmax int, means, ws, rs *float64)

// Implemented in entropy_amd64.s; y holds n values and flagPad NaNs, w
// room for the words of lags 1..n-2 (every one is stored).
//
//go:noescape
func lagFlagsAVX2(y *float64, n int, r float64, w *uint64)

// Implemented in acf_amd64.s; k0 >= 1, cnt >= 1, k0+cnt <= n.
//
//go:noescape
func lagProductsAVX2(d *float64, n, k0, cnt int, out *float64)

// Implemented in log_amd64.s; n is a multiple of 4.
//
//go:noescape
func logsAVX2(dst, src *float64, n int) (done int)
