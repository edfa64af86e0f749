package obs

import (
	"fmt"
	"runtime"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/parquet/file"
)

// writeGroups writes signals x files row groups of rows rows each, the way
// sp-ingest does (file by file, one row group per file and signal).
func writeGroups(t *testing.T, signals, files, rows int) string {
	t.Helper()
	return writeObs(t, func(w *Writer) {
		for f := range files {
			for s := range signals {
				k := Key{Cohort: "c", SignalID: fmt.Sprintf("s%03d", s)}
				v := ramp(rows, float64(f*rows))
				for i := range v {
					v[i] += float64(s) / 1000
				}
				if err := w.WriteSignal(k, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

// liveHeap is the heap retained by an open Reader of path.
func liveHeap(t *testing.T, path string) uint64 {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&before)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.GC()
	runtime.ReadMemStats(&after)
	if r.ft.full != nil {
		t.Errorf("%s: footer kept whole", path)
	}
	r.Close()
	runtime.KeepAlive(r)
	return after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
}

// TestRetainedHeapRowGroups: an open Reader does not keep the parsed
// footer, which costs about 2.4 KB per row group of sp-ingest's files (a
// 10^8-sample recording of 22 signals has 2222 of them); what it keeps per
// row group is its index entry, about a tenth of that.
func TestRetainedHeapRowGroups(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap")
	}
	few := writeGroups(t, 2, 10, 8)    // 20 row groups
	many := writeGroups(t, 20, 100, 8) // 2000 row groups
	liveHeap(t, few)                   // warm up: lazily built tables
	small, large := liveHeap(t, few), liveHeap(t, many)
	perGroup := (float64(large) - float64(small)) / (2000 - 20)
	t.Logf("retained heap: %d B with 20 row groups, %d B with 2000: %.0f B per row group", small, large, perGroup)
	if perGroup > 400 {
		t.Errorf("an open Reader retains %.0f B per row group, want at most 400", perGroup)
	}
}

// wholeFooter opens path the way Reader did before it split the footer:
// arrow-go's reader over the whole parsed footer.
func wholeFooter(t *testing.T, path string) *Reader {
	t.Helper()
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := file.NewParquetReader(r.f, file.WithReadProps(readProps()))
	if err != nil {
		t.Fatal(err)
	}
	r.ft, r.pr = &footer{full: pr.MetaData()}, pr
	return r
}

type scanned struct {
	k        Key
	idx, val []float64
}

func everything(t *testing.T, r *Reader) (out []scanned) {
	t.Helper()
	for _, s := range r.Signals() {
		idx, val := readAll(t, r, s.Key)
		out = append(out, scanned{s.Key, idx, val})
		if r.positional(s.Key) {
			idx, val = rangeOf(t, r, s.Key, s.Rows/3, s.Rows/2)
			out = append(out, scanned{s.Key, idx, val})
		}
		idx, val = tailOf(t, r, s.Key, s.Rows/3+1)
		out = append(out, scanned{s.Key, idx, val})
	}
	err := r.Scan(func(k Key, c Chunk) error {
		out = append(out, scanned{k, slices.Clone(c.Index), slices.Clone(c.Value)})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestRowGroupsSameAsWholeFooter: reading row groups through one-row-group
// footers gives what reading through the whole footer gave, for sp-ingest's
// layout and for a pqarrow file of mixed, unsorted row groups.
func TestRowGroupsSameAsWholeFooter(t *testing.T) {
	var ids, cohorts []*string
	var idx []int64
	var vals []*float64
	for i := range 300 {
		ids = append(ids, sp(fmt.Sprint("s", i%7)))
		if i%11 == 0 {
			cohorts = append(cohorts, nil)
		} else {
			cohorts = append(cohorts, sp("u"))
		}
		idx = append(idx, int64((i*37)%300))
		if i%13 == 0 {
			vals = append(vals, nil)
		} else {
			vals = append(vals, fp(float64(i)/3))
		}
	}
	paths := map[string]string{
		"sp-ingest": writeGroups(t, 7, 30, 5),
		"pqarrow":   foreign(t, cohorts, ids, idx, vals, true),
	}
	for name, path := range paths {
		r, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		if r.ft.full != nil {
			t.Errorf("%s: footer kept whole", name)
		}
		c, err := r.Clone()
		if err != nil {
			t.Fatal(err)
		}
		ref := wholeFooter(t, path)
		want := everything(t, ref)
		if len(want) == 0 {
			t.Fatalf("%s: nothing read", name)
		}
		for _, rd := range []*Reader{r, c} {
			got := everything(t, rd)
			if len(got) != len(want) {
				t.Fatalf("%s: %d reads, want %d", name, len(got), len(want))
			}
			for i := range want {
				if got[i].k != want[i].k || !sameFloats(got[i].idx, want[i].idx) || !sameFloats(got[i].val, want[i].val) {
					t.Fatalf("%s: read %d differs: %v %v, want %v %v", name, i, got[i].k, got[i].idx, want[i].k, want[i].idx)
				}
			}
		}
		if r.NumRows() != ref.NumRows() {
			t.Errorf("%s: NumRows %d, want %d", name, r.NumRows(), ref.NumRows())
		}
		r.Close()
		c.Close()
		ref.Close()
	}
}

// TestFooterSplitFallback: a footer the split does not understand is kept
// whole (as before) rather than refused.
func TestFooterSplitFallback(t *testing.T) {
	f, pr := openParquet(t, writeGroups(t, 2, 3, 4))
	md := pr.MetaData()
	if ft := splitFooter(f, md); ft.full != nil || len(ft.bounds) != md.NumRowGroups()+1 {
		t.Fatalf("split failed: %+v", ft)
	}
	sub, err := md.Subset([]int{0}) // disagrees with the file's footer
	if err != nil {
		t.Fatal(err)
	}
	if ft := splitFooter(f, sub); ft.full != sub {
		t.Fatalf("mismatched footer was split: %+v", ft)
	}
}
