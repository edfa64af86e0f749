package matfile

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
)

// wantVar is what a test expects of one variable.
type wantVar struct {
	name  string
	class string // Var.ClassName()
	dims  []int
	skip  string    // substring of Var.Skip; "" if the variable is ingested
	data  []float64 // column-major values; nil if not read (complex, non-numeric)
}

func checkVars(t *testing.T, file string, got []readVar, want []wantVar) {
	t.Helper()
	if len(got) != len(want) {
		names := make([]string, len(got))
		for i, g := range got {
			names[i] = g.Name
		}
		t.Fatalf("%s: %d variables %v, want %d", file, len(got), names, len(want))
	}
	for i, w := range want {
		g := got[i]
		switch {
		case g.Name != w.name:
			t.Errorf("%s: variable %d is %q, want %q", file, i, g.Name, w.name)
		case g.ClassName() != w.class:
			t.Errorf("%s: %s: class %q, want %q", file, w.name, g.ClassName(), w.class)
		case !slices.Equal(g.Dims, w.dims):
			t.Errorf("%s: %s: dims %v, want %v", file, w.name, g.Dims, w.dims)
		case (w.skip == "") != (g.Skip == "") || !strings.Contains(g.Skip, w.skip):
			t.Errorf("%s: %s: skip %q, want %q", file, w.name, g.Skip, w.skip)
		case !sameFloats(g.Data, w.data) || (g.Data == nil) != (w.data == nil):
			t.Errorf("%s: %s: data %v, want %v", file, w.name, g.Data, w.data)
		}
	}
}

// cubeColumnMajor is numpy's arange(24).reshape(2,3,4) in MATLAB's
// column-major order: element (i,j,k) = 12i+4j+k sits at i+2j+6k.
func cubeColumnMajor() []float64 {
	out := make([]float64, 24)
	for i := range 2 {
		for j := range 3 {
			for k := range 4 {
				out[i+2*j+6*k] = float64(12*i + 4*j + k)
			}
		}
	}
	return out
}

// scipyWant lists the variables of testdata/scipy_*.mat as written by
// make_scipy_fixtures.py; the values are the script's closed forms, and
// load_fixtures.py shows scipy.io.loadmat(squeeze_me=True) loading the
// same values (flattened) and whosmat the same classes and shapes.
func scipyWant(version int, oned string) []wantVar {
	vec := func(n int) []int {
		if oned == "row" {
			return []int{1, n}
		}
		return []int{n, 1}
	}
	class := func(c string) string {
		if version == 4 {
			return "double" // MAT v4 knows only double matrices
		}
		return c
	}
	ramp := make([]float64, 10)
	for i := range ramp {
		ramp[i] = float64(i + 1)
	}
	w := []wantVar{
		{"ramp", "double", vec(10), "", ramp},
		{"mat", "double", []int{2, 3}, "", []float64{1, 4, 2, 5, 3, 6}},
		{"i16", class("int16"), vec(5), "", []float64{-32768, -1, 0, 1, 32767}},
		{"u8", class("uint8"), vec(3), "", []float64{0, 1, 255}},
		{"f32", class("single"), vec(3), "", []float64{0.5, -1.25, float64(float32(3e38))}},
		{"scalar", "double", []int{1, 1}, "fewer than 2", []float64{3.5}},
		{"cplx", "double", vec(2), "complex", nil},
		{"text", "char", []int{1, 5}, "char array", nil},
	}
	if version == 4 {
		// v4 sparse matrices are stored as (nnz+1)x3 triplets.
		return append(w, wantVar{"sp", "sparse", []int{4, 3}, "sparse", nil})
	}
	return append(w,
		wantVar{"sp", "sparse", []int{3, 3}, "sparse", nil},
		wantVar{"i8", "int8", vec(2), "", []float64{-128, 127}},
		wantVar{"u16", "uint16", vec(2), "", []float64{0, 65535}},
		wantVar{"i32", "int32", vec(2), "", []float64{-1 << 31, 1<<31 - 1}},
		wantVar{"u32", "uint32", vec(2), "", []float64{0, 1<<32 - 1}},
		// 2^53+1 and 2^63-1 round to the nearest float64, as numpy's
		// astype(float64) prints them: 9007199254740992.0, 9.223372036854776e+18.
		wantVar{"i64", "int64", vec(3), "", []float64{-1 << 63, 1 << 53, 1 << 63}},
		wantVar{"u64", "uint64", vec(2), "", []float64{0, 1 << 64}},
		wantVar{"flags", "logical", vec(3), "", []float64{1, 0, 1}},
		wantVar{"cube", "double", []int{2, 3, 4}, "", cubeColumnMajor()},
		wantVar{"empty", "double", []int{0, 3}, "empty", []float64{}},
		wantVar{"cel", "cell", vec(2), "cell array", nil},
		wantVar{"st", "struct", []int{1, 1}, "struct array", nil},
	)
}

func TestScipyFixtures(t *testing.T) {
	for _, version := range []int{4, 5, 7} {
		for _, oned := range []string{"column", "row"} {
			path := fmt.Sprintf("testdata/scipy_v%d_%s.mat", version, oned)
			f, err := Open(path)
			if err != nil {
				t.Fatal(err)
			}
			wantVersion := min(version, 5)
			if f.Version != wantVersion {
				t.Errorf("%s: version %d, want %d", path, f.Version, wantVersion)
			}
			if version > 4 && !strings.HasPrefix(f.Header, "MATLAB 5.0 MAT-file") {
				t.Errorf("%s: header %q", path, f.Header)
			}
			got, err := readFile(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			checkVars(t, path, got, scipyWant(version, oned))
			for _, v := range got {
				if v.Compressed != (version == 7) {
					t.Errorf("%s: %s: compressed %v", path, v.Name, v.Compressed)
				}
			}
		}
	}
}

// The float32 value of 3e38 is 3.0000000054977558e+38 (scipy prints it).
func TestFloat32Constant(t *testing.T) {
	if got := float64(float32(3e38)); got != 3.0000000054977558e+38 || math.IsInf(got, 0) {
		t.Fatal(got)
	}
}

func TestOpenMissing(t *testing.T) {
	_, err := Open("testdata/no such file.mat")
	if !os.IsNotExist(err) || !strings.Contains(err.Error(), "no such file.mat") {
		t.Fatalf("got %v", err)
	}
}
