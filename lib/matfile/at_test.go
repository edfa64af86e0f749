package matfile

import (
	"bytes"
	"encoding/binary"
	"io"
	"testing"
)

// TestAt: a variable found by Next on one File reads the same through
// At on another File of the same bytes, in any order.
func TestAt(t *testing.T) {
	for _, format := range []Format{V4, V5, V7} {
		data := writeFile(t, format, binary.BigEndian,
			Array{Name: "a", Dims: []int{3, 1}, Real: []float64{1, 2, 3}},
			Array{Name: "b", Dims: []int{2, 2}, Real: []int16{4, 5, 6, 7}},
			Array{Name: "c", Dims: []int{1, 2}, Real: []float64{8, 9}})
		walk, err := NewReader(bytes.NewReader(data), int64(len(data)), "x.mat")
		if err != nil {
			t.Fatal(err)
		}
		var vars []*Var
		for {
			v, err := walk.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			vars = append(vars, v)
		}
		other, _ := NewReader(bytes.NewReader(data), int64(len(data)), "x.mat")
		for i := len(vars) - 1; i >= 0; i-- {
			want, _ := walk.ReadFloat64(vars[i], nil)
			v, err := other.At(vars[i].Offset)
			if err != nil || v.Name != vars[i].Name || v.Shape() != vars[i].Shape() {
				t.Fatalf("v%d %s: At gave %+v, %v", format, vars[i].Name, v, err)
			}
			got, err := other.ReadFloat64(v, nil)
			if err != nil || len(got) != len(want) {
				t.Fatalf("v%d %s: %v %v", format, v.Name, got, err)
			}
			for j := range want {
				if got[j] != want[j] {
					t.Fatalf("v%d %s: %v, want %v", format, v.Name, got, want)
				}
			}
		}
		if _, err := other.At(int64(len(data))); err == nil {
			t.Errorf("v%d: At past the end succeeded", format)
		}
	}
}
