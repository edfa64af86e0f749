package report

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"sp/lib/obs"
)

// BenchmarkPartitionSmall is all eleven reports of the known-answer
// partition (8 signals × 2,000 samples, 50 windows, all inputs).
func BenchmarkPartitionSmall(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "2023-W01")
	writeKnownPartition(b, dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := RunPartition(context.Background(), dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPartitionLarge is all reports of a LUMO-like week: 22 signals
// of SP_SQL_BENCH_SAMPLES samples each (default 1,000,000; the brief's
// 10^7 gives 2.2 × 10^8 rows, 1.6 GB), written with obs.Writer in
// 990,600-sample files like sp-ingest, observations only (Manifold
// sections skipped). SetBytes counts the value bytes.
func BenchmarkPartitionLarge(b *testing.B) {
	n := 1_000_000
	if s := os.Getenv("SP_SQL_BENCH_SAMPLES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	dir := filepath.Join(b.TempDir(), "2023-W01")
	writeLUMOLike(b, dir, 22, n)
	b.SetBytes(int64(22 * n * 8))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := RunPartition(context.Background(), dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// writeLUMOLike writes channels × n samples: structural modes plus noise,
// quantised like a 24-bit ADC, one row group per channel and file.
func writeLUMOLike(b testing.TB, dir string, channels, n int) {
	b.Helper()
	os.MkdirAll(dir, 0o755)
	f, err := os.Create(filepath.Join(dir, "observations.parquet"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		b.Fatal(err)
	}
	const file = 990600
	buf := make([]float64, file)
	rngs := make([]*rand.Rand, channels)
	for c := range rngs {
		rngs[c] = rand.New(rand.NewPCG(uint64(c), 1))
	}
	for off := 0; off < n; off += file {
		m := min(file, n-off)
		for c := 0; c < channels; c++ {
			for i := 0; i < m; i++ {
				t := float64(off+i) / 1651
				x := 0.02*math.Sin(2*math.Pi*0.31*t+float64(c)) + 0.003*rngs[c].NormFloat64()
				buf[i] = math.Round(x*(1<<23)) / (1 << 23)
			}
			if err := w.WriteSignal(obs.Key{SignalID: fmt.Sprintf("ch%02d", c)}, buf[:m]); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkFleet is the fleet reports over 12 partitions: the three of
// fleet_test.go and nine copies of the first.
func BenchmarkFleet(b *testing.B) {
	root := writeFleet(b, false)
	parts := filepath.Join(root, "partitions")
	for w := 4; w <= 12; w++ {
		src := filepath.Join(parts, "2023-W01")
		dst := filepath.Join(parts, fmt.Sprintf("2023-W%02d", w))
		filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(src, p)
				copyFile(b, p, filepath.Join(dst, rel))
			}
			return nil
		})
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := RunFleet(context.Background(), root, FleetOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
