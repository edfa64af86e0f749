package pqfile

import (
	"encoding/binary"
	"math"
)

// ByteStreamSplit writes byte k of every value of v to b[k*n:(k+1)*n]
// (n = len(v), len(b) ≥ 8n): parquet's BYTE_STREAM_SPLIT. Eight values at
// a time form an 8x8 byte matrix that three rounds of masked swaps
// transpose, so each stream gets one 8-byte store.
func ByteStreamSplit(b []byte, v []float64) {
	n := len(v)
	i := 0
	for ; i+8 <= n; i += 8 {
		r0, r1 := math.Float64bits(v[i]), math.Float64bits(v[i+1])
		r2, r3 := math.Float64bits(v[i+2]), math.Float64bits(v[i+3])
		r4, r5 := math.Float64bits(v[i+4]), math.Float64bits(v[i+5])
		r6, r7 := math.Float64bits(v[i+6]), math.Float64bits(v[i+7])
		const m1, m2, m4 = 0x00FF00FF00FF00FF, 0x0000FFFF0000FFFF, 0x00000000FFFFFFFF
		r0, r1 = swap(r0, r1, m1, 8)
		r2, r3 = swap(r2, r3, m1, 8)
		r4, r5 = swap(r4, r5, m1, 8)
		r6, r7 = swap(r6, r7, m1, 8)
		r0, r2 = swap(r0, r2, m2, 16)
		r1, r3 = swap(r1, r3, m2, 16)
		r4, r6 = swap(r4, r6, m2, 16)
		r5, r7 = swap(r5, r7, m2, 16)
		r0, r4 = swap(r0, r4, m4, 32)
		r1, r5 = swap(r1, r5, m4, 32)
		r2, r6 = swap(r2, r6, m4, 32)
		r3, r7 = swap(r3, r7, m4, 32)
		le := binary.LittleEndian
		le.PutUint64(b[i:], r0)
		le.PutUint64(b[n+i:], r1)
		le.PutUint64(b[2*n+i:], r2)
		le.PutUint64(b[3*n+i:], r3)
		le.PutUint64(b[4*n+i:], r4)
		le.PutUint64(b[5*n+i:], r5)
		le.PutUint64(b[6*n+i:], r6)
		le.PutUint64(b[7*n+i:], r7)
	}
	for ; i < n; i++ {
		u := math.Float64bits(v[i])
		for k := 0; k < 8; k++ {
			b[k*n+i] = byte(u >> (8 * k))
		}
	}
}

// swap exchanges the bits of a selected by mask<<shift with those of b
// selected by mask: one round of a block transpose.
func swap(a, b, mask uint64, shift uint) (uint64, uint64) {
	t := ((a >> shift) ^ b) & mask
	return a ^ (t << shift), b ^ t
}
