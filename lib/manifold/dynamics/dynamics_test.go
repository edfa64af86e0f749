package dynamics

import (
	"math"
	"testing"
)

func points(values []float64, firstIndex int64) []Point {
	ps := make([]Point, len(values))
	for i, v := range values {
		ps[i] = Point{WindowIndex: firstIndex + int64(i), End: float64(i), EffectiveDim: v, Eigenvalue1: 2 * v, TotalVariance: 3}
	}
	return ps
}

func collect(t *testing.T, ps []Point) []Row {
	t.Helper()
	var rows []Row
	if err := Derive(ps, func(r Row) error { rows = append(rows, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return rows
}

func checkSeries(t *testing.T, name string, rows []Row, get func(Row) float64, want []float64) {
	t.Helper()
	if len(rows) != len(want) {
		t.Fatalf("%s: %d rows, want %d", name, len(rows), len(want))
	}
	for i, r := range rows {
		if g := get(r); math.Abs(g-want[i]) > 1e-12 {
			t.Errorf("%s[%d] = %.15f, want %.15f", name, i, g, want[i])
		}
	}
}

// TestGolden checks manifold.md §13.5 (values printed to 12 decimals, so
// compared at 1e-11 here; the other series below are compared at 1e-12).
func TestGolden(t *testing.T) {
	rows := collect(t, points([]float64{3.0, 2.9, 2.7, 2.4, 2.0, 1.7, 1.6, 1.6}, 0))
	near := func(name string, get func(Row) float64, want []float64) {
		for i, r := range rows {
			if g := get(r); math.Abs(g-want[i]) > 1e-11 {
				t.Errorf("%s[%d] = %.12f, want %.12f", name, i, g, want[i])
			}
		}
	}
	near("velocity", func(r Row) float64 { return r.EffectiveDimVelocity },
		[]float64{-0.083333333333, -0.141666666667, -0.25, -0.316666666667, -0.3, -0.2, -0.083333333333, -0.033333333333})
	near("acceleration", func(r Row) float64 { return r.EffectiveDimAcceleration },
		[]float64{-0.058333333333, -0.083333333333, -0.0875, -0.025, 0.058333333333, 0.108333333333, 0.083333333333, 0.05})
	near("jerk", func(r Row) float64 { return r.EffectiveDimJerk },
		[]float64{-0.025, -0.014583333333, 0.029166666667, 0.072916666667, 0.066666666667, 0.0125, -0.029166666667, -0.033333333333})
	near("curvature", func(r Row) float64 { return r.EffectiveDimCurvature },
		[]float64{0.057730926685, 0.080886146534, 0.079894088247, 0.021661398708, 0.051259816487, 0.102143820384, 0.082472752406, 0.049916782258})
	// eigenvalue_1 = 2·effective_dim here, so its velocity doubles; total_variance is constant.
	near("eigenvalue_1 velocity", func(r Row) float64 { return r.Eigenvalue1Velocity / 2 },
		[]float64{-0.083333333333, -0.141666666667, -0.25, -0.316666666667, -0.3, -0.2, -0.083333333333, -0.033333333333})
	for _, r := range rows {
		if r.VarianceVelocity != 0 || r.CollapseOnsetIdx != 0 || r.CollapseOnsetFraction != 0 {
			t.Fatalf("row %+v: variance velocity 0 and collapse onset 0 / 0.0 expected", r)
		}
		if r.EffectiveDim != 3.0 && r.WindowIndex == 0 {
			t.Errorf("raw effective_dim not kept: %v", r.EffectiveDim)
		}
	}
}

// TestContext: four context rows (negative window index) are neighbours
// but not written, and the collapse counts written rows only. Expected
// values from numpy 1.24 on the spec's definitions:
//
//	s = [x[max(0,i-1):i+2].mean() for i in range(12)]
//	v = np.gradient(s); a = np.gradient(v); j = np.gradient(a)
//	k = abs(a)/(1+v**2)**1.5
func TestContext(t *testing.T) {
	x := []float64{2.5, 2.6, 2.4, 2.45, 2.3, 2.2, 2.0, 1.9, 1.85, 1.9, 2.1, 2.05}
	rows := collect(t, points(x, -4))
	v := []float64{-0.04999999999999982, -0.033333333333333215, -0.05833333333333335, -0.08333333333333326, -0.10833333333333339, -0.14166666666666683, -0.12499999999999989, -0.07499999999999984, 0.016666666666666607, 0.06666666666666654, 0.06250000000000011, 0.05833333333333357}
	a := []float64{0.016666666666666607, -0.004166666666666763, -0.025000000000000022, -0.025000000000000022, -0.029166666666666785, -0.008333333333333248, 0.03333333333333349, 0.07083333333333325, 0.07083333333333319, 0.022916666666666752, -0.004166666666666485, -0.004166666666666541}
	j := []float64{-0.02083333333333337, -0.020833333333333315, -0.01041666666666663, -0.0020833333333333814, 0.008333333333333387, 0.03125000000000014, 0.03958333333333325, 0.01874999999999985, -0.023958333333333248, -0.03749999999999984, -0.013541666666666646, -5.551115123125783e-17}
	k := []float64{0.01660436141110293, 0.004159731854796798, 0.024872936447619415, 0.024741825721941862, 0.028660642468693237, 0.008088614653370862, 0.03256706877419232, 0.07023985194988083, 0.07080382968900235, 0.022764733275213094, 0.004142371272561744, 0.00414548940793644}
	checkSeries(t, "velocity", rows, func(r Row) float64 { return r.EffectiveDimVelocity }, v[4:])
	checkSeries(t, "acceleration", rows, func(r Row) float64 { return r.EffectiveDimAcceleration }, a[4:])
	checkSeries(t, "jerk", rows, func(r Row) float64 { return r.EffectiveDimJerk }, j[4:])
	checkSeries(t, "curvature", rows, func(r Row) float64 { return r.EffectiveDimCurvature }, k[4:])
	if rows[0].WindowIndex != 0 || rows[0].CollapseOnsetIdx != 0 || rows[0].CollapseOnsetFraction != 0 {
		t.Errorf("first written row %+v", rows[0])
	}
}

func TestShortSeries(t *testing.T) {
	if rows := collect(t, points([]float64{1, 2}, 0)); len(rows) != 0 {
		t.Errorf("K = 2 gave %d rows", len(rows))
	}
	// K = 3: no smoothing, plain gradients: v = (1, 1.5, 2), a = (0.5, 0.5, 0.5).
	rows := collect(t, points([]float64{1, 2, 4}, 0))
	checkSeries(t, "velocity", rows, func(r Row) float64 { return r.EffectiveDimVelocity }, []float64{1, 1.5, 2})
	checkSeries(t, "acceleration", rows, func(r Row) float64 { return r.EffectiveDimAcceleration }, []float64{0.5, 0.5, 0.5})
	if rows[0].CollapseOnsetIdx != -1 || rows[0].CollapseOnsetFraction != -1 {
		t.Errorf("no collapse expected: %+v", rows[0])
	}
	// Context rows count towards K but are never written.
	if rows := collect(t, points([]float64{1, 2, 3}, -2)); len(rows) != 1 || rows[0].WindowIndex != 0 {
		t.Errorf("context: %+v", rows)
	}
}

// TestCollapseRuns: the longest run of at least three written rows with
// velocity < -0.05 wins, the first one on ties. Velocities are fed
// directly (a collapse over hand-made rows).
func TestCollapseRuns(t *testing.T) {
	cases := []struct {
		v          []float64
		idx        int64
		frac       float64
		whyExpects string
	}{
		{[]float64{0, -1, -1, 0, -1, -1, -1, 0}, 4, 0.5, "run of 2 too short, run of 3 at 4"},
		{[]float64{-1, -1, -1, 0, -1, -1, -1, 0}, 0, 0, "tie: first"},
		{[]float64{-1, -1, -1, 0, -1, -1, -1, -1}, 4, 0.5, "longest"},
		{[]float64{-0.05, -0.05, -0.05}, -1, -1, "threshold is strict"},
	}
	for _, c := range cases {
		var col collapse
		for _, v := range c.v {
			col.add(Row{Point: Point{WindowIndex: 1}, EffectiveDimVelocity: v})
		}
		col.add(Row{Point: Point{WindowIndex: -1}, EffectiveDimVelocity: -1}) // context: ignored
		idx, frac := col.onset()
		if idx != c.idx || frac != c.frac {
			t.Errorf("%v (%s): onset %d %v, want %d %v", c.v, c.whyExpects, idx, frac, c.idx, c.frac)
		}
	}
}

// TestSpillMatchesMemory: the two-pass spill gives the same rows as the
// in-memory derivation, for several series through one reused spill.
func TestSpillMatchesMemory(t *testing.T) {
	s, err := NewSpill(t.TempDir(), ".spill-*")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, n := range []int{0, 2, 3, 4, 5, 9, 40} {
		ps := points(make([]float64, n), -3)
		for i := range ps {
			ps[i].EffectiveDim = 2 + math.Sin(float64(i)*0.7) - 0.02*float64(i)
			ps[i].TotalVariance = float64(i % 3)
			if err := s.Add(ps[i]); err != nil {
				t.Fatal(err)
			}
		}
		want := collect(t, ps)
		var got []Row
		if err := s.Derive(func(r Row) error { got = append(got, r); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) {
			t.Fatalf("n=%d: %d rows, want %d", n, len(got), len(want))
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("n=%d row %d: %+v, want %+v", n, i, got[i], want[i])
			}
		}
		if s.Len() != 0 {
			t.Errorf("spill not reset")
		}
	}
}
