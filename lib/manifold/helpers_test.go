package manifold

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"sp/lib/manifold/features"
	"sp/lib/manifold/manifest"
	"sp/lib/manifold/outputs"
	"sp/lib/obs"
	"sp/lib/table"
)

// probeCatalog has engines that expose where their window lies, so that
// window placement can be checked by hand on ramp signals:
//
//	kurtosis     (impl last)  -> x[len-1]
//	skewness     (impl first) -> x[0]
//	crest_factor (impl count) -> len(x); with middle set (impl middle) -> x[len/2]
//	perm_entropy (impl mean)  -> permutation_entropy = mean(x)
type probeCatalog struct{ middle bool }

func (p probeCatalog) impls() map[string][2]string {
	crest := "count"
	if p.middle {
		crest = "middle"
	}
	return map[string][2]string{
		"kurtosis": {"last", "kurtosis"}, "last": {"last", "kurtosis"},
		"skewness": {"first", "skewness"}, "first": {"first", "skewness"},
		"crest_factor": {crest, "crest_factor"}, crest: {crest, "crest_factor"},
		"perm_entropy": {"mean", "permutation_entropy"}, "mean": {"mean", "permutation_entropy"},
	}
}

func (p probeCatalog) Lookup(name string) (features.Spec, bool) {
	im, ok := p.impls()[name]
	return features.Spec{Name: name, Impl: im[0], Columns: []string{im[1]}}, ok
}

func (probeCatalog) CanonicalColumns() []string {
	return []string{"kurtosis", "skewness", "crest_factor", "permutation_entropy"}
}

func (probeCatalog) NewSet(impls []string) (features.Set, error) { return probeSet(impls), nil }

type probeSet []string

func (s probeSet) Compute(x []float64, out [][]float64) {
	for i, impl := range s {
		switch impl {
		case "last":
			out[i][0] = x[len(x)-1]
		case "first":
			out[i][0] = x[0]
		case "count":
			out[i][0] = float64(len(x))
		case "middle":
			out[i][0] = x[len(x)/2]
		case "mean":
			sum := 0.0
			for _, v := range x {
				sum += v
			}
			out[i][0] = sum / float64(len(x))
		}
	}
}

// signal is one signal of a fixture: its values, written as row groups of
// at most chunk samples (0: one row group).
type signal struct {
	cohort, id string
	values     []float64
	shift      float64   // added to signal_0 (foreign files only)
	index      []float64 // signal_0 instead of 0, 1, 2, … (foreign files only)
}

// writeObservations writes an sp-ingest layout file, signals interleaved
// in row groups of chunk samples, as sp-ingest writes one raw file after
// another.
func writeObservations(t testing.TB, path string, chunk int, sigs ...signal) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	longest := 0
	for _, s := range sigs {
		longest = max(longest, len(s.values))
	}
	if chunk <= 0 {
		chunk = max(1, longest)
	}
	for off := 0; off < longest; off += chunk {
		for _, s := range sigs {
			if off < len(s.values) {
				if err := w.WriteSignal(obs.Key{Cohort: s.cohort, SignalID: s.id}, s.values[off:min(off+chunk, len(s.values))]); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeManifest(t testing.TB, dir, text string) *manifest.Manifest {
	t.Helper()
	path := filepath.Join(dir, "manifest.yaml")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := manifest.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// partition holds a fixture partition folder.
type partition struct {
	dir      string
	obs      string
	manifest *manifest.Manifest
}

func (p partition) out() string { return filepath.Join(p.dir, "output") }

type runConfig struct {
	prev     string
	overlap  int
	threads  int
	boot     int
	every    int
	catalog  features.Catalog
	warnings *[]string
}

func runPartition(t testing.TB, p partition, c runConfig) *Result {
	t.Helper()
	res, err := tryRun(p, c)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func tryRun(p partition, c runConfig) (*Result, error) {
	opt := Options{Observations: p.obs, Manifest: p.manifest, Prev: c.prev, Overlap: c.overlap, OutDir: p.out(),
		Threads: max(1, c.threads), BootstrapSamples: c.boot, EigendecompositionEvery: max(1, c.every), Catalog: c.catalog}
	if c.warnings != nil {
		opt.Warn = func(s string) { *c.warnings = append(*c.warnings, s) }
	}
	return Run(context.Background(), opt)
}

// readTable loads one output file.
func readTable(t testing.TB, dir, name string) arrow.Table {
	t.Helper()
	tbl, err := table.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tbl.Release)
	return tbl
}

// rows turns a table into one map per row (null floats as NaN, ints as
// int64, strings as string).
func rows(t testing.TB, tbl arrow.Table) []map[string]any {
	t.Helper()
	n := int(tbl.NumRows())
	out := make([]map[string]any, n)
	for i := range out {
		out[i] = map[string]any{}
	}
	for c := 0; c < int(tbl.NumCols()); c++ {
		col := tbl.Column(c)
		i := 0
		for _, chunk := range col.Data().Chunks() {
			for j := 0; j < chunk.Len(); j++ {
				var v any
				switch a := chunk.(type) {
				case *array.Float64:
					v = a.Value(j)
					if a.IsNull(j) {
						v = math.NaN()
					}
				case *array.Int64:
					v = a.Value(j)
				case *array.Int32:
					v = int64(a.Value(j))
				case *array.String:
					v = a.Value(j)
				default:
					t.Fatalf("column %s: type %T", col.Name(), chunk)
				}
				out[i][col.Name()] = v
				i++
			}
		}
	}
	return out
}

func readRows(t testing.TB, dir, name string) []map[string]any {
	t.Helper()
	return rows(t, readTable(t, dir, name))
}

func f(v any) float64 { return v.(float64) }
func n(v any) int64   { return v.(int64) }

// same compares floats with NaN equal to NaN.
func same(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

// ramp returns from, from+1, …
func ramp(count int, from float64) []float64 {
	v := make([]float64, count)
	for i := range v {
		v[i] = from + float64(i)
	}
	return v
}

// filesEqual compares every output file and the stamp byte by byte.
func filesEqual(t *testing.T, a, b string) {
	t.Helper()
	for _, name := range append(outputs.Names, Stamp) {
		x, err := os.ReadFile(filepath.Join(a, name))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", name, a, b)
		}
	}
}

func keysOf(m map[string]int64) string {
	var k []string
	for key, v := range m {
		k = append(k, fmt.Sprintf("%s=%d", key, v))
	}
	sort.Strings(k)
	return strings.Join(k, " ")
}

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
