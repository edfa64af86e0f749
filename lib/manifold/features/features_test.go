package features

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"sp/lib/manifold/manifest"
)

// fakeCatalog has engines whose outputs are checkable by hand:
//
//	mean (alias average) -> m_mean           mean of x
//	count                -> m_count          len(x)
//	first_last           -> m_first, m_last  x[0], x[len-1]
//	harm                 -> m_first, m_span  x[0]+1000, len(x)-1
//	m_first              -> m_first          x[0]+2000
type fakeCatalog struct{}

var fakeImpls = map[string][]string{
	"mean":       {"m_mean"},
	"count":      {"m_count"},
	"first_last": {"m_first", "m_last"},
	"harm":       {"m_first", "m_span"},
	"m_first":    {"m_first"},
}

func (fakeCatalog) Lookup(name string) (Spec, bool) {
	impl := name
	if name == "average" {
		impl = "mean"
	}
	cols, ok := fakeImpls[impl]
	return Spec{Name: name, Impl: impl, Columns: cols}, ok
}

func (fakeCatalog) CanonicalColumns() []string {
	return []string{"m_mean", "m_count", "m_first", "m_last", "m_span"}
}

func (fakeCatalog) NewSet(impls []string) (Set, error) {
	for _, i := range impls {
		if _, ok := fakeImpls[i]; !ok {
			return nil, fmt.Errorf("no %s", i)
		}
	}
	return fakeSet(impls), nil
}

type fakeSet []string

func (s fakeSet) Compute(x []float64, out [][]float64) {
	for i, impl := range s {
		switch impl {
		case "mean":
			sum := 0.0
			for _, v := range x {
				sum += v
			}
			out[i][0] = sum / float64(len(x))
		case "count":
			out[i][0] = float64(len(x))
		case "first_last":
			out[i][0], out[i][1] = x[0], x[len(x)-1]
		case "harm":
			out[i][0], out[i][1] = x[0]+1000, float64(len(x)-1)
		case "m_first":
			out[i][0] = x[0] + 2000
		}
	}
}

func plan(t *testing.T, yaml string) *Plan {
	t.Helper()
	m, err := manifest.Parse("m.yaml", []byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewPlan(m, fakeCatalog{})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func row(t *testing.T, p *Plan, cohort, id string, window []float64) []float64 {
	t.Helper()
	r := make([]float64, len(p.Columns))
	for i := range r {
		r[i] = math.NaN()
	}
	if err := NewComputer(fakeCatalog{}).Row(p.Signal(cohort, id), window, r); err != nil {
		t.Fatal(err)
	}
	return r
}

func sameRow(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
}

const grid = "system: {window: 6, stride: 3}\n"

func TestSchemaAndUnknown(t *testing.T) {
	p := plan(t, grid+`cohorts:
  c:
    a: {engines: [count, nope, mean]}
    b: {engines: [first_last, zzz, nope]}
`)
	if !slices.Equal(p.Columns, []string{"m_mean", "m_count", "m_first", "m_last"}) {
		t.Errorf("columns %v (canonical order, union over signals)", p.Columns)
	}
	if !slices.Equal(p.Unknown, []string{"nope", "zzz"}) {
		t.Errorf("unknown %v", p.Unknown)
	}
	if p.Signal("c", "zz") != nil || p.Signal("c", "a") == nil {
		t.Error("Signal lookup")
	}
	got := row(t, p, "c", "a", []float64{1, 2, 3, 4, 5, 6})
	if !sameRow(got, []float64{3.5, 6, math.NaN(), math.NaN()}) {
		t.Errorf("row %v", got)
	}
}

// TestWindowLengths: L_e is the per-signal override, else engine_windows,
// else W (§4.3); a run longer than the samples available is null; NaN
// values are dropped before the engine runs.
func TestWindowLengths(t *testing.T) {
	p := plan(t, grid+`engine_windows: {count: 4, mean: 9, note: text}
cohorts:
  c:
    a: {engines: [count, mean, first_last]}
    b:
      engines: [count, mean]
      engine_window_overrides: {count: 2}
`)
	a := p.Signal("c", "a")
	if a.LMax != 9 || len(a.Runs) != 3 || a.Runs[0].Length != 4 || a.Runs[1].Length != 6 || a.Runs[2].Length != 9 {
		t.Fatalf("signal a: LMax %d runs %+v", a.LMax, a.Runs)
	}
	w := []float64{10, 20, 30, math.NaN(), 50, 60}
	// count on the last 4 (one NaN dropped) = 3; first_last on 6 = 10, 60;
	// mean needs 9 samples: null.
	if got := row(t, p, "c", "a", w); !sameRow(got, []float64{math.NaN(), 3, 10, 60}) {
		t.Errorf("row a %v", got)
	}
	w9 := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}
	if got := row(t, p, "c", "a", w9); !sameRow(got, []float64{5, 4, 4, 9}) {
		t.Errorf("row a (9 samples) %v", got)
	}
	if got := row(t, p, "c", "b", w9); !sameRow(got, []float64{5, 2, math.NaN(), math.NaN()}) {
		t.Errorf("row b %v", got)
	}
	// An all-NaN engine window (count: the last 2) gives nulls without
	// calling the engine; mean averages the 7 finite values of its 9.
	nan := math.NaN()
	if got := row(t, p, "c", "b", []float64{1, 2, 3, 4, 5, 6, 7, nan, nan}); !sameRow(got, []float64{4, nan, nan, nan}) {
		t.Errorf("row b with NaN tail %v", got)
	}
	if p.EngineWindows() != "count=4,first_last=6,mean=9" || p.Overrides() != "c/b:count=2" {
		t.Errorf("metadata %q %q", p.EngineWindows(), p.Overrides())
	}
	if p.LMax() != 9 {
		t.Errorf("plan LMax %d", p.LMax())
	}
}

// TestCollisions: §5.1 step 3.
func TestCollisions(t *testing.T) {
	p := plan(t, grid+`engine_windows: {average: 3}
cohorts:
  c:
    alias_same_run: {engines: [mean, average, mean]}
    alias_other_length: {engines: [average, mean]}
    later_wins: {engines: [harm, first_last]}
    named_wins: {engines: [harm, m_first, first_last]}
`)
	w := []float64{1, 2, 3, 4, 5, 6}
	// mean (6) and average (3) differ in length: the later one, mean, wins.
	if got := row(t, p, "c", "alias_other_length", w); got[0] != 3.5 {
		t.Errorf("alias_other_length m_mean %v", got[0])
	}
	// Both orders of the list: later wins.
	if got := row(t, p, "c", "alias_same_run", w); got[0] != 5 {
		t.Errorf("alias_same_run m_mean = %v, want average over 3 = 5", got[0])
	}
	if !slices.Equal(p.Columns, []string{"m_mean", "m_first", "m_last", "m_span"}) {
		t.Fatalf("columns %v", p.Columns)
	}
	// harm vs first_last on m_first: the later first_last wins; m_span from harm.
	if got := row(t, p, "c", "later_wins", w); !sameRow(got, []float64{math.NaN(), 1, 6, 5}) {
		t.Errorf("later_wins %v", got)
	}
	// The engine named m_first wins m_first although first_last is later.
	if got := row(t, p, "c", "named_wins", w); got[1] != 2001 {
		t.Errorf("named_wins m_first = %v", got[1])
	}
	var desc []string
	for _, c := range p.Collisions {
		desc = append(desc, fmt.Sprintf("%s %s<-%s %v", c.Signal, c.Column, c.Winner, c.Losers))
	}
	want := []string{
		"alias_other_length m_mean<-mean [average]",
		"alias_same_run m_mean<-average [mean]",
		"later_wins m_first<-first_last [harm]",
		"named_wins m_first<-m_first [harm first_last]",
	}
	if !slices.Equal(desc, want) {
		t.Errorf("collisions\n%v\nwant\n%v", desc, want)
	}
}

func TestComputerReusesSets(t *testing.T) {
	p := plan(t, grid+"cohorts: {c: {a: {engines: [count]}, b: {engines: [count]}}}\n")
	c := NewComputer(fakeCatalog{})
	r := []float64{0}
	for _, id := range []string{"a", "b", "a"} {
		if err := c.Row(p.Signal("c", id), []float64{1, 2, 3, 4, 5, 6}, r); err != nil || r[0] != 6 {
			t.Fatalf("%s: %v %v", id, r, err)
		}
	}
	if len(c.sets) != 1 {
		t.Errorf("%d sets for one run", len(c.sets))
	}
}

// TestAllFinite: one NaN or infinity anywhere (each position of the
// unrolled loop and of the tail) is found; finite extremes are not.
func TestAllFinite(t *testing.T) {
	for n := 0; n <= 9; n++ {
		w := make([]float64, n)
		for i := range w {
			w[i] = float64(i) - 3.5
		}
		if n > 0 {
			w[0] = math.MaxFloat64
		}
		if n > 1 {
			w[1] = -math.MaxFloat64
		}
		if !allFinite(w) {
			t.Errorf("n=%d: finite window %v reported non-finite", n, w)
		}
		for i := range w {
			for _, bad := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
				v := w[i]
				w[i] = bad
				if allFinite(w) {
					t.Errorf("n=%d: %v at %d not found", n, bad, i)
				}
				w[i] = v
			}
		}
	}
}
