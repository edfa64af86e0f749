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
	walk   []int // row group numbers in order; nil: every row group in file order
	next   int   // the walk's first next steps have been announced
	ahead  int64 // bytes announced beyond the current step
	hint   func(byteSpan)
}

func newReadAhead(r *Reader, walk []int) *readAhead {
	return &readAhead{groups: r.groups, walk: walk, hint: func(s byteSpan) { willNeed(r.f, s) }}
}

func (ra *readAhead) steps() int {
	if ra.walk == nil {
		return len(ra.groups)
	}
	return len(ra.walk)
}

func (ra *readAhead) span(step int) byteSpan {
	if ra.walk != nil {
		step = ra.walk[step]
	}
	return ra.groups[step].span
}

// at announces what step i of the walk needs ahead of it.
func (ra *readAhead) at(i int) {
	if i < ra.next {
		ra.ahead -= ra.span(i).n // announced as ahead, now current
	}
	for ; ra.next < ra.steps() && (ra.next <= i || ra.ahead < prefetchBytes); ra.next++ {
		s := ra.span(ra.next)
		if s.n > 0 {
			ra.hint(s)
		}
		if ra.next > i {
			ra.ahead += s.n
		}
	}
}
