package obs

import (
	"io"
	"math"
	"math/rand/v2"
	"testing"
)

// lumoLike returns one LUMO-like channel: a few structural modes plus
// sensor noise, quantised like a 24-bit ADC (the values a real file holds).
func lumoLike(n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	v := make([]float64, n)
	for i := range v {
		t := float64(i) / 1651
		x := 0.02*math.Sin(2*math.Pi*0.31*t) + 0.01*math.Sin(2*math.Pi*1.07*t+1) + 0.003*rng.NormFloat64()
		v[i] = math.Round(x*(1<<23)) / (1 << 23)
	}
	return v
}

// BenchmarkWriteSignal measures encoding one LUMO file's worth of signals
// (22 x 990,600 doubles) into observations parquet; SetBytes counts the
// decoded float64 bytes, as the ingest throughput target does.
func BenchmarkWriteSignal(b *testing.B) {
	const channels, n = 22, 990600
	data := make([][]float64, channels)
	for c := range data {
		data[c] = lumoLike(n, uint64(c))
	}
	b.SetBytes(channels * n * 8)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w, err := NewWriter(io.Discard, WriterOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for c := range data {
			if err := w.WriteSignal(Key{SignalID: "ch"}, data[c]); err != nil {
				b.Fatal(err)
			}
		}
		w.Close()
	}
}

// BenchmarkEncodeValues is the part of WriteSignal that sp-ingest runs in
// its decoding goroutines; it reports compressed bytes per sample.
func BenchmarkEncodeValues(b *testing.B) {
	v := lumoLike(990600, 1)
	e := NewEncoder()
	b.SetBytes(int64(len(v) * 8))
	var size int
	for i := 0; i < b.N; i++ {
		size = len(e.EncodeValues(v).blob)
	}
	b.ReportMetric(float64(size)/float64(len(v)), "bytes/sample")
}
