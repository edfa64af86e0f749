package engine

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzEngines feeds arbitrary windows to every implementation, alone and
// as one Set: nothing may panic; with finite input no output is ±Inf and
// the Set gives the same bits as the separate engines. Non-finite input is
// outside the contract (the caller drops it) but must not panic either.
func FuzzEngines(f *testing.F) {
	for _, x := range testInputs() {
		f.Add(floatsToBytes(x))
	}
	f.Add(floatsToBytes([]float64{1e308, -1e308, 1e-310, 0, 5e-324, 1e308}))
	f.Add([]byte{})
	ids := allImpls()
	set, _ := NewSet(ids)
	out := make([][]float64, len(ids))
	for i := range out {
		out[i] = make([]float64, len(set.Columns(i)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Up to 300 values: past the 256-sample Welch segment; longer
		// windows only slow the fuzzer down.
		x := bytesToFloats(data[:min(len(data), 8*300)])
		finite := true
		for _, v := range x {
			finite = finite && !math.IsNaN(v) && !math.IsInf(v, 0)
		}
		set.Compute(x, out)
		for i, id := range ids {
			alone := compute(id, x)
			for c, v := range alone {
				if !finite {
					continue
				}
				if math.IsInf(v, 0) {
					t.Fatalf("%s col %d = %v", id, c, v)
				}
				if !sameBits(v, out[i][c]) {
					t.Fatalf("%s col %d: engine %v, set %v", id, c, v, out[i][c])
				}
			}
		}
	})
}

func floatsToBytes(x []float64) []byte {
	b := make([]byte, 8*len(x))
	for i, v := range x {
		binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(v))
	}
	return b
}

func bytesToFloats(b []byte) []float64 {
	x := make([]float64, len(b)/8)
	for i := range x {
		x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return x
}
