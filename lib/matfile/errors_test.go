package matfile

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"

	"sp/lib/inflate"
)

// baseV5 is a little-endian v5 file of two doubles. Layout (bytes): header
// 0-128; "acc" tag 128, flags 136, dims 152 (values at 160, 164), name
// 168 (small element), real part tag 176, data 184-216; "b" 216-296.
func baseV5(t testing.TB, format Format) []byte {
	return writeFile(t, format, binary.LittleEndian,
		Array{Name: "acc", Dims: []int{1, 4}, Real: []float64{1, 2, 3, 4}},
		Array{Name: "b", Dims: []int{1, 3}, Real: []float64{5, 6, 7}})
}

// baseV4 is a little-endian v4 file: "acc" 0-56 (header 20, name 4, data
// 32), "b" 56-102.
func baseV4(t testing.TB) []byte {
	return writeFile(t, V4, binary.LittleEndian,
		Array{Name: "acc", Dims: []int{1, 4}, Real: []float64{1, 2, 3, 4}},
		Array{Name: "b", Dims: []int{1, 3}, Real: []float64{5, 6, 7}})
}

func patch(b []byte, off int, data ...byte) []byte {
	b = bytes.Clone(b)
	copy(b[off:], data)
	return b
}

func flipLast(b []byte) []byte {
	b = bytes.Clone(b)
	b[len(b)-1] ^= 0xff
	return b
}

func le32(x int32) []byte { return binary.LittleEndian.AppendUint32(nil, uint32(x)) }

// compressedElement is a miCOMPRESSED element holding zlib(content).
func compressedElement(content []byte) []byte {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(content)
	w.Close()
	return append(appendTag(nil, binary.LittleEndian, miCOMPRESSED, z.Len()), z.Bytes()...)
}

func v5Header(t testing.TB) []byte { return writeFile(t, V5, binary.LittleEndian) }

// readError reads the whole file and returns the first error.
func readError(b []byte) error {
	_, err := readAll(b, "x.mat")
	return err
}

func TestCorruptInput(t *testing.T) {
	o := byteOrder(binary.LittleEndian)
	v5 := baseV5(t, V5)
	v7 := baseV5(t, V7)
	v4 := baseV4(t)
	accPayload := doublePayload(o, "acc", []int{1, 4}, 1, 2, 3, 4)
	accMatrix := nested(o, accPayload)

	hdf5 := make([]byte, 1024)
	copy(hdf5, "MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024 HDF5 schema 1.00 .")
	copy(hdf5[124:], []byte{0, 2, 'I', 'M'})
	copy(hdf5[512:], hdf5Signature)

	tests := []struct {
		name  string
		file  []byte
		want  string // the whole message after "x.mat: "
		cause error
	}{
		{"empty", nil, "file of 0 bytes is too short: not a MAT file", ErrNotMAT},
		{"three bytes", []byte("MAT"), "file of 3 bytes is too short: not a MAT file", ErrNotMAT},
		{"text", []byte(strings.Repeat("this is a text file, not a MAT file. ", 5)),
			`no MAT v4 variable and no MAT v5 header (endian indicator "fi")`, ErrNotMAT},
		{"short text", []byte("hello world"), "no MAT v4 variable, and 11 bytes are too few for a MAT v5 header: not a MAT file", ErrNotMAT},
		{"v7.3", hdf5, "MAT v7.3 (HDF5) files are not supported; save with -v7", ErrHDF5},
		{"hdf5", append(bytes.Clone(hdf5Signature), make([]byte, 100)...), "HDF5 file: MAT v7.3 (HDF5) files are not supported; save with -v7", ErrHDF5},
		{"version", patch(v5, 124, 0, 3), "at byte 124: unsupported MAT file version 0x0300", nil},

		{"truncated in first", v5[:200], "at byte 128: miMATRIX element declares 80 bytes, only 64 remain in the file (truncated?)", nil},
		{"truncated in second", v5[:250], "at byte 216: miMATRIX element declares 72 bytes, only 26 remain in the file (truncated?)", nil},
		{"truncated compressed", v7[:len(v7)-10], "miCOMPRESSED element declares", nil},
		{"stray bytes", append(bytes.Clone(v5), 1, 2, 3), "at byte 296: 3 stray bytes after the last variable (truncated element tag?)", nil},
		{"bad tag", patch(v5, 128, 99), "at byte 128: expected a miMATRIX or miCOMPRESSED element, found tag 0x00000063 (corrupt file?)", nil},
		{"empty element", patch(v5, 132, 0, 0, 0, 0), "at byte 128: empty miMATRIX element", nil},
		{"dims mismatch", patch(v5, 164, 5), `variable "acc" at byte 176: dims 1x5 need 40 bytes of miDOUBLE, element holds 32`, nil},
		{"negative dim", patch(v5, 164, le32(-1)...), "at byte 152: negative dimension -1", nil},
		{"unknown class", patch(v5, 144, 0), "at byte 136: unknown array class 0 (corrupt file?)", nil},
		{"real part too long", patch(v5, 180, le32(1000)...), `variable "acc" at byte 176: real part declares 1000 bytes, only 32 remain in the variable's element`, nil},
		{"name type", patch(v5, 168, 9), "at byte 168: variable name: expected miINT8 text, found miDOUBLE", nil},
		{"flags type", patch(v5, 136, 5), "at byte 136: array flags: expected 8 bytes of miUINT32, found 8 bytes of miINT32", nil},
		{"real part type", patch(v5, 176, 14), `variable "acc" at byte 176: real part: miMATRIX is not a numeric data type`, nil},
		{"lossy storage", writeFile(t, V5, binary.LittleEndian, Array{Name: "k", Class: ClassInt8, Dims: []int{1, 2}, Real: []int16{1, 300}}),
			`variable "k" at byte 176: class int8 stored as miINT16 is not supported (MATLAB never writes it; it would need a lossy conversion)`, nil},
		{"duplicate", writeFile(t, V5, binary.LittleEndian,
			Array{Name: "acc", Dims: []int{1, 2}, Real: []float64{1, 2}},
			Array{Name: "acc", Dims: []int{1, 2}, Real: []float64{1, 2}}),
			`variable "acc" at byte 200: duplicate variable name (an earlier variable has it)`, nil},

		{"checksum", patch(v7, 128+int(binary.LittleEndian.Uint32(v7[132:]))+8-1, v7[128+int(binary.LittleEndian.Uint32(v7[132:]))+8-1]^0xff),
			`variable "acc" at byte 128: compressed data: ` + inflate.ErrBadData.Error(), inflate.ErrBadData},
		{"checksum of small data", flipLast(writeFile(t, V7, binary.LittleEndian, Array{Name: "lvl", Class: ClassDouble, Dims: []int{1, 3}, Real: []uint8{0, 3, 255}})),
			`variable "lvl" at byte 128: compressed data: ` + inflate.ErrBadData.Error(), inflate.ErrBadData},
		{"declares more", append(v5Header(t), compressedElement(append(appendTag(nil, o, miMATRIX, len(accPayload)+8), accPayload...))...),
			`variable "acc" at byte 128: decompressed data holds 88 bytes, its miMATRIX tag declares 96 (corrupt file?)`, nil},
		{"declares less", append(v5Header(t), compressedElement(append(bytes.Clone(accMatrix), 0, 0, 0, 0, 0, 0, 0, 0))...),
			`variable "acc" at byte 128: decompressed data is longer than the 88 bytes its miMATRIX tag declares (corrupt file?)`, nil},
		{"inflate ratio", append(v5Header(t), compressedElement(appendTag(nil, o, miMATRIX, 0xfffffff0))...),
			"more than DEFLATE can expand to", nil},
		{"not a matrix", append(v5Header(t), compressedElement(appendElement(nil, o, miDOUBLE, make([]byte, 8)))...),
			"at byte 128: compressed element holds tag 0x00000009, not miMATRIX (corrupt file?)", nil},
		{"short stream", append(v5Header(t), compressedElement(accMatrix[:40])...),
			"at byte 128: in its decompressed data at byte 40: reading variable name tag: unexpected EOF", nil},
		{"bad zlib header", append(v5Header(t), 15, 0, 0, 0, 4, 0, 0, 0, 1, 2, 3, 4),
			"at byte 128: bad zlib stream header: zlib: invalid header", nil},

		{"v4 truncated first", v4[:50], `variable "acc" at byte 0: dims 1x4 need 32 bytes of miDOUBLE, only 26 remain in the file (truncated?)`, nil},
		{"v4 garbage", patch(v4, 0, le32(13)...), "at byte 0: not a MAT v5 file, nor a valid MAT v4 file: type code 13: unknown matrix type 3", ErrNotMAT},
		{"v4 truncated second", v4[:80], `variable "b" at byte 56: dims 1x3 need 24 bytes of miDOUBLE, only 2 remain in the file (truncated?)`, nil},
		{"v4 imagf", patch(v4, 56+12, 2), "at byte 56: complex flag is 2, not 0 or 1", nil},
		{"v4 VAX", patch(v4, 56, le32(2000)...), "at byte 56: type code 2000: VAX and Cray number formats are not supported", nil},
		{"v4 type", patch(v4, 56, le32(60)...), "at byte 56: type code 60: unknown data type 6", nil},
		{"v4 name", patch(v4, 56+16, le32(0)...), "at byte 56: name length 0 out of range 1..4096", nil},
		{"v4 header", v4[:60], "at byte 56: truncated variable header: 4 bytes left, a MAT v4 header needs 20", nil},
	}
	for _, tc := range tests {
		err := readError(tc.file)
		var fe *FormatError
		switch {
		case !errors.As(err, &fe):
			t.Errorf("%s: got %v, want a FormatError", tc.name, err)
		case !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "x.mat: "):
			t.Errorf("%s:\n got  %v\n want x.mat: ...%s", tc.name, err, tc.want)
		case tc.cause != nil && !errors.Is(err, tc.cause):
			t.Errorf("%s: %v does not wrap %v", tc.name, err, tc.cause)
		}
	}
}

// After an error Next keeps returning it: the file is never half read.
func TestStickyError(t *testing.T) {
	b := baseV5(t, V5)[:250]
	f, err := NewReader(bytes.NewReader(b), int64(len(b)), "x.mat")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Next(); err != nil {
		t.Fatal(err)
	}
	_, err1 := f.Next()
	_, err2 := f.Next()
	if err1 == nil || err1 != err2 {
		t.Fatalf("%v then %v", err1, err2)
	}
}

// A reader that fails is reported with the file name, not as corruption.
func TestReadError(t *testing.T) {
	b := baseV5(t, V5)
	_, err := NewReader(failingReaderAt{}, int64(len(b)), "x.mat")
	var fe *FormatError
	if err == nil || errors.As(err, &fe) || !strings.HasPrefix(err.Error(), "x.mat: ") {
		t.Fatalf("got %v", err)
	}
}

type failingReaderAt struct{}

func (failingReaderAt) ReadAt([]byte, int64) (int, error) { return 0, io.ErrClosedPipe }
