package outputs

import (
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"

	"sp/lib/manifold/dynamics"
	"sp/lib/manifold/geometry"
)

func field(name string, t arrow.DataType, nullable bool) arrow.Field {
	return arrow.Field{Name: name, Type: t, Nullable: nullable}
}

var (
	str = arrow.BinaryTypes.String
	i64 = arrow.PrimitiveTypes.Int64
	i32 = arrow.PrimitiveTypes.Int32
	f64 = arrow.PrimitiveTypes.Float64
)

func floats(names ...string) []arrow.Field {
	out := make([]arrow.Field, len(names))
	for i, n := range names {
		out[i] = field(n, f64, true)
	}
	return out
}

// numbered returns prefix_1 … prefix_n.
func numbered(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + "_" + strconv.Itoa(i+1)
	}
	return out
}

// signal_vector (§5.2): keys, window position, features.

func signalVectorSchema(features []string) *arrow.Schema {
	fs := []arrow.Field{field("cohort", str, false), field("signal_id", str, false), field("window_index", i64, false),
		field("signal_0_start", f64, false), field("signal_0_end", f64, false), field("signal_0_center", f64, false)}
	return arrow.NewSchema(append(fs, floats(features...)...), nil)
}

// Window is the position of a window in the output rows.
type Window struct {
	Cohort string
	Index  int64
	Start  float64
	End    float64
}

func (w Window) center() float64 { return (w.Start + w.End) / 2 }

// SignalRow appends one signal_vector row; feats holds the plan's feature
// columns (NaN = null).
func (w *Writer) SignalRow(win Window, signalID string, feats []float64) {
	f := w.files[0]
	f.w.Key(0, win.Cohort)
	f.w.Key(1, signalID)
	f.w.Int64(2, win.Index)
	f.w.Double(3, win.Start)
	f.w.Double(4, win.End)
	f.w.Double(5, win.center())
	for i, v := range feats {
		f.w.Double(6+i, v)
	}
	f.endRow()
}

// state_vector (§6.2).

func stateVectorSchema(centroids []string) *arrow.Schema {
	fs := []arrow.Field{field("cohort", str, false), field("window_index", i64, false),
		field("signal_0_start", f64, false), field("signal_0_end", f64, false), field("signal_0_center", f64, false),
		field("n_signals", i64, false)}
	fs = append(fs, floats("mean_distance", "max_distance", "std_distance")...)
	return arrow.NewSchema(append(fs, floats(centroids...)...), nil)
}

// StateRow appends one state_vector row.
func (w *Writer) StateRow(win Window, st geometry.State) {
	f := w.files[1]
	f.w.Key(0, win.Cohort)
	f.w.Int64(1, win.Index)
	f.w.Double(2, win.Start)
	f.w.Double(3, win.End)
	f.w.Double(4, win.center())
	f.w.Int64(5, int64(st.NSignals))
	f.w.Double(6, st.MeanDistance)
	f.w.Double(7, st.MaxDistance)
	f.w.Double(8, st.StdDistance)
	for i, v := range st.Centroids {
		f.w.Double(9+i, v)
	}
	f.endRow()
}

// state_geometry (§7.3): the reference's order with cohort and
// window_index first and total_variance_raw after total_variance.

func stateGeometrySchema() *arrow.Schema {
	fs := []arrow.Field{field("cohort", str, false), field("window_index", i64, false),
		field("signal_0_end", f64, false), field("signal_0_start", f64, false), field("signal_0_center", f64, false),
		field("engine", str, false), field("n_signals", i64, false), field("n_features", i64, false)}
	fs = append(fs, floats(numbered("eigenvalue", geometry.MaxEigenvalues)...)...)
	fs = append(fs, floats(numbered("explained", geometry.MaxEigenvalues)...)...)
	fs = append(fs, floats("effective_dim", "total_variance", "total_variance_raw", "eigenvalue_entropy",
		"eigenvalue_entropy_norm", "condition_number", "ratio_2_1", "ratio_3_1",
		"eff_dim_std", "eff_dim_ci_low", "eff_dim_ci_high")...)
	fs = append(fs, field("eigenvector_flip_count", i64, false), field("signal_ids", str, false))
	return arrow.NewSchema(fs, nil)
}

// Bootstrap holds the three bootstrap columns (NaN = null).
type Bootstrap struct{ Std, Low, High float64 }

// GeometryRow appends one state_geometry row; signalIDs is the member
// list, joined by ",".
func (w *Writer) GeometryRow(win Window, group string, g *geometry.Geometry, boot Bootstrap, flips int64, signalIDs string) {
	f := w.files[2]
	f.w.Key(0, win.Cohort)
	f.w.Int64(1, win.Index)
	f.w.Double(2, win.End)
	f.w.Double(3, win.Start)
	f.w.Double(4, win.center())
	f.w.Key(5, group)
	f.w.Int64(6, int64(g.N))
	f.w.Int64(7, int64(g.D))
	col := 8
	for _, v := range g.Eigenvalues {
		f.w.Double(col, v)
		col++
	}
	for _, v := range g.Explained {
		f.w.Double(col, v)
		col++
	}
	for _, v := range []float64{g.EffectiveDim, g.TotalVariance, g.TotalVarianceRaw, g.EigenvalueEntropy,
		g.EigenvalueEntropyNrm, g.ConditionNumber, g.Ratio21, g.Ratio31, boot.Std, boot.Low, boot.High} {
		f.w.Double(col, v)
		col++
	}
	f.w.Int64(col, flips)
	f.w.String(col+1, signalIDs)
	f.endRow()
}

// eigendecomposition (§7.4).

func eigendecompositionSchema() *arrow.Schema {
	fs := []arrow.Field{field("cohort", str, false), field("window_index", i64, false), field("signal_0_end", f64, false),
		field("engine", str, false), field("kind", str, false), field("name", str, false), field("position", i32, false)}
	return arrow.NewSchema(append(fs, floats("pc1_loading", "pc2_loading", "pc3_loading")...), nil)
}

// Loadings appends the eigendecomposition rows of one state_geometry row:
// one per member signal (kind "signal"), then one per feature (kind
// "feature").
func (w *Writer) Loadings(win Window, group string, g *geometry.Geometry, signalIDs, features []string) {
	for r, id := range signalIDs {
		w.loadingRow(win, group, "signal", id, r, g.Signal[0][r], g.Signal[1][r], g.Signal[2][r])
	}
	for c, name := range features {
		w.loadingRow(win, group, "feature", name, c, g.Feature[0][c], g.Feature[1][c], g.Feature[2][c])
	}
}

func (w *Writer) loadingRow(win Window, group, kind, name string, pos int, pc1, pc2, pc3 float64) {
	f := w.files[3]
	f.w.Key(0, win.Cohort)
	f.w.Int64(1, win.Index)
	f.w.Double(2, win.End)
	f.w.Key(3, group)
	f.w.Key(4, kind)
	f.w.Key(5, name)
	f.w.Int32(6, int32(pos))
	f.w.Double(7, pc1)
	f.w.Double(8, pc2)
	f.w.Double(9, pc3)
	f.endRow()
}

// geometry_dynamics (§8.2).

func geometryDynamicsSchema() *arrow.Schema {
	fs := []arrow.Field{field("cohort", str, false), field("window_index", i64, false), field("signal_0_end", f64, false),
		field("engine", str, false)}
	fs = append(fs, floats("effective_dim", "effective_dim_velocity", "effective_dim_acceleration", "effective_dim_jerk",
		"effective_dim_curvature", "eigenvalue_1", "eigenvalue_1_velocity", "total_variance", "variance_velocity")...)
	fs = append(fs, field("collapse_onset_idx", i64, false), field("collapse_onset_fraction", f64, false))
	return arrow.NewSchema(fs, nil)
}

// DynamicsRow appends one geometry_dynamics row.
func (w *Writer) DynamicsRow(cohort, group string, r dynamics.Row) {
	f := w.files[4]
	f.w.Key(0, cohort)
	f.w.Int64(1, r.WindowIndex)
	f.w.Double(2, r.End)
	f.w.Key(3, group)
	for i, v := range []float64{r.EffectiveDim, r.EffectiveDimVelocity, r.EffectiveDimAcceleration, r.EffectiveDimJerk,
		r.EffectiveDimCurvature, r.Eigenvalue1, r.Eigenvalue1Velocity, r.TotalVariance, r.VarianceVelocity} {
		f.w.Double(4+i, v)
	}
	f.w.Int64(13, r.CollapseOnsetIdx)
	f.w.Double(14, r.CollapseOnsetFraction)
	f.endRow()
}
