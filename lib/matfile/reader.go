package matfile

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Decoder holds the scratch memory of decoding: buffers for compressed
// and decompressed elements and a zlib reader for element headers. Every
// File opened through a Decoder uses its scratch, so the buffers grow to
// the largest variable once and are then reused, file after file. Files of
// one Decoder must not be read at the same time: give each goroutine its
// own Decoder. The zero value is ready to use.
type Decoder struct {
	comp []byte        // one compressed element
	raw  []byte        // one decompressed element, or a chunk being converted
	zr   io.ReadCloser // compress/zlib reader for element headers
	br   *bufio.Reader // buffers header reads from the file
}

// File is an open MAT file. Next walks its variables in file order;
// ReadFloat64 decodes one. A File is not safe for concurrent use.
type File struct {
	// Version is 4 for MAT v4 files and 5 for MAT v5 files; MAT v6 and v7
	// files are v5 files (v7 compresses variables: Var.Compressed).
	Version   int
	ByteOrder binary.ByteOrder
	// Header is the descriptive text of a v5 file's header, trimmed
	// ("MATLAB 5.0 MAT-file, Platform: ..."); "" for v4 files.
	Header string

	name   string
	r      io.ReaderAt
	size   int64
	closer io.Closer
	dec    *Decoder
	le     bool  // little-endian file
	pos    int64 // offset of the next variable
	err    error // sticky error of Next
	names  map[string]bool
}

// Open opens the MAT file at path and reads its header. Close it after use.
func Open(path string) (*File, error) { return new(Decoder).Open(path) }

// NewReader reads a MAT file of size bytes from r; name is used in errors.
func NewReader(r io.ReaderAt, size int64, name string) (*File, error) {
	return new(Decoder).NewReader(r, size, name)
}

// Open opens the MAT file at path, using d's scratch memory.
func (d *Decoder) Open(path string) (*File, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, err
	}
	f, err := d.NewReader(fh, st.Size(), path)
	if err != nil {
		fh.Close()
		return nil, err
	}
	f.closer = fh
	return f, nil
}

// NewReader reads a MAT file of size bytes from r, using d's scratch memory.
func (d *Decoder) NewReader(r io.ReaderAt, size int64, name string) (*File, error) {
	f := &File{name: name, r: r, size: size, dec: d, names: map[string]bool{}}
	if err := f.readHeader(); err != nil {
		return nil, err
	}
	return f, nil
}

// Close closes the file opened by Open; for a File from NewReader it does
// nothing.
func (f *File) Close() error {
	if f.closer == nil {
		return nil
	}
	err := f.closer.Close()
	f.closer = nil
	return err
}

// Name returns the file name given to Open or NewReader.
func (f *File) Name() string { return f.name }

// hdf5Signature starts every HDF5 file; MAT v7.3 files have it at byte 512,
// after a 512-byte user block holding the MAT header text.
var hdf5Signature = []byte("\x89HDF\r\n\x1a\n")

func (f *File) readHeader() error {
	if f.size < 4 {
		return f.errorf(-1, ErrNotMAT, "file of %d bytes is too short", f.size)
	}
	head := make([]byte, min(f.size, 128))
	if err := f.readAt(head, 0, ""); err != nil {
		return err
	}
	if bytes.HasPrefix(head, hdf5Signature) {
		return f.errorf(-1, ErrHDF5, "HDF5 file")
	}
	if bytes.IndexByte(head[:4], 0) >= 0 {
		// MAT v4 files start with a type code below 5000: a zero byte in
		// the first four (scipy's test).
		return f.openV4(head)
	}
	if f.isHDF5At(512) || bytes.HasPrefix(head, []byte("MATLAB 7.3")) {
		return f.errorf(-1, ErrHDF5, "")
	}
	if len(head) < 128 {
		return f.errorf(-1, ErrNotMAT, "no MAT v4 variable, and %d bytes are too few for a MAT v5 header", f.size)
	}
	switch string(head[126:128]) {
	case "IM":
		f.ByteOrder, f.le = binary.LittleEndian, true
	case "MI":
		f.ByteOrder = binary.BigEndian
	default:
		return f.errorf(-1, ErrNotMAT, "no MAT v4 variable and no MAT v5 header (endian indicator %q)", head[126:128])
	}
	switch version := f.ByteOrder.Uint16(head[124:126]); version {
	case 0x0100:
	case 0x0200:
		return f.errorf(-1, ErrHDF5, "")
	default:
		return f.errorf(124, nil, "unsupported MAT file version 0x%04x", version)
	}
	f.Version = 5
	f.Header = strings.Trim(string(head[:116]), " \t\r\n\x00")
	f.pos = 128
	return nil
}

func (f *File) isHDF5At(off int64) bool {
	if f.size < off+int64(len(hdf5Signature)) {
		return false
	}
	b := make([]byte, len(hdf5Signature))
	if _, err := f.r.ReadAt(b, off); err != nil && !errors.Is(err, io.EOF) {
		return false
	}
	return bytes.Equal(b, hdf5Signature)
}

// Next returns the next variable's metadata, or io.EOF after the last one.
// It reads only the variable's header (for a compressed variable, the
// first bytes of its zlib stream), so skipping a variable is cheap. After
// an error Next returns the same error again.
func (f *File) Next() (*Var, error) {
	if f.err != nil {
		return nil, f.err
	}
	if f.pos >= f.size {
		return nil, io.EOF
	}
	v, err := f.header(f.pos)
	if err == nil && f.names[v.Name] {
		err = f.varErrorf(v, v.Offset, nil, "duplicate variable name (an earlier variable has it)")
	}
	if err != nil {
		f.err = err
		return nil, err
	}
	f.names[v.Name] = true
	f.pos = v.Offset + v.Size
	return v, nil
}

// At returns the variable whose header starts at offset (a Var.Offset that
// Next returned on another File of the same file), so that several
// goroutines, each with its own File, can decode one file's variables in
// parallel. It reads only the header, as Next does.
func (f *File) At(offset int64) (*Var, error) {
	if offset < 0 || offset >= f.size {
		return nil, f.errorf(offset, nil, "no variable starts at byte %d (the file has %d bytes)", offset, f.size)
	}
	return f.header(offset)
}

// header reads the header of the variable at offset.
func (f *File) header(offset int64) (*Var, error) {
	var v *Var
	var err error
	if f.Version == 4 {
		v, err = f.nextV4(offset)
	} else {
		v, err = f.nextV5(offset)
	}
	if err != nil {
		return nil, err
	}
	v.file = f
	v.Skip = skipReason(v)
	return v, nil
}

// readAt fills p from offset off, reporting a short file as a FormatError
// (varName may be "").
func (f *File) readAt(p []byte, off int64, varName string) error {
	n, err := f.r.ReadAt(p, off)
	if n == len(p) {
		return nil
	}
	if err == nil || errors.Is(err, io.EOF) {
		return &FormatError{File: f.name, Var: varName, Offset: off + int64(n), Msg: "unexpected end of file", Err: io.ErrUnexpectedEOF}
	}
	return fmt.Errorf("%s: %w", f.name, err)
}

func (f *File) errorf(off int64, cause error, format string, args ...any) error {
	return &FormatError{File: f.name, Offset: off, Msg: fmt.Sprintf(format, args...), Err: cause}
}

func (f *File) varErrorf(v *Var, off int64, cause error, format string, args ...any) error {
	return &FormatError{File: f.name, Var: v.Name, Offset: off, Msg: fmt.Sprintf(format, args...), Err: cause}
}
