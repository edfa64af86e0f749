package geometry

import (
	"slices"
	"testing"
)

func pc1(feature, signal []float64) *Geometry {
	g := &Geometry{D: len(feature), N: len(signal), Rank: 1}
	g.Feature[0] = slices.Clone(feature)
	g.Signal[0] = slices.Clone(signal)
	return g
}

// TestChain follows §7.6 by hand: the canonical vector of window 2 points
// against window 1's (one flip, and the chain keeps window 1's
// orientation); window 3 repeats window 2's canonical vector (no flip, the
// chained orientation persists).
func TestChain(t *testing.T) {
	var ch Chain
	w1 := pc1([]float64{0.9, 0.436}, []float64{1, -1})
	if f := ch.Orient(w1); f != 0 || !slices.Equal(w1.Feature[0], []float64{0.9, 0.436}) {
		t.Fatalf("first window: flips %d, feature %v", f, w1.Feature[0])
	}
	w2 := pc1([]float64{-0.6, 0.8}, []float64{0.5, -0.5})
	if f := ch.Orient(w2); f != 1 {
		t.Errorf("window 2 flips %d, want 1 (dot = -0.19)", f)
	}
	if !slices.Equal(w2.Feature[0], []float64{0.6, -0.8}) || !slices.Equal(w2.Signal[0], []float64{-0.5, 0.5}) {
		t.Errorf("window 2 oriented %v / %v", w2.Feature[0], w2.Signal[0])
	}
	w3 := pc1([]float64{-0.6, 0.8}, []float64{0.5, -0.5})
	if f := ch.Orient(w3); f != 0 {
		t.Errorf("window 3 flips %d, want 0", f)
	}
	if !slices.Equal(w3.Feature[0], []float64{0.6, -0.8}) {
		t.Errorf("window 3 oriented %v", w3.Feature[0])
	}
	// A window without the PC breaks the chain: the next starts canonical.
	ch.Orient(&Geometry{D: 2, N: 2, Rank: 0})
	w5 := pc1([]float64{-0.6, 0.8}, []float64{0.5, -0.5})
	if f := ch.Orient(w5); f != 0 || !slices.Equal(w5.Feature[0], []float64{-0.6, 0.8}) {
		t.Errorf("after a gap: flips %d, feature %v", f, w5.Feature[0])
	}
}
