package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"sp/lib/command"
	"sp/lib/obs"
	"sp/lib/stagelog"
	"sp/lib/table"
)

func runCmd(args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	err := run(append([]string{"sp-typology"}, args...), nil, &stdout, &stderr)
	return stderr.String(), err
}

// writeObs writes signals (in the given order) to dir/observations.parquet.
func writeObs(t *testing.T, dir string, keys []obs.Key, values [][]float64) string {
	t.Helper()
	path := filepath.Join(dir, "observations.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range keys {
		if err := w.WriteSignal(k, values[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func wave(n int, f float64) []float64 {
	x := make([]float64, n)
	s := uint32(7)
	for i := range x {
		s = s*1664525 + 1013904223
		x[i] = math.Sin(f*float64(i)) + float64(s>>8)/(1<<24)
	}
	return x
}

// The columns of typology.md §5, in order, with their types.
var wantSchema = []struct {
	name string
	typ  arrow.Type
	null bool
}{
	{"signal_id", arrow.STRING, false}, {"cohort", arrow.STRING, true}, {"n_samples", arrow.INT64, false},
	{"adf_pvalue", arrow.FLOAT64, false}, {"kpss_pvalue", arrow.FLOAT64, false}, {"variance_ratio", arrow.FLOAT64, false},
	{"acf_half_life", arrow.FLOAT64, true}, {"hurst", arrow.FLOAT64, false}, {"perm_entropy", arrow.FLOAT64, false},
	{"sample_entropy", arrow.FLOAT64, false}, {"spectral_flatness", arrow.FLOAT64, false},
	{"spectral_slope", arrow.FLOAT64, false}, {"harmonic_noise_ratio", arrow.FLOAT64, false},
	{"spectral_peak_snr", arrow.FLOAT64, false}, {"dominant_frequency", arrow.FLOAT64, false},
	{"is_first_bin_peak", arrow.BOOL, false}, {"turning_point_ratio", arrow.FLOAT64, false},
	{"lyapunov_proxy", arrow.FLOAT64, false}, {"determinism_score", arrow.FLOAT64, false},
	{"arch_pvalue", arrow.FLOAT64, false}, {"rolling_var_std", arrow.FLOAT64, false}, {"kurtosis", arrow.FLOAT64, false},
	{"skewness", arrow.FLOAT64, false}, {"crest_factor", arrow.FLOAT64, false}, {"unique_ratio", arrow.FLOAT64, false},
	{"is_integer", arrow.BOOL, false}, {"is_constant", arrow.BOOL, false}, {"sparsity", arrow.FLOAT64, false},
	{"signal_std", arrow.FLOAT64, false}, {"signal_mean", arrow.FLOAT64, false},
	{"derivative_sparsity", arrow.FLOAT64, false}, {"zero_run_ratio", arrow.FLOAT64, false},
	{"window_factor", arrow.FLOAT64, false}, {"n_analysis", arrow.INT64, false}, {"acf_decayed", arrow.BOOL, false},
}

func checkSchema(t *testing.T, tbl arrow.Table) {
	t.Helper()
	fields := tbl.Schema().Fields()
	if len(fields) != len(wantSchema) {
		t.Fatalf("%d columns, want %d", len(fields), len(wantSchema))
	}
	for i, w := range wantSchema {
		if f := fields[i]; f.Name != w.name || f.Type.ID() != w.typ || f.Nullable != w.null {
			t.Errorf("column %d = %s %s nullable %v, want %s %s nullable %v", i+1, f.Name, f.Type, f.Nullable, w.name, w.typ, w.null)
		}
	}
}

func readOut(t *testing.T, path string) arrow.Table {
	t.Helper()
	tbl, err := table.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return tbl
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	nan := math.NaN()
	keys := []obs.Key{
		{Cohort: "b", SignalID: "wave"}, {Cohort: "a", SignalID: "z_constant"}, {Cohort: "a", SignalID: "nan"},
		{Cohort: "a", SignalID: "one"}, {Cohort: "a", SignalID: "wave"},
	}
	values := [][]float64{wave(3000, 0.2), {5, 5, 5, 5}, {nan, nan}, {nan, 2.5}, wave(2000, 0.05)}
	in := writeObs(t, dir, keys, values)
	if stderr, err := runCmd("-q", "--threads", "1", in); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	out := filepath.Join(dir, "typology_raw.parquet")
	tbl := readOut(t, out)
	defer tbl.Release()
	checkSchema(t, tbl)
	ids, _ := table.Column[*array.String](out, tbl, "signal_id")
	cohorts, _ := table.Column[*array.String](out, tbl, "cohort")
	n, _ := table.Column[*array.Int64](out, tbl, "n_samples")
	constant, _ := table.Column[*array.Boolean](out, tbl, "is_constant")
	mean, _ := table.Column[*array.Float64](out, tbl, "signal_mean")
	var got []string
	for i := 0; i < ids.Len(); i++ {
		got = append(got, cohorts.Value(i)+"/"+ids.Value(i))
	}
	if strings.Join(got, " ") != "a/nan a/one a/wave a/z_constant b/wave" {
		t.Errorf("row order %v", got)
	}
	for i, w := range []struct {
		n        int64
		constant bool
		mean     float64
	}{{0, true, nan}, {1, true, 2.5}, {2000, false, mean.Value(2)}, {4, true, 5}, {3000, false, mean.Value(4)}} {
		if n.Value(i) != w.n || constant.Value(i) != w.constant || !(mean.Value(i) == w.mean || math.IsNaN(w.mean) && math.IsNaN(mean.Value(i))) {
			t.Errorf("row %d: n %d constant %v mean %g, want %+v", i, n.Value(i), constant.Value(i), mean.Value(i), w)
		}
	}
	recs, err := stagelog.Read(filepath.Join(dir, stagelog.FileName))
	if err != nil || len(recs) != 1 || recs[0].Stage != "typology" || recs[0].Rows != 5 || recs[0].Exit != 0 {
		t.Errorf("stage log %+v %v", recs, err)
	}
	// byte-identical with more threads
	first, _ := os.ReadFile(out)
	out2 := filepath.Join(dir, "again.parquet")
	if stderr, err := runCmd("-q", "--threads", "3", "-o", out2, in); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if second, _ := os.ReadFile(out2); !bytes.Equal(first, second) {
		t.Error("output differs between --threads 1 and 3")
	}
}

// An observations file with no rows gives the schema and no rows.
func TestEmptyInput(t *testing.T) {
	dir := t.TempDir()
	in := writeObs(t, dir, nil, nil)
	if stderr, err := runCmd("-q", in); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	tbl := readOut(t, filepath.Join(dir, "typology_raw.parquet"))
	defer tbl.Release()
	checkSchema(t, tbl)
	if tbl.NumRows() != 0 {
		t.Errorf("%d rows, want 0", tbl.NumRows())
	}
}

// A foreign file (no sp layout) with a null cohort: its own group, written
// as a null and sorted first (typology.md §2.2).
func TestNullCohort(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "foreign.parquet")
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "cohort", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "signal_id", Type: arrow.BinaryTypes.String},
		{Name: "signal_0", Type: arrow.PrimitiveTypes.Float64},
		{Name: "value", Type: arrow.PrimitiveTypes.Float64},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	defer b.Release()
	for i, v := range wave(400, 0.3) {
		if i%2 == 0 {
			b.Field(0).AppendNull()
		} else {
			b.Field(0).(*array.StringBuilder).Append("")
		}
		b.Field(1).(*array.StringBuilder).Append("s")
		b.Field(2).(*array.Float64Builder).Append(float64(i / 2))
		b.Field(3).(*array.Float64Builder).Append(v)
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	if err := table.WriteFile(in, rec, nil); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.parquet")
	if stderr, err := runCmd("-q", "-o", out, in); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	tbl := readOut(t, out)
	defer tbl.Release()
	cohorts, _ := table.Column[*array.String](out, tbl, "cohort")
	n, _ := table.Column[*array.Int64](out, tbl, "n_samples")
	if cohorts.Len() != 2 || !cohorts.IsNull(0) || cohorts.IsNull(1) || cohorts.Value(1) != "" || n.Value(0) != 200 || n.Value(1) != 200 {
		t.Errorf("cohorts %v, n %v: want [null, \"\"] with 200 samples each", cohorts, n)
	}
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.parquet")
	os.WriteFile(garbage, []byte("not parquet at all"), 0o644)
	noValue := filepath.Join(dir, "novalue.parquet")
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "cohort", Type: arrow.BinaryTypes.String}, {Name: "signal_id", Type: arrow.BinaryTypes.String},
		{Name: "signal_0", Type: arrow.PrimitiveTypes.Float64},
	}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	b.Field(0).(*array.StringBuilder).Append("")
	b.Field(1).(*array.StringBuilder).Append("s")
	b.Field(2).(*array.Float64Builder).Append(0)
	rec := b.NewRecordBatch()
	if err := table.WriteFile(noValue, rec, nil); err != nil {
		t.Fatal(err)
	}
	rec.Release()
	b.Release()
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{nil, 2, "exactly one observations file"},
		{[]string{"a.parquet", "b.parquet"}, 2, "exactly one observations file"},
		{[]string{"--threads", "0", "a.parquet"}, 2, "--threads"},
		{[]string{"--bogus", "a.parquet"}, 2, "bogus"},
		{[]string{filepath.Join(dir, "missing.parquet")}, 1, "missing.parquet"},
		{[]string{garbage}, 1, "garbage.parquet"},
		{[]string{noValue}, 1, `novalue.parquet: column "value" is missing`},
	} {
		_, err := runCmd(append([]string{"-q", "--log", ""}, c.args...)...)
		if command.ExitCode(err) != c.code || err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: exit %d, error %v; want exit %d mentioning %q", c.args, command.ExitCode(err), err, c.code, c.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "typology_raw.parquet")); !os.IsNotExist(err) {
		t.Error("a failed run left an output file")
	}
}
