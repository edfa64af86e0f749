package measure

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bruteRecurrence is C and Lsum by their definitions: every squared
// distance stored and sorted, ε interpolated between the two order
// statistics, each diagonal's recurrent pairs and isolated ones counted.
func bruteRecurrence(r []float64) (c, lsum int64) {
	p := newPairs(r)
	var all []float64
	for k := 1; k < p.n; k++ {
		all = append(all, p.diagonal(k)...)
	}
	slices.Sort(all)
	m := int64(len(all))
	h := 0.1 * float64(m-1)
	lo := int64(math.Floor(h))
	v := [2]float64{all[lo], all[min(lo+1, m-1)]}
	below := exactRule(sqrtFloor(interpolate(v, h-float64(lo)))).below
	for k := 1; k < p.n; k++ {
		d := p.diagonal(k)
		for i, x := range d {
			if !(x < below) {
				continue
			}
			c++
			if (i > 0 && d[i-1] < below) || (i+1 < len(d) && d[i+1] < below) {
				lsum++
			}
		}
	}
	return c, lsum
}

func recurrenceSeries(kind string, n int, rng *rand.Rand) []float64 {
	x := make([]float64, n)
	for i := range x {
		e := rng.NormFloat64()
		switch kind {
		case "noise":
			x[i] = e
		case "walk":
			if i > 0 {
				x[i] = x[i-1] + e
			}
		case "tones":
			x[i] = math.Sin(0.02*float64(i)) + 0.5*math.Sin(0.31*float64(i)) + 0.3*e
		case "quantised": // few levels: heavy ties among the distances
			x[i] = math.Round(2 * e)
		case "spiky":
			x[i] = 0.01 * e
			if rng.IntN(100) == 0 {
				x[i] = 10 * e
			}
		}
	}
	return x
}

// The one-pass path gives C and Lsum equal to the definitions (small
// series) and to the histogram passes (larger ones), and the quantity e
// it counts for Lsum is right at the diagonal ends.
func TestRecurrenceOnePass(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	kinds := []string{"noise", "walk", "tones", "quantised", "spiky"}
	for _, kind := range kinds {
		for _, n := range []int{60, 300, 1500} {
			r := recurrenceSeries(kind, n, rng)
			p := newPairs(r)
			m := int64(p.n) * int64(p.n-1) / 2
			h := 0.1 * float64(m-1)
			lo := int64(math.Floor(h))
			wantC, wantL := bruteRecurrence(r)
			if c, l := p.recurrence(lo, min(lo+1, m-1), h-float64(lo)); c != wantC || l != wantL {
				t.Errorf("%s n=%d: recurrence (%d, %d), want (%d, %d)", kind, n, c, l, wantC, wantL)
			}
			if c, l := p.histogramPasses(lo, min(lo+1, m-1), h-float64(lo)); c != wantC || l != wantL {
				t.Errorf("%s n=%d: histogramPasses (%d, %d), want (%d, %d)", kind, n, c, l, wantC, wantL)
			}
			c, l, ok := p.onePass(lo, min(lo+1, m-1), h-float64(lo))
			if ok && (c != wantC || l != wantL) {
				t.Errorf("%s n=%d: onePass (%d, %d), want (%d, %d)", kind, n, c, l, wantC, wantL)
			}
			if !ok && n == 1500 && kind != "quantised" {
				t.Errorf("%s n=%d: onePass declined", kind, n)
			}
		}
	}
	if testing.Short() {
		return
	}
	for _, kind := range kinds {
		r := recurrenceSeries(kind, 6000, rng)
		p := newPairs(r)
		m := int64(p.n) * int64(p.n-1) / 2
		h := 0.1 * float64(m-1)
		lo := int64(math.Floor(h))
		c, l, ok := p.onePass(lo, lo+1, h-float64(lo))
		wantC, wantL := p.histogramPasses(lo, lo+1, h-float64(lo))
		if ok && (c != wantC || l != wantL) || !ok && kind != "quantised" {
			t.Errorf("%s n=6000: onePass (%d, %d, %v), histogram passes (%d, %d)", kind, c, l, ok, wantC, wantL)
		}
	}
}

// tallyDiagonal's flag logic for e against e computed value by value,
// with the band edges on actual values of a short diagonal.
func TestTallyDiagonal(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	r := recurrenceSeries("quantised", 200, rng)
	p := newPairs(r)
	for _, k := range []int{1, 5, 60, 130, 197} {
		d := p.diagonal(k)
		vals := slices.Clone(d)
		slices.Sort(vals)
		lo, hi := vals[len(vals)/4], vals[len(vals)/2]
		var tl tally
		tl.lo, tl.hi = lo, hi
		if !p.tallyDiagonal(k, &tl) {
			t.Fatal("tally overflow")
		}
		var belowD, belowE int64
		var inD, inE []float64
		for i, x := range d {
			e := x
			nb := math.Inf(1)
			if i > 0 {
				nb = d[i-1]
			}
			if i+1 < len(d) {
				nb = min(nb, d[i+1])
			}
			e = max(e, nb)
			switch {
			case x < lo:
				belowD++
			case x <= hi:
				inD = append(inD, x)
			}
			switch {
			case e < lo:
				belowE++
			case e <= hi:
				inE = append(inE, e)
			}
		}
		if tl.belowD != belowD || tl.belowE != belowE || !slices.Equal(tl.keptD, inD) || !slices.Equal(tl.keptE, inE) {
			t.Errorf("k=%d: tally (%d, %d, %d kept, %d kept), want (%d, %d, %d, %d)", k,
				tl.belowD, tl.belowE, len(tl.keptD), len(tl.keptE), belowD, belowE, len(inD), len(inE))
		}
	}
}
