package inflate

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/adler32"
	"io"
	"math/rand/v2"
	"testing"
)

// compressZlib compresses data with the standard library, the independent
// reference these tests check libdeflate against.
func compressZlib(t testing.TB, data []byte, level int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := zlib.NewWriterLevel(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func testInputs() map[string][]byte {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 100_000)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	text := bytes.Repeat([]byte("the quick brown fox jumps over the lazy dog. "), 3000)
	return map[string][]byte{
		"empty":  {},
		"byte":   {42},
		"zeros":  make([]byte, 1<<20),
		"random": random,
		"text":   text,
	}
}

func TestZlibRoundTrip(t *testing.T) {
	for name, data := range testInputs() {
		for _, level := range []int{zlib.NoCompression, zlib.BestSpeed, zlib.DefaultCompression, zlib.BestCompression} {
			comp := compressZlib(t, data, level)
			dst := make([]byte, len(data))
			n, consumed, err := Zlib(dst, comp)
			if err != nil {
				t.Fatalf("%s level %d: %v", name, level, err)
			}
			if n != len(data) || consumed != len(comp) || !bytes.Equal(dst[:n], data) {
				t.Fatalf("%s level %d: n=%d consumed=%d of %d, equal=%v", name, level, n, consumed, len(comp), bytes.Equal(dst[:n], data))
			}
		}
	}
}

func TestZlibErrors(t *testing.T) {
	data := testInputs()["text"]
	comp := compressZlib(t, data, zlib.DefaultCompression)
	flipped := bytes.Clone(comp)
	flipped[len(flipped)-1] ^= 1 // last byte of the Adler-32 checksum
	badHeader := bytes.Clone(comp)
	badHeader[0] = 0x79 // compression method 9: not DEFLATE
	tests := []struct {
		name string
		dst  int
		src  []byte
		want error
	}{
		{"checksum", len(data), flipped, ErrBadData},
		{"truncated", len(data), comp[:len(comp)/2], ErrBadData},
		{"no checksum", len(data), comp[:len(comp)-4], ErrBadData},
		{"header", len(data), badHeader, ErrBadData},
		{"empty input", len(data), nil, ErrBadData},
		{"short output", len(data) - 1, comp, ErrShortBuffer},
		{"no output", 0, comp, ErrShortBuffer},
	}
	for _, tc := range tests {
		n, consumed, err := Zlib(make([]byte, tc.dst), tc.src)
		if !errors.Is(err, tc.want) || n != 0 || consumed != 0 {
			t.Errorf("%s: got n=%d consumed=%d err=%v, want %v", tc.name, n, consumed, err, tc.want)
		}
	}
}

// A larger buffer is fine, and bytes after the stream are not read: the
// reported consumed count is where the stream ends.
func TestZlibTrailingBytes(t *testing.T) {
	data := []byte("hello, hello, hello")
	comp := compressZlib(t, data, zlib.BestCompression)
	src := append(bytes.Clone(comp), 0xde, 0xad, 0xbe, 0xef)
	dst := make([]byte, 1000)
	n, consumed, err := Zlib(dst, src)
	if err != nil || n != len(data) || consumed != len(comp) || string(dst[:n]) != string(data) {
		t.Fatalf("n=%d consumed=%d err=%v", n, consumed, err)
	}
}

func TestZlibConcurrent(t *testing.T) {
	data := testInputs()["text"]
	comp := compressZlib(t, data, zlib.DefaultCompression)
	errs := make(chan error, 32)
	for range cap(errs) {
		go func() {
			dst := make([]byte, len(data))
			n, _, err := Zlib(dst, comp)
			if err == nil && !bytes.Equal(dst[:n], data) {
				err = errors.New("wrong output")
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}

// trailerMatches reports whether the 4 bytes before consumed in src, the
// stream's trailer, are the Adler-32 of out, checked here independently of
// libdeflate.
func trailerMatches(src []byte, consumed int, out []byte) bool {
	if consumed < 6 || consumed > len(src) {
		return false
	}
	return binary.BigEndian.Uint32(src[consumed-4:consumed]) == adler32.Checksum(out)
}

// FuzzZlib checks libdeflate against compress/zlib on arbitrary input.
// Every stream compress/zlib accepts, libdeflate must decode to the same
// bytes. libdeflate is more lenient than zlib on a few malformed Huffman
// tables (see the package comment), so a stream only it accepts is allowed
// if what it returns still carries the stream's own Adler-32: it never
// hands out bytes that fail the integrity check (a case is kept in
// testdata/fuzz/FuzzZlib: an empty distance code that is used).
func FuzzZlib(f *testing.F) {
	for _, data := range testInputs() {
		if len(data) > 5000 {
			data = data[:5000]
		}
		comp := compressZlib(f, data, zlib.DefaultCompression)
		f.Add(comp)
		f.Add(comp[:len(comp)/2])
	}
	const limit = 1 << 16
	f.Fuzz(func(t *testing.T, src []byte) {
		var want []byte
		var wantErr error
		zr, err := zlib.NewReader(bytes.NewReader(src))
		if err == nil {
			want, wantErr = io.ReadAll(io.LimitReader(zr, limit+1))
		} else {
			wantErr = err
		}
		dst := make([]byte, limit)
		n, consumed, err := Zlib(dst, src)
		switch {
		case wantErr == nil && len(want) > limit:
			// Too long for dst. If the stream is valid to its end the
			// answer is ErrShortBuffer; if it breaks later (truncated),
			// which of the two problems a decoder meets first is its own
			// business, but it must fail.
			const far = 1 << 22
			rest, restErr := io.ReadAll(io.LimitReader(zr, far))
			switch {
			case restErr == nil && len(rest) < far && err != ErrShortBuffer:
				t.Fatalf("valid stream over %d bytes: got err=%v, want ErrShortBuffer", limit, err)
			case err == nil:
				t.Fatalf("output over %d bytes: libdeflate accepts %d bytes", limit, n)
			}
		case wantErr == nil:
			if err != nil || !bytes.Equal(dst[:n], want) {
				t.Fatalf("compress/zlib accepts (%d bytes), libdeflate: n=%d err=%v", len(want), n, err)
			}
		case err == nil:
			if !trailerMatches(src, consumed, dst[:n]) {
				t.Fatalf("compress/zlib rejects (%v); libdeflate accepts %d bytes that fail the Adler-32", wantErr, n)
			}
		}
	})
}
