package obsstats

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"sp/lib/obs"
	"sp/lib/table"
)

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*max(1, math.Abs(b))
}

func check(t *testing.T, what string, got, want float64) {
	t.Helper()
	if !near(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// Hand-derived: x = 0..9, v = 2x + 1 -> mean 10, var_pop 4 * 8.25 = 33,
// slope 2; merging any split equals the whole.
func TestMoments(t *testing.T) {
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	v := make([]float64, 10)
	for i := range x {
		v[i] = 2*x[i] + 1
	}
	whole := momentsOf(x, v)
	check(t, "mean", whole.Mean(), 10)
	check(t, "var_pop", whole.VarPop(), 33)
	check(t, "std_samp", whole.StdSamp(), math.Sqrt(330.0/9))
	check(t, "slope", whole.Slope(), 2)
	for cut := 0; cut <= 10; cut++ {
		m := momentsOf(x[:cut], v[:cut])
		m.Merge(momentsOf(x[cut:], v[cut:]))
		if m.N != 10 || !near(m.MeanV, whole.MeanV) || !near(m.M2V, whole.M2V) || !near(m.CXV, whole.CXV) || !near(m.M2X, whole.M2X) {
			t.Errorf("split at %d: %+v, want %+v", cut, m, whole)
		}
	}
	one := momentsOf([]float64{3}, []float64{5})
	if !math.IsNaN(one.Slope()) || !math.IsNaN(one.StdSamp()) || one.StdPop() != 0 {
		t.Errorf("one row: slope %v std_samp %v std_pop %v; want NULL, NULL, 0 (DuckDB)", one.Slope(), one.StdSamp(), one.StdPop())
	}
	var empty Moments
	if !math.IsNaN(empty.Mean()) || !math.IsNaN(empty.VarPop()) {
		t.Error("empty moments must be NULL")
	}
}

// Hand-derived from floor(k (x - lo) / (hi - lo)) + 1, capped at k.
func TestBucketOf(t *testing.T) {
	cases := []struct {
		x, lo, hi float64
		k, want   int64
	}{
		{0, 0, 99, 10, 1}, {9, 0, 99, 10, 1}, {10, 0, 99, 10, 2}, {99, 0, 99, 10, 10},
		{5, 5, 5, 10, 1}, {9, 0, 9, 20, 20}, {4, 0, 9, 20, 9}, {5, 0, 9, 20, 12},
	}
	for _, c := range cases {
		if got := BucketOf(c.x, c.lo, c.hi, c.k); got != c.want {
			t.Errorf("BucketOf(%v, %v, %v, %d) = %d, want %d", c.x, c.lo, c.hi, c.k, got, c.want)
		}
	}
}

func writeObs(t *testing.T, signals map[string][]float64, order []string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "observations.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range order {
		if err := w.WriteSignal(obs.Key{Cohort: "c", SignalID: id}, signals[id]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func spanOf(b Bounds, stride int64) Span {
	return Span{Min: b.Min, Max: b.Max, BaseEnd: b.Min + 0.2*(b.Max-b.Min), Mid: b.Min + 0.5*(b.Max-b.Min),
		LateStart: b.Min + 0.8*(b.Max-b.Min), Stride: stride}
}

// Signal "sq": v = x^2 at x = 0..9 and NaN at x = 10. All expected values
// are worked out by hand in the comments (sql.md §4.4 definitions).
func TestScanKnownAnswers(t *testing.T) {
	sq := make([]float64, 11)
	for i := range sq {
		sq[i] = float64(i * i)
	}
	sq[10] = math.NaN()
	long := make([]float64, 1000)
	path := writeObs(t, map[string][]float64{
		"sq":   sq,
		"inf":  {1, math.Inf(1), 3, math.NaN()},
		"long": long,
	}, []string{"sq", "inf", "long"})

	bounds, err := ScanBounds(path, Options{Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	want := []Bounds{
		{Key: Key{"c", "inf"}, Rows: 4, Invalid: 2, N: 2, Min: 0, Max: 2, Integral: true},
		{Key: Key{"c", "long"}, Rows: 1000, N: 1000, Min: 0, Max: 999, Integral: true},
		{Key: Key{"c", "sq"}, Rows: 11, Invalid: 1, N: 10, Min: 0, Max: 9, Integral: true},
	}
	if len(bounds) != len(want) {
		t.Fatalf("bounds: %+v", bounds)
	}
	for i := range want {
		if bounds[i] != want[i] {
			t.Errorf("bounds[%d] = %+v, want %+v", i, bounds[i], want[i])
		}
	}
	spans := map[Key]Span{}
	for _, b := range bounds {
		spans[b.Key] = spanOf(b, 1)
	}
	spans[Key{"c", "long"}] = spanOf(bounds[1], 7)
	stats, err := Scan(path, spans, Options{Threads: 1})
	if err != nil {
		t.Fatal(err)
	}
	long7 := stats[1]
	// x = 0, 7, ..., 994: 143 rows.
	if len(long7.ThinX) != 143 || long7.ThinX[1] != 7 || long7.ThinX[142] != 994 {
		t.Errorf("thin: %d rows, %v ... ", len(long7.ThinX), long7.ThinX[:2])
	}
	s := stats[2]
	if s.Key != (Key{"c", "sq"}) {
		t.Fatalf("order: %v", s.Key)
	}
	// base_end 1.8, mid 4.5, late_start 7.2. Baseline x = 0, 1 (v 0, 1):
	// mean 0.5, var 0.25, slope 1. Late x = 8, 9 (v 64, 81): mean 72.5,
	// var 72.25, slope 17. Post x = 2..9: slope of x^2 on symmetric x is
	// 2 * mean(x) = 11. Early half x = 0..4: mean 6, std_samp sqrt(174/4),
	// slope 4; late half x = 5..9: mean 51, std_samp sqrt(1974/4), slope
	// 14. All: mean 28.5, var_pop 15333/10 - 28.5^2 = 721.05.
	seg := s.Seg
	check(t, "base_n", float64(seg.Base.N), 2)
	check(t, "base_mean", seg.Base.Mean(), 0.5)
	check(t, "base_var", seg.Base.VarPop(), 0.25)
	check(t, "base_slope", seg.Base.Slope(), 1)
	check(t, "late_mean", seg.Late.Mean(), 72.5)
	check(t, "late_var", seg.Late.VarPop(), 72.25)
	check(t, "late_slope", seg.Late.Slope(), 17)
	check(t, "post_slope", seg.Post.Slope(), 11)
	check(t, "h1_mean", seg.H1.Mean(), 6)
	check(t, "h1_std", seg.H1.StdSamp(), math.Sqrt(174.0/4))
	check(t, "h1_slope", seg.H1.Slope(), 4)
	check(t, "h2_mean", seg.H2.Mean(), 51)
	check(t, "h2_std", seg.H2.StdSamp(), math.Sqrt(1974.0/4))
	check(t, "h2_slope", seg.H2.Slope(), 14)
	check(t, "mean", seg.All.Mean(), 28.5)
	check(t, "var_pop", seg.All.VarPop(), 721.05)
	check(t, "min", seg.MinV, 0)
	check(t, "max", seg.MaxV, 81)
	// Envelope 0.5 ± 2 * 0.5 = [-0.5, 1.5]: every post-baseline value (4..81) is out.
	if s.Exceed != (Exceedance{N: 8, High: 8, FirstX: 2, LastX: 9}) {
		t.Errorf("exceedances %+v", s.Exceed)
	}
	// k = 10 over span 9: floor(10x/9) puts every x in its own bucket w = x + 1.
	if len(s.B10) != 10 {
		t.Fatalf("b10: %d buckets", len(s.B10))
	}
	for i, b := range s.B10 {
		if b.W != int64(i+1) || b.N != 1 || b.MeanV != float64(i*i) || b.StartX != float64(i) || !math.IsNaN(b.Slope()) {
			t.Errorf("b10[%d] = %+v", i, b)
		}
	}
	// k = 20: floor(20x/9) + 1 = 1, 3, 5, 7, 9, 12, 14, 16, 18, 20.
	w20 := []int64{1, 3, 5, 7, 9, 12, 14, 16, 18, 20}
	for i, b := range s.B20 {
		if b.W != w20[i] {
			t.Errorf("b20[%d].W = %d, want %d", i, b.W, w20[i])
		}
	}
}

// rowsFile writes a file in a layout sp-ingest never produces: rows out
// of signal_0 order, null and empty cohorts for the same signal_id,
// negative (overlap) coordinates, and the reference's integer column I.
func rowsFile(t *testing.T, cohorts []*string, ids []string, idx []int64, vals []float64) string {
	t.Helper()
	mem := memory.DefaultAllocator
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "cohort", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "signal_id", Type: arrow.BinaryTypes.String},
		{Name: "I", Type: arrow.PrimitiveTypes.Int64},
		{Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	for i := range ids {
		if cohorts[i] == nil {
			b.Field(0).(*array.StringBuilder).AppendNull()
		} else {
			b.Field(0).(*array.StringBuilder).Append(*cohorts[i])
		}
		b.Field(1).(*array.StringBuilder).Append(ids[i])
		b.Field(2).(*array.Int64Builder).Append(idx[i])
		if math.IsNaN(vals[i]) {
			b.Field(3).(*array.Float64Builder).AppendNull()
		} else {
			b.Field(3).(*array.Float64Builder).Append(vals[i])
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	path := filepath.Join(t.TempDir(), "observations.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	// pqarrow directly: table.WriteFile's Commit syncs a file pqarrow has closed.
	w, err := pqarrow.NewFileWriter(schema, f, table.WriterProps(), pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil { // closes f
		t.Fatal(err)
	}
	return path
}

func TestScanOddLayout(t *testing.T) {
	empty := ""
	// Signal "a" in two pieces: null cohort rows x = 3, -2, 1 and empty
	// cohort rows x = 2, 0, -1; values v = 10x, a NULL at x = 4.
	cohorts := []*string{nil, nil, nil, &empty, &empty, &empty, nil}
	ids := []string{"a", "a", "a", "a", "a", "a", "a"}
	idx := []int64{3, -2, 1, 2, 0, -1, 4}
	vals := []float64{30, -20, 10, 20, 0, -10, math.NaN()}
	path := rowsFile(t, cohorts, ids, idx, vals)

	for _, overlap := range []bool{false, true} {
		opt := Options{IncludeOverlap: overlap, Threads: 3}
		bounds, err := ScanBounds(path, opt)
		if err != nil {
			t.Fatal(err)
		}
		want := Bounds{Key: Key{"", "a"}, Rows: 5, Invalid: 1, N: 4, Min: 0, Max: 3, Integral: true}
		if overlap {
			want = Bounds{Key: Key{"", "a"}, Rows: 7, Invalid: 1, N: 6, Min: -2, Max: 3, Integral: true}
		}
		if len(bounds) != 1 || bounds[0] != want {
			t.Fatalf("overlap %v: bounds %+v, want %+v", overlap, bounds, want)
		}
		stats, err := Scan(path, map[Key]Span{want.Key: spanOf(bounds[0], 1)}, opt)
		if err != nil {
			t.Fatal(err)
		}
		// v = 10x exactly: every slope is 10, the mean is 10 * mean(x).
		all := stats[0].Seg.All
		meanX := 1.5
		if overlap {
			meanX = 0.5
		}
		check(t, "slope", all.Slope(), 10)
		check(t, "mean", all.Mean(), 10*meanX)
		if got := len(stats[0].ThinX); got != int(want.N) {
			t.Errorf("thin rows %d, want %d", got, want.N)
		}
		// Baseline: overlap off x in [0, 0.6] -> x = 0 (v 0, std 0): every
		// later value differs, so 3 exceedances (x = 1, 2, 3), all high.
		// Overlap on: x in [-2, -1] -> mean -15, std 5, envelope [-25, -5]:
		// x = 0..3 (v 0..30) are all above.
		wantEx := Exceedance{N: 3, High: 3, FirstX: 1, LastX: 3}
		if overlap {
			wantEx = Exceedance{N: 4, High: 4, FirstX: 0, LastX: 3}
		}
		if stats[0].Exceed != wantEx {
			t.Errorf("overlap %v: exceedances %+v, want %+v", overlap, stats[0].Exceed, wantEx)
		}
	}
}

// The result does not depend on the number of workers or on how rows fall
// into chunks (determinism, sql.md §8 test 7).
func TestScanDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	sigs := map[string][]float64{}
	var order []string
	for s := 0; s < 5; s++ {
		id := string(rune('a' + s))
		v := make([]float64, 200003)
		for i := range v {
			v[i] = rng.NormFloat64() + float64(i)*1e-4*float64(s)
		}
		sigs[id] = v
		order = append(order, id)
	}
	path := writeObs(t, sigs, order)
	run := func(threads int) []Stats {
		bounds, err := ScanBounds(path, Options{Threads: threads})
		if err != nil {
			t.Fatal(err)
		}
		spans := map[Key]Span{}
		for _, b := range bounds {
			spans[b.Key] = spanOf(b, 2)
		}
		st, err := Scan(path, spans, Options{Threads: threads})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	a, b := run(1), run(4)
	for i := range a {
		if a[i].Seg != b[i].Seg || a[i].Exceed != b[i].Exceed || len(a[i].B50) != len(b[i].B50) {
			t.Fatalf("signal %v differs between 1 and 4 workers", a[i].Key)
		}
		for j := range a[i].B50 {
			if a[i].B50[j] != b[i].B50[j] {
				t.Fatalf("bucket differs")
			}
		}
	}
}

func TestScanErrors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "observations.parquet")
	if err := os.WriteFile(path, []byte("not parquet"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ScanBounds(path, Options{}); err == nil {
		t.Error("a corrupt file must fail")
	}
	if _, err := ScanBounds(filepath.Join(t.TempDir(), "missing.parquet"), Options{}); err == nil {
		t.Error("a missing file must fail")
	}
}
