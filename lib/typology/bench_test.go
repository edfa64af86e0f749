package typology

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"sp/lib/obs"
)

// Benchmarks of the stage against a plain read of the same file. The
// fixture mimics a LUMO partition: 22 channels, files of 10 minutes at
// 1,651 Hz (one row group per file and channel), structural modes plus
// sensor noise. Environment:
//
//	SP_BENCH_SAMPLES  samples per signal (default 1,000,000)
//	SP_BENCH_VALUES   quantised (default: a 24-bit ADC grid, as LUMO's
//	                  files hold) or continuous (full-precision doubles)
//	SP_BENCH_THREADS  worker goroutines (default GOMAXPROCS)
//	SP_BENCH_FILE     use this observations file instead of writing one
//
// The fixture lives in a temporary folder removed when the tests end.

const (
	benchSignals  = 22
	benchFileRows = 990600 // 10 minutes at 1,651 Hz
)

func benchEnv(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixturePath string
	fixtureErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// benchFixture writes the benchmark observations once per process.
func benchFixture(b *testing.B) (string, int64) {
	if path := os.Getenv("SP_BENCH_FILE"); path != "" {
		r, err := obs.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		defer r.Close()
		return path, r.NumRows() / benchSignals
	}
	n := int64(benchEnv("SP_BENCH_SAMPLES", 1000000))
	quantised := os.Getenv("SP_BENCH_VALUES") != "continuous"
	fixtureOnce.Do(func() {
		if fixtureDir, fixtureErr = os.MkdirTemp("", "sp-typology-bench-"); fixtureErr != nil {
			return
		}
		fixturePath = filepath.Join(fixtureDir, "observations.parquet")
		fixtureErr = WriteSynthetic(fixturePath, benchSignals, n, quantised)
	})
	if fixtureErr != nil {
		b.Fatal(fixtureErr)
	}
	return fixturePath, n
}

// WriteSynthetic writes an observations file of LUMO-like channels: two
// structural modes of channel-dependent frequency, a slow drift and
// Gaussian noise, optionally on a 24-bit ADC grid (multiples of 2^-23).
// Rows go file by file (990,600 samples), channel by channel.
func WriteSynthetic(path string, signals int, n int64, quantised bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		return err
	}
	rngs := make([]*rand.Rand, signals)
	for c := range rngs {
		rngs[c] = rand.New(rand.NewPCG(uint64(c), 42))
	}
	buf := make([]float64, benchFileRows)
	for off := int64(0); off < n; off += benchFileRows {
		m := int(min(benchFileRows, n-off))
		for c := 0; c < signals; c++ {
			f1, f2 := 0.31+0.05*float64(c), 1.07+0.11*float64(c)
			for i := 0; i < m; i++ {
				t := float64(off+int64(i)) / 1651
				x := 0.02*math.Sin(2*math.Pi*f1*t) + 0.01*math.Sin(2*math.Pi*f2*t+1) +
					0.001*math.Sin(2*math.Pi*t/3600) + 0.003*rngs[c].NormFloat64()
				if quantised {
					x = math.Round(x*(1<<23)) / (1 << 23)
				}
				buf[i] = x
			}
			if err := w.WriteSignal(obs.Key{SignalID: fmt.Sprintf("acc%02d", c+1)}, buf[:m]); err != nil {
				return err
			}
		}
	}
	return w.Close()
}

func benchThreads() int { return benchEnv("SP_BENCH_THREADS", runtime.GOMAXPROCS(0)) }

// BenchmarkTypology runs the whole stage on the fixture.
func BenchmarkTypology(b *testing.B) {
	path, n := benchFixture(b)
	out := filepath.Join(b.TempDir(), "typology_raw.parquet")
	b.ResetTimer()
	var rep Report
	for i := 0; i < b.N; i++ {
		var err error
		if rep, err = Run(Options{Input: path, Output: out, Threads: benchThreads()}); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, n)
	b.ReportMetric(float64(rep.SecondPass), "signals-read-twice")
}

// BenchmarkPlainRead reads the value column of every signal of the
// fixture through lib/obs (ReadValues, the path the stage reads through)
// with the same number of goroutines, one reader each, touching every
// value once: the floor the stage is measured against.
func BenchmarkPlainRead(b *testing.B) {
	path, n := benchFixture(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := plainRead(path, benchThreads()); err != nil {
			b.Fatal(err)
		}
	}
	reportRate(b, n)
}

func plainRead(path string, threads int) error {
	r, err := obs.Open(path)
	if err != nil {
		return err
	}
	signals := r.Signals()
	r.Close()
	var next atomic.Int64
	errs := make(chan error, threads)
	for w := 0; w < threads; w++ {
		go func() {
			r, err := obs.Open(path)
			if err != nil {
				errs <- err
				return
			}
			defer r.Close()
			sink := 0.0
			for {
				i := int(next.Add(1) - 1)
				if i >= len(signals) {
					break
				}
				err := r.ReadValues(signals[i].Key, func(v []float64) error {
					sink += touch(v)
					return nil
				})
				if err != nil {
					errs <- err
					return
				}
			}
			if sink == 42 {
				fmt.Print("")
			}
			errs <- nil
		}()
	}
	for w := 0; w < threads; w++ {
		if err := <-errs; err != nil {
			return err
		}
	}
	return nil
}

// touch reads every value: four independent sums, as one running sum
// would be a chain of dependent additions costing about as much as
// decoding the values (measured: 7 of 18 CPU-seconds at 22 x 10^8).
func touch(v []float64) float64 {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(v); i += 4 {
		s0 += v[i]
		s1 += v[i+1]
		s2 += v[i+2]
		s3 += v[i+3]
	}
	for ; i < len(v); i++ {
		s0 += v[i]
	}
	return (s0 + s1) + (s2 + s3)
}

func reportRate(b *testing.B, n int64) {
	samples := float64(benchSignals) * float64(n) * float64(b.N)
	b.ReportMetric(samples/b.Elapsed().Seconds()/1e6, "Msamples/s")
	b.ReportMetric(0, "ns/op")
}

// TestWriteBenchObservations writes the benchmark fixture to
// $SP_BENCH_WRITE (for bench/typology.sh); skipped otherwise.
func TestWriteBenchObservations(t *testing.T) {
	path := os.Getenv("SP_BENCH_WRITE")
	if path == "" {
		t.Skip("SP_BENCH_WRITE not set")
	}
	n := int64(benchEnv("SP_BENCH_SAMPLES", 1000000))
	signals := benchEnv("SP_BENCH_SIGNALS", benchSignals)
	if err := WriteSynthetic(path, signals, n, os.Getenv("SP_BENCH_VALUES") != "continuous"); err != nil {
		t.Fatal(err)
	}
}
