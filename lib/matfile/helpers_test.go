package matfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"testing"
)

// readVar is one variable as a test sees it.
type readVar struct {
	*Var
	Data []float64 // nil unless the variable is real numeric
}

// readAll reads every variable of a file held in memory; the data of every
// real numeric variable is decoded, skipped or not.
func readAll(b []byte, name string) ([]readVar, error) {
	f, err := NewReader(bytes.NewReader(b), int64(len(b)), name)
	if err != nil {
		return nil, err
	}
	return readFile(f)
}

func readFile(f *File) ([]readVar, error) {
	var out []readVar
	for {
		v, err := f.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		rv := readVar{Var: v}
		if v.Class.Numeric() && !v.Complex {
			if rv.Data, err = f.ReadFloat64(v, nil); err != nil {
				return out, err
			}
		}
		out = append(out, rv)
	}
}

// writeFile writes arrays with a Writer and returns the file's bytes.
func writeFile(t testing.TB, format Format, order binary.ByteOrder, arrays ...Array) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, format, order)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arrays {
		if err := w.WriteArray(a); err != nil {
			t.Fatal(err)
		}
	}
	return buf.Bytes()
}

// sameFloats compares exactly (NaN equal to NaN).
func sameFloats(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}

func orderName(o binary.ByteOrder) string {
	if o == binary.BigEndian {
		return "be"
	}
	return "le"
}
