package matfile

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/ours_*.mat from the writer")

// oursArrays are the variables of testdata/ours_*.mat; v4 files hold the
// subset MAT v4 can store.
func oursArrays(format Format) []Array {
	acc := make([]float64, 8)
	for k := range acc {
		acc[k] = float64(k)*0.25 - 1
	}
	all := []Array{
		{Name: "acc", Dims: []int{1, 8}, Real: acc},
		{Name: "counts", Class: ClassDouble, Dims: []int{4, 1}, Real: []int16{-300, 0, 7, 32000}},
		{Name: "level", Class: ClassDouble, Dims: []int{1, 3}, Real: []uint8{0, 3, 255}},
		{Name: "grid", Dims: []int{3, 2}, Real: []float64{1, 2, 3, 4, 5, 6}},
		{Name: "z", Dims: []int{1, 2}, Real: []float64{1, 2}, Imag: []float64{3, 4}},
		{Name: "one", Dims: []int{1, 1}, Real: []float64{42}},
		{Name: "name", Class: ClassChar, Dims: []int{1, 2}, Real: []uint16{'a', 'b'}},
	}
	if format == V4 {
		return all
	}
	return append(all,
		Array{Name: "sgl", Dims: []int{1, 3}, Real: []float32{0.1, -2.5, 1e-3}},
		Array{Name: "i64", Dims: []int{1, 2}, Real: []int64{1<<53 + 1, -1 << 63}},
		Array{Name: "mask", Logical: true, Dims: []int{1, 4}, Real: []uint8{1, 0, 1, 1}},
		Array{Name: "__meta", Dims: []int{1, 2}, Real: []float64{1, 2}},
		Array{Name: "g", Global: true, Dims: []int{1, 2}, Real: []float64{5, 6}},
		Array{Name: "cube", Dims: []int{2, 1, 3}, Real: []float64{1, 2, 3, 4, 5, 6}},
	)
}

// oursWant is what scipy.io.loadmat(squeeze_me=True) loads from
// testdata/ours_*.mat (load_fixtures.py, flattened values) and whosmat
// lists, in MATLAB's column-major order.
func oursWant(format Format) []wantVar {
	w := []wantVar{
		{"acc", "double", []int{1, 8}, "", []float64{-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75}},
		{"counts", "double", []int{4, 1}, "", []float64{-300, 0, 7, 32000}},
		{"level", "double", []int{1, 3}, "", []float64{0, 3, 255}},
		{"grid", "double", []int{3, 2}, "", []float64{1, 2, 3, 4, 5, 6}},
		{"z", "double", []int{1, 2}, "complex", nil},
		{"one", "double", []int{1, 1}, "fewer than 2", []float64{42}},
		{"name", "char", []int{1, 2}, "char array", nil},
	}
	if format == V4 {
		return w
	}
	return append(w,
		// scipy: [0.10000000149011612, -2.5, 0.0010000000474974513]
		wantVar{"sgl", "single", []int{1, 3}, "", []float64{0.10000000149011612, -2.5, 0.0010000000474974513}},
		// scipy: [9007199254740992.0, -9.223372036854776e+18]
		wantVar{"i64", "int64", []int{1, 2}, "", []float64{1 << 53, -1 << 63}},
		wantVar{"mask", "logical", []int{1, 4}, "", []float64{1, 0, 1, 1}},
		wantVar{"__meta", "double", []int{1, 2}, "name starts with __", []float64{1, 2}},
		wantVar{"g", "double", []int{1, 2}, "", []float64{5, 6}},
		wantVar{"cube", "double", []int{2, 1, 3}, "", []float64{1, 2, 3, 4, 5, 6}},
	)
}

var allOrders = []binary.ByteOrder{binary.LittleEndian, binary.BigEndian}

// TestWriterFixtures checks that the writer still writes the checked-in
// files byte for byte (they were loaded with scipy to derive oursWant),
// and that the reader reads them back.
func TestWriterFixtures(t *testing.T) {
	for _, format := range []Format{V4, V5, V7} {
		for _, order := range allOrders {
			path := fmt.Sprintf("testdata/ours_v%d_%s.mat", format, orderName(order))
			b := writeFile(t, format, order, oursArrays(format)...)
			if *update {
				if err := os.WriteFile(path, b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			disk, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, disk) {
				t.Errorf("%s: writer output differs from the file (run go test -update if the change is intended)", path)
			}
			got, err := readAll(disk, path)
			if err != nil {
				t.Fatal(err)
			}
			checkVars(t, path, got, oursWant(format))
			for _, v := range got {
				if v.Name == "g" && !v.Global {
					t.Errorf("%s: g is not global", path)
				}
				if v.Compressed != (format == V7) {
					t.Errorf("%s: %s compressed=%v", path, v.Name, v.Compressed)
				}
			}
		}
	}
}

func TestWriterRejects(t *testing.T) {
	tests := []struct {
		format Format
		a      Array
		want   string
	}{
		{V5, Array{Name: "x", Dims: []int{2, 2}, Real: []float64{1, 2, 3}}, "dims 2x2 hold 4 values, data has 3"},
		{V5, Array{Name: "x", Dims: []int{1, 2}, Real: []string{"a", "b"}}, "unsupported data type"},
		{V5, Array{Name: "x", Dims: []int{1, 2}, Real: []float64{1, 2}, Imag: []float32{1, 2}}, "imaginary part"},
		{V5, Array{Name: "é", Dims: []int{1, 1}, Real: []float64{1}}, "ASCII"},
		{V5, Array{Name: "x", Dims: []int{-1, 1}, Real: []float64{}}, "dimension -1"},
		{V4, Array{Name: "x", Dims: []int{1, 1, 2}, Real: []float64{1, 2}}, "2 dimensions"},
		{V4, Array{Name: "x", Dims: []int{1, 2}, Real: []int64{1, 2}}, "cannot store miINT64"},
		{V4, Array{Name: "x", Class: ClassInt16, Dims: []int{1, 2}, Real: []int16{1, 2}}, "not int16"},
		{V4, Array{Name: "x", Logical: true, Dims: []int{1, 2}, Real: []uint8{1, 0}}, "logical"},
	}
	for _, tc := range tests {
		w, err := NewWriter(new(bytes.Buffer), tc.format, binary.LittleEndian)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WriteArray(tc.a); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want %q", tc.a, err, tc.want)
		}
	}
	if _, err := NewWriter(new(bytes.Buffer), 6, binary.LittleEndian); err == nil {
		t.Error("format 6 accepted")
	}
	w, _ := NewWriter(new(bytes.Buffer), V7, binary.LittleEndian)
	if err := w.SetCompressionLevel(10); err == nil {
		t.Error("level 10 accepted")
	}
}

// A failing underlying writer makes every later write fail too.
func TestWriterStickyError(t *testing.T) {
	w, err := NewWriter(failWriter{}, V5, binary.LittleEndian)
	if err == nil {
		t.Fatal("header write error not reported")
	}
	if err := w.WriteFloat64("x", []int{1, 2}, []float64{1, 2}); err == nil {
		t.Fatal("write after error succeeded")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("disk full") }
