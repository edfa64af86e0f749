package matfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"unsafe"

	kzlib "github.com/klauspost/compress/zlib"
)

// Format is a MAT file format a Writer writes.
type Format int

const (
	V4 Format = 4 // MAT v4: 2-D double (stored in any v4 type), char and sparse matrices
	V5 Format = 5 // MAT v5 (also what MATLAB's -v6 writes): uncompressed elements
	V7 Format = 7 // MAT v7: v5 with every variable zlib-compressed
)

// DefaultCompressionLevel is the zlib level of a V7 Writer: the fastest,
// since the writer produces test and synthetic data in bulk. MATLAB itself
// uses zlib's default level 6 (SetCompressionLevel).
const DefaultCompressionLevel = kzlib.BestSpeed

// Array is one variable for Writer.WriteArray. The storage type of the
// data is the element type of Real: a double variable whose values are
// small integers can be stored as []uint8 or []int16, as MATLAB does.
// The writer checks sizes and formats, but it does not check that the
// class and storage type are a combination MATLAB writes, so that tests
// can make files MATLAB would not.
type Array struct {
	Name  string
	Class Class // 0: the class of Real's element type (ClassUint8 for Logical)
	Dims  []int // MATLAB dimensions; the data is in column-major order
	// Real is the data: []float64, []float32, []int8, []uint8, []int16,
	// []uint16, []int32, []uint32, []int64 or []uint64 (MAT v4 knows only
	// float64, float32, int32, int16, uint16 and uint8). For ClassChar,
	// []uint16 holds UTF-16 code units.
	Real any
	// Imag is the imaginary part of a complex array: nil, or a slice of
	// Real's type and length.
	Imag    any
	Logical bool
	Global  bool
}

// Writer writes a MAT file, one variable at a time, deterministically
// (the same calls give the same bytes). Each variable is written to the
// underlying writer in full before the call returns; errors are sticky.
type Writer struct {
	w      io.Writer
	format Format
	order  byteOrder
	level  int
	zw     *kzlib.Writer
	zbuf   bytes.Buffer
	hdr    []byte    // element headers
	swap   [2][]byte // real and imaginary data converted to a non-native byte order
	err    error
}

// NewWriter starts a MAT file of the given format and byte order
// (binary.LittleEndian or binary.BigEndian) on w, writing the v5 header
// at once.
func NewWriter(w io.Writer, format Format, order binary.ByteOrder) (*Writer, error) {
	if format != V4 && format != V5 && format != V7 {
		return nil, fmt.Errorf("matfile: unknown format %d (want 4, 5 or 7)", format)
	}
	if order != binary.LittleEndian && order != binary.BigEndian {
		return nil, errors.New("matfile: byte order must be binary.LittleEndian or binary.BigEndian")
	}
	mw := &Writer{w: w, format: format, order: order.(byteOrder), level: DefaultCompressionLevel}
	if format != V4 {
		mw.write(mw.v5Header())
	}
	return mw, mw.err
}

// SetCompressionLevel sets the zlib level (1..9) of a V7 writer.
func (w *Writer) SetCompressionLevel(level int) error {
	if level < kzlib.BestSpeed || level > kzlib.BestCompression {
		return fmt.Errorf("matfile: compression level %d out of range 1..9", level)
	}
	w.level, w.zw = level, nil
	return nil
}

func (w *Writer) v5Header() []byte {
	h := make([]byte, 128)
	copy(h, fmt.Sprintf("%-116s", "MATLAB 5.0 MAT-file, written by sp lib/matfile"))
	w.order.PutUint16(h[124:], 0x0100)
	w.order.PutUint16(h[126:], 'M'<<8|'I') // reads "IM" in a little-endian file
	return h
}

// WriteFloat64 writes a double array; data holds its values in
// column-major order.
func (w *Writer) WriteFloat64(name string, dims []int, data []float64) error {
	return w.WriteArray(Array{Name: name, Class: ClassDouble, Dims: dims, Real: data})
}

// WriteArray writes one variable.
func (w *Writer) WriteArray(a Array) error {
	if w.err != nil {
		return w.err
	}
	if err := a.check(w.format); err != nil {
		return err
	}
	if w.format == V4 {
		return w.writeV4(a)
	}
	typ, real, _ := dataOf(a.Real)
	class := a.Class
	if class == 0 {
		class = classOf(typ, a.Logical)
	}
	var flags uint32
	if a.Logical {
		flags |= 1 << 9
	}
	if a.Global {
		flags |= 1 << 10
	}
	if a.Imag != nil {
		flags |= 1 << 11
	}
	h := appendFlags(w.hdr[:0], w.order, class, flags, 0)
	h = appendDims(h, w.order, a.Dims)
	h = appendElement(h, w.order, miINT8, []byte(a.Name))
	parts := [][]byte{h}
	parts = w.appendData(parts, typ, w.fileOrder(0, real, typ.size()))
	if a.Imag != nil {
		_, imag, _ := dataOf(a.Imag)
		parts = w.appendData(parts, typ, w.fileOrder(1, imag, typ.size()))
	}
	w.hdr = h[:0]
	return w.writeMatrix(parts...)
}

// appendData adds a data element (tag, data, padding) to parts without
// copying the data.
func (w *Writer) appendData(parts [][]byte, typ dataType, data []byte) [][]byte {
	if len(data) <= 4 {
		return append(parts, appendElement(nil, w.order, typ, data))
	}
	tag := appendTag(nil, w.order, typ, len(data))
	return append(parts, tag, data, make([]byte, pad8(len(data))))
}

// fileOrder returns data (in native order) in the file's byte order,
// converting it in swap buffer i if needed.
func (w *Writer) fileOrder(i int, data []byte, size int) []byte {
	if size == 1 || (w.order == binary.LittleEndian) == nativeLE {
		return data
	}
	w.swap[i] = append(w.swap[i][:0], data...)
	for j := 0; j < len(data); j += size {
		b := w.swap[i][j : j+size]
		for l, r := 0, size-1; l < r; l, r = l+1, r-1 {
			b[l], b[r] = b[r], b[l]
		}
	}
	return w.swap[i]
}

// writeMatrix writes a miMATRIX element whose payload is the
// concatenation of parts; in a V7 file, compressed.
func (w *Writer) writeMatrix(parts ...[]byte) error {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	if n > math.MaxUint32 {
		return fmt.Errorf("matfile: variable of %d bytes is too large for a MAT v5 element (4 GiB)", n)
	}
	tag := appendTag(nil, w.order, miMATRIX, n)
	if w.format != V7 {
		w.write(tag)
		for _, p := range parts {
			w.write(p)
		}
		return w.err
	}
	w.zbuf.Reset()
	if w.zw == nil {
		w.zw, _ = kzlib.NewWriterLevel(&w.zbuf, w.level) // level checked by SetCompressionLevel
	} else {
		w.zw.Reset(&w.zbuf)
	}
	w.zw.Write(tag) // writes to a bytes.Buffer cannot fail
	for _, p := range parts {
		w.zw.Write(p)
	}
	w.zw.Close()
	if w.zbuf.Len() > math.MaxUint32 {
		return fmt.Errorf("matfile: compressed variable of %d bytes is too large for a MAT v5 element (4 GiB)", w.zbuf.Len())
	}
	w.write(appendTag(nil, w.order, miCOMPRESSED, w.zbuf.Len()))
	w.write(w.zbuf.Bytes())
	return w.err
}

func (w *Writer) write(p []byte) {
	if w.err == nil {
		_, w.err = w.w.Write(p)
	}
}

// writeV4 writes a MAT v4 variable: header, name, real part, imaginary part.
func (w *Writer) writeV4(a Array) error {
	typ, real, _ := dataOf(a.Real)
	p := map[dataType]int32{miDOUBLE: 0, miSINGLE: 1, miINT32: 2, miINT16: 3, miUINT16: 4, miUINT8: 5}[typ]
	t := map[Class]int32{0: 0, ClassDouble: 0, ClassChar: 1, ClassSparse: 2}[a.Class]
	mopt := p*10 + t
	if w.order == binary.BigEndian {
		mopt += 1000
	}
	var imagf int32
	if a.Imag != nil {
		imagf = 1
	}
	h := w.hdr[:0]
	for _, x := range []int32{mopt, int32(a.Dims[0]), int32(a.Dims[1]), imagf, int32(len(a.Name) + 1)} {
		h = w.order.AppendUint32(h, uint32(x))
	}
	h = append(append(h, a.Name...), 0)
	w.hdr = h[:0]
	w.write(h)
	w.write(w.fileOrder(0, real, typ.size()))
	if a.Imag != nil {
		_, imag, _ := dataOf(a.Imag)
		w.write(w.fileOrder(1, imag, typ.size()))
	}
	return w.err
}

// check validates a against the format.
func (a *Array) check(format Format) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("matfile: variable %q: %s", a.Name, fmt.Sprintf(format, args...))
	}
	typ, _, n := dataOf(a.Real)
	if typ == 0 {
		return fail("unsupported data type %T", a.Real)
	}
	if a.Imag != nil {
		if ityp, _, in := dataOf(a.Imag); ityp != typ || in != n {
			return fail("imaginary part (%T of %d) does not match the real part (%T of %d)", a.Imag, in, a.Real, n)
		}
	}
	if len(a.Name) > maxNameLen {
		return fail("name longer than %d bytes", maxNameLen)
	}
	for _, c := range []byte(a.Name) {
		if c >= 0x80 || c == 0 {
			return fail("name must be ASCII without NUL bytes")
		}
	}
	if len(a.Dims) > maxDims {
		return fail("more than %d dimensions", maxDims)
	}
	count := 1
	for _, d := range a.Dims {
		if d < 0 || d > math.MaxInt32 {
			return fail("dimension %d out of range", d)
		}
		count *= d
	}
	if count != n {
		return fail("dims %s hold %d values, data has %d", shapeString(a.Dims), count, n)
	}
	if a.Class != 0 && !a.Class.valid() {
		return fail("unknown class %d", a.Class)
	}
	if format != V4 {
		return nil
	}
	switch {
	case len(a.Dims) != 2:
		return fail("MAT v4 matrices have 2 dimensions, not %d", len(a.Dims))
	case a.Class != 0 && a.Class != ClassDouble && a.Class != ClassChar && a.Class != ClassSparse:
		return fail("MAT v4 stores double, char and sparse matrices, not %s", a.Class)
	case a.Logical || a.Global:
		return fail("MAT v4 has no logical or global flags")
	case typ == miINT8 || typ == miUINT32 || typ == miINT64 || typ == miUINT64:
		return fail("MAT v4 cannot store %v", typ)
	}
	return nil
}

func shapeString(dims []int) string {
	s := make([]string, len(dims))
	for i, d := range dims {
		s[i] = fmt.Sprint(d)
	}
	return strings.Join(s, "x")
}

// dataOf returns the storage type, native-order bytes and length of a
// numeric slice; type 0 for anything else.
func dataOf(x any) (dataType, []byte, int) {
	switch s := x.(type) {
	case []float64:
		return miDOUBLE, sliceBytes(s), len(s)
	case []float32:
		return miSINGLE, sliceBytes(s), len(s)
	case []int8:
		return miINT8, sliceBytes(s), len(s)
	case []uint8:
		return miUINT8, s, len(s)
	case []int16:
		return miINT16, sliceBytes(s), len(s)
	case []uint16:
		return miUINT16, sliceBytes(s), len(s)
	case []int32:
		return miINT32, sliceBytes(s), len(s)
	case []uint32:
		return miUINT32, sliceBytes(s), len(s)
	case []int64:
		return miINT64, sliceBytes(s), len(s)
	case []uint64:
		return miUINT64, sliceBytes(s), len(s)
	}
	return 0, nil, 0
}

func sliceBytes[T any](s []T) []byte {
	var zero T
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(s)*int(unsafe.Sizeof(zero)))
}

// classOf returns the class whose type is the storage type t.
func classOf(t dataType, logical bool) Class {
	if logical {
		return ClassUint8
	}
	return map[dataType]Class{
		miDOUBLE: ClassDouble, miSINGLE: ClassSingle, miINT8: ClassInt8,
		miUINT8: ClassUint8, miINT16: ClassInt16, miUINT16: ClassUint16,
		miINT32: ClassInt32, miUINT32: ClassUint32, miINT64: ClassInt64,
		miUINT64: ClassUint64,
	}[t]
}

// byteOrder is what binary.LittleEndian and binary.BigEndian offer.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

func pad8(n int) int { return (8 - n%8) % 8 }

func appendTag(b []byte, order byteOrder, typ dataType, n int) []byte {
	b = order.AppendUint32(b, uint32(typ))
	return order.AppendUint32(b, uint32(n))
}

// appendElement appends a data element, as a small data element when the
// data fits in 4 bytes (as MATLAB writes them).
func appendElement(b []byte, order byteOrder, typ dataType, data []byte) []byte {
	if len(data) <= 4 {
		b = order.AppendUint32(b, uint32(len(data))<<16|uint32(typ))
		var d [4]byte
		copy(d[:], data)
		return append(b, d[:]...)
	}
	b = appendTag(b, order, typ, len(data))
	b = append(b, data...)
	return append(b, make([]byte, pad8(len(data)))...)
}

// appendFlags appends the array flags element of a miMATRIX.
func appendFlags(b []byte, order byteOrder, class Class, flags, nzmax uint32) []byte {
	b = appendTag(b, order, miUINT32, 8)
	b = order.AppendUint32(b, flags|uint32(class))
	return order.AppendUint32(b, nzmax)
}

// appendDims appends the dimensions element of a miMATRIX.
func appendDims(b []byte, order byteOrder, dims []int) []byte {
	d := make([]byte, 0, 4*len(dims))
	for _, x := range dims {
		d = order.AppendUint32(d, uint32(x))
	}
	return appendElement(b, order, miINT32, d)
}
