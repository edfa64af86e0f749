package obs

import "github.com/apache/arrow-go/v18/parquet/metadata"

// prefetchDepth is how many row groups ahead of the one being decoded a
// reader asks the kernel to read (prefetch). One of sp-ingest's row groups
// (a 10-minute file of one signal) is about 3 MB; four ahead keep the disk
// busy while the current one is decoded, for ≈12 MB of page cache per
// reader.
const prefetchDepth = 4

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
// the i-th is decoded, those up to i+prefetchDepth are announced to the
// kernel, so that on a partition not in the page cache (a week of a
// 22-channel tower is tens of GB) reading from disk overlaps decoding
// instead of alternating with it. A hint only: failures are ignored.
type readAhead struct {
	groups []groupInfo
	walk   []int // row group numbers in order; nil: every row group in file order
	next   int   // the walk's first next steps have been announced
	hint   func(byteSpan)
}

func newReadAhead(r *Reader, walk []int) *readAhead {
	return &readAhead{groups: r.groups, walk: walk, hint: func(s byteSpan) { willNeed(r.f, s) }}
}

// at announces what step i of the walk needs ahead of it.
func (ra *readAhead) at(i int) {
	steps := len(ra.walk)
	if ra.walk == nil {
		steps = len(ra.groups)
	}
	for ; ra.next < steps && ra.next <= i+prefetchDepth; ra.next++ {
		g := ra.next
		if ra.walk != nil {
			g = ra.walk[g]
		}
		if s := ra.groups[g].span; s.n > 0 {
			ra.hint(s)
		}
	}
}
