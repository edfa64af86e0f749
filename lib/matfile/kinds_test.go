package matfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

// Builders of miMATRIX payloads that the exported Writer does not offer,
// laid out as MATLAB writes them (MAT-File Format, "Cell Arrays",
// "Structures", "Objects", "Sparse Arrays"; opaque and function handle
// layouts as scipy's _mio5_utils.pyx reads them).

func header(o byteOrder, class Class, flags uint32, dims []int, name string) []byte {
	b := appendFlags(nil, o, class, flags, 0)
	if dims != nil {
		b = appendDims(b, o, dims)
	}
	return appendElement(b, o, miINT8, []byte(name))
}

// nested returns a complete miMATRIX element holding payload.
func nested(o byteOrder, payload []byte) []byte {
	return append(appendTag(nil, o, miMATRIX, len(payload)), payload...)
}

func doublePayload(o byteOrder, name string, dims []int, values ...float64) []byte {
	b := header(o, ClassDouble, 0, dims, name)
	data := make([]byte, 0, 8*len(values))
	for _, x := range values {
		data = o.AppendUint64(data, math.Float64bits(x))
	}
	return appendElement(b, o, miDOUBLE, data)
}

func fieldNames(o byteOrder, names ...string) []byte {
	const width = 32
	b := appendElement(nil, o, miINT32, o.AppendUint32(nil, width))
	buf := make([]byte, width*len(names))
	for i, n := range names {
		copy(buf[i*width:], n)
	}
	return appendElement(b, o, miINT8, buf)
}

func cellPayload(o byteOrder, name string) []byte {
	b := header(o, ClassCell, 0, []int{1, 2}, name)
	b = append(b, nested(o, doublePayload(o, "", []int{1, 1}, 1))...)
	return append(b, nested(o, doublePayload(o, "", []int{1, 2}, 2, 3))...)
}

func structPayload(o byteOrder, name string) []byte {
	b := header(o, ClassStruct, 0, []int{1, 1}, name)
	b = append(b, fieldNames(o, "a")...)
	return append(b, nested(o, doublePayload(o, "", []int{1, 3}, 1, 2, 3))...)
}

func objectPayload(o byteOrder, name string) []byte {
	b := header(o, ClassObject, 0, []int{1, 1}, name)
	b = appendElement(b, o, miINT8, []byte("sensorinfo"))
	b = append(b, fieldNames(o, "gain")...)
	return append(b, nested(o, doublePayload(o, "", []int{1, 1}, 2))...)
}

func functionPayload(o byteOrder, name string) []byte {
	b := header(o, ClassFunction, 0, []int{1, 1}, name)
	s := header(o, ClassStruct, 0, []int{1, 1}, "")
	s = append(s, fieldNames(o, "function")...)
	s = append(s, nested(o, doublePayload(o, "", []int{1, 2}, 0, 0))...)
	return append(b, nested(o, s)...)
}

func opaquePayload(o byteOrder, name string) []byte {
	b := header(o, ClassOpaque, 0, nil, name)
	b = appendElement(b, o, miINT8, []byte("MCOS"))
	b = appendElement(b, o, miINT8, []byte("string"))
	ref := header(o, ClassUint32, 0, []int{6, 1}, "")
	var data []byte
	for _, x := range []uint32{0xdd000000, 2, 1, 1, 1, 1} {
		data = o.AppendUint32(data, x)
	}
	ref = appendElement(ref, o, miUINT32, data)
	return append(b, nested(o, ref)...)
}

func sparsePayload(o byteOrder, name string) []byte {
	b := appendFlags(nil, o, ClassSparse, 0, 3)
	b = appendDims(b, o, []int{3, 3})
	b = appendElement(b, o, miINT8, []byte(name))
	var ir, jc, pr []byte
	for _, x := range []uint32{0, 1, 2} {
		ir = o.AppendUint32(ir, x)
	}
	for _, x := range []uint32{0, 1, 2, 3} {
		jc = o.AppendUint32(jc, x)
	}
	for range 3 {
		pr = o.AppendUint64(pr, math.Float64bits(1))
	}
	b = appendElement(b, o, miINT32, ir)
	b = appendElement(b, o, miINT32, jc)
	return appendElement(b, o, miDOUBLE, pr)
}

// rawFile writes miMATRIX payloads with a Writer (compressed for V7).
func rawFile(t testing.TB, format Format, order binary.ByteOrder, payloads ...[]byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, format, order)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range payloads {
		if err := w.writeMatrix(p); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

func TestSkippedKinds(t *testing.T) {
	for _, format := range []Format{V5, V7} {
		for _, order := range allOrders {
			o := order.(byteOrder)
			file := fmt.Sprintf("kinds_v%d_%s.mat", format, orderName(order))
			b := rawFile(t, format, order,
				cellPayload(o, "c"), structPayload(o, "s"), objectPayload(o, "obj"),
				functionPayload(o, "fh"), opaquePayload(o, "str"), sparsePayload(o, "sp"),
				header(o, ClassChar, 0, []int{1, 0}, "emptytext"),
				doublePayload(o, "after", []int{1, 3}, 7, 8, 9),
			)
			got, err := readAll(b, file)
			if err != nil {
				t.Fatal(err)
			}
			checkVars(t, file, got, []wantVar{
				{"c", "cell", []int{1, 2}, "cell array", nil},
				{"s", "struct", []int{1, 1}, "struct array", nil},
				{"obj", "sensorinfo", []int{1, 1}, `object of class "sensorinfo"`, nil},
				{"fh", "function_handle", []int{1, 1}, "function handle", nil},
				{"str", "string", nil, `opaque value of class "string"`, nil},
				{"sp", "sparse", []int{3, 3}, "sparse matrix", nil},
				{"emptytext", "char", []int{1, 0}, "char array", nil},
				{"after", "double", []int{1, 3}, "", []float64{7, 8, 9}},
			})
			kinds := []Kind{KindCell, KindStruct, KindObject, KindFunction, KindOpaque, KindSparse, KindChar, KindNumeric}
			for i, k := range kinds {
				if got[i].Kind() != k {
					t.Errorf("%s: %s: kind %v, want %v", file, got[i].Name, got[i].Kind(), k)
				}
			}
		}
	}
}

// Names are Latin-1 (scipy decodes them so) and come out as UTF-8.
func TestLatin1Name(t *testing.T) {
	o := byteOrder(binary.BigEndian)
	got, err := readAll(rawFile(t, V5, binary.BigEndian, doublePayload(o, "caf\xe9", []int{1, 2}, 1, 2)), "n.mat")
	if err != nil || got[0].Name != "café" {
		t.Fatalf("%v %v", got, err)
	}
}

// MATLAB writes its subsystem data as an unnamed uint8 variable; scipy
// names it __function_workspace__, and it is skipped like other __ names.
func TestFunctionWorkspace(t *testing.T) {
	o := byteOrder(binary.LittleEndian)
	p := header(o, ClassUint8, 0, []int{1, 8}, "")
	p = appendElement(p, o, miUINT8, make([]byte, 8))
	got, err := readAll(rawFile(t, V7, binary.LittleEndian, p), "ws.mat")
	if err != nil {
		t.Fatal(err)
	}
	checkVars(t, "ws.mat", got, []wantVar{{"__function_workspace__", "uint8", []int{1, 8}, "name starts with __", make([]float64, 8)}})
}

// MATLAB stores the values of a double array in the smallest integer type
// that holds them all; they must load as the doubles they are.
func TestStorageTypes(t *testing.T) {
	tests := []struct {
		class Class
		real  any
		want  []float64
	}{
		{ClassDouble, []int8{-128, 127}, []float64{-128, 127}},
		{ClassDouble, []uint8{0, 255}, []float64{0, 255}},
		{ClassDouble, []int16{-32768, 32767}, []float64{-32768, 32767}},
		{ClassDouble, []uint16{0, 65535}, []float64{0, 65535}},
		{ClassDouble, []int32{-1 << 31, 1<<31 - 1}, []float64{-1 << 31, 1<<31 - 1}},
		{ClassDouble, []uint32{0, 1<<32 - 1}, []float64{0, 1<<32 - 1}},
		{ClassDouble, []float32{0.5, -1}, []float64{0.5, -1}},
		{ClassSingle, []int16{-3, 3}, []float64{-3, 3}},
		{ClassInt32, []uint16{65535, 0}, []float64{65535, 0}},
		{ClassUint64, []uint8{200, 1}, []float64{200, 1}},
		// uint64 max rounds to 2^64, as numpy's astype(float64).
		{ClassUint64, []uint64{1<<64 - 1, 1}, []float64{1 << 64, 1}},
	}
	for _, format := range []Format{V5, V7} {
		for _, order := range allOrders {
			for _, tc := range tests {
				b := writeFile(t, format, order, Array{Name: "x", Class: tc.class, Dims: []int{1, 2}, Real: tc.real})
				got, err := readAll(b, "x.mat")
				if err != nil {
					t.Fatalf("%s %T: %v", tc.class, tc.real, err)
				}
				if got[0].Class != tc.class || !sameFloats(got[0].Data, tc.want) {
					t.Errorf("v%d %s: %s stored as %T: %s %v, want %v", format, orderName(order), tc.class, tc.real, got[0].Class, got[0].Data, tc.want)
				}
			}
		}
	}
}

// A logical array loads as 0/1 whatever the stored bytes (MATLAB's
// logical class; scipy's mat_dtype=True loading), here 2 and 255.
func TestLogicalNonzero(t *testing.T) {
	b := writeFile(t, V5, binary.LittleEndian, Array{Name: "m", Logical: true, Dims: []int{4, 1}, Real: []uint8{0, 2, 255, 1}})
	got, err := readAll(b, "m.mat")
	if err != nil || !sameFloats(got[0].Data, []float64{0, 1, 1, 1}) {
		t.Fatalf("%v %v", got, err)
	}
}

// Data read in chunks (non-native types) and compressed data that needs
// the inflate buffer to grow (a 1032:1 stream of zeros) decode completely.
func TestLargeVariables(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates ~30 MB")
	}
	const n = 600_000 // over one chunk of int16
	counts := make([]int16, n)
	want := make([]float64, n)
	for i := range counts {
		counts[i] = int16(i%65536 - 32768)
		want[i] = float64(counts[i])
	}
	zeros := make([]float64, 1<<20)
	for _, format := range []Format{V5, V7} {
		for _, order := range allOrders {
			b := writeFile(t, format, order,
				Array{Name: "counts", Class: ClassDouble, Dims: []int{n, 1}, Real: counts},
				Array{Name: "zeros", Dims: []int{1 << 20, 1}, Real: zeros})
			got, err := readAll(b, "big.mat")
			if err != nil {
				t.Fatal(err)
			}
			if !sameFloats(got[0].Data, want) || !sameFloats(got[1].Data, zeros) {
				t.Errorf("v%d %s: wrong data", format, orderName(order))
			}
		}
	}
}

// One Decoder reads file after file, reusing its buffers, and one dst
// buffer serves variable after variable.
func TestDecoderReuse(t *testing.T) {
	var d Decoder
	var dst []float64
	for round := range 3 {
		for _, path := range []string{"testdata/ours_v7_le.mat", "testdata/ours_v5_be.mat", "testdata/scipy_v7_row.mat"} {
			f, err := d.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for {
				v, err := f.Next()
				if err != nil {
					break
				}
				if v.Skip != "" {
					continue
				}
				if dst, err = f.ReadFloat64(v, dst[:0]); err != nil {
					t.Fatal(err)
				}
				if v.Name == "acc" && !sameFloats(dst, []float64{-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75}) {
					t.Errorf("round %d %s: acc = %v", round, path, dst)
				}
				names = append(names, v.Name)
			}
			f.Close()
			if len(names) < 6 || !slices.Contains(names, "grid") && !slices.Contains(names, "ramp") {
				t.Errorf("%s: read %v", path, names)
			}
		}
	}
}

func TestReadFloat64Refuses(t *testing.T) {
	o := byteOrder(binary.LittleEndian)
	b := rawFile(t, V5, binary.LittleEndian, cellPayload(o, "c"))
	b2 := writeFile(t, V5, binary.LittleEndian,
		Array{Name: "z", Dims: []int{1, 2}, Real: []float64{1, 2}, Imag: []float64{0, 1}})
	f, _ := NewReader(bytes.NewReader(b), int64(len(b)), "c.mat")
	f2, _ := NewReader(bytes.NewReader(b2), int64(len(b2)), "z.mat")
	c, _ := f.Next()
	z, _ := f2.Next()
	for _, tc := range []struct {
		f    *File
		v    *Var
		want string
	}{
		{f, c, `c.mat: variable "c" at byte 128: cannot read a cell variable as float64`},
		{f2, z, `z.mat: variable "z" at byte 128: cannot read a complex variable as float64`},
		{f, z, `variable does not belong to this file`},
	} {
		if _, err := tc.f.ReadFloat64(tc.v, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v, want %q", err, tc.want)
		}
	}
}
