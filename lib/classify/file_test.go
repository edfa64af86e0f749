package classify

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"sp/lib/table"
)

// writeRawFile writes rows as a typology_raw.parquet with the schema of
// typology.md §5, leaving out the columns in drop.
func writeRawFile(t testing.TB, path string, rows []Raw, drop ...string) {
	t.Helper()
	var fields []arrow.Field
	var cols []column
	for _, c := range rawColumns {
		if !slices.Contains(drop, c.name) {
			fields = append(fields, rawField(c))
			cols = append(cols, c)
		}
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, nil))
	defer b.Release()
	for i := range rows {
		for j, c := range cols {
			appendRaw(b.Field(j), c, &rows[i])
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	if err := table.WriteFile(path, rec, nil); err != nil {
		t.Fatal(err)
	}
}

// fixtureRows: a white-noise row (E2), a constant row with a null cohort
// and null ACF, and a binary row.
func fixtureRows() []Raw {
	noise := neutral()
	noise.SignalID, noise.Cohort = "noise", "pump"
	constant := Raw{SignalID: "flat", CohortNull: true, NSamples: 10, NAnalysis: 10, ADFPValue: 1, KPSSPValue: 1,
		VarianceRatio: 1, ACFHalfLife: nan, Hurst: 0.5, Kurtosis: 3, CrestFactor: 1, IsConstant: true,
		SignalMean: 42, DerivativeSparsity: 1, WindowFactor: 0.5}
	binary := neutral()
	binary.SignalID, binary.Cohort, binary.UniqueRatio = "valve", "pump", 2.0/5000
	return []Raw{constant, noise, binary}
}

// typologySchema is typology.md §6.12 transcribed: name, type, nullable.
var typologySchema = []string{
	"signal_id utf8 false", "cohort utf8 true", "n_samples int64 false", "adf_pvalue float64 false",
	"kpss_pvalue float64 false", "variance_ratio float64 false", "acf_half_life float64 true",
	"hurst float64 false", "perm_entropy float64 false", "sample_entropy float64 false",
	"spectral_flatness float64 false", "spectral_slope float64 false", "harmonic_noise_ratio float64 false",
	"spectral_peak_snr float64 false", "dominant_frequency float64 false", "is_first_bin_peak bool false",
	"turning_point_ratio float64 false", "lyapunov_proxy float64 false", "determinism_score float64 false",
	"arch_pvalue float64 false", "rolling_var_std float64 false", "kurtosis float64 false",
	"skewness float64 false", "crest_factor float64 false", "unique_ratio float64 false",
	"is_integer bool false", "is_constant bool false", "sparsity float64 false", "signal_std float64 false",
	"signal_mean float64 false", "derivative_sparsity float64 false", "zero_run_ratio float64 false",
	"window_factor float64 false", "n_analysis int64 false", "acf_decayed bool false",
	"is_discrete_sparse bool false", "temporal_pattern list<element: utf8, nullable> false",
	"temporal_primary utf8 false", "temporal_secondary utf8 true", "classification_confidence utf8 false",
	"spectral utf8 false", "dominant_frequency_is_artifact bool true",
	"dominant_frequency_corrected float64 true", "continuity utf8 false", "stationarity utf8 false",
	"memory utf8 true", "complexity utf8 true", "distribution utf8 false", "amplitude utf8 false",
	"volatility utf8 true", "determinism utf8 true", "recommended_window int32 true",
	"derivative_depth int32 false", "eigenvalue_budget int32 false", "engines list<element: utf8, nullable> false",
}

func TestRunWritesTypology(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "typology_raw.parquet"), filepath.Join(dir, "typology.parquet")
	writeRawFile(t, in, fixtureRows())
	sum, err := Run(in, out)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rows != 3 || len(sum.Missing) != 0 || len(sum.Derived) != 0 ||
		sum.Patterns[Constant] != 1 || sum.Patterns[Random] != 1 || sum.Patterns[Binary] != 1 {
		t.Errorf("summary %+v", sum)
	}
	tbl, err := table.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	var got []string
	for _, f := range tbl.Schema().Fields() {
		got = append(got, f.Name+" "+f.Type.String()+" "+map[bool]string{true: "true", false: "false"}[f.Nullable])
	}
	if !slices.Equal(got, typologySchema) {
		t.Errorf("schema:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(typologySchema, "\n"))
	}

	tt, err := OpenTable(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tt.Close()
	strs := func(name string) []string {
		col, err := tt.Strings(name)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for i := 0; i < tt.Rows(); i++ {
			s, ok := col.At(i)
			if !ok {
				s = "<null>"
			}
			out = append(out, s)
		}
		return out
	}
	checks := map[string][]string{
		"signal_id":        {"flat", "noise", "valve"}, // input order kept
		"cohort":           {"<null>", "pump", "pump"},
		"temporal_primary": {Constant, Random, Binary},
		"memory":           {"<null>", ShortMemory, ShortMemory},
		"spectral":         {None, Broadband, Switching},
	}
	for name, want := range checks {
		if got := strs(name); !slices.Equal(got, want) {
			t.Errorf("%s: got %v; want %v", name, got, want)
		}
	}
	labels, _ := tt.Labels("engines")
	if e, ok := labels.At(0); !ok || len(e) != 0 {
		t.Errorf("constant engines %v %v; want an empty list", e, ok)
	}
	if e, _ := labels.At(2); !slices.Equal(e, discreteEngines[Binary]) {
		t.Errorf("binary engines %v", e)
	}
	acf, _ := tt.Floats("acf_half_life")
	if _, ok := acf.At(0); ok {
		t.Error("a null acf_half_life must pass through as null")
	}
	art, _ := tt.Bools("dominant_frequency_is_artifact")
	if _, ok := art.At(2); ok {
		t.Error("artifact flag must be null on a discrete row")
	}
	if v, ok := art.At(1); !ok || v {
		t.Error("artifact flag must be false on the noise row")
	}
	win, _ := tt.Ints("recommended_window")
	if _, ok, _ := win.At(0); ok {
		t.Error("recommended_window must be null for CONSTANT")
	}
	if v, _, _ := win.At(1); v != 128 {
		t.Errorf("recommended_window %d; want 128", v)
	}
	mean, _ := tt.Floats("signal_mean")
	if v, _ := mean.At(0); v != 42 {
		t.Errorf("signal_mean %v; want 42 passed through", v)
	}

	// Same input, same bytes.
	first, _ := os.ReadFile(out)
	if _, err := Run(in, out); err != nil {
		t.Fatal(err)
	}
	if second, _ := os.ReadFile(out); !bytes.Equal(first, second) {
		t.Error("two runs gave different bytes")
	}
}

func TestRunEmptyInput(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.parquet"), filepath.Join(dir, "out.parquet")
	writeRawFile(t, in, nil)
	if sum, err := Run(in, out); err != nil || sum.Rows != 0 {
		t.Fatal(sum, err)
	}
	tbl, err := table.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	if tbl.NumRows() != 0 || tbl.NumCols() != int64(len(typologySchema)) {
		t.Errorf("%d rows %d columns", tbl.NumRows(), tbl.NumCols())
	}
}

// TestReferenceInput reads a file without the extension columns, as the
// reference wrote it: n_analysis and acf_decayed are derived (§6.2).
func TestReferenceInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "raw.parquet")
	rows := []Raw{
		{SignalID: "long", NSamples: 100000, ACFHalfLife: 100, UniqueRatio: 1, SignalStd: 1},
		{SignalID: "short", NSamples: 300, ACFHalfLife: 99, UniqueRatio: 1, SignalStd: 1},
		{SignalID: "tiny", NSamples: 8, ACFHalfLife: nan, UniqueRatio: 1, SignalStd: 1},
	}
	writeRawFile(t, path, rows, colNAnalysis, colACFDecayed, colCohort, "hurst")
	f, err := ReadRaw(path)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(f.Derived, []string{colNAnalysis, colACFDecayed}) || !slices.Equal(f.Missing, []string{"hurst"}) {
		t.Errorf("derived %v missing %v", f.Derived, f.Missing)
	}
	want := []struct {
		nA      int64
		decayed bool
	}{{65536, false}, {300, true}, {8, false}}
	for i, w := range want {
		r := f.Rows[i]
		// No cohort column: every cohort is null (typology.md §2.1).
		if r.NAnalysis != w.nA || r.ACFDecayed != w.decayed || !math.IsNaN(r.Hurst) || !r.CohortNull {
			t.Errorf("row %d: n_analysis %d decayed %v hurst %v cohort null %v", i, r.NAnalysis, r.ACFDecayed, r.Hurst, r.CohortNull)
		}
	}
}

// TestLenientTypes reads columns in the types pandas or DuckDB may write.
func TestLenientTypes(t *testing.T) {
	mem := memory.DefaultAllocator
	dictType := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int8, ValueType: arrow.BinaryTypes.String}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "signal_id", Type: dictType},
		{Name: "cohort", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "n_samples", Type: arrow.PrimitiveTypes.Int32},
		{Name: "hurst", Type: arrow.PrimitiveTypes.Float32},
		{Name: "acf_half_life", Type: arrow.PrimitiveTypes.Int16, Nullable: true},
		{Name: "is_integer", Type: arrow.Null, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	if err := b.Field(0).(*array.BinaryDictionaryBuilder).AppendString("a"); err != nil {
		t.Fatal(err)
	}
	b.Field(1).(*array.Int32Builder).Append(7)
	b.Field(2).(*array.Int32Builder).Append(5000)
	b.Field(3).(*array.Float32Builder).Append(0.75)
	b.Field(4).(*array.Int16Builder).Append(12)
	b.Field(5).AppendNull()
	rec := b.NewRecordBatch()
	defer rec.Release()
	path := filepath.Join(t.TempDir(), "raw.parquet")
	if err := table.WriteFile(path, rec, nil); err != nil {
		t.Fatal(err)
	}
	f, err := ReadRaw(path)
	if err != nil {
		t.Fatal(err)
	}
	r := f.Rows[0]
	if r.SignalID != "a" || r.Cohort != "7" || r.NSamples != 5000 || r.Hurst != 0.75 || r.ACFHalfLife != 12 ||
		r.IsInteger || r.NAnalysis != 5000 || !r.ACFDecayed {
		t.Errorf("got %+v", r)
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, rows []Raw, drop ...string) string {
		p := filepath.Join(dir, name)
		writeRawFile(t, p, rows, drop...)
		return p
	}
	good := fixtureRows()
	negative := fixtureRows()
	negative[1].NSamples = -1
	hugeACF := fixtureRows()
	hugeACF[1].ACFHalfLife = 1e12
	notParquet := filepath.Join(dir, "junk.parquet")
	os.WriteFile(notParquet, []byte("PAR1 this is not parquet"), 0o644)

	// A string where a number belongs, and a null signal_id.
	stringHurst := filepath.Join(dir, "string_hurst.parquet")
	nullID := filepath.Join(dir, "null_id.parquet")
	for _, p := range []string{stringHurst, nullID} {
		fields := []arrow.Field{{Name: "signal_id", Type: arrow.BinaryTypes.String, Nullable: true},
			{Name: "n_samples", Type: arrow.PrimitiveTypes.Int64}}
		if p == stringHurst {
			fields = append(fields, arrow.Field{Name: "hurst", Type: arrow.BinaryTypes.String})
		}
		b := array.NewRecordBuilder(memory.DefaultAllocator, arrow.NewSchema(fields, nil))
		if p == stringHurst {
			b.Field(0).(*array.StringBuilder).Append("s")
			b.Field(2).(*array.StringBuilder).Append("0.5")
		} else {
			b.Field(0).AppendNull()
		}
		b.Field(1).(*array.Int64Builder).Append(10)
		rec := b.NewRecordBatch()
		if err := table.WriteFile(p, rec, nil); err != nil {
			t.Fatal(err)
		}
		rec.Release()
		b.Release()
	}

	cases := []struct {
		path string
		want []string // substrings of the error
	}{
		{filepath.Join(dir, "absent.parquet"), []string{"absent.parquet", "no such file"}},
		{notParquet, []string{"junk.parquet", "not a readable parquet file"}},
		{write("no_id.parquet", good, colSignalID), []string{"no_id.parquet", `"signal_id" is missing`}},
		{write("no_n.parquet", good, colNSamples), []string{"no_n.parquet", `"n_samples" is missing`}},
		{write("neg.parquet", negative), []string{"neg.parquet", "row 2", "pump/noise", `"n_samples"`, "negative"}},
		{write("acf.parquet", hugeACF), []string{"acf.parquet", "row 2", `"acf_half_life"`, "out of range"}},
		{stringHurst, []string{"string_hurst.parquet", `"hurst"`, "utf8", "want a number"}},
		{nullID, []string{"null_id.parquet", "row 1", `"signal_id" is null`}},
	}
	for _, tc := range cases {
		_, err := ReadRaw(tc.path)
		if err == nil {
			t.Errorf("%s: no error", tc.path)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q lacks %q", filepath.Base(tc.path), err, w)
			}
		}
	}
}

func TestWriteRejectsMismatch(t *testing.T) {
	err := Write(filepath.Join(t.TempDir(), "x.parquet"), fixtureRows(), nil)
	if err == nil || !strings.Contains(err.Error(), "3 rows but 0 classifications") {
		t.Errorf("got %v", err)
	}
}
