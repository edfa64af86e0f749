package pqfile

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// table is what a test writes: one slice per column.
type table struct {
	keys    []string
	strs    []string
	i32     []int32
	i64     []int64
	doubles []float64
	maybe   []float64 // NullableDouble: non-finite = null
}

var testColumns = []Column{
	{Name: "key", Kind: Key, Vocab: []string{"delta", "alpha", "charlie", "bravo", "alpha"}},
	{Name: "text", Kind: String},
	{Name: "n32", Kind: Int32},
	{Name: "n64", Kind: Int64},
	{Name: "x", Kind: Double},
	{Name: "y", Kind: NullableDouble},
}

// randomTable mixes long runs and single values in the key column (RLE
// and bit-packed runs at every alignment), keys outside the vocabulary,
// and nulls of every kind in y.
func randomTable(n int, rng *rand.Rand) table {
	var t table
	keys := []string{"alpha", "bravo", "charlie", "delta", "echo-not-listed"}
	for len(t.keys) < n {
		k := keys[rng.IntN(len(keys))]
		run := 1
		if rng.IntN(3) == 0 {
			run = 1 + rng.IntN(40)
		}
		for j := 0; j < run && len(t.keys) < n; j++ {
			t.keys = append(t.keys, k)
		}
	}
	for i := range n {
		t.strs = append(t.strs, fmt.Sprintf("s%d", rng.IntN(1000)))
		t.i32 = append(t.i32, rng.Int32()-1<<30)
		t.i64 = append(t.i64, rng.Int64()-1<<62)
		t.doubles = append(t.doubles, rng.NormFloat64())
		y := rng.NormFloat64()
		switch r := rng.IntN(10); {
		case i%1000 < 20: // a stretch of nulls
			y = math.NaN()
		case r == 0:
			y = math.Inf(1 - 2*rng.IntN(2))
		case r == 1:
			y = math.NaN()
		}
		t.maybe = append(t.maybe, y)
	}
	return t
}

func writeTable(t *testing.T, tb table, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, testColumns, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i := range tb.keys {
		w.Key(0, tb.keys[i])
		w.String(1, tb.strs[i])
		w.Int32(2, tb.i32[i])
		w.Int64(3, tb.i64[i])
		w.Double(4, tb.doubles[i])
		w.Double(5, tb.maybe[i])
		if err := w.EndRow(); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip reads the files back with arrow-go (an independent
// parquet reader) and compares every value and null.
func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, tc := range []struct {
		rows int
		opt  Options
	}{
		{0, Options{}},
		{1, Options{}},
		{7, Options{PageRows: 3, RowGroupRows: 5}},
		{5000, Options{PageRows: 128, RowGroupRows: 1000}},
		{5003, Options{PageRows: 100, RowGroupRows: 777}},
		{20000, Options{}},
	} {
		tb := randomTable(tc.rows, rng)
		data := writeTable(t, tb, tc.opt)
		rdr, err := file.NewParquetReader(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%d rows: %v", tc.rows, err)
		}
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
		if err != nil {
			t.Fatal(err)
		}
		got, err := fr.ReadTable(context.Background())
		if err != nil {
			t.Fatalf("%d rows: %v", tc.rows, err)
		}
		if got.NumRows() != int64(tc.rows) {
			t.Fatalf("%d rows read back as %d", tc.rows, got.NumRows())
		}
		checkColumns(t, got, tb)
		checkStatistics(t, rdr.MetaData(), tb, tc.opt)
		got.Release()
	}
}

func checkColumns(t *testing.T, got arrow.Table, tb table) {
	t.Helper()
	row := 0
	col := func(i int) []arrow.Array { return got.Column(i).Data().Chunks() }
	for _, a := range col(0) {
		for j := 0; j < a.Len(); j++ {
			if v := a.(*array.String).Value(j); v != tb.keys[row+j] {
				t.Fatalf("key row %d: %q, want %q", row+j, v, tb.keys[row+j])
			}
		}
		row += a.Len()
	}
	row = 0
	for i, a := range col(5) {
		ys := a.(*array.Float64)
		for j := 0; j < a.Len(); j++ {
			want := tb.maybe[row+j]
			if finite := want-want == 0; ys.IsNull(j) == finite || finite && ys.Value(j) != want {
				t.Fatalf("y chunk %d row %d: null %v value %g, want %g", i, row+j, ys.IsNull(j), ys.Value(j), want)
			}
		}
		row += a.Len()
	}
	row = 0
	for ci := range col(1) {
		s, n32, n64, x := col(1)[ci].(*array.String), col(2)[ci].(*array.Int32), col(3)[ci].(*array.Int64), col(4)[ci].(*array.Float64)
		for j := 0; j < s.Len(); j++ {
			r := row + j
			if s.Value(j) != tb.strs[r] || n32.Value(j) != tb.i32[r] || n64.Value(j) != tb.i64[r] || x.Value(j) != tb.doubles[r] {
				t.Fatalf("row %d: %q %d %d %g, want %q %d %d %g", r, s.Value(j), n32.Value(j), n64.Value(j), x.Value(j),
					tb.strs[r], tb.i32[r], tb.i64[r], tb.doubles[r])
			}
		}
		row += s.Len()
	}
}

// checkStatistics compares each chunk's min, max and null count with the
// rows it holds.
func checkStatistics(t *testing.T, md *metadata.FileMetaData, tb table, opt Options) {
	t.Helper()
	start := 0
	for g := 0; g < md.NumRowGroups(); g++ {
		rg := md.RowGroup(g)
		end := start + int(rg.NumRows())
		for c := range testColumns {
			cc, err := rg.ColumnChunk(c)
			if err != nil {
				t.Fatal(err)
			}
			st, err := cc.Statistics()
			if err != nil || st == nil {
				t.Fatalf("group %d column %d: no statistics (%v)", g, c, err)
			}
			var lo, hi any
			switch s := st.(type) {
			case *metadata.ByteArrayStatistics:
				lo, hi = string(s.Min()), string(s.Max())
			case *metadata.Int32Statistics:
				lo, hi = s.Min(), s.Max()
			case *metadata.Int64Statistics:
				lo, hi = s.Min(), s.Max()
			case *metadata.Float64Statistics:
				lo, hi = s.Min(), s.Max()
			}
			var wantLo, wantHi any
			nulls := 0
			switch c {
			case 0:
				wantLo, wantHi = slices.Min(tb.keys[start:end]), slices.Max(tb.keys[start:end])
			case 1:
				wantLo, wantHi = slices.Min(tb.strs[start:end]), slices.Max(tb.strs[start:end])
			case 2:
				wantLo, wantHi = slices.Min(tb.i32[start:end]), slices.Max(tb.i32[start:end])
			case 3:
				wantLo, wantHi = slices.Min(tb.i64[start:end]), slices.Max(tb.i64[start:end])
			case 4:
				wantLo, wantHi = slices.Min(tb.doubles[start:end]), slices.Max(tb.doubles[start:end])
			case 5:
				var finite []float64
				for _, y := range tb.maybe[start:end] {
					if y-y == 0 {
						finite = append(finite, y)
					} else {
						nulls++
					}
				}
				if len(finite) > 0 {
					wantLo, wantHi = slices.Min(finite), slices.Max(finite)
				}
			}
			if wantLo != nil && (lo != wantLo || hi != wantHi) {
				t.Errorf("group %d column %d: min/max %v/%v, want %v/%v", g, c, lo, hi, wantLo, wantHi)
			}
			if st.NullCount() != int64(nulls) {
				t.Errorf("group %d column %d: %d nulls, want %d", g, c, st.NullCount(), nulls)
			}
		}
		start = end
	}
}

// TestDeterministic: the same rows give the same bytes.
func TestDeterministic(t *testing.T) {
	tb := randomTable(3000, rand.New(rand.NewPCG(3, 4)))
	opt := Options{PageRows: 256, RowGroupRows: 1000, CreatedBy: "sp", Metadata: []KeyValue{{"a", "1"}, {"b", "2"}}}
	if a, b := writeTable(t, tb, opt), writeTable(t, tb, opt); !bytes.Equal(a, b) {
		t.Error("two writes of the same rows differ")
	}
}

// TestMissingValue: a row without a value in some column is an error, not
// a corrupt file.
func TestMissingValue(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, testColumns[:2], Options{PageRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	w.Key(0, "alpha")
	w.String(1, "a")
	w.EndRow()
	w.Key(0, "alpha")
	if err := w.EndRow(); err == nil {
		t.Error("a row missing a value was accepted")
	}
}

// TestWideDictionary: a key column of 300 values (indices of 9 bits, RLE
// values of two bytes) with long runs and single values.
func TestWideDictionary(t *testing.T) {
	vocab := make([]string, 300)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("k%03d", i)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	var keys []string
	for len(keys) < 10000 {
		k, run := vocab[rng.IntN(len(vocab))], 1
		if rng.IntN(4) == 0 {
			run = 1 + rng.IntN(100)
		}
		for range run {
			keys = append(keys, k)
		}
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, []Column{{Name: "key", Kind: Key, Vocab: vocab}}, Options{PageRows: 1000, RowGroupRows: 4000})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		w.Key(0, k)
		w.EndRow()
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rdr, err := file.NewParquetReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := stringColumn(t, rdr, 0); !slices.Equal(got, keys) {
		t.Fatalf("keys read back differ (%d rows, want %d)", len(got), len(keys))
	}
}

// stringColumn reads string column col of a file back through arrow-go.
func stringColumn(t *testing.T, rdr *file.Reader, col int) []string {
	t.Helper()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	var out []string
	for _, a := range tbl.Column(col).Data().Chunks() {
		for j := 0; j < a.Len(); j++ {
			out = append(out, a.(*array.String).Value(j))
		}
	}
	return out
}
