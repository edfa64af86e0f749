package manifold

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sp/lib/manifold/features"
	"sp/lib/manifold/outputs"
	"sp/lib/obs"
)

// processCPUTime is the user+system CPU time of the process: on a shared
// machine the wall time of a loaded core says little about the code.
func processCPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// primeBaseManifest is Prime's default for 22 signals: the 8 base engines
// with its engine_windows at W = 128, S = 64.
func primeBaseManifest(signals int) string {
	var b strings.Builder
	b.WriteString("system: {window: 128, stride: 64}\n")
	b.WriteString("engine_windows: {spectral: 64, harmonics: 64, fundamental_freq: 64, thd: 64, frequency_bands: 64, spectral_entropy: 64, band_power: 64, sample_entropy: 64, hurst: 128}\n")
	b.WriteString("cohorts:\n  lumo:\n")
	for i := range signals {
		fmt.Fprintf(&b, "    ch%02d: {engines: [crest_factor, kurtosis, skewness, spectral, sample_entropy, perm_entropy, hurst, acf_decay]}\n", i)
	}
	return b.String()
}

// benchSamples is the samples per signal of the benchmark partition:
// $SP_BENCH_SAMPLES, default 65,536 (1,023 windows per signal). Larger
// partitions spread the per-run costs (opening files, first buffers,
// encoder tables) over more windows.
func benchSamples() int {
	if n, err := strconv.Atoi(os.Getenv("SP_BENCH_SAMPLES")); err == nil && n > 0 {
		return n
	}
	return 64 * 1024
}

// benchSignals are the benchmark's 22 signals of n samples: noise,
// random walks and noisy sawtooth waves.
func benchSignals(signals, n int) [][]float64 {
	g := lcg(7)
	out := make([][]float64, signals)
	for i := range out {
		v := make([]float64, n)
		walk := 0.0
		for j := range v {
			x := g.next()
			switch i % 3 {
			case 0:
				v[j] = x
			case 1:
				walk += x
				v[j] = walk
			default:
				v[j] = 0.5*x + float64(j%(13+i))/float64(13+i)
			}
		}
		out[i] = v
	}
	return out
}

// benchPartition writes 22 signals of n samples (noise, walks and tones
// mixed) in row groups of 65536 samples.
func benchPartition(b *testing.B, signals, n int) partition {
	dir := b.TempDir()
	var sigs []signal
	for i, v := range benchSignals(signals, n) {
		sigs = append(sigs, signal{cohort: "lumo", id: fmt.Sprintf("ch%02d", i), values: v})
	}
	p := partition{dir: dir, manifest: writeManifest(b, dir, primeBaseManifest(signals))}
	p.obs = writeObservations(b, filepath.Join(dir, "observations.parquet"), 65536, sigs...)
	return p
}

// benchStage runs the stage b.N times and reports signal-windows per
// second of wall time and CPU µs per signal-window (all cores together).
func benchStage(b *testing.B, p partition, c runConfig) {
	c.threads = max(1, c.threads)
	var windows int64
	b.ResetTimer()
	start, cpu := time.Now(), processCPUTime()
	for range b.N {
		res, err := tryRun(p, c)
		if err != nil {
			b.Fatal(err)
		}
		windows += res.Rows["signal_vector.parquet"]
	}
	wall, used := time.Since(start), processCPUTime()-cpu
	b.ReportMetric(float64(windows)/wall.Seconds(), "sw/s")
	b.ReportMetric(float64(used.Microseconds())/float64(windows), "cpu-µs/sw")
	var bytes, samples int64
	for _, name := range outputs.Names {
		if st, err := os.Stat(filepath.Join(p.out(), name)); err == nil {
			bytes += st.Size()
		}
	}
	in, err := obs.Open(p.obs)
	if err != nil {
		b.Fatal(err)
	}
	for _, s := range in.Signals() {
		samples += s.Rows
	}
	in.Close()
	b.ReportMetric(float64(bytes)/float64(samples), "out-B/sample")
}

// BenchmarkStage is the target: signal-windows per second per core
// with Prime's default base engines (W = 128, S = 64), everything
// included: reading, engines, state vector, geometry, eigendecomposition,
// dynamics and the five parquet files. threads=1 is the per-core figure.
func BenchmarkStage(b *testing.B) {
	p := benchPartition(b, 22, benchSamples())
	for _, threads := range []int{1, 2} {
		b.Run(fmt.Sprintf("threads=%d", threads), func(b *testing.B) { benchStage(b, p, runConfig{threads: threads}) })
	}
}

// BenchmarkStageBootstrap is the same with the reference's 50 bootstrap
// resamples (off by default).
func BenchmarkStageBootstrap(b *testing.B) {
	p := benchPartition(b, 22, benchSamples())
	benchStage(b, p, runConfig{threads: 1, boot: 50})
}

// BenchmarkStageWithoutEngines measures this package's own share: the
// same run with probe engines that cost next to nothing.
func BenchmarkStageWithoutEngines(b *testing.B) {
	p := benchPartition(b, 22, benchSamples())
	benchStage(b, p, runConfig{threads: 1, catalog: probeCatalog{middle: true}})
}

// BenchmarkEnginesOnly is the engines' share on the same data: the
// feature rows of every window, computed straight from memory.
func BenchmarkEnginesOnly(b *testing.B) {
	m := writeManifest(b, b.TempDir(), primeBaseManifest(22))
	plan, err := features.NewPlan(m, CoreEngines())
	if err != nil {
		b.Fatal(err)
	}
	data := benchSignals(22, benchSamples())
	comp := features.NewComputer(CoreEngines())
	row := make([]float64, len(plan.Columns))
	var windows int64
	b.ResetTimer()
	cpu := processCPUTime()
	for range b.N {
		for i, v := range data {
			sig := plan.Signal("lumo", fmt.Sprintf("ch%02d", i))
			for end := 127; end < len(v); end += 64 {
				if err := comp.Row(sig, v[end-127:end+1], row); err != nil {
					b.Fatal(err)
				}
				windows++
			}
		}
	}
	b.ReportMetric(float64((processCPUTime()-cpu).Microseconds())/float64(windows), "cpu-µs/sw")
}
