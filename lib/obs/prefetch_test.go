package obs

import (
	"slices"
	"testing"
)

// The row groups' spans tile the file's data region exactly: from the
// magic to the footer, in file order, each column chunk (with its
// dictionary page, where it has one) inside its group's span.
func TestGroupSpansTileTheData(t *testing.T) {
	for name, path := range map[string]string{
		"sp-ingest": writeGroups(t, 3, 4, 1000),
		"pqarrow (dictionary pages)": foreign(t, []*string{sp("a"), sp("a"), sp("b"), sp("b"), sp("b")},
			[]*string{sp("x"), sp("y"), sp("x"), sp("x"), sp("y")}, []int64{0, 1, 2, 3, 4},
			[]*float64{fp(1), fp(2), nil, fp(4), fp(5)}, true),
	} {
		r, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		at := int64(4) // after "PAR1"
		for g, info := range r.groups {
			if info.span.off != at || info.span.n <= 0 {
				t.Fatalf("%s: row group %d spans %+v, want it to start at %d", name, g, info.span, at)
			}
			at += info.span.n
		}
		if at != r.ft.start {
			t.Errorf("%s: the spans end at %d, the footer starts at %d", name, at, r.ft.start)
		}
		r.Close()
	}
}

// A walk announces each of its row groups once, in order, never more
// than prefetchBytes (plus the one group that crosses it) ahead of the
// one being decoded, and as far as that allows.
func TestReadAheadOrder(t *testing.T) {
	const size = prefetchBytes / 3 // three and a bit groups fit ahead
	groups := make([]groupInfo, 12)
	for g := range groups {
		groups[g].span = byteSpan{off: int64(size * g), n: size}
	}
	groups[7].span = byteSpan{} // no usable offsets: not announced
	for _, walk := range [][]int{walkAll(len(groups)), {1, 3, 5, 7, 9, 11}, {}} {
		var got []int64
		ra := &readAhead{groups: groups, walk: walk}
		ra.hint = func(s byteSpan) { got = append(got, s.off/size) }
		var want []int64
		for i := range walk {
			ra.at(i)
			if g := int(ra.span(i).off / size); ra.span(i).n > 0 {
				want = append(want, int64(g))
			}
			var ahead int64
			for j := i + 1; j < ra.next; j++ {
				ahead += ra.span(j).n
			}
			if ahead >= prefetchBytes+size || (ra.next < len(walk) && ahead < prefetchBytes) {
				t.Fatalf("walk %v, step %d: %d bytes announced ahead", walk, i, ahead)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("walk %v: announced %v, want %v", walk, got, want)
		}
	}
}
