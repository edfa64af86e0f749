package obs

import "github.com/apache/arrow-go/v18/parquet/metadata"

// prefetchBytes is how far ahead of the row group being decoded a read
// asks the kernel to read (readAhead): 64 MB, about 20 of sp-ingest's row
// groups (a 10-minute file of one signal is about 3 MB). sp-typology on
// 22 x 10^8 samples not in the page cache: no read-ahead 13.8-14.1 s,
// 4 row groups ahead 12.9-13.8, 16 ahead 12.6-13.1, 64 ahead 12.2-12.4
// (10.3 s with the file cached). Page cache, not memory of the process:
// the kernel drops it first when memory is short.
const prefetchBytes = 64 << 20

// byteSpan is a byte range of the file.
type byteSpan struct{ off, n int64 }

// groupSpan is the byte range of a row group's column chunks (from the
// first chunk's first page to the last chunk's end), or the zero span when
// the footer gives no usable offsets.
func groupSpan(md *metadata.RowGroupMetaData) byteSpan {
	lo, hi := int64(-1), int64(0)
	for c := 0; c < md.NumColumns(); c++ {
		cc, err := md.ColumnChunk(c)
		if err != nil {
			return byteSpan{}
		}
		start := cc.DataPageOffset()
		if cc.HasDictionaryPage() && cc.DictionaryPageOffset() > 0 {
			start = min(start, cc.DictionaryPageOffset())
		}
		if start < 0 || cc.TotalCompressedSize() < 0 {
			return byteSpan{}
		}
		if lo < 0 || start < lo {
			lo = start
		}
		hi = max(hi, start+cc.TotalCompressedSize())
	}
	if lo < 0 || hi <= lo {
		return byteSpan{}
	}
	return byteSpan{lo, hi - lo}
}

// readAhead walks the row groups a read will decode, in order: before
// the i-th is decoded, the ones after it are announced to the kernel up to
// prefetchBytes ahead, so that on a partition not in the page cache (a
// week of a 22-channel tower is tens of GB) reading from disk overlaps
// decoding instead of alternating with it. A hint only: failures are
// ignored.
type readAhead struct {
	groups []groupInfo
	walk   []int // the row groups in the order they are read
	next   int   // the walk's first next steps have been announced
	ahead  int64 // bytes announced beyond the current step
	hint   func(byteSpan)
}

// newReadAhead is a readAhead of r along walk; walkAll is every row group.
func newReadAhead(r *Reader, walk []int) *readAhead {
	return &readAhead{groups: r.groups, walk: walk, hint: func(s byteSpan) { willNeed(r.f, s) }}
}

// walkAll returns 0 … n−1: every row group in file order.
func walkAll(n int) []int {
	w := make([]int, n)
	for g := range w {
		w[g] = g
	}
	return w
}

func (ra *readAhead) span(step int) byteSpan { return ra.groups[ra.walk[step]].span }

// at announces what step i of the walk needs ahead of it.
func (ra *readAhead) at(i int) {
	if i < ra.next {
		ra.ahead -= ra.span(i).n // announced as ahead, now current
	}
	for ; ra.next < len(ra.walk) && (ra.next <= i || ra.ahead < prefetchBytes); ra.next++ {
		s := ra.span(ra.next)
		if s.n > 0 {
			ra.hint(s)
		}
		if ra.next > i {
			ra.ahead += s.n
		}
	}
}
