//go:build !cgo

package inflate

import (
	"bytes"
	"errors"
	"io"

	"github.com/klauspost/compress/zlib"
)

// Without cgo (CGO_ENABLED=0, cross-compiling), Zlib falls back to
// klauspost/compress, the fastest pure-Go decoder measured here (about a
// third of libdeflate's speed), with the same results and errors.

var (
	ErrBadData     = errors.New("invalid zlib stream (corrupt or truncated data, or checksum mismatch)")
	ErrShortBuffer = errors.New("zlib stream decompresses to more bytes than expected")
)

// Zlib decompresses the zlib stream at the start of src into dst and
// verifies its Adler-32 checksum. It returns the number of bytes written to
// dst and the number of bytes of src the stream occupied (bytes after the
// stream are not read). On error n and consumed are 0 and err is
// ErrBadData or ErrShortBuffer.
func Zlib(dst, src []byte) (n, consumed int, err error) {
	// A bytes.Reader is an io.ByteReader, so the decoder reads exactly the
	// stream's bytes and what is left shows where it ended.
	br := bytes.NewReader(src)
	zr, err := zlib.NewReader(br)
	if err != nil {
		return 0, 0, ErrBadData
	}
	// io.ReadFull would not tell a clean end (io.EOF after the checksum)
	// from a truncated stream (io.ErrUnexpectedEOF from the decoder).
	for n < len(dst) && err == nil {
		var m int
		m, err = zr.Read(dst[n:])
		n += m
	}
	if err == nil { // dst is full: the stream must end here
		var one [1]byte
		var m int
		if m, err = zr.Read(one[:]); m > 0 {
			return 0, 0, ErrShortBuffer
		}
	}
	if err != io.EOF {
		return 0, 0, ErrBadData
	}
	return n, len(src) - br.Len(), nil
}
