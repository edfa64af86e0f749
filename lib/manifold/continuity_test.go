package manifold

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"sp/lib/manifold/outputs"
)

// primeManifest is a Prime-style manifest: the base engines on every
// signal, frequency_bands on two, Prime's engine_windows.
const primeManifest = `system: {window: 128, stride: 64}
engine_windows: {spectral: 64, spectral_entropy: 64, frequency_bands: 64, band_power: 64, harmonics: 64, sample_entropy: 64, hurst: 128, note: minimums}
cohorts:
  unit1:
    s1: {engines: [crest_factor, kurtosis, skewness, spectral, sample_entropy, perm_entropy, hurst, acf_decay, frequency_bands]}
    s2: {engines: [crest_factor, kurtosis, skewness, spectral, sample_entropy, perm_entropy, hurst, acf_decay, frequency_bands, rate_of_change]}
    s3: {engines: [crest_factor, kurtosis, skewness, spectral, sample_entropy, perm_entropy, hurst, acf_decay]}
`

// lcg is the generator of manifold.md §13.2 (T2): values in [-0.5, 0.5).
type lcg uint64

func (s *lcg) next() float64 {
	*s = lcg((1103515245*uint64(*s) + 12345) % (1 << 31))
	return float64(*s)/(1<<31) - 0.5
}

// synthetic returns three signals of n samples: a noisy tone, a random
// walk and noise with a slow trend.
func synthetic(n int) [3][]float64 {
	var out [3][]float64
	g := lcg(42)
	walk := 0.0
	for i := range n {
		t := float64(i)
		out[0] = append(out[0], math.Sin(2*math.Pi*t/16)+0.3*g.next())
		walk += g.next()
		out[1] = append(out[1], walk)
		out[2] = append(out[2], 0.001*t+g.next())
	}
	return out
}

func threeSignals(data [3][]float64, from, to int) []signal {
	return []signal{{cohort: "unit1", id: "s1", values: data[0][from:to]}, {cohort: "unit1", id: "s2", values: data[1][from:to]}, {cohort: "unit1", id: "s3", values: data[2][from:to]}}
}

type windowKey struct {
	id  string
	end float64 // absolute end (partition offset + local end)
}

// TestPartitionContinuity is manifold.md §13.6 item 2 and the issue's
// continuity criterion: three partitions of a 3-signal cohort, each run
// with the previous partition's observations as overlap, against one
// continuous run over all samples. Partition lengths are multiples of S,
// so both runs have windows at the same absolute positions, and every
// written window must carry exactly the continuous run's values.
func TestPartitionContinuity(t *testing.T) {
	root := t.TempDir()
	data := synthetic(10_000)
	whole := partition{dir: filepath.Join(root, "whole")}
	whole.obs = writeObservations(t, filepath.Join(whole.dir, "observations.parquet"), 1000, threeSignals(data, 0, 10_000)...)
	whole.manifest = writeManifest(t, whole.dir, primeManifest)
	runPartition(t, whole, runConfig{threads: 2})
	wantSV := map[windowKey]map[string]any{}
	for _, r := range readRows(t, whole.out(), "signal_vector.parquet") {
		wantSV[windowKey{r["signal_id"].(string), f(r["signal_0_end"])}] = r
	}
	wantSG := map[windowKey]map[string]any{}
	for _, r := range readRows(t, whole.out(), "state_geometry.parquet") {
		wantSG[windowKey{r["engine"].(string), f(r["signal_0_end"])}] = r
	}

	bounds := []int{0, 3328, 6656, 10_000}
	var outs []string
	seen := map[windowKey]bool{}
	prev := ""
	for p := range 3 {
		part := partition{dir: filepath.Join(root, fmt.Sprint("p", p)), manifest: whole.manifest}
		part.obs = writeObservations(t, filepath.Join(part.dir, "observations.parquet"), 1000, threeSignals(data, bounds[p], bounds[p+1])...)
		runPartition(t, part, runConfig{prev: prev, overlap: 1024, threads: 2})
		outs = append(outs, part.out())
		offset := float64(bounds[p])
		sv := readRows(t, part.out(), "signal_vector.parquet")
		for i, r := range sv {
			end, start, k := f(r["signal_0_end"]), f(r["signal_0_start"]), n(r["window_index"])
			if end < 0 || math.Mod(end, 64) != 63 || k != int64(end-63)/64 || start != end-127 {
				t.Fatalf("partition %d row %d: window_index %d, start %v, end %v", p, i, k, start, end)
			}
			key := windowKey{r["signal_id"].(string), offset + end}
			if seen[key] {
				t.Fatalf("window %v written twice", key)
			}
			seen[key] = true
			want, ok := wantSV[key]
			if !ok {
				t.Fatalf("partition %d writes %v, which the continuous run does not have", p, key)
			}
			for col, v := range r {
				if col == "signal_0_start" || col == "signal_0_end" || col == "signal_0_center" || col == "window_index" {
					continue
				}
				if fv, isF := v.(float64); isF && !same(fv, f(want[col])) || !isF && v != want[col] {
					t.Errorf("partition %d %v %s = %v, continuous run %v", p, key, col, v, want[col])
				}
			}
		}
		if p > 0 { // the first written window straddles: local -64..63
			if first := sv[0]; n(first["window_index"]) != 0 || f(first["signal_0_start"]) != -64 || f(first["signal_0_end"]) != 63 {
				t.Errorf("partition %d first window %v", p, sv[0])
			}
		}
		for _, r := range readRows(t, part.out(), "state_geometry.parquet") {
			key := windowKey{r["engine"].(string), offset + f(r["signal_0_end"])}
			want := wantSG[key]
			for _, col := range []string{"eigenvalue_1", "eigenvalue_2", "eigenvalue_3", "effective_dim", "total_variance_raw", "condition_number", "signal_ids"} {
				if v := r[col]; !reflect.DeepEqual(v, want[col]) && !(isNaN(v) && isNaN(want[col])) {
					t.Errorf("partition %d %v %s = %v, continuous run %v", p, key, col, v, want[col])
				}
			}
		}
		prev = part.obs
	}
	// Re-running partition 1, after deleting partition 0's outputs, gives
	// the same bytes: nothing depends on earlier outputs or on the clock.
	if err := os.RemoveAll(outs[0]); err != nil {
		t.Fatal(err)
	}
	again := partition{dir: filepath.Join(root, "p1-again"), manifest: whole.manifest, obs: filepath.Join(root, "p1", "observations.parquet")}
	runPartition(t, again, runConfig{prev: filepath.Join(root, "p0", "observations.parquet"), overlap: 1024, threads: 3})
	filesEqual(t, outs[1], again.out())

	// §13.6 item 3: partitions with different data have identical schemas.
	for _, name := range outputs.Names {
		a, b := readTable(t, outs[1], name).Schema(), readTable(t, outs[2], name).Schema()
		if !a.Equal(b) {
			t.Errorf("%s: schemas differ:\n%s\n%s", name, a, b)
		}
	}
	if len(wantSV) != 3*155 { // windows 1..155 of each signal: (9999-63)/64 = 155
		t.Fatalf("continuous run: %d signal windows", len(wantSV))
	}
	if len(seen) != len(wantSV) {
		t.Errorf("partitions write %d signal windows, the continuous run %d", len(seen), len(wantSV))
	}
}

func isNaN(v any) bool { x, ok := v.(float64); return ok && math.IsNaN(x) }
