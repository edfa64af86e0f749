//go:build !amd64

package measure

const hasAVX2 = false

func sqDistancesAVX2(a, b, out *float64, n int)                        { panic("no AVX2") }
func flagsWithinAVX2(a, b *float64, words int, r float64, out *uint64) { panic("no AVX2") }

func sqFlagsAVX2(a, b *float64, words int, below, atMost float64, fw, gw *uint64) { panic("no AVX2") }
