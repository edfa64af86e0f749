package typology

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"sp/lib/obs"
	"sp/lib/typology/measure"
)

func TestCandidateStarts(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want [3]int64 // s_0, s_7, s_15
	}{
		{65537, [3]int64{0, 0, 1}},               // ⌊7/15⌋ = 0, ⌊15/15⌋ = 1
		{1000000, [3]int64{0, 436083, 934464}},   // ⌊7·934464/15⌋ = ⌊436083.2⌋
		{1e9, [3]int64{0, 466636083, 999934464}}, // ⌊7·999934464/15⌋ = ⌊466636083.2⌋
	} {
		s := candidateStarts(c.n)
		if s[0] != c.want[0] || s[7] != c.want[1] || s[15] != c.want[2] {
			t.Errorf("candidateStarts(%d) = %v, want s0 %d s7 %d s15 %d", c.n, s, c.want[0], c.want[1], c.want[2])
		}
	}
}

// §3: the lower median by (variance, index) of the active candidates.
func TestSelectBlock(t *testing.T) {
	block := func(scale float64) []float64 {
		b := noise(3, 1000)
		for i := range b {
			b[i] *= scale
		}
		return b
	}
	blocks := make([][]float64, candidates)
	for j := range blocks {
		blocks[j] = block(float64(16 - j)) // variances decreasing with j
	}
	// 16 active: sorted ascending the order is j = 15 … 0; position ⌊15/2⌋ = 7 → j = 8
	if got := selectBlock(blocks); &got[0] != &blocks[8][0] {
		t.Error("16 active: want block 8")
	}
	for j := 0; j < 10; j++ {
		blocks[j] = make([]float64, 1000) // idle
	}
	// active j = 10 … 15, ascending 15 … 10; position ⌊5/2⌋ = 2 → j = 13
	if got := selectBlock(blocks); &got[0] != &blocks[13][0] {
		t.Error("6 active: want block 13")
	}
	for j := range blocks {
		blocks[j] = make([]float64, 1000)
	}
	if got := selectBlock(blocks); &got[0] != &blocks[middleBlock][0] {
		t.Error("none active: want block 8")
	}
	tie := block(1)
	for j := range blocks {
		blocks[j] = tie // equal variances: index order, position 7 → j = 7
	}
	blocks[7] = append([]float64(nil), tie...)
	if got := selectBlock(blocks); &got[0] != &blocks[7][0] {
		t.Error("ties: want block 7")
	}
}

func TestEntropyAndRecurrenceViews(t *testing.T) {
	a := make([]float64, AnalysisLength)
	for i := range a {
		a[i] = float64(i)
	}
	s := entropyView(a)
	if len(s) != 20000 || s[0] != 22768 {
		t.Errorf("S: len %d start %g, want 20000 from 22768", len(s), s[0])
	}
	r := recurrenceView(a)
	if len(r) != 20000 || r[1] != 3 || r[19999] != 59997 {
		t.Errorf("R: len %d r1 %g last %g, want 20000 with step 3", len(r), r[1], r[19999])
	}
	short := a[:20000]
	if len(entropyView(short)) != 20000 || len(recurrenceView(short)) != 20000 {
		t.Error("views of 20,000 values must be the values")
	}
}

// rampSeries is noise whose amplitude grows along the series, so that the
// candidate variances increase with j; the first idle samples are zero.
func rampSeries(n, idle int, quantised bool) []float64 {
	w := noise(9, n)
	x := make([]float64, n)
	for i := idle; i < n; i++ {
		x[i] = (1 + float64(i)/float64(n)) * w[i]
		if quantised {
			x[i] = math.Round(x[i]*4096) / 4096
		}
	}
	return x
}

func sameRow(a, b Row) bool {
	ab, bb := Record([]Row{a}), Record([]Row{b})
	defer ab.Release()
	defer bb.Release()
	var x, y bytes.Buffer
	for i := 0; i < int(ab.NumCols()); i++ {
		x.WriteString(ab.Column(i).String())
		y.WriteString(bb.Column(i).String())
	}
	return x.String() == y.String()
}

// View A of a long series is the selected candidate block, found in the
// first pass.
func TestAnalysisSegmentSelection(t *testing.T) {
	const n = 300000
	fingerprint := func(a []float64) [2]float64 { return [2]float64{float64(len(a)), measure.Mean(a)} }
	x := rampSeries(n, 0, true)
	row, st, fp := fullOnly(t, SliceSource(x), n)
	// variances increase with j: position 7 of 16 → j = 7
	s7 := candidateStarts(n)[7]
	if want := fingerprint(x[s7 : s7+AnalysisLength]); fp != want || st.Passes != 1 || row.NSamples != n {
		t.Errorf("view A %v, want block 7 %v; %d passes", fp, want, st.Passes)
	}
	// the first candidates idle: active j = 9 … 15, position 3 → j = 12
	y := rampSeries(n, int(candidateStarts(n)[8])+AnalysisLength, true)
	_, _, fp = fullOnly(t, SliceSource(y), n)
	s12 := candidateStarts(n)[12]
	if want := fingerprint(y[s12 : s12+AnalysisLength]); fp != want {
		t.Errorf("idle start: view A %v, want block 12 %v", fp, want)
	}
}

// writeObservations writes signals to an observations file, each in row
// groups of at most groupRows values.
func writeObservations(t testing.TB, path string, groupRows int, signals map[obs.Key][]float64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range signals {
		for off := 0; off < len(v); off += groupRows {
			if err := w.WriteSignal(k, v[off:min(off+groupRows, len(v))]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// fullOnly analyses with the dynamics replaced by a fingerprint of
// view A (its length and compensated sum), to keep streaming tests fast.
func fullOnly(t *testing.T, src Source, upper int64) (Row, Stats, [2]float64) {
	t.Helper()
	var fp [2]float64
	an := Analyzer{probe: func(a []float64) { fp = [2]float64{float64(len(a)), measure.Mean(a)} }}
	row, st, err := an.Analyze(obs.Key{SignalID: "s"}, upper, src)
	if err != nil {
		t.Fatal(err)
	}
	return row, st, fp
}

// The row does not depend on how the values arrive: from a slice, with
// non-finite values spread in (dropped), or from an observations file in
// uneven row groups; in one pass or two; blocks taken in place from a
// chunk or copied.
func TestStreamingEquivalence(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name      string
		n         int
		quantised bool
		nonFinite int // NaN/Inf values inserted
		passes    int
	}{
		{"quantised, clean", 1500000, true, 0, 1},
		{"quantised, five NaN", 1500000, true, 5, 1}, // blocks in place and copied
		{"quantised, a few NaN", 1500000, true, 10000, 1},
		{"quantised, many NaN", 1500000, true, 40000, 2}, // beyond the capture slack
		{"continuous, short", 250000, false, 0, 1},       // the threshold's bucket settles it
		{"continuous, long", 1500000, false, 0, 2},       // 2^20 distinct values: a second pass counts
	} {
		x := rampSeries(c.n, 0, c.quantised)
		dirty := make([]float64, 0, len(x)+c.nonFinite)
		for i, v := range x {
			if c.nonFinite > 0 && i%(len(x)/c.nonFinite) == 0 && len(dirty)-i < c.nonFinite {
				dirty = append(dirty, []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[i%3])
			}
			dirty = append(dirty, v)
		}
		clean, _, fpClean := fullOnly(t, SliceSource(x), int64(len(x)))
		viaSlice, st, fpSlice := fullOnly(t, SliceSource(dirty), int64(len(dirty)))
		if !sameRow(clean, viaSlice) || fpClean != fpSlice || st.Passes != c.passes {
			t.Errorf("%s: dirty slice differs from clean one or %d passes (want %d)", c.name, st.Passes, c.passes)
		}
		path := filepath.Join(dir, "obs.parquet")
		key := obs.Key{SignalID: "s"}
		writeObservations(t, path, 77777, map[obs.Key][]float64{key: dirty})
		r, err := obs.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		viaFile, _, fpFile := fullOnly(t, ReaderSource(r, key), r.Signals()[0].Rows)
		r.Close()
		if !sameRow(clean, viaFile) || fpFile != fpClean {
			t.Errorf("%s: file differs from slice", c.name)
		}
		// derivative sparsity against a direct count (§4.4)
		thr := 0.01 * clean.SignalStd
		small := 0
		for i := 1; i < len(x); i++ {
			if math.Abs(x[i]-x[i-1]) < thr {
				small++
			}
		}
		if want := float64(small) / float64(len(x)-1); clean.DerivativeSparsity != want {
			t.Errorf("%s: derivative_sparsity %g, want %g", c.name, clean.DerivativeSparsity, want)
		}
	}
}

// The derivative sparsity is exact whichever way the first pass goes:
// integers (grid steps of 1), a quiet start whose threshold estimate is
// far below the final one (a second pass), data on a non-power-of-two
// grid (band buckets).
func TestDerivativeSparsityExact(t *testing.T) {
	w := noise(31, 600000)
	for _, c := range []struct {
		name   string
		gen    func(i int, v float64) float64
		passes int
	}{
		{"integers", func(i int, v float64) float64 { return math.Round(v * 300) }, 1},
		{"quiet start", func(i int, v float64) float64 {
			if i < 200000 {
				return math.Round(v*16) / 4096
			}
			return math.Round(v*4096) / 4096
		}, 2},
		{"scaled grid", func(i int, v float64) float64 { return math.Round(v*500) * 0.0123 }, 1},
	} {
		x := make([]float64, len(w))
		for i, v := range w {
			x[i] = c.gen(i, v)
		}
		row, st, _ := fullOnly(t, SliceSource(x), int64(len(x)))
		thr := 0.01 * row.SignalStd
		small := 0
		for i := 1; i < len(x); i++ {
			if math.Abs(x[i]-x[i-1]) < thr {
				small++
			}
		}
		if want := float64(small) / float64(len(x)-1); row.DerivativeSparsity != want || st.Passes != c.passes {
			t.Errorf("%s: derivative_sparsity %g in %d passes, want %g in %d", c.name, row.DerivativeSparsity, st.Passes, want, c.passes)
		}
	}
}

// variances equals measure.Variance bit for bit, four blocks at a time
// or one by one: offsets, signed zeros, blocks of unequal length.
func TestVariances(t *testing.T) {
	w := noise(51, 9*1001)
	var blocks [][]float64
	for j := 0; j < 9; j++ {
		b := w[j*1001 : (j+1)*1001]
		for i := range b {
			b[i] = float64(j)*1e6 + b[i]*math.Pow(10, float64(j-4))
		}
		b[j] = math.Copysign(0, -1)
		blocks = append(blocks, b)
	}
	blocks = append(blocks, w[:7], w[:5], w[:5], w[:5]) // lengths differ: one by one
	got := variances(blocks)
	for j, b := range blocks {
		if want := measure.Variance(b); math.Float64bits(got[j]) != math.Float64bits(want) {
			t.Errorf("block %d: %v, want %v", j, got[j], want)
		}
	}
}
