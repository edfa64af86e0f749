//go:build cgo

package inflate

/*
#cgo CFLAGS: -O2 -I${SRCDIR}/../../third_party/libdeflate
#include <stddef.h>
#include "libdeflate.h"

static int sp_zlib_decompress(struct libdeflate_decompressor *d,
		const void *in, size_t in_n, void *out, size_t out_n,
		size_t *in_used, size_t *out_used) {
	return (int)libdeflate_zlib_decompress_ex(d, in, in_n, out, out_n,
			in_used, out_used);
}
*/
import "C"

import (
	"errors"
	"unsafe"
)

var (
	// ErrBadData reports a stream that is not valid zlib: a bad header,
	// invalid DEFLATE data, a truncated stream or an Adler-32 mismatch.
	ErrBadData = errors.New("invalid zlib stream (corrupt or truncated data, or checksum mismatch)")
	// ErrShortBuffer reports a stream that decompresses to more bytes than
	// the output buffer holds.
	ErrShortBuffer = errors.New("zlib stream decompresses to more bytes than expected")
	// errNoMemory reports a failed C allocation of a decompressor.
	errNoMemory = errors.New("inflate: cannot allocate a libdeflate decompressor")
)

// Zlib decompresses the zlib stream at the start of src into dst and
// verifies its Adler-32 checksum. It returns the number of bytes written to
// dst and the number of bytes of src the stream occupied (bytes after the
// stream are not read). On error n and consumed are 0 and err is
// ErrBadData or ErrShortBuffer.
func Zlib(dst, src []byte) (n, consumed int, err error) {
	d := getDecompressor()
	if d == nil {
		return 0, 0, errNoMemory
	}
	defer putDecompressor(d)
	var inUsed, outUsed C.size_t
	rc := C.sp_zlib_decompress(d,
		unsafe.Pointer(unsafe.SliceData(src)), C.size_t(len(src)),
		unsafe.Pointer(unsafe.SliceData(dst)), C.size_t(len(dst)),
		&inUsed, &outUsed)
	switch rc {
	case C.LIBDEFLATE_SUCCESS:
		return int(outUsed), int(inUsed), nil
	case C.LIBDEFLATE_INSUFFICIENT_SPACE:
		return 0, 0, ErrShortBuffer
	default:
		return 0, 0, ErrBadData
	}
}

// freeDecompressors keeps a few decompressors (about 10 KB of C memory
// each) for reuse; a decompressor that does not fit is freed, so nothing
// leaks however many goroutines call Zlib at once.
var freeDecompressors = make(chan *C.struct_libdeflate_decompressor, 16)

func getDecompressor() *C.struct_libdeflate_decompressor {
	select {
	case d := <-freeDecompressors:
		return d
	default:
		return C.libdeflate_alloc_decompressor()
	}
}

func putDecompressor(d *C.struct_libdeflate_decompressor) {
	select {
	case freeDecompressors <- d:
	default:
		C.libdeflate_free_decompressor(d)
	}
}
