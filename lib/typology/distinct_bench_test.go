package typology

import (
	"math"
	"math/rand/v2"
	"testing"

	"sp/lib/obs"
)

// lumoBlocks are blocks of 65,536 samples of a 24-bit quantised channel:
// about 300,000 distinct values over a long signal, all of them repeating.
func lumoBlocks(blocks int) [][]float64 {
	const size = 1 << 16
	rng := rand.New(rand.NewPCG(5, 6))
	out := make([][]float64, blocks)
	for b := range out {
		y := make([]float64, size)
		for i := range y {
			t := float64(b*size+i) / 1651
			x := 0.02*math.Sin(2*math.Pi*0.31*t) + 0.01*math.Sin(2*math.Pi*1.07*t+1) + 0.003*rng.NormFloat64()
			y[i] = math.Round(x*(1<<23)) / (1 << 23)
		}
		out[b] = y
	}
	return out
}

func BenchmarkDistinctQuantised(b *testing.B) {
	blocks := lumoBlocks(64)
	b.ResetTimer()
	var d distinctCounter
	for i := 0; i < b.N; i++ {
		d = distinctCounter{}
		for _, y := range blocks {
			d.addBlock(y)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*64<<16), "ns/value")
	b.ReportMetric(d.count(), "distinct")
}

// BenchmarkFullPass is the per-sample work of the first pass (everything
// but decoding and the dynamics), on a quantised LUMO-like channel.
func BenchmarkFullPass(b *testing.B) {
	var x []float64
	for _, y := range lumoBlocks(64) {
		x = append(x, y...)
	}
	an := Analyzer{probe: func([]float64) {}}
	b.ResetTimer()
	var st Stats
	for i := 0; i < b.N; i++ {
		var err error
		if _, st, err = an.Analyze(obs.Key{SignalID: "s"}, int64(len(x)), SliceSource(x)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(x)), "ns/value")
	b.ReportMetric(float64(st.Passes), "passes")
}

// BenchmarkAddBlock is the first pass's per-block work in steady state
// (grid planned, bitmap and step histogram warm) on a quantised channel.
func BenchmarkAddBlock(b *testing.B) {
	benchAddBlocks(b, lumoBlocks(16))
}

// benchAddBlocks adds the blocks once to warm the state up, then b.N
// times in turn, reporting the time per value.
func benchAddBlocks(b *testing.B, blocks [][]float64) *fullStats {
	f := newFullStats()
	for _, y := range blocks {
		f.addBlock(y)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f.addBlock(blocks[i%len(blocks)])
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N<<16), "ns/value")
	return f
}

// BenchmarkAddBlockSmooth is BenchmarkAddBlock on a slowly varying
// channel (a temperature-like signal on a 2^-8 grid): almost every step is
// 0 or ±1 grid step, so consecutive values hit the same histogram slot.
func BenchmarkAddBlockSmooth(b *testing.B) {
	blocks := make([][]float64, 16)
	for j := range blocks {
		y := make([]float64, 1<<16)
		for i := range y {
			t := float64(j<<16+i) / 1651
			y[i] = math.Round((20+5*math.Sin(2*math.Pi*t/600))*256) / 256
		}
		blocks[j] = y
	}
	f := benchAddBlocks(b, blocks)
	b.ReportMetric(float64(f.deriv.state), "deriv-state")
}
