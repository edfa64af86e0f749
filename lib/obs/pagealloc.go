package obs

import (
	"math/bits"
	"sync/atomic"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// pageAlloc is the allocator of every Reader's parquet decoder. Each
// column chunk reader holds a compressed and an uncompressed page buffer
// (~0.5 MiB each for sp-ingest's pages) until it is closed; the manifold
// stage opens a fresh one per signal and row group, and with Go's
// allocator each of those buffers was fresh memory to fault in and zero.
// pageAlloc hands them on instead: buffers of at least minRecycled bytes
// have a power-of-two capacity and go back, when freed, to a free list
// for their size, bounded by maxIdle bytes in all. Memory comes out
// zeroed, as from memory.GoAllocator.
var pageAlloc memory.Allocator = newRecycler(64<<10, 16<<20)

// recycler is a memory.Allocator with bounded free lists of large
// buffers, one per power-of-two size.
type recycler struct {
	minShift int
	free     [8]chan []byte // sizes 1<<minShift, 2<<minShift, ...
	idle     atomic.Int64   // bytes in the free lists
	maxIdle  int64
}

func newRecycler(minRecycled, maxIdle int) *recycler {
	r := &recycler{minShift: bits.Len(uint(minRecycled - 1)), maxIdle: int64(maxIdle)}
	for i := range r.free {
		r.free[i] = make(chan []byte, max(1, maxIdle>>(r.minShift+i)))
	}
	return r
}

// class returns the free list for size, or -1 for sizes not recycled.
func (r *recycler) class(size int) int {
	c := bits.Len(uint(size-1)) - r.minShift
	if size <= 0 || c < 0 || c >= len(r.free) {
		return -1
	}
	return c
}

func (r *recycler) Allocate(size int) []byte {
	c := r.class(size)
	if c < 0 {
		return aligned(size, size)
	}
	select {
	case b := <-r.free[c]:
		r.idle.Add(-int64(cap(b)))
		b = b[:size]
		clear(b)
		return b
	default:
		return aligned(size, 1<<(r.minShift+c))
	}
}

func (r *recycler) Reallocate(size int, b []byte) []byte {
	if cap(b) >= size {
		if size > len(b) {
			clear(b[len(b):size])
		}
		return b[:size]
	}
	nb := r.Allocate(size)
	copy(nb, b)
	r.Free(b)
	return nb
}

// Free takes back a buffer this allocator returned: only whole
// power-of-two buffers of a recycled size, and while the idle total
// stays within maxIdle.
func (r *recycler) Free(b []byte) {
	c := r.class(cap(b))
	if c < 0 || cap(b) != 1<<(r.minShift+c) {
		return
	}
	n := int64(cap(b))
	if r.idle.Add(n) > r.maxIdle {
		r.idle.Add(-n)
		return
	}
	select {
	case r.free[c] <- b[:0]:
	default:
		r.idle.Add(-n)
	}
}

// aligned returns size zeroed bytes of capacity capacity, starting on a
// 64-byte boundary as arrow's own allocator does.
func aligned(size, capacity int) []byte {
	const alignment = 64
	buf := make([]byte, capacity+alignment)
	shift := int(-uintptrOf(buf) & (alignment - 1))
	return buf[shift : shift+size : shift+capacity]
}

func uintptrOf(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }
