package obs

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"sp/lib/pqfile"
)

func writeObs(t *testing.T, write func(w *Writer)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "observations.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(f, WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	write(w)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func ramp(n int, base float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = base + float64(i)
	}
	return v
}

func readAll(t *testing.T, r *Reader, k Key) (idx, val []float64) {
	t.Helper()
	err := r.ReadSignal(k, func(c Chunk) error {
		idx = append(idx, c.Index...)
		val = append(val, c.Value...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return idx, val
}

func TestWriterRoundTrip(t *testing.T) {
	a, b := Key{Cohort: "tower", SignalID: "ch1"}, Key{Cohort: "tower", SignalID: "ch2"}
	// two "files": a then b, then a then b again; 70000 rows crosses a batch.
	path := writeObs(t, func(w *Writer) {
		for _, step := range []struct {
			k    Key
			n    int
			base float64
		}{{a, 70000, 0}, {b, 3, 1000}, {a, 5, 70000}, {b, 2, 1003}} {
			if err := w.WriteSignal(step.k, ramp(step.n, step.base)); err != nil {
				t.Fatal(err)
			}
		}
		if got := w.Samples(); len(got) != 2 || got[0].Samples != 70005 || got[1].Samples != 5 {
			t.Fatalf("Samples() = %v", got)
		}
	})
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.contiguous {
		t.Error("layout metadata not recognised")
	}
	sigs := r.Signals()
	if len(sigs) != 2 || sigs[0].Key != a || sigs[0].Rows != 70005 || sigs[1].Key != b || sigs[1].Rows != 5 {
		t.Fatalf("Signals() = %+v", sigs)
	}
	for _, k := range []Key{a, b} {
		idx, val := readAll(t, r, k)
		base := 0.0
		if k == b {
			base = 1000
		}
		for i := range idx {
			if idx[i] != float64(i) || val[i] != base+float64(i) {
				t.Fatalf("%s row %d: signal_0=%v value=%v", k, i, idx[i], val[i])
			}
		}
	}
	// The same rows through the generic path (signal_0 decoded, not synthesised).
	r.contiguous = false
	idx, _ := readAll(t, r, a)
	if len(idx) != 70005 || idx[70004] != 70004 {
		t.Fatalf("decoded signal_0: %d rows, last %v", len(idx), idx[len(idx)-1])
	}
}

func TestWriterDeterministic(t *testing.T) {
	write := func(w *Writer) {
		w.WriteSignal(Key{SignalID: "x"}, []float64{1, math.NaN(), 3})
		w.WriteSignal(Key{SignalID: "y"}, []float64{4})
	}
	p1, p2 := writeObs(t, write), writeObs(t, write)
	b1, _ := os.ReadFile(p1)
	b2, _ := os.ReadFile(p2)
	if !bytes.Equal(b1, b2) {
		t.Fatal("same input gave different bytes")
	}
}

// foreign writes a file the way pandas or DuckDB might: nullable columns,
// several signals interleaved in one row group, int64 signal_0.
func foreign(t *testing.T, cohorts []*string, ids []*string, idx []int64, vals []*float64, withCohort bool) string {
	t.Helper()
	mem := memory.DefaultAllocator
	var fields []arrow.Field
	var cols []arrow.Array
	strCol := func(v []*string) arrow.Array {
		b := array.NewStringBuilder(mem)
		for _, s := range v {
			if s == nil {
				b.AppendNull()
			} else {
				b.Append(*s)
			}
		}
		return b.NewArray()
	}
	if withCohort {
		fields = append(fields, arrow.Field{Name: "cohort", Type: arrow.BinaryTypes.String, Nullable: true})
		cols = append(cols, strCol(cohorts))
	}
	fields = append(fields, arrow.Field{Name: "signal_id", Type: arrow.BinaryTypes.String, Nullable: true})
	cols = append(cols, strCol(ids))
	ib := array.NewInt64Builder(mem)
	ib.AppendValues(idx, nil)
	fields = append(fields, arrow.Field{Name: "signal_0", Type: arrow.PrimitiveTypes.Int64})
	cols = append(cols, ib.NewArray())
	vb := array.NewFloat64Builder(mem)
	for _, v := range vals {
		if v == nil {
			vb.AppendNull()
		} else {
			vb.Append(*v)
		}
	}
	fields = append(fields, arrow.Field{Name: "value", Type: arrow.PrimitiveTypes.Float64, Nullable: true})
	cols = append(cols, vb.NewArray())
	rec := array.NewRecord(arrow.NewSchema(fields, nil), cols, int64(len(idx)))
	path := filepath.Join(t.TempDir(), "foreign.parquet")
	f, _ := os.Create(path)
	w, err := pqarrow.NewFileWriter(rec.Schema(), f, parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(4)), pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func sp(s string) *string   { return &s }
func fp(v float64) *float64 { return &v }

func TestForeignLayouts(t *testing.T) {
	// rows: a, b interleaved; b out of order; a null id row; a null value; a null cohort.
	cohorts := []*string{sp("u"), sp("u"), sp("u"), sp("u"), sp("u"), nil, sp("u"), sp("u")}
	ids := []*string{sp("a"), sp("b"), sp("a"), sp("b"), nil, sp("a"), sp("a"), sp("b")}
	idx := []int64{0, 5, 1, 3, 9, 0, 2, 4}
	vals := []*float64{fp(10), fp(50), nil, fp(30), fp(99), fp(7), fp(12), fp(40)}
	path := foreign(t, cohorts, ids, idx, vals, true)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	sigs := r.Signals()
	want := []Signal{{Key{NullCohort: true, SignalID: "a"}, 1}, {Key{Cohort: "u", SignalID: "a"}, 3}, {Key{Cohort: "u", SignalID: "b"}, 3}}
	if len(sigs) != len(want) {
		t.Fatalf("Signals() = %+v", sigs)
	}
	for i := range want {
		if sigs[i] != want[i] {
			t.Fatalf("Signals()[%d] = %+v, want %+v", i, sigs[i], want[i])
		}
	}
	gi, gv := readAll(t, r, Key{Cohort: "u", SignalID: "a"})
	if !equal(gi, []float64{0, 1, 2}) || gv[0] != 10 || !math.IsNaN(gv[1]) || gv[2] != 12 {
		t.Fatalf("u/a: %v %v", gi, gv)
	}
	gi, gv = readAll(t, r, Key{Cohort: "u", SignalID: "b"}) // stored 5,3,4: sorted in memory
	if !equal(gi, []float64{3, 4, 5}) || !equal(gv, []float64{30, 40, 50}) {
		t.Fatalf("u/b: %v %v", gi, gv)
	}
	var scanned int
	r.Scan(func(k Key, c Chunk) error { scanned += len(c.Index); return nil })
	if scanned != 7 { // the null-id row is dropped
		t.Fatalf("Scan saw %d rows, want 7", scanned)
	}

	old := MaxSortRows
	MaxSortRows = 2
	defer func() { MaxSortRows = old }()
	err = r.ReadSignal(Key{Cohort: "u", SignalID: "b"}, func(Chunk) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "not in signal_0 order") {
		t.Fatalf("unsorted over the cap: err = %v", err)
	}
}

func TestMissingCohortAndBadSchema(t *testing.T) {
	path := foreign(t, nil, []*string{sp("x"), sp("x")}, []int64{0, 1}, []*float64{fp(1), fp(2)}, false)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s := r.Signals(); len(s) != 1 || s[0].Key != (Key{SignalID: "x"}) {
		t.Fatalf("Signals() = %+v", s)
	}
	r.Close()

	// A file without a value column.
	mem := memory.DefaultAllocator
	b := array.NewStringBuilder(mem)
	b.Append("x")
	rec := array.NewRecord(arrow.NewSchema([]arrow.Field{{Name: "signal_id", Type: arrow.BinaryTypes.String}}, nil), []arrow.Array{b.NewArray()}, 1)
	bad := filepath.Join(t.TempDir(), "bad.parquet")
	f, _ := os.Create(bad)
	w, _ := pqarrow.NewFileWriter(rec.Schema(), f, nil, pqarrow.DefaultWriterProps())
	w.Write(rec)
	w.Close()
	_, err = Open(bad)
	if err == nil || !strings.Contains(err.Error(), `column "signal_0" is missing`) || !strings.Contains(err.Error(), bad) {
		t.Fatalf("err = %v", err)
	}
	os.WriteFile(bad, []byte("not parquet"), 0o644)
	if _, err := Open(bad); err == nil || !strings.Contains(err.Error(), "not a readable parquet file") {
		t.Fatalf("err = %v", err)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestByteStreamSplit(t *testing.T) {
	for _, n := range []int{0, 1, 7, 8, 9, 64, 100} {
		v := make([]float64, n)
		for i := range v {
			v[i] = math.Float64frombits(0x0102030405060708*uint64(i+1) + uint64(i)<<56)
		}
		got := make([]byte, 8*n)
		pqfile.ByteStreamSplit(got, v)
		for i, x := range v {
			u := math.Float64bits(x)
			for k := 0; k < 8; k++ {
				if got[k*n+i] != byte(u>>(8*k)) {
					t.Fatalf("n=%d value %d byte %d: got %#x want %#x", n, i, k, got[k*n+i], byte(u>>(8*k)))
				}
			}
		}
	}
}

// FuzzOpen: a corrupted observations file gives an error, never a panic.
func FuzzOpen(f *testing.F) {
	dir := f.TempDir()
	path := filepath.Join(dir, "seed.parquet")
	out, _ := os.Create(path)
	w, _ := NewWriter(out, WriterOptions{})
	w.WriteSignal(Key{Cohort: "c", SignalID: "a"}, []float64{1, 2, 3, math.NaN()})
	w.WriteSignal(Key{Cohort: "c", SignalID: "b"}, []float64{4, 5})
	w.Close()
	out.Close()
	seed, _ := os.ReadFile(path)
	f.Add(seed)
	f.Add(seed[:len(seed)-9])
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f.parquet")
		os.WriteFile(p, data, 0o644)
		r, err := Open(p)
		if err != nil {
			return
		}
		defer r.Close()
		for _, s := range r.Signals() {
			r.ReadSignal(s.Key, func(Chunk) error { return nil })
		}
		r.Scan(func(Key, Chunk) error { return nil })
	})
}

// TestNaNValueStatistics: a value chunk holding NaN (a missing sample)
// has no min/max, so DuckDB cannot prune its row group on them; one
// without NaN keeps them.
func TestNaNValueStatistics(t *testing.T) {
	path := writeObs(t, func(w *Writer) {
		w.WriteSignal(Key{SignalID: "a"}, []float64{1, math.NaN(), 3})
		w.WriteSignal(Key{SignalID: "b"}, []float64{1, 2, 3})
	})
	_, pr := openParquet(t, path)
	for g, wantMinMax := range []bool{false, true} {
		cc, err := pr.MetaData().RowGroup(g).ColumnChunk(3)
		if err != nil {
			t.Fatal(err)
		}
		st, err := cc.Statistics()
		if err != nil || st == nil {
			t.Fatalf("row group %d: no statistics (%v)", g, err)
		}
		if st.HasMinMax() != wantMinMax {
			t.Errorf("row group %d: min/max present %v, want %v", g, st.HasMinMax(), wantMinMax)
		}
	}
}

// TestReadValues: ReadValues gives ReadSignal's values, for sp-ingest's
// layout (the index not materialised) and for a foreign one (sorted in
// memory).
func TestReadValues(t *testing.T) {
	ingest := writeObs(t, func(w *Writer) {
		w.WriteSignal(Key{SignalID: "a"}, ramp(5, 1))
		w.WriteSignal(Key{SignalID: "b"}, ramp(3, 100))
		w.WriteSignal(Key{SignalID: "a"}, []float64{math.NaN(), 9})
	})
	foreignPath := foreign(t, []*string{sp("u"), sp("u"), sp("u")}, []*string{sp("b"), sp("b"), sp("b")},
		[]int64{5, 3, 4}, []*float64{fp(50), fp(30), fp(40)}, true)
	for _, tc := range []struct {
		path string
		keys []Key
	}{
		{ingest, []Key{{SignalID: "a"}, {SignalID: "b"}}},
		{foreignPath, []Key{{Cohort: "u", SignalID: "b"}}},
	} {
		r, err := Open(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range tc.keys {
			_, want := readAll(t, r, k)
			var got []float64
			if err := r.ReadValues(k, func(v []float64) error { got = append(got, v...); return nil }); err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%s: %v, want %v", k, got, want)
			}
			for i := range got {
				if got[i] != want[i] && !(math.IsNaN(got[i]) && math.IsNaN(want[i])) {
					t.Fatalf("%s: %v, want %v", k, got, want)
				}
			}
		}
		r.Close()
	}
}

// openParquet opens path with arrow-go's reader, closed when the test ends.
func openParquet(t *testing.T, path string) (*os.File, *file.Reader) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	pr, err := file.NewParquetReader(f)
	if err != nil {
		t.Fatal(err)
	}
	return f, pr
}

// In sp-ingest's layout ReadValues hands out full batches whatever the
// row groups' sizes: batch i is the signal's rows [65,536·i, 65,536·(i+1)).
func TestReadValuesFullBatches(t *testing.T) {
	sizes := []int{70000, 1000, 100000, 65536, 3}
	var all []float64
	path := writeObs(t, func(w *Writer) {
		for i, n := range sizes {
			v := ramp(n, float64(len(all)))
			v[n/2] = math.NaN()
			all = append(all, v...)
			if err := w.WriteSignal(Key{SignalID: "a"}, v); err != nil {
				t.Fatal(err)
			}
			if err := w.WriteSignal(Key{SignalID: "b"}, ramp(i+2, -1)); err != nil {
				t.Fatal(err)
			}
		}
	})
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var lens []int
	var got []float64
	err = r.ReadValues(Key{SignalID: "a"}, func(v []float64) error {
		lens = append(lens, len(v))
		got = append(got, v...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []int{batchRows, batchRows, batchRows, len(all) - 3*batchRows}
	if !slices.Equal(lens, want) {
		t.Errorf("batch lengths %v, want %v", lens, want)
	}
	if len(got) != len(all) {
		t.Fatalf("%d values, want %d", len(got), len(all))
	}
	for i := range got {
		if got[i] != all[i] && !(math.IsNaN(got[i]) && math.IsNaN(all[i])) {
			t.Fatalf("value %d is %v, want %v", i, got[i], all[i])
		}
	}
}

// An error from ReadValues's callback ends the read and comes back as is.
func TestReadValuesCallbackError(t *testing.T) {
	path := writeObs(t, func(w *Writer) {
		for range 3 {
			if err := w.WriteSignal(Key{SignalID: "a"}, ramp(100000, 0)); err != nil {
				t.Fatal(err)
			}
		}
	})
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	stop := errors.New("stop")
	calls := 0
	err = r.ReadValues(Key{SignalID: "a"}, func([]float64) error {
		if calls++; calls == 2 {
			return stop
		}
		return nil
	})
	if err != stop || calls != 2 {
		t.Errorf("got %v after %d calls, want the callback's error after 2", err, calls)
	}
}
