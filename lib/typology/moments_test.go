package typology

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// scalarMoments is blockMoments written out with scalar accumulators only
// (the definition the AVX kernels must reproduce bit for bit).
func scalarMoments(y []float64, shift float64) moments {
	l := len(y)
	var s [4]float64
	i := 0
	for ; i+4 <= l; i += 4 {
		for j := range s {
			s[j] += y[i+j] - shift
		}
	}
	for ; i < l; i++ {
		s[0] += y[i] - shift
	}
	lf := float64(l)
	c := ((s[0] + s[1]) + (s[2] + s[3])) / lf
	var cs [8]float64
	for i = 0; i < l; i++ {
		addPowers(&cs, i%2, (y[i]-shift)-c) // an odd last value falls in lane 0
	}
	S1, S2, S3, S4 := cs[0]+cs[1], cs[2]+cs[3], cs[4]+cs[5], cs[6]+cs[7]
	delta := S1 / lf
	d2 := float64(delta * delta)
	return moments{
		n:    int64(l),
		mean: c + delta,
		m2:   S2 - float64(S1*delta),
		m3:   S3 - float64(3*delta*S2) + float64(2*lf*d2*delta),
		m4:   S4 - float64(4*delta*S3) + float64(6*d2*S2) - float64(3*lf*d2*d2),
	}
}

func sameMoments(a, b moments) bool {
	return a.n == b.n && math.Float64bits(a.mean) == math.Float64bits(b.mean) &&
		math.Float64bits(a.m2) == math.Float64bits(b.m2) && math.Float64bits(a.m3) == math.Float64bits(b.m3) &&
		math.Float64bits(a.m4) == math.Float64bits(b.m4)
}

// blockMoments (AVX kernels where available, portable loops otherwise)
// agrees bit for bit with the scalar definition, for lengths around the
// 2- and 4-lane edges, offsets and signed zeros.
func TestBlockMomentsKernels(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, n := range []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 63, 64, 65, 1001, 65536} {
		y := make([]float64, n)
		for i := range y {
			switch rng.IntN(5) {
			case 0:
				y[i] = math.Copysign(0, -1)
			case 1:
				y[i] = 1e6 + rng.Float64()
			default:
				y[i] = rng.NormFloat64()
			}
		}
		for _, shift := range []float64{0, y[0], -3.5} {
			want := scalarMoments(y, shift)
			if got := blockMoments(y, shift); !sameMoments(got, want) {
				t.Fatalf("n=%d shift=%g: %+v, want %+v", n, shift, got, want)
			}
			if hasAVX2 {
				hasAVX2 = false
				got := blockMoments(y, shift)
				hasAVX2 = true
				if !sameMoments(got, want) {
					t.Fatalf("portable n=%d shift=%g: %+v, want %+v", n, shift, got, want)
				}
			}
		}
	}
}

// scanGrid's vector scan agrees with its scalar loop: extremes, the grid
// check (a value off the grid, below or above the bitmap in any lane or
// the tail), the near-zero flag, the block centre (as blockCentre) and the
// compensated sum's lanes (as scalarLaneSums); NaN and ±Inf are off the
// grid (Analyzer.blocks relies on it for blocks taken in place).
func TestScanGrid(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const scale, base, span = 1 << 10, -4096, 8192
	for _, n := range []int{1, 3, 4, 5, 8, 63, 64, 67} {
		for trial := 0; trial < 64; trial++ {
			y := make([]float64, n)
			for i := range y {
				y[i] = float64(base+1+rng.IntN(span-2)) / scale
			}
			j := rng.IntN(n)
			switch trial % 8 {
			case 1:
				y[j] += 1.0 / (4 * scale) // off the grid
			case 2:
				y[j] = float64(base-1) / scale // below the bitmap
			case 3:
				y[j] = float64(base+span) / scale // just above it
			case 4:
				y[j] = math.Copysign(0, -1) // near zero
			case 5:
				y[j] = math.NaN()
			case 6:
				y[j] = math.Inf(1)
			case 7:
				y[j] = math.Inf(-1)
			}
			var got [2]blockScan
			for v, avx := range []bool{hasAVX2, false} {
				saved := hasAVX2
				hasAVX2 = avx
				got[v] = scanGrid(y, scale, base, span, y[n/2])
				hasAVX2 = saved
			}
			want := blockScan{slices.Min(y), slices.Max(y), trial%8 == 0 || trial%8 == 4, slices.ContainsFunc(y, func(x float64) bool { return math.Abs(x) < zeroTol }),
				blockCentre(y, y[n/2]), scalarLaneSums(y)}
			for v := range got {
				if trial%8 >= 5 { // not finite: the block in place must be rejected, the rest does not matter
					if got[v].onGrid {
						t.Fatalf("n=%d trial %d variant %d: a non-finite value on the grid", n, trial, v)
					}
					continue
				}
				if got[v] != want {
					t.Fatalf("n=%d trial %d variant %d: %+v, want %+v", n, trial, v, got[v], want)
				}
			}
		}
	}
}

// The first pass gives the same row, bit for bit, with and without the
// AVX2 kernels: quantised data with zero runs (the near-zero path of
// gridBlock), a LUMO-like channel, integers whose range widens (the
// bitmap grows, blocks leave the grid path), continuous data (the
// non-grid path) and a length that is not a multiple of 4.
func TestFullPassPortable(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2: the portable loops are the ones tested")
	}
	zeroRuns := rampSeries(300000, 1000, true)
	for i := 5000; i < len(zeroRuns); i += 7919 {
		for j := i; j < i+1+i%5; j++ {
			zeroRuns[j] = 0
		}
	}
	var lumo []float64
	for _, y := range lumoBlocks(5) {
		lumo = append(lumo, y...)
	}
	w := noise(17, 400003)
	widening, continuous := make([]float64, len(w)), make([]float64, len(w))
	for i, v := range w {
		widening[i] = math.Round(v * float64(1+i/100))
		continuous[i] = 1e3 + v
	}
	for name, x := range map[string][]float64{"zero runs": zeroRuns, "lumo": lumo[:len(lumo)-3],
		"widening integers": widening, "continuous": continuous} {
		vec, _, fpVec := fullOnly(t, SliceSource(x), int64(len(x)))
		hasAVX2 = false
		portable, _, fpPortable := fullOnly(t, SliceSource(x), int64(len(x)))
		hasAVX2 = true
		if !sameRow(vec, portable) || fpVec != fpPortable {
			t.Errorf("%s: AVX2 row %+v, portable %+v", name, vec, portable)
		}
		if name == "zero runs" && (vec.Sparsity == 0 || vec.ZeroRunRatio == 0) {
			t.Errorf("no zeros seen: sparsity %g, zero runs %g", vec.Sparsity, vec.ZeroRunRatio)
		}
	}
}

// gridLoopVec (gridLoopAVX2 and its scalar tail) leaves the same bitmap
// and step counts as gridLoop, its Go reference, and the central sums of
// centralSums, for blocks of every length mod 4, steps in, at the edge of
// and beyond the histogram, the first step against the previous block's
// last value or against one far off the bitmap; with one copy of the
// histogram and with four (which copy counts a step, and which overflow
// slot, does not matter: flush sums the copies and never reads those);
// with the loop for fresh blocks and the other.
func TestGridLoopAVX2(t *testing.T) {
	if !hasAVX2 {
		t.Skip("no AVX2")
	}
	for _, copies := range []int{1, histCopies} {
		for _, fresh := range []bool{false, true} {
			testGridLoopAVX2(t, copies, fresh)
		}
	}
}

func testGridLoopAVX2(t *testing.T, copies int, fresh bool) {
	rng := rand.New(rand.NewPCG(3, 4))
	const scale, base, top = 1 << 40, -1 << 20, 300 // base: a multiple of 64
	wRef, wVec := make([]uint64, 1<<15), make([]uint64, 1<<15)
	newCounter := func() *derivativeCounter {
		return &derivativeCounter{state: derivGrid, scale: scale, copies: copies,
			hist: make([]uint32, copies*top+overflowSlots)}
	}
	ref, vec := newCounter(), newCounter()
	last := 0.0
	for trial := 0; trial < 300; trial++ {
		n := 1 + rng.IntN(300)
		y := make([]float64, n)
		for i := range y {
			k := rng.IntN(1<<20) - 1<<19
			switch prev := int(y[max(i-1, 0)] * scale); rng.IntN(4) {
			case 0:
				k = prev + rng.IntN(41) - 20
			case 1:
				k = prev + (rng.IntN(5)+top-2)*(1-2*rng.IntN(2)) // |step| around top
			case 2:
				k = prev
			}
			y[i] = float64(min(max(k, base), base+1<<21-1)) / scale
		}
		kp := int64(last * scale)
		switch trial % 4 {
		case 1:
			kp = math.MinInt64
		case 2:
			kp = 1 << 50
		}
		addRef := gridLoop(y, scale, base, wRef, gridCore{}, ref, kp)
		f := newFullStats()
		f.deriv, f.fresh = *vec, fresh
		f.shift = y[0] + 0.5/scale
		c := blockCentre(y, y[0])
		addVec, cs := f.gridLoopVec(y, nil, scale, base, wVec, gridCore{}, kp, c)
		if want := centralSums(y, f.shift, c); cs != want {
			t.Fatalf("trial %d (n=%d): central sums %v, want %v", trial, n, cs, want)
		}
		if addRef != addVec || !slices.Equal(wRef, wVec) {
			t.Fatalf("trial %d (n=%d): Go added %d, AVX2 %d; bitmaps equal %v", trial, n, addRef, addVec, slices.Equal(wRef, wVec))
		}
		last = y[n-1]
	}
	// every step was counted once: in range by slot, the rest overflowing
	total := func(d *derivativeCounter) (over uint32) {
		for _, c := range d.hist[copies*top:] {
			over += c
		}
		d.flush()
		return over
	}
	overRef, overVec := total(ref), total(vec)
	if !slices.Equal(ref.wide, vec.wide) || overRef != overVec {
		t.Errorf("copies %d: step counts %v (+%d), want %v (+%d)", copies, vec.wide, overVec, ref.wide, overRef)
	}
	if overRef == 0 || ref.wide[top-1] == 0 || ref.wide[0] == 0 {
		t.Errorf("not exercised: %d overflowing steps, %d at the edge, %d zero", overRef, ref.wide[top-1], ref.wide[0])
	}
}
