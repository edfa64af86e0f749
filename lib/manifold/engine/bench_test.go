package engine

import (
	"strconv"
	"testing"
)

// loop runs f b.N times and also reports CPU ns per op.
func loop(b *testing.B, f func()) {
	b.ReportAllocs()
	b.ResetTimer()
	start := processCPUTime()
	for b.Loop() {
		f()
	}
	if cpu := processCPUTime() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}

// benchSignals are windows of the two kinds that bound most engine costs:
// white noise (short ACF, few sample-entropy matches) and a random walk
// (ACF lags up to 50, many matches).
func benchSignals(n int) map[string][]float64 {
	noise := lcg(n, 42)
	return map[string][]float64{"noise": noise, "walk": runningSum(noise)}
}

// BenchmarkEngines reports ns per window of each implementation at L = 128
// and L = 64.
func BenchmarkEngines(b *testing.B) {
	for _, id := range allImpls() {
		for _, l := range []int{128, 64} {
			for _, kind := range []string{"noise", "walk"} {
				x := benchSignals(l)[kind]
				b.Run(id+"/L="+strconv.Itoa(l)+"/"+kind, func(b *testing.B) {
					e := New(id)
					out := make([]float64, len(e.Columns()))
					e.Compute(x, out)
					loop(b, func() { e.Compute(x, out) })
				})
			}
		}
	}
}

// primeBase is Prime's BASE_ENGINES with its engine_windows at W = 128
// (manifold.md §1.3, §4.3): spectral and sample_entropy on 64 samples,
// hurst on 128, the others on W = 128.
var primeBase = []struct {
	impl string
	l    int
}{
	{"crest_factor", 128}, {"kurtosis", 128}, {"skewness", 128}, {"spectral", 64},
	{"sample_entropy", 64}, {"perm_entropy", 128}, {"hurst", 128}, {"acf_decay", 128},
}

// BenchmarkPrimeBaseSignalWindow is one signal-window of the default Prime
// base-engine set: "engines" runs one Engine per implementation, "sets"
// groups them by window length into two Sets (shared moments) as the
// caller can. Engine windows end at the same sample, as in §4.3.
func BenchmarkPrimeBaseSignalWindow(b *testing.B) {
	for _, kind := range []string{"noise", "walk"} {
		x := benchSignals(128)[kind]
		b.Run("engines/"+kind, func(b *testing.B) {
			es := make([]Engine, len(primeBase))
			outs := make([][]float64, len(primeBase))
			for i, p := range primeBase {
				es[i] = New(p.impl)
				outs[i] = make([]float64, len(es[i].Columns()))
			}
			run := func() {
				for i, p := range primeBase {
					es[i].Compute(x[len(x)-p.l:], outs[i])
				}
			}
			run()
			loop(b, run)
		})
		b.Run("sets/"+kind, func(b *testing.B) {
			long, _ := NewSet([]string{"crest_factor", "kurtosis", "skewness", "perm_entropy", "hurst", "acf_decay"})
			short, _ := NewSet([]string{"spectral", "sample_entropy"})
			lo := [][]float64{make([]float64, 1), make([]float64, 1), make([]float64, 1), make([]float64, 1), make([]float64, 2), make([]float64, 3)}
			so := [][]float64{make([]float64, 5), make([]float64, 1)}
			run := func() {
				long.Compute(x, lo)
				short.Compute(x[64:], so)
			}
			run()
			loop(b, run)
		})
	}
}

// BenchmarkAllEngines runs every implementation as one Set (L = 128).
func BenchmarkAllEngines(b *testing.B) {
	set, _ := NewSet(allImpls())
	out := make([][]float64, len(implementations))
	for i := range out {
		out[i] = make([]float64, len(set.Columns(i)))
	}
	for _, l := range []int{128, 1000} {
		x := benchSignals(l)["walk"]
		b.Run("L="+strconv.Itoa(l), func(b *testing.B) {
			set.Compute(x, out)
			loop(b, func() { set.Compute(x, out) })
		})
	}
}

// BenchmarkSampleEntropyCounts compares the two exact match counts by
// window length (lagFlagsMaxM is their crossover) on noise, a random walk
// and a noisy sawtooth (many matches: the sorted sweep's worst kind).
func BenchmarkSampleEntropyCounts(b *testing.B) {
	for _, m := range []int{64, 128, 160, 192, 256} {
		sigs := benchSignals(m)
		saw := make([]float64, m)
		for i, v := range sigs["noise"] {
			saw[i] = 0.5*v + float64(i%13)/13
		}
		sigs["sawtooth"] = saw
		for _, kind := range []string{"noise", "walk", "sawtooth"} {
			x := sigs[kind]
			var f frame
			f.reset(x)
			r := 0.2 * f.std()
			b.Run("sorted/m="+strconv.Itoa(m)+"/"+kind, func(b *testing.B) {
				loop(b, func() { sortedMatchCounts(x, r, &f.order) })
			})
			b.Run("lags/m="+strconv.Itoa(m)+"/"+kind, func(b *testing.B) {
				loop(b, func() { lagFlagCounts(x, r, &f.tmp, &f.flags) })
			})
		}
	}
}
