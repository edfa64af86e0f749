package pqfile

import "encoding/binary"

// appendHybrid appends v in parquet's RLE/bit-packed hybrid encoding with
// the given bit width (no length prefix): runs of at least 8 equal values
// that start on a group boundary become RLE runs, the rest bit-packed
// groups of 8. Only the last group may be padded, as the format requires.
func appendHybrid[T int32 | uint8](dst []byte, v []T, width int) []byte {
	start, i := 0, 0 // v[start:i] waits to be bit-packed
	for i < len(v) {
		r := runLength(v, i)
		switch aligned := (i-start)%8 == 0; {
		case r >= 8 && aligned:
			dst = appendBitPacked(dst, v[start:i], width)
			dst = appendRLE(dst, uint64(v[i]), r, width)
			i += r
			start = i
		case r >= 16:
			i += 8 - (i-start)%8 // to the group boundary, leaving ≥ 9 of the run
		default:
			i += r
		}
	}
	return appendBitPacked(dst, v[start:], width)
}

func runLength[T int32 | uint8](v []T, i int) int {
	j := i + 1
	for j < len(v) && v[j] == v[i] {
		j++
	}
	return j - i
}

// appendRLE appends a run of n copies of value.
func appendRLE(dst []byte, value uint64, n, width int) []byte {
	dst = binary.AppendUvarint(dst, uint64(n)<<1)
	for b := 0; b < (width+7)/8; b++ {
		dst = append(dst, byte(value>>(8*b)))
	}
	return dst
}

// appendBitPacked appends v as bit-packed groups of 8, least significant
// bit first, the last group padded with zeros.
func appendBitPacked[T int32 | uint8](dst []byte, v []T, width int) []byte {
	if len(v) == 0 {
		return dst
	}
	groups := (len(v) + 7) / 8
	dst = binary.AppendUvarint(dst, uint64(groups)<<1|1)
	var acc uint64
	nbits := 0
	for i := 0; i < groups*8; i++ {
		var x uint64
		if i < len(v) {
			x = uint64(v[i])
		}
		acc |= x << nbits
		nbits += width
		for nbits >= 8 {
			dst = append(dst, byte(acc))
			acc >>= 8
			nbits -= 8
		}
	}
	return dst // groups·8·width bits is a whole number of bytes
}
