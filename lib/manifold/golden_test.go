package manifold

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// goldenRows are the 5 × 3 matrix of manifold.md §13.4 (kurtosis,
// skewness, crest_factor per signal).
var goldenRows = [5][3]float64{{1.0, 0.2, 3.0}, {2.0, 0.1, 2.5}, {3.0, 0.4, 2.0}, {4.0, 0.3, 1.0}, {5.0, 0.9, 0.5}}

func near(t *testing.T, what string, got any, want float64, tol float64) {
	t.Helper()
	g, ok := got.(float64)
	if !ok || math.Abs(g-want) > tol*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %v, want %.12g", what, got, want)
	}
}

// TestGeometryGoldenThroughStage feeds the §13.4 matrix through the whole
// stage: with W = S = 3 and probe engines (kurtosis = last, skewness =
// first, crest_factor = middle sample), window 127 of cohort c1 has
// exactly the golden features. The windows before it have identical
// features in every signal (constant: no geometry), so window 127 starts
// the orientation chain and its loadings are canonical. The bootstrap key
// is then the golden "c1\x1fshape\x1f127".
func TestGeometryGoldenThroughStage(t *testing.T) {
	dir := t.TempDir()
	var sigs []signal
	for i, g := range goldenRows {
		v := make([]float64, 384)
		v[381], v[382], v[383] = g[1], g[2], g[0]
		sigs = append(sigs, signal{cohort: "c1", id: fmt.Sprint("s", i+1), values: v})
	}
	// Cohort c2: two signals, so the rank cap leaves one eigenvalue.
	sigs = append(sigs, signal{cohort: "c2", id: "a", values: []float64{1, 5, 2}}, signal{cohort: "c2", id: "b", values: []float64{3, 4, 7}})
	p := partition{dir: dir, obs: writeObservations(t, filepath.Join(dir, "observations.parquet"), 100, sigs...)}
	var b strings.Builder
	b.WriteString("system: {window: 3, stride: 3}\ncohorts:\n  c1:\n")
	for i := range 5 {
		fmt.Fprintf(&b, "    s%d: {engines: [kurtosis, skewness, crest_factor]}\n", i+1)
	}
	b.WriteString("  c2:\n    a: {engines: [kurtosis, skewness, crest_factor]}\n    b: {engines: [kurtosis, skewness, crest_factor]}\n")
	p.manifest = writeManifest(t, dir, b.String())
	res := runPartition(t, p, runConfig{catalog: probeCatalog{middle: true}, boot: 50})

	sg := readRows(t, p.out(), "state_geometry.parquet")
	if len(sg) != 2 || res.Counts["geometry_skipped_constant_feature"] != 127 {
		t.Fatalf("%d state_geometry rows, counts %s", len(sg), keysOf(res.Counts))
	}
	g := sg[0]
	if g["cohort"] != "c1" || g["window_index"] != int64(127) || g["engine"] != "shape" || g["n_signals"] != int64(5) ||
		g["n_features"] != int64(3) || g["signal_ids"] != "s1,s2,s3,s4,s5" || g["eigenvector_flip_count"] != int64(0) {
		t.Errorf("row keys %v", g)
	}
	for col, want := range map[string]float64{
		"eigenvalue_1": 3.415103269588, "eigenvalue_2": 0.324872842209, "eigenvalue_3": 0.010023888203,
		"eigenvalue_4": 0, "eigenvalue_5": 0,
		"explained_1": 0.910694205223, "explained_2": 0.086632757922, "explained_3": 0.002673036854,
		"total_variance": 3.75, "total_variance_raw": 3.672, "effective_dim": 1.194919705241,
		"eigenvalue_entropy": 0.312940653059, "eigenvalue_entropy_norm": 0.284850858021,
		"ratio_2_1": 0.095128263061, "ratio_3_1": 0.002935164009,
	} {
		near(t, col, g[col], want, 1e-9)
	}
	near(t, "condition_number", g["condition_number"], 340.696464328, 1e-6)
	near(t, "eff_dim_std", g["eff_dim_std"], 0.15839255674971, 1e-12)
	near(t, "eff_dim_ci_low", g["eff_dim_ci_low"], 1.0, 1e-12)
	near(t, "eff_dim_ci_high", g["eff_dim_ci_high"], 1.57995983497562, 1e-12)

	// c2: N = 2 → only λ₁ (= D·N/(N-1) = 6) is nonzero; effective_dim 1.
	c2 := sg[1]
	if c2["cohort"] != "c2" || c2["eigenvalue_2"] != 0.0 || c2["eigenvalue_3"] != 0.0 || c2["effective_dim"] != 1.0 || c2["condition_number"] != 1.0 {
		t.Errorf("rank cap row %v", c2)
	}
	near(t, "c2 eigenvalue_1", c2["eigenvalue_1"], 6, 1e-12)
	if !isNaN(c2["eff_dim_std"]) {
		t.Errorf("bootstrap needs N ≥ 5: %v", c2["eff_dim_std"])
	}

	// state_vector of window 127: centroid and raw-unit distances.
	for _, r := range readRows(t, p.out(), "state_vector.parquet") {
		if r["cohort"] == "c1" && r["window_index"] == int64(127) {
			near(t, "state_shape_kurtosis", r["state_shape_kurtosis"], 3.0, 1e-12)
			near(t, "state_shape_skewness", r["state_shape_skewness"], 0.38, 1e-12)
			near(t, "state_shape_crest_factor", r["state_shape_crest_factor"], 1.8, 1e-12)
			near(t, "mean_distance", r["mean_distance"], 1.5034371335, 1e-9)
			near(t, "max_distance", r["max_distance"], 2.4413930450, 1e-9)
			near(t, "std_distance", r["std_distance"], 0.8229682773, 1e-9)
		}
	}

	// eigendecomposition: signal loadings U and feature loadings V in
	// canonical orientation (§13.4).
	wantSignal := [3][5]float64{
		{-0.529384026301, -0.382898792571, -0.023765927958, 0.208715079527, 0.727333667302},
		{0.440801378015, -0.239448537002, 0.132879902661, -0.747997474673, 0.413764730999},
		{-0.527331278026, 0.264077873556, 0.723797882903, -0.335748815552, -0.124795662881},
	}
	wantFeature := [3][3]float64{
		{0.594048057892, 0.547347746007, -0.589506021900},
		{-0.348991774939, 0.835626114509, 0.424185970744},
		{0.724783861534, -0.046254099186, 0.687421931835},
	}
	checked := 0
	for _, r := range readRows(t, p.out(), "eigendecomposition.parquet") {
		if r["cohort"] != "c1" {
			continue
		}
		pos := int(r["position"].(int64))
		for j, col := range []string{"pc1_loading", "pc2_loading", "pc3_loading"} {
			want := wantFeature[j][min(pos, 2)]
			if r["kind"] == "signal" {
				want = wantSignal[j][pos]
				if r["name"] != fmt.Sprint("s", pos+1) {
					t.Errorf("signal row %d named %v", pos, r["name"])
				}
			}
			if math.Abs(f(r[col])-want) > 1e-9 {
				t.Errorf("%s %v %s = %v, want %v", r["kind"], r["name"], col, r[col], want)
			}
		}
		checked++
	}
	if checked != 8 {
		t.Errorf("%d eigendecomposition rows for c1, want 5 signals + 3 features", checked)
	}
}
