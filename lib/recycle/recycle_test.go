package recycle

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

var _ memory.Allocator = (*Allocator)(nil)

// TestAllocator: freed buffers come back zeroed, 64-byte aligned, and the
// idle total stays within its bound.
func TestAllocator(t *testing.T) {
	r := New(1024, 4096)
	b := r.Allocate(1500)
	if len(b) != 1500 || cap(b) != 2048 {
		t.Fatalf("len %d cap %d", len(b), cap(b))
	}
	for i := range b {
		b[i] = 0xff
	}
	r.Free(b)
	c := r.Allocate(1800)
	if &c[0] != &b[0] {
		t.Error("buffer not reused")
	}
	for i, x := range c {
		if x != 0 {
			t.Fatalf("byte %d = %#x; want zeroed memory", i, x)
		}
	}
	c = r.Reallocate(1900, c[:10])
	if len(c) != 1900 || &c[0] != &b[0] {
		t.Error("reallocate within the capacity must keep the buffer")
	}
	if small := r.Allocate(100); len(small) != 100 || uintptrOf(small)%64 != 0 {
		t.Error("small allocation: wrong length or unaligned")
	}
	for range 4 {
		r.Free(r.Allocate(2048))
		r.Free(aligned(2048, 2048))
	}
	if r.idle.Load() > 4096 {
		t.Errorf("idle %d bytes, more than the bound", r.idle.Load())
	}
}
