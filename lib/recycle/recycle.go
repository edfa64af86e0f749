// Package recycle is an arrow memory.Allocator that hands freed buffers
// on to later allocations instead of leaving them to the garbage
// collector. Where the same large buffers are allocated over and over
// (a decoder's pages, a builder's columns), each fresh one is memory the
// runtime must fault in and zero, a cost that shows in the profiles.
//
// Buffers of at least a given size get a power-of-two capacity and go
// back, when freed, to a free list for that size; the free lists hold at
// most a given number of bytes in all. Memory comes out zeroed, as from
// memory.GoAllocator, and 64-byte aligned.
//
// A freed buffer is reused: the allocator suits code that stops using a
// buffer when it frees it (arrow's readers and builders do; with the Go
// allocator, where Free does nothing, a late use would go unnoticed).
package recycle

import (
	"math/bits"
	"sync/atomic"
	"unsafe"
)

// Allocator is a memory.Allocator with bounded free lists of large
// buffers, one per power-of-two size. It is safe for concurrent use.
type Allocator struct {
	minShift int
	free     [8]chan []byte // sizes 1<<minShift, 2<<minShift, ...
	idle     atomic.Int64   // bytes in the free lists
	maxIdle  int64
}

// New returns an allocator that recycles buffers of minRecycled bytes up
// to 128 times that, keeping at most maxIdle bytes of free buffers.
func New(minRecycled, maxIdle int) *Allocator {
	a := &Allocator{minShift: bits.Len(uint(minRecycled - 1)), maxIdle: int64(maxIdle)}
	for i := range a.free {
		a.free[i] = make(chan []byte, max(1, maxIdle>>(a.minShift+i)))
	}
	return a
}

// class returns the free list for size, or -1 for sizes not recycled.
func (a *Allocator) class(size int) int {
	c := bits.Len(uint(size-1)) - a.minShift
	if size <= 0 || c < 0 || c >= len(a.free) {
		return -1
	}
	return c
}

// Allocate returns size zeroed bytes.
func (a *Allocator) Allocate(size int) []byte {
	c := a.class(size)
	if c < 0 {
		return aligned(size, size)
	}
	select {
	case b := <-a.free[c]:
		a.idle.Add(-int64(cap(b)))
		b = b[:size]
		clear(b)
		return b
	default:
		return aligned(size, 1<<(a.minShift+c))
	}
}

// Reallocate resizes b, keeping its contents; new bytes are zero.
func (a *Allocator) Reallocate(size int, b []byte) []byte {
	if cap(b) >= size {
		if size > len(b) {
			clear(b[len(b):size])
		}
		return b[:size]
	}
	nb := a.Allocate(size)
	copy(nb, b)
	a.Free(b)
	return nb
}

// Free takes back a buffer this allocator returned: only whole
// power-of-two buffers of a recycled size, and while the idle total
// stays within maxIdle.
func (a *Allocator) Free(b []byte) {
	c := a.class(cap(b))
	if c < 0 || cap(b) != 1<<(a.minShift+c) {
		return
	}
	n := int64(cap(b))
	if a.idle.Add(n) > a.maxIdle {
		a.idle.Add(-n)
		return
	}
	select {
	case a.free[c] <- b[:0]:
	default:
		a.idle.Add(-n)
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
