package matfile

import (
	"encoding/binary"
	"errors"
	"math"
	"math/bits"
	"unsafe"

	"sp/lib/inflate"
)

// nativeLE reports a little-endian machine, where little-endian doubles
// are copied without conversion.
var nativeLE = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// chunkBytes is the size of the chunks in which uncompressed data that
// needs conversion is read.
const chunkBytes = 1 << 20

// ReadFloat64 decodes the data of v, a real numeric variable of this file,
// into dst (grown if its capacity is too small) and returns dst[:v.Len()].
// Values are in MATLAB's column-major order and are the values of v's
// class as float64: integers exactly, except int64 and uint64 values
// beyond 2^53, which round to the nearest float64 (as numpy's
// astype(float64)); logical values are 0 or 1. A compressed variable is
// decompressed whole and its checksum verified.
func (f *File) ReadFloat64(v *Var, dst []float64) ([]float64, error) {
	switch {
	case v.file != f:
		return nil, f.varErrorf(v, v.Offset, nil, "variable does not belong to this file")
	case !v.Class.Numeric():
		return nil, f.varErrorf(v, v.Offset, nil, "cannot read a %s variable as float64", v.ClassName())
	case v.Complex:
		return nil, f.varErrorf(v, v.Offset, nil, "cannot read a complex variable as float64")
	}
	var err error
	switch {
	case v.Compressed: // decompressed whole even for tiny data, to verify the checksum
		var raw []byte
		if raw, err = f.inflate(v); err == nil {
			dst = grow(dst, v.n)
			decode(dst, raw[v.dataOff:v.dataOff+v.dataLen], v.stored, f.le)
		}
	case v.small:
		dst = grow(dst, v.n)
		decode(dst, v.smallData[:v.dataLen], v.stored, f.le)
	default:
		dst = grow(dst, v.n)
		err = f.readData(v, dst)
	}
	if err != nil {
		return nil, err
	}
	if v.Logical {
		for i, x := range dst {
			if x != 0 {
				dst[i] = 1
			}
		}
	}
	return dst, nil
}

// inflate decompresses v's element into the decoder's buffer and returns
// it. The buffer starts small for a highly compressed element and doubles
// while the stream needs more, so that a corrupt size in the header cannot
// cost more memory than the stream really produces (twice over).
func (f *File) inflate(v *Var) ([]byte, error) {
	d := f.dec
	compLen := v.Size - 8
	d.comp = growBytes(d.comp, compLen)
	if err := f.readAt(d.comp, v.Offset+8, v.Name); err != nil {
		return nil, err
	}
	try := v.rawLen
	if int64(cap(d.raw)) < v.rawLen {
		try = min(v.rawLen, max(16*compLen, 1<<20))
	}
	for {
		d.raw = growBytes(d.raw, try)
		n, _, err := inflate.Zlib(d.raw, d.comp)
		switch {
		case errors.Is(err, inflate.ErrShortBuffer) && try < v.rawLen:
			try = min(v.rawLen, 2*try)
			continue
		case errors.Is(err, inflate.ErrShortBuffer):
			return nil, f.varErrorf(v, v.Offset, nil, "decompressed data is longer than the %d bytes its miMATRIX tag declares (corrupt file?)", v.rawLen)
		case err != nil:
			return nil, f.varErrorf(v, v.Offset, err, "compressed data")
		case int64(n) != v.rawLen:
			return nil, f.varErrorf(v, v.Offset, nil, "decompressed data holds %d bytes, its miMATRIX tag declares %d (corrupt file?)", n, v.rawLen)
		}
		return d.raw[:n], nil
	}
}

// readData reads an uncompressed variable's data: native doubles straight
// into dst, other types in chunks through the decoder's buffer.
func (f *File) readData(v *Var, dst []float64) error {
	if v.stored == miDOUBLE && f.le == nativeLE {
		return f.readAt(float64Bytes(dst), v.dataOff, v.Name)
	}
	size := v.stored.size()
	perChunk := chunkBytes / size
	d := f.dec
	d.raw = growBytes(d.raw, int64(min(v.n, perChunk)*size))
	for i := 0; i < v.n; i += perChunk {
		m := min(perChunk, v.n-i)
		buf := d.raw[:m*size]
		if err := f.readAt(buf, v.dataOff+int64(i*size), v.Name); err != nil {
			return err
		}
		decode(dst[i:i+m], buf, v.stored, f.le)
	}
	return nil
}

// decode converts len(dst) values of storage type t from src.
func decode(dst []float64, src []byte, t dataType, le bool) {
	switch t {
	case miDOUBLE:
		if le == nativeLE {
			copy(float64Bytes(dst), src)
			return
		}
		for i := range dst {
			dst[i] = math.Float64frombits(bits.ReverseBytes64(binary.NativeEndian.Uint64(src[8*i:])))
		}
	case miSINGLE:
		for i := range dst {
			dst[i] = float64(math.Float32frombits(u32(src[4*i:], le)))
		}
	case miINT8:
		for i := range dst {
			dst[i] = float64(int8(src[i]))
		}
	case miUINT8:
		for i := range dst {
			dst[i] = float64(src[i])
		}
	case miINT16:
		for i := range dst {
			dst[i] = float64(int16(u16(src[2*i:], le)))
		}
	case miUINT16:
		for i := range dst {
			dst[i] = float64(u16(src[2*i:], le))
		}
	case miINT32:
		for i := range dst {
			dst[i] = float64(int32(u32(src[4*i:], le)))
		}
	case miUINT32:
		for i := range dst {
			dst[i] = float64(u32(src[4*i:], le))
		}
	case miINT64:
		for i := range dst {
			dst[i] = float64(int64(u64(src[8*i:], le)))
		}
	case miUINT64:
		for i := range dst {
			dst[i] = float64(u64(src[8*i:], le))
		}
	}
}

func u16(b []byte, le bool) uint16 {
	if le {
		return binary.LittleEndian.Uint16(b)
	}
	return binary.BigEndian.Uint16(b)
}

func u32(b []byte, le bool) uint32 {
	if le {
		return binary.LittleEndian.Uint32(b)
	}
	return binary.BigEndian.Uint32(b)
}

func u64(b []byte, le bool) uint64 {
	if le {
		return binary.LittleEndian.Uint64(b)
	}
	return binary.BigEndian.Uint64(b)
}

// float64Bytes views the memory of s as bytes (in native byte order).
func float64Bytes(s []float64) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), 8*len(s))
}

func grow(dst []float64, n int) []float64 {
	if cap(dst) < n || dst == nil {
		return make([]float64, n)
	}
	return dst[:n]
}

func growBytes(b []byte, n int64) []byte {
	if int64(cap(b)) < n {
		return make([]byte, n)
	}
	return b[:n]
}
