package obs

import (
	"fmt"
	"math"
	"testing"
)

func rangeOf(t *testing.T, r *Reader, k Key, from, n int64) (idx, val []float64) {
	t.Helper()
	err := r.readPositional(k, from, n, func(c Chunk) error {
		idx = append(idx, c.Index...)
		val = append(val, c.Value...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return idx, val
}

func tailOf(t *testing.T, r *Reader, k Key, n int64) (idx, val []float64) {
	t.Helper()
	err := r.ReadTail(k, n, func(c Chunk) error {
		idx = append(idx, c.Index...)
		val = append(val, c.Value...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return idx, val
}

// sameFloats compares with NaN equal to NaN.
func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

// checkRanges compares ReadTail, and the positional range reader under
// it, with slices of ReadSignal, for ranges that start and end inside and
// across row groups.
func checkRanges(t *testing.T, r *Reader, k Key) {
	t.Helper()
	allIdx, allVal := readAll(t, r, k)
	total := int64(len(allIdx))
	for _, c := range [][2]int64{{0, 1}, {0, total}, {3, 5}, {69_990, 30}, {70_000, 100}, {total - 7, 7}, {total - 7, 100}, {total, 5}} {
		from, n := c[0], c[1]
		idx, val := rangeOf(t, r, k, from, n)
		lo, hi := min(from, total), min(from+n, total)
		if !sameFloats(idx, allIdx[lo:hi]) || !sameFloats(val, allVal[lo:hi]) {
			t.Errorf("%s range [%d, +%d): got %d rows, want %d", k, from, n, len(idx), hi-lo)
		}
	}
	for _, n := range []int64{0, 1, 10, 2048, total, total + 10} {
		idx, val := tailOf(t, r, k, n)
		lo := max(0, total-n)
		if !sameFloats(idx, allIdx[lo:]) || !sameFloats(val, allVal[lo:]) {
			t.Errorf("%s tail %d: got %d rows, want %d", k, n, len(idx), total-lo)
		}
	}
}

// TestTailPositional: sp-ingest layout, one signal interleaved
// with another across row groups of different sizes, NaN values included.
func TestTailPositional(t *testing.T) {
	a, b := Key{Cohort: "c", SignalID: "a"}, Key{Cohort: "c", SignalID: "b"}
	path := writeObs(t, func(w *Writer) {
		for i, n := range []int{70_000, 3, 50_000, 1} {
			v := ramp(n, float64(1000*i))
			v[0] = math.NaN()
			if err := w.WriteSignal(a, v); err != nil {
				t.Fatal(err)
			}
			if err := w.WriteSignal(b, ramp(10, 0)); err != nil {
				t.Fatal(err)
			}
		}
	})
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.positional(a) || !r.positional(b) {
		t.Fatal("sp-ingest layout must be positional")
	}
	checkRanges(t, r, a)
	checkRanges(t, r, b)
	if idx, _ := tailOf(t, r, Key{SignalID: "none"}, 5); len(idx) != 0 {
		t.Error("tail of an absent signal")
	}
}

// TestTailForeign: a file of another layout (signals mixed in row
// groups, stored out of order) goes through the streaming ring.
func TestTailForeign(t *testing.T) {
	var ids []*string
	var idx []int64
	var vals []*float64
	for i := 0; i < 40; i++ {
		id := fmt.Sprint("s", i%3)
		ids = append(ids, sp(id))
		idx = append(idx, int64(39-i)) // descending: needs the sort
		vals = append(vals, fp(float64(i)))
	}
	path := foreign(t, nil, ids, idx, vals, false)
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	k := Key{SignalID: "s1"}
	if r.positional(k) {
		t.Fatal("foreign layout reported positional")
	}
	allIdx, allVal := readAll(t, r, k)
	var gotIdx, gotVal []float64
	for _, n := range []int64{1, 5, 13, 14, 100} {
		gotIdx, gotVal = tailOf(t, r, k, n)
		lo := max(0, int64(len(allIdx))-n)
		if !sameFloats(gotIdx, allIdx[lo:]) || !sameFloats(gotVal, allVal[lo:]) {
			t.Errorf("tail %d: %v, want %v", n, gotIdx, allIdx[lo:])
		}
	}
}

// TestClone: a clone reads the same rows, concurrently with its original.
func TestClone(t *testing.T) {
	a := Key{Cohort: "c", SignalID: "a"}
	path := writeObs(t, func(w *Writer) {
		for i := range 3 {
			if err := w.WriteSignal(a, ramp(1000, float64(1000*i))); err != nil {
				t.Fatal(err)
			}
		}
	})
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	wantIdx, wantVal := readAll(t, r, a)
	done := make(chan [2][]float64, 4)
	for range 4 {
		c, err := r.Clone()
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			defer c.Close()
			var idx, val []float64
			c.ReadSignal(a, func(ch Chunk) error {
				idx, val = append(idx, ch.Index...), append(val, ch.Value...)
				return nil
			})
			done <- [2][]float64{idx, val}
		}()
	}
	for range 4 {
		got := <-done
		if !sameFloats(got[0], wantIdx) || !sameFloats(got[1], wantVal) {
			t.Errorf("clone read %d rows, want %d", len(got[0]), len(wantIdx))
		}
	}
}
