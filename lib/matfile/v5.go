package matfile

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"fmt"
	"io"
)

// maxInflateRatio bounds how much a DEFLATE stream can expand: a 258-byte
// match costs at least 2 bits, so no stream decompresses to more than
// 1032 times its size. A compressed element declaring more is corrupt.
const maxInflateRatio = 1032

// maxDims bounds the number of dimensions (numpy's and scipy's limit).
const maxDims = 32

// maxElements bounds the product of the dimensions so that byte counts
// cannot overflow; the data must be in the file anyway.
const maxElements = 1 << 56

// nextV5 reads the header of the v5 variable whose element starts at off.
// For a compressed element only the header is decompressed.
func (f *File) nextV5(off int64) (*Var, error) {
	v := &Var{Offset: off}
	rem := f.size - off
	if rem < 8 {
		return nil, f.errorf(off, nil, "%d stray bytes after the last variable (truncated element tag?)", rem)
	}
	var tag [8]byte
	if err := f.readAt(tag[:], off, ""); err != nil {
		return nil, err
	}
	typ, n := dataType(f.ByteOrder.Uint32(tag[:4])), int64(f.ByteOrder.Uint32(tag[4:]))
	switch {
	case typ != miMATRIX && typ != miCOMPRESSED:
		return nil, f.errorf(off, nil, "expected a miMATRIX or miCOMPRESSED element, found tag 0x%08x (corrupt file?)", uint32(typ))
	case n == 0:
		return nil, f.errorf(off, nil, "empty %v element", typ)
	case n > rem-8:
		return nil, f.errorf(off, nil, "%v element declares %d bytes, only %d remain in the file (truncated?)", typ, n, rem-8)
	}
	v.Size = 8 + n
	d := f.dec
	sec := io.NewSectionReader(f.r, off+8, n)
	if d.br == nil {
		d.br = bufio.NewReaderSize(sec, 4096)
	} else {
		d.br.Reset(sec)
	}
	s := &elemStream{r: d.br, order: f.ByteOrder, limit: n}
	if typ == miMATRIX {
		if err := s.matrix(v); err != nil {
			return nil, f.streamError(v, err, off+8, false)
		}
		v.dataOff += off + 8
		return v, nil
	}
	v.Compressed = true
	if err := d.resetZlib(); err != nil {
		return nil, f.varErrorf(v, off, err, "bad zlib stream header")
	}
	s.r, s.limit = d.zr, 8
	if err := s.read(s.buf[:], "decompressed element tag"); err != nil {
		return nil, f.streamError(v, err, off, true)
	}
	innerType, innerLen := dataType(s.order.Uint32(s.buf[:4])), int64(s.order.Uint32(s.buf[4:]))
	switch {
	case innerType != miMATRIX:
		return nil, f.errorf(off, nil, "compressed element holds tag 0x%08x, not miMATRIX (corrupt file?)", uint32(innerType))
	case innerLen == 0:
		return nil, f.errorf(off, nil, "compressed element holds an empty miMATRIX")
	case 8+innerLen > maxInflateRatio*n:
		return nil, f.errorf(off, nil, "compressed element of %d bytes declares %d decompressed bytes, more than DEFLATE can expand to", n, 8+innerLen)
	}
	v.rawLen = 8 + innerLen
	s.limit = v.rawLen
	if err := s.matrix(v); err != nil {
		return nil, f.streamError(v, err, off, true)
	}
	return v, nil
}

// resetZlib points d's zlib reader at d.br.
func (d *Decoder) resetZlib() (err error) {
	if d.zr == nil {
		d.zr, err = zlib.NewReader(d.br)
		return err
	}
	return d.zr.(zlib.Resetter).Reset(d.br, nil)
}

// streamError turns an error of an element stream into a FormatError. For
// an uncompressed element base is the file offset of the stream's start;
// for a compressed one it is the element's offset, and the position is
// reported within the decompressed data.
func (f *File) streamError(v *Var, err error, base int64, compressed bool) error {
	se, ok := err.(*streamError)
	if !ok {
		return err
	}
	if compressed {
		return f.varErrorf(v, base, se.err, "in its decompressed data at byte %d: %s", se.pos, se.msg)
	}
	return f.varErrorf(v, base+se.pos, se.err, "%s", se.msg)
}

// elemStream reads the sub-elements of one miMATRIX element, from the file
// or from a zlib stream, never past the element's end.
type elemStream struct {
	r     io.Reader
	pos   int64 // offset of the next byte in the element's coordinates
	limit int64 // end of the element
	order binary.ByteOrder
	buf   [8]byte
}

// streamError is an error at a position of an element stream.
type streamError struct {
	pos int64
	msg string
	err error
}

func (e *streamError) Error() string { return fmt.Sprintf("at %d: %s", e.pos, e.msg) }

func (s *elemStream) failAt(pos int64, err error, format string, args ...any) error {
	return &streamError{pos: pos, msg: fmt.Sprintf(format, args...), err: err}
}

func (s *elemStream) read(p []byte, what string) error {
	if left := s.limit - s.pos; int64(len(p)) > left {
		return s.failAt(s.pos, nil, "%s needs %d bytes, only %d remain in the variable's element", what, len(p), left)
	}
	if _, err := io.ReadFull(s.r, p); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return s.failAt(s.pos, err, "reading %s", what)
	}
	s.pos += int64(len(p))
	return nil
}

// element is a data element tag; a small data element carries its data.
type element struct {
	typ   dataType
	n     int64 // bytes of data
	pos   int64 // where the data starts
	tag   int64 // where the tag starts
	small bool
	data  [4]byte
}

// tag reads a data element tag. The data of a small element (at most 4
// bytes, packed in the tag) is read with it; a full element's data must
// fit in what remains of the variable.
func (s *elemStream) tag(what string) (element, error) {
	e := element{tag: s.pos}
	if err := s.read(s.buf[:], what+" tag"); err != nil {
		return e, err
	}
	w := s.order.Uint32(s.buf[:4])
	if n := w >> 16; n != 0 {
		if n > 4 {
			return e, s.failAt(e.tag, nil, "%s: bad element tag 0x%08x", what, w)
		}
		e.typ, e.n, e.small, e.pos = dataType(w&0xffff), int64(n), true, e.tag+4
		copy(e.data[:], s.buf[4:])
		return e, nil
	}
	e.typ, e.n, e.pos = dataType(w), int64(s.order.Uint32(s.buf[4:])), s.pos
	if left := s.limit - s.pos; e.n > left {
		return e, s.failAt(e.tag, nil, "%s declares %d bytes, only %d remain in the variable's element", what, e.n, left)
	}
	return e, nil
}

// data returns the data of e, at most max bytes, and skips its padding.
func (s *elemStream) data(e element, max int64, what string) ([]byte, error) {
	if e.small {
		return e.data[:e.n], nil
	}
	if e.n > max {
		return nil, s.failAt(e.tag, nil, "%s of %d bytes is longer than %d (corrupt file?)", what, e.n, max)
	}
	b := make([]byte, e.n)
	if err := s.read(b, what); err != nil {
		return nil, err
	}
	// Full elements are padded to 8 bytes; a last element may lack its
	// padding at the very end of the variable.
	pad := min((8-e.n%8)%8, s.limit-s.pos)
	return b, s.read(s.buf[:pad], what+" padding")
}

// name reads a text element: a variable, class or type name.
func (s *elemStream) name(what string) (string, error) {
	e, err := s.tag(what)
	if err != nil {
		return "", err
	}
	if e.typ != miINT8 && e.typ != miUTF8 {
		return "", s.failAt(e.tag, nil, "%s: expected miINT8 text, found %v", what, e.typ)
	}
	b, err := s.data(e, maxNameLen, what)
	if err != nil {
		return "", err
	}
	if e.typ == miUTF8 {
		for _, c := range b {
			if c >= 0x80 {
				return "", s.failAt(e.tag, nil, "%s: non-ASCII miUTF8 text", what)
			}
		}
	}
	return latin1(string(b)), nil
}

// matrix reads the header of a miMATRIX element (after its tag) into v:
// array flags, dimensions, name, and for numeric arrays the tag of the real
// part, which must hold exactly the values the dimensions call for.
func (s *elemStream) matrix(v *Var) error {
	e, err := s.tag("array flags")
	if err != nil {
		return err
	}
	if e.typ != miUINT32 || e.n != 8 || e.small {
		return s.failAt(e.tag, nil, "array flags: expected 8 bytes of miUINT32, found %d bytes of %v", e.n, e.typ)
	}
	var fl [8]byte
	if err := s.read(fl[:], "array flags"); err != nil {
		return err
	}
	flags := s.order.Uint32(fl[:4])
	v.Class = Class(flags & 0xff)
	v.Logical, v.Global, v.Complex = flags>>9&1 == 1, flags>>10&1 == 1, flags>>11&1 == 1
	if !v.Class.valid() {
		return s.failAt(e.tag, nil, "unknown array class %d (corrupt file?)", flags&0xff)
	}
	if v.Class == ClassOpaque { // name, type system ("MCOS"), class name; no dims
		if v.Name, err = s.name("variable name"); err != nil {
			return err
		}
		v.Name = functionWorkspace(v.Name)
		if _, err = s.name("object type"); err != nil {
			return err
		}
		v.ObjectClass, err = s.name("class name")
		return err
	}
	n, err := s.dims(v)
	if err != nil {
		return err
	}
	v.n = int(n)
	if v.Name, err = s.name("variable name"); err != nil {
		return err
	}
	v.Name = functionWorkspace(v.Name)
	if v.Class == ClassObject || v.Class == ClassObjectH {
		if v.ObjectClass, err = s.name("class name"); err != nil {
			return err
		}
	}
	if !v.Class.Numeric() {
		return nil
	}
	if e, err = s.tag("real part"); err != nil {
		return err
	}
	size := int64(e.typ.size())
	switch {
	case size == 0:
		return s.failAt(e.tag, nil, "real part: %v is not a numeric data type", e.typ)
	case !storedLosslessly(e.typ, v.Class, v.Logical):
		return s.failAt(e.tag, nil, "class %s stored as %v is not supported (MATLAB never writes it; it would need a lossy conversion)", v.ClassName(), e.typ)
	case n*size != e.n:
		return s.failAt(e.tag, nil, "dims %s need %d bytes of %v, element holds %d", v.Shape(), n*size, e.typ, e.n)
	}
	v.stored, v.dataLen, v.dataOff = e.typ, e.n, e.pos
	v.small, v.smallData = e.small, e.data
	return nil
}

// dims reads the dimensions element and returns the number of elements.
func (s *elemStream) dims(v *Var) (int64, error) {
	e, err := s.tag("dimensions")
	if err != nil {
		return 0, err
	}
	if (e.typ != miINT32 && e.typ != miUINT32) || e.n%4 != 0 || e.n > 4*maxDims {
		return 0, s.failAt(e.tag, nil, "dimensions: expected at most %d miINT32 values, found %d bytes of %v", maxDims, e.n, e.typ)
	}
	b, err := s.data(e, 4*maxDims, "dimensions")
	if err != nil {
		return 0, err
	}
	v.Dims = make([]int, len(b)/4)
	n := int64(1)
	for i := range v.Dims {
		d := int32(s.order.Uint32(b[4*i:]))
		if d < 0 {
			return 0, s.failAt(e.tag, nil, "negative dimension %d", d)
		}
		v.Dims[i] = int(d)
		if d != 0 && n > maxElements/int64(d) {
			return 0, s.failAt(e.tag, nil, "dims %s: too many elements", v.Shape())
		}
		n *= int64(d)
	}
	return n, nil
}

// functionWorkspace names the unnamed variable MATLAB writes for its
// subsystem data as scipy does, so that it is skipped like other "__"
// names.
func functionWorkspace(name string) string {
	if name == "" {
		return "__function_workspace__"
	}
	return name
}
