package matfile

import (
	"fmt"
	"strconv"
)

// Layout says how an array with more than one non-singleton dimension
// becomes signals (config key converter.matrix).
type Layout int

const (
	// Columns makes one signal per column, named name_1 .. name_M with
	// MATLAB's 1-based column numbers: an R×C matrix (samples × channels)
	// gives C signals of R samples. An N-d array is taken as the matrix
	// MATLAB's reshape(x, R, []) gives, R being its first non-singleton
	// dimension: column j holds the elements j·R .. j·R+R-1 in MATLAB
	// (column-major) order, so a 1651×2×3 array gives x_1 .. x_6.
	Columns Layout = iota
	// Flatten makes one signal of all elements in numpy's C order over the
	// squeezed shape (the last dimension varying fastest), which is what
	// the reference's loadmat(squeeze_me=True) + flatten() produces.
	Flatten
)

// ParseLayout parses "columns" or "flatten".
func ParseLayout(s string) (Layout, error) {
	switch s {
	case "columns":
		return Columns, nil
	case "flatten":
		return Flatten, nil
	}
	return 0, fmt.Errorf("matrix layout %q: want columns or flatten", s)
}

func (l Layout) String() string {
	if l == Flatten {
		return "flatten"
	}
	return "columns"
}

// Signal is one named series of samples.
type Signal struct {
	Name   string
	Values []float64
}

// Signals splits data, the values of v as ReadFloat64 returned them, into
// signals. A vector (at most one dimension above 1) is one signal named
// after the variable; an empty array has none. Otherwise layout decides: Columns returns slices of
// data (no copy); Flatten returns one new slice.
func Signals(v *Var, data []float64, layout Layout) ([]Signal, error) {
	if len(data) != v.n {
		return nil, fmt.Errorf("variable %q: %d values given, dims %s hold %d", v.Name, len(data), v.Shape(), v.n)
	}
	if v.n == 0 {
		return nil, nil
	}
	shape := squeeze(v.Dims)
	if len(shape) <= 1 {
		return []Signal{{Name: v.Name, Values: data}}, nil
	}
	if layout == Flatten {
		return []Signal{{Name: v.Name, Values: cOrder(data, shape)}}, nil
	}
	rows := shape[0]
	out := make([]Signal, len(data)/rows)
	for j := range out {
		out[j] = Signal{Name: v.Name + "_" + strconv.Itoa(j+1), Values: data[j*rows : (j+1)*rows : (j+1)*rows]}
	}
	return out, nil
}

// squeeze drops the dimensions of size 1, as numpy.squeeze does.
func squeeze(dims []int) []int {
	var s []int
	for _, d := range dims {
		if d != 1 {
			s = append(s, d)
		}
	}
	return s
}

// cOrder rearranges column-major data of the given shape into row-major
// (C) order: the element at index (i0, ..., ik) moves from position
// i0 + i1·d0 + ... to position ((i0·d1 + i1)·d2 + ...).
func cOrder(data []float64, shape []int) []float64 {
	out := make([]float64, len(data))
	if len(data) == 0 {
		return out
	}
	k := len(shape)
	stride := make([]int, k) // column-major stride of each axis
	stride[0] = 1
	for i := 1; i < k; i++ {
		stride[i] = stride[i-1] * shape[i-1]
	}
	idx := make([]int, k) // odometer over the C order, last axis fastest
	src := 0
	last, lastStride := shape[k-1], stride[k-1]
	for o := 0; o < len(out); o += last {
		for j := range last {
			out[o+j] = data[src+j*lastStride]
		}
		for a := k - 2; a >= 0; a-- {
			idx[a]++
			src += stride[a]
			if idx[a] < shape[a] {
				break
			}
			src -= idx[a] * stride[a]
			idx[a] = 0
		}
	}
	return out
}
