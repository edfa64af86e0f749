package typology

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// chunkedSource streams x in chunks of size values, each a fresh copy (as
// a reader's reused buffer would be).
func chunkedSource(x []float64, size int) Source {
	return func(fn func([]float64) error) error {
		for i := 0; i < len(x); i += size {
			c := append([]float64(nil), x[i:min(i+size, len(x))]...)
			if err := fn(c); err != nil {
				return err
			}
		}
		return nil
	}
}

// bitsEqual compares two values field by field, floats by their bits
// (so NaN equals NaN and 0 differs from −0).
func bitsEqual(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Float64:
		return math.Float64bits(a.Float()) == math.Float64bits(b.Float())
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if !bitsEqual(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return bitsEqual(a.Elem(), b.Elem())
	default:
		return reflect.DeepEqual(a.Interface(), b.Interface())
	}
}

// stressSeries is a series of the given kind with zero runs (±0), and
// NaN/±Inf at the first values, the last, block edges and 30 random places.
func stressSeries(kind string, n int, seed uint64) []float64 {
	rng := rand.New(rand.NewPCG(seed, 7))
	x := make([]float64, n)
	for i := range x {
		v := rng.NormFloat64()
		switch kind {
		case "grid":
			x[i] = math.Round(v*1024) / 1024
		case "gridneg":
			x[i] = math.Round(v*1024)/1024 - 3
		case "int":
			x[i] = math.Round(v * 50)
		case "offgrid":
			x[i] = math.Round(v*1000) / 1000
		case "mixed":
			if (i/70000)%3 == 1 {
				x[i] = v
			} else {
				x[i] = math.Round(v*256) / 256
			}
		case "huge":
			x[i] = math.Round(v*1e6)*1024 + 4e15
		}
		if kind == "zeroedge" {
			x[i] = math.Round(v*64) / 64
			if m := i % 65536; m < 3 || m > 65532 {
				x[i] = 0
			}
		}
		if rng.IntN(5000) == 0 { // zero run
			for j := i; j < min(i+rng.IntN(9)+1, n); j++ {
				x[j] = []float64{0, math.Copysign(0, -1)}[j%2]
			}
		}
	}
	for _, p := range []int{65535, 65536, 65537, 131071, 131072, 3, 0, n - 1, n - 2} {
		if p >= 0 && p < n {
			x[p] = []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[p%3]
		}
	}
	for k := 0; k < 30 && n > 0; k++ {
		x[rng.IntN(n)] = math.NaN()
	}
	return x
}

// A row is bit for bit the same however the values arrive (chunks of 1,
// 3, 4 values, either side of a block, or all at once) and with or without
// AVX2: on and off the power-of-two grid, negative, integer, huge, mixed
// series, with zero runs at block edges and non-finite values at block
// and chunk boundaries, for lengths around one and two blocks.
func TestRowIndependentOfChunkingAndAVX2(t *testing.T) {
	kinds := []string{"zeroedge", "grid", "gridneg", "int", "offgrid", "mixed", "huge"}
	sizes := []int{1, 3, 4, 65535, 65536, 65537, 200000, 1 << 30}
	saved := hasAVX2
	defer func() { hasAVX2 = saved }()
	for _, kind := range kinds {
		for _, n := range []int{0, 1, 2, 5, 65536, 65540, 131073 + 20, 131074 + 20, 131075 + 20, 300001} {
			x := stressSeries(kind, n, uint64(n))
			var ref Row
			var refFp [2]float64
			first := true
			for _, avx := range []bool{saved, false} {
				for _, sz := range sizes {
					if sz == 1 && n > 70000 {
						continue
					}
					hasAVX2 = avx
					row, _, fp := fullOnly(t, chunkedSource(x, sz), int64(len(x)))
					hasAVX2 = saved
					if first {
						ref, refFp, first = row, fp, false
						continue
					}
					if !bitsEqual(reflect.ValueOf(ref), reflect.ValueOf(row)) || fp != refFp {
						t.Errorf("%s n=%d avx=%v chunk=%d: differs\n%+v\n%+v", kind, n, avx, sz, fmt.Sprint(ref), fmt.Sprint(row))
					}
				}
			}
		}
	}
}
