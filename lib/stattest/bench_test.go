package stattest

import "testing"

// The three tests on a view-A-sized series (65,536 samples, p_max = 61).
func BenchmarkADF65536(b *testing.B) {
	x := series("ar095", 65536)
	for i := 0; i < b.N; i++ {
		ADF(x)
	}
}

func BenchmarkKPSS65536(b *testing.B) {
	x := series("ar095", 65536)
	for i := 0; i < b.N; i++ {
		KPSS(x)
	}
}

func BenchmarkARCH65536(b *testing.B) {
	x := series("garch", 65536)
	for i := 0; i < b.N; i++ {
		ARCH(x)
	}
}
