package matfile

import (
	"strconv"
	"strings"
	"testing"
)

func TestSignals(t *testing.T) {
	scipyCube := make([]float64, 24) // numpy's C-order flatten of arange(24).reshape(2,3,4)
	for i := range scipyCube {
		scipyCube[i] = float64(i)
	}
	type sig struct {
		name   string
		values []float64
	}
	tests := []struct {
		name   string
		dims   []int
		data   []float64
		layout Layout
		want   []sig
	}{
		{"row vector", []int{1, 4}, []float64{1, 2, 3, 4}, Columns, []sig{{"x", []float64{1, 2, 3, 4}}}},
		{"column vector", []int{4, 1}, []float64{1, 2, 3, 4}, Flatten, []sig{{"x", []float64{1, 2, 3, 4}}}},
		{"1x1xN", []int{1, 1, 3}, []float64{1, 2, 3}, Columns, []sig{{"x", []float64{1, 2, 3}}}},
		{"empty", []int{0, 3}, []float64{}, Columns, nil},
		// A 3x2 matrix: columns are MATLAB's x(:,1), x(:,2).
		{"matrix columns", []int{3, 2}, []float64{1, 2, 3, 4, 5, 6}, Columns,
			[]sig{{"x_1", []float64{1, 2, 3}}, {"x_2", []float64{4, 5, 6}}}},
		// scipy loads testdata/ours_v5_le.mat "grid" (3x2, data 1..6) and
		// flatten() gives [1, 4, 2, 5, 3, 6].
		{"matrix flatten", []int{3, 2}, []float64{1, 2, 3, 4, 5, 6}, Flatten,
			[]sig{{"x", []float64{1, 4, 2, 5, 3, 6}}}},
		// 2x1x3 squeezes to 2x3; scipy's flatten of ours "cube" is [1, 3, 5, 2, 4, 6].
		{"singleton middle columns", []int{2, 1, 3}, []float64{1, 2, 3, 4, 5, 6}, Columns,
			[]sig{{"x_1", []float64{1, 2}}, {"x_2", []float64{3, 4}}, {"x_3", []float64{5, 6}}}},
		{"singleton middle flatten", []int{2, 1, 3}, []float64{1, 2, 3, 4, 5, 6}, Flatten,
			[]sig{{"x", []float64{1, 3, 5, 2, 4, 6}}}},
		// scipy's cube (2x3x4, element (i,j,k) = 12i+4j+k): flatten gives 0..23.
		{"3-d flatten", []int{2, 3, 4}, cubeColumnMajor(), Flatten, []sig{{"x", scipyCube}}},
	}
	for _, tc := range tests {
		v := &Var{Name: "x", Dims: tc.dims, n: len(tc.data)}
		got, err := Signals(v, tc.data, tc.layout)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if len(got) != len(tc.want) {
			t.Fatalf("%s: %d signals, want %d", tc.name, len(got), len(tc.want))
		}
		for i, w := range tc.want {
			if got[i].Name != w.name || !sameFloats(got[i].Values, w.values) {
				t.Errorf("%s: signal %d = %s %v, want %s %v", tc.name, i, got[i].Name, got[i].Values, w.name, w.values)
			}
		}
	}
}

// In Columns mode a 2x3x4 array is reshape(x, 2, []): twelve columns, the
// j-th holding x(:, j) in MATLAB's linear column order (j = j2 + 3*j3).
func TestSignalsColumns3D(t *testing.T) {
	data := cubeColumnMajor()
	v := &Var{Name: "cube", Dims: []int{2, 3, 4}, n: 24}
	got, err := Signals(v, data, Columns)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 12 {
		t.Fatalf("%d signals", len(got))
	}
	for c, s := range got {
		j, k := c%3, c/3
		want := []float64{float64(4*j + k), float64(12 + 4*j + k)}
		if s.Name != "cube_"+strconv.Itoa(c+1) || !sameFloats(s.Values, want) {
			t.Errorf("column %d: %s %v, want %v", c+1, s.Name, s.Values, want)
		}
		if &s.Values[0] != &data[2*c] {
			t.Errorf("column %d is a copy", c+1)
		}
		if cap(s.Values) != 2 {
			t.Errorf("column %d: capacity %d lets appends overwrite the next column", c+1, cap(s.Values))
		}
	}
}

func TestSignalsLengthMismatch(t *testing.T) {
	v := &Var{Name: "x", Dims: []int{2, 2}, n: 4}
	if _, err := Signals(v, []float64{1, 2, 3}, Columns); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Fatalf("got %v", err)
	}
}

func TestParseLayout(t *testing.T) {
	for _, s := range []string{"columns", "flatten"} {
		l, err := ParseLayout(s)
		if err != nil || l.String() != s {
			t.Errorf("%s: %v %v", s, l, err)
		}
	}
	if _, err := ParseLayout("rows"); err == nil {
		t.Error("rows accepted")
	}
}

// SignalNames (names.go, used by sp-ingest --list) agrees with Signals.
func TestSignalNamesAgree(t *testing.T) {
	for _, dims := range [][]int{{1, 4}, {4, 1}, {3, 2}, {2, 1, 3}, {2, 3, 4}, {0, 3}, {1, 1}} {
		n := 1
		for _, d := range dims {
			n *= d
		}
		v := &Var{Name: "x", Dims: dims, n: n}
		for _, layout := range []Layout{Columns, Flatten} {
			sigs, err := Signals(v, make([]float64, n), layout)
			if err != nil {
				t.Fatal(err)
			}
			names := SignalNames(v, layout)
			if len(names) != len(sigs) {
				t.Fatalf("%v %v: names %v, %d signals", dims, layout, names, len(sigs))
			}
			for i := range names {
				if names[i] != sigs[i].Name {
					t.Errorf("%v %v: %s != %s", dims, layout, names[i], sigs[i].Name)
				}
			}
		}
	}
}
