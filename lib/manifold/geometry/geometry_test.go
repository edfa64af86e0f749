package geometry

import (
	"math"
	"slices"
	"testing"
)

// close reports whether got is within rel (relative) or abs of want; NaN
// equals NaN (null and NaN compare equal, manifold.md §13.1).
func close(got, want, rel, abs float64) bool {
	if math.IsNaN(want) || math.IsNaN(got) {
		return math.IsNaN(want) && math.IsNaN(got)
	}
	return math.Abs(got-want) <= math.Max(abs, rel*math.Abs(want))
}

func checkClose(t *testing.T, name string, got, want float64) {
	t.Helper()
	if !close(got, want, 1e-9, 1e-12) {
		t.Errorf("%s = %.15g, want %.15g", name, got, want)
	}
}

func checkVec(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s has %d values, want %d", name, len(got), len(want))
	}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9 {
			t.Errorf("%s[%d] = %.12f, want %.12f", name, i, got[i], want[i])
		}
	}
}

// goldenX is the 5 signals × 3 features matrix of manifold.md §13.4, laid
// out as shape-group rows (kurtosis, skewness, crest_factor).
func goldenX() [][]float64 {
	return [][]float64{
		{1.0, 0.2, 3.0},
		{2.0, 0.1, 2.5},
		{3.0, 0.4, 2.0},
		{4.0, 0.3, 1.0},
		{5.0, 0.9, 0.5},
	}
}

var shapeOnly = []string{"kurtosis", "skewness", "crest_factor"}

func TestLayout(t *testing.T) {
	cases := []struct {
		name     string
		features []string
		groups   []string
		centroid []string
	}{
		{"prime base", []string{"kurtosis", "skewness", "crest_factor", "spectral_slope", "dominant_freq",
			"spectral_entropy", "spectral_centroid", "spectral_bandwidth", "sample_entropy", "permutation_entropy",
			"hurst", "hurst_r2", "acf_lag1", "acf_lag10", "acf_half_life"},
			[]string{"shape", "complexity", "spectral"},
			[]string{"state_shape_kurtosis", "state_shape_skewness", "state_shape_crest_factor",
				"state_complexity_permutation_entropy", "state_complexity_hurst", "state_complexity_acf_lag1",
				"state_spectral_spectral_entropy", "state_spectral_spectral_centroid"}},
		{"one feature per group: full fallback", []string{"kurtosis", "hurst", "trend_slope", "trend_r2"},
			[]string{"full"}, []string{"state_full_kurtosis", "state_full_hurst", "state_full_trend_slope"}},
		{"fallback with two columns", []string{"rms", "peak"}, []string{"full"}, []string{"state_full_rms", "state_full_peak"}},
		{"one column: nothing", []string{"rms"}, nil, nil},
	}
	for _, c := range cases {
		l := NewLayout(c.features)
		var names []string
		for _, g := range l.Groups {
			names = append(names, g.Name)
		}
		if !slices.Equal(names, c.groups) {
			t.Errorf("%s: groups %v, want %v", c.name, names, c.groups)
		}
		if got := l.CentroidColumns(); !slices.Equal(got, c.centroid) {
			t.Errorf("%s: centroid columns %v, want %v", c.name, got, c.centroid)
		}
	}
}

// TestStateGolden checks manifold.md §13.4 "state_vector".
func TestStateGolden(t *testing.T) {
	l := NewLayout(shapeOnly)
	var ws Workspace
	st, ok := l.State(goldenX(), &ws)
	if !ok {
		t.Fatal("no state row")
	}
	if st.NSignals != 5 {
		t.Errorf("n_signals %d", st.NSignals)
	}
	checkVec(t, "centroid", st.Centroids, []float64{3.0, 0.38, 1.8})
	checkClose(t, "mean_distance", st.MeanDistance, 1.5034371335)
	checkClose(t, "max_distance", st.MaxDistance, 2.4413930450)
	checkClose(t, "std_distance", st.StdDistance, 0.8229682773)

	x := goldenX()
	x[2][1] = math.NaN()
	st, ok = l.State(x, &ws)
	if !ok || st.NSignals != 5 {
		t.Fatalf("with a null: ok %v n_signals %d", ok, st.NSignals)
	}
	checkVec(t, "centroid with null", st.Centroids, []float64{3.0, 0.375, 1.8})
	// The golden values are printed to 10 decimals.
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"mean", st.MeanDistance, 1.8288670393}, {"max", st.MaxDistance, 2.4424628963}, {"std", st.StdDistance, 0.5631344000}} {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s_distance with null = %.12f, want %.10f", c.name, c.got, c.want)
		}
	}
}

func TestStateEdgeRules(t *testing.T) {
	l := NewLayout(shapeOnly)
	var ws Workspace
	nan := math.NaN()
	// Every composite feature null in every row: no state row.
	if _, ok := l.State([][]float64{{nan, nan, nan}, {nan, nan, nan}}, &ws); ok {
		t.Error("all-null window produced a state row")
	}
	// One usable row: a state row, but distances need two complete rows.
	st, ok := l.State([][]float64{{1, 2, 3}, {nan, nan, nan}}, &ws)
	if !ok || st.NSignals != 1 || !math.IsNaN(st.MeanDistance) || !math.IsNaN(st.StdDistance) {
		t.Errorf("one row: ok %v %+v", ok, st)
	}
	// Schema with a single feature: no composite, no state.
	one := NewLayout([]string{"rms"})
	if _, ok := one.State([][]float64{{1}, {2}}, &ws); ok {
		t.Error("single-feature schema produced a state row")
	}
	// Per-group centroid uses only rows with a finite value in that group.
	two := NewLayout([]string{"kurtosis", "skewness", "crest_factor", "permutation_entropy", "hurst", "acf_lag1"})
	st, ok = two.State([][]float64{{1, 2, 3, nan, nan, nan}, {3, 4, 5, 0.5, nan, 0.1}}, &ws)
	if !ok {
		t.Fatal("no state")
	}
	checkVec(t, "centroids", st.Centroids[:3], []float64{2, 3, 4})
	if st.Centroids[3] != 0.5 || !math.IsNaN(st.Centroids[4]) || st.Centroids[5] != 0.1 {
		t.Errorf("complexity centroids %v", st.Centroids[3:])
	}
}

// TestGeometryGolden checks manifold.md §13.4 "state_geometry" and the
// loadings in canonical orientation.
func TestGeometryGolden(t *testing.T) {
	l := NewLayout(shapeOnly)
	var ws Workspace
	geo, skip := l.Analyze(0, goldenX(), &ws)
	if skip != Kept {
		t.Fatalf("skipped: %v", skip)
	}
	checkVec(t, "eigenvalues", geo.Eigenvalues[:], []float64{3.415103269588, 0.324872842209, 0.010023888203, 0, 0})
	checkVec(t, "explained", geo.Explained[:], []float64{0.910694205223, 0.086632757922, 0.002673036854, 0, 0})
	checkClose(t, "total_variance", geo.TotalVariance, 3.75)
	checkClose(t, "total_variance_raw", geo.TotalVarianceRaw, 3.672)
	checkClose(t, "effective_dim", geo.EffectiveDim, 1.194919705241)
	checkClose(t, "eigenvalue_entropy", geo.EigenvalueEntropy, 0.312940653059)
	checkClose(t, "eigenvalue_entropy_norm", geo.EigenvalueEntropyNrm, 0.284850858021)
	if !close(geo.ConditionNumber, 340.696464328, 1e-6, 0) {
		t.Errorf("condition_number %.9f", geo.ConditionNumber)
	}
	checkClose(t, "ratio_2_1", geo.Ratio21, 0.095128263061)
	checkClose(t, "ratio_3_1", geo.Ratio31, 0.002935164009)
	if geo.N != 5 || geo.D != 3 || geo.Rank != 3 || !slices.Equal(geo.Members, []int{0, 1, 2, 3, 4}) {
		t.Errorf("N %d D %d rank %d members %v", geo.N, geo.D, geo.Rank, geo.Members)
	}
	checkVec(t, "feature PC1", geo.Feature[0], []float64{0.594048057892, 0.547347746007, -0.589506021900})
	checkVec(t, "feature PC2", geo.Feature[1], []float64{-0.348991774939, 0.835626114509, 0.424185970744})
	checkVec(t, "feature PC3", geo.Feature[2], []float64{0.724783861534, -0.046254099186, 0.687421931835})
	checkVec(t, "signal PC1", geo.Signal[0], []float64{-0.529384026301, -0.382898792571, -0.023765927958, 0.208715079527, 0.727333667302})
	checkVec(t, "signal PC2", geo.Signal[1], []float64{0.440801378015, -0.239448537002, 0.132879902661, -0.747997474673, 0.413764730999})
	checkVec(t, "signal PC3", geo.Signal[2], []float64{-0.527331278026, 0.264077873556, 0.723797882903, -0.335748815552, -0.124795662881})
}

// TestBootstrapGolden checks the seeded bootstrap of §13.4.
func TestBootstrapGolden(t *testing.T) {
	l := NewLayout(shapeOnly)
	var ws Workspace
	geo, _ := l.Analyze(0, goldenX(), &ws)
	key := BootstrapKey("c1", "shape", 127)
	if string(key) != "c1\x1fshape\x1f127" {
		t.Fatalf("key %q", key)
	}
	std, lo, hi := ws.Bootstrap(geo, 50, key)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"eff_dim_std", std, 0.15839255674971}, {"ci_low", lo, 1.0}, {"ci_high", hi, 1.57995983497562}} {
		if !close(c.got, c.want, 1e-12, 1e-12) {
			t.Errorf("%s = %.14f, want %.14f", c.name, c.got, c.want)
		}
	}
	if s, _, _ := ws.Bootstrap(geo, 0, key); !math.IsNaN(s) {
		t.Error("B = 0 must give null")
	}
	small, _ := l.Analyze(0, goldenX()[:4], &ws)
	if s, _, _ := ws.Bootstrap(small, 50, key); !math.IsNaN(s) {
		t.Error("N < 5 must give null")
	}
	if got := string(BootstrapKey("", "full", -3)); got != "\x1ffull\x1f-3" {
		t.Errorf("key %q", got)
	}
}

// TestSmallN checks the small-N cases of §13.4: the rank cap sets the
// eigenvalues beyond N-1 to exactly zero.
func TestSmallN(t *testing.T) {
	var ws Workspace
	l := NewLayout(shapeOnly)
	geo, skip := l.Analyze(0, [][]float64{{1, 2, 3}, {2, 2.5, 5}}, &ws)
	if skip != Kept {
		t.Fatal(skip)
	}
	if geo.Eigenvalues != [5]float64{6, 0, 0, 0, 0} && !close(geo.Eigenvalues[0], 6, 1e-12, 0) {
		t.Errorf("eigenvalues %v", geo.Eigenvalues)
	}
	if geo.Eigenvalues[1] != 0 || geo.Eigenvalues[2] != 0 {
		t.Errorf("rank cap: eigenvalues %v", geo.Eigenvalues)
	}
	checkClose(t, "effective_dim", geo.EffectiveDim, 1)
	checkClose(t, "total_variance", geo.TotalVariance, 6)
	if geo.ConditionNumber != 1 || geo.EigenvalueEntropy != 0 || geo.EigenvalueEntropyNrm != 0 || geo.Rank != 1 {
		t.Errorf("condition %v entropy %v norm %v rank %d", geo.ConditionNumber, geo.EigenvalueEntropy, geo.EigenvalueEntropyNrm, geo.Rank)
	}
	// PC2 and PC3 do not exist: their loadings are zero.
	for j := 1; j < 3; j++ {
		for _, v := range append(slices.Clone(geo.Feature[j]), geo.Signal[j]...) {
			if v != 0 {
				t.Errorf("PC%d loadings not zero: %v %v", j+1, geo.Feature[j], geo.Signal[j])
			}
		}
	}

	five := NewLayout([]string{"spectral_entropy", "spectral_centroid", "band_low_rel", "band_mid_rel", "band_high_rel"})
	geo, skip = five.Analyze(0, [][]float64{{0.1, 1, 2, 3, 4}, {0.5, 1.5, 1, 2, 5}, {0.2, 0.7, 3, 1, 4.5}}, &ws)
	if skip != Kept {
		t.Fatal(skip)
	}
	checkVec(t, "N=3 eigenvalues", geo.Eigenvalues[:], []float64{4.968359359566, 2.531640640434, 0, 0, 0})
	if geo.Eigenvalues[2] != 0 {
		t.Errorf("λ3 = %g, want exactly 0", geo.Eigenvalues[2])
	}
	checkClose(t, "effective_dim", geo.EffectiveDim, 1.809042371919)
	checkClose(t, "total_variance", geo.TotalVariance, 7.5)
	if !close(geo.ConditionNumber, 1.962505768084, 1e-6, 0) {
		t.Errorf("condition %v", geo.ConditionNumber)
	}
	checkClose(t, "entropy", geo.EigenvalueEntropy, 0.639398422858)
	checkClose(t, "entropy norm", geo.EigenvalueEntropyNrm, 0.922456933809)
}

// TestGeometryAgainstNumpy: a 6 × 5 matrix (a correlated pair), whose
// eigenvalues must equal those of the Pearson correlation matrix scaled
// by N/(N-1) (§7.2). Expected values from numpy 1.24:
//
//	rng = np.random.default_rng(7); Y = rng.normal(size=(6,5)); Y[:,1] += 0.8*Y[:,0]
//	np.sort(np.linalg.eigvalsh(np.corrcoef(Y.T)))[::-1] * 6/5
func TestGeometryAgainstNumpy(t *testing.T) {
	y := [][]float64{
		{0.0012301533574825742, 0.29972966019445596, -0.2741378553622176, -0.8905918387572742, -0.45467078517172255},
		{-0.9916465549964624, -0.7331736413997315, 1.3402152455545335, -0.49220651855132963, -0.6204748998199404},
		{0.4898420501851982, 0.7487606483082194, 0.10541424899789856, -0.9304680447082047, -0.02925182246327349},
		{0.6953031944582878, -0.7879719917184517, -0.45761576104021817, -1.901222739800844, -1.289537739784976},
		{-1.8417350377917323, -1.7084791613080672, -1.2674464814437032, 0.2712643588217015, 0.15675108662422516},
		{-0.18693094462995438, -2.6663044665244766, -0.5386928958466366, -0.048500945401071985, 0.11330898600330756},
	}
	l := NewLayout([]string{"spectral_entropy", "spectral_centroid", "band_low_rel", "band_mid_rel", "band_high_rel"})
	var ws Workspace
	geo, skip := l.Analyze(0, y, &ws)
	if skip != Kept {
		t.Fatal(skip)
	}
	checkVec(t, "eigenvalues", geo.Eigenvalues[:], []float64{3.467092701771179, 1.2078350806223541, 0.861284564587398, 0.4564054749574842, 0.007382178061584187})
	checkClose(t, "total_variance (= D·N/(N-1))", geo.TotalVariance, 6)
	checkClose(t, "effective_dim", geo.EffectiveDim, 2.49484244340616)
	checkClose(t, "total_variance_raw (Σ ddof-1 variances)", geo.TotalVarianceRaw, 4.152138875021905)
	// Loadings are orthonormal: V columns unit length, U columns unit length.
	for j := range 3 {
		checkClose(t, "|V_j|", dot(geo.Feature[j], geo.Feature[j]), 1)
		checkClose(t, "|U_j|", dot(geo.Signal[j], geo.Signal[j]), 1)
	}
}

// TestIndependentSignalsDimension: k independent features over many
// signals have effective dimension ≈ k; an exact copy of a feature removes
// one dimension.
func TestIndependentSignalsDimension(t *testing.T) {
	// Orthogonal ±1 columns (Walsh functions over 8 signals): their
	// correlation matrix is the identity, so every eigenvalue is 8/7 and the
	// participation ratio is exactly 3.
	rows := [][]float64{
		{1, 1, 1}, {1, 1, -1}, {1, -1, 1}, {1, -1, -1},
		{-1, 1, 1}, {-1, 1, -1}, {-1, -1, 1}, {-1, -1, -1},
	}
	var ws Workspace
	l := NewLayout(shapeOnly)
	geo, _ := l.Analyze(0, rows, &ws)
	checkClose(t, "effective_dim of 3 independent", geo.EffectiveDim, 3)
	for j := range 3 {
		checkClose(t, "eigenvalue", geo.Eigenvalues[j], 8.0/7)
	}
	// Third column = first: rank 2, equal eigenvalues 2·8/7 and 8/7.
	for _, r := range rows {
		r[2] = r[0]
	}
	geo, _ = l.Analyze(0, rows, &ws)
	checkVec(t, "copy eigenvalues", geo.Eigenvalues[:3], []float64{16.0 / 7, 8.0 / 7, 0})
	checkClose(t, "effective_dim", geo.EffectiveDim, (24.0/7)*(24.0/7)/((16.0/7)*(16.0/7)+(8.0/7)*(8.0/7)))
}

func TestAnalyzeSkips(t *testing.T) {
	var ws Workspace
	l := NewLayout(shapeOnly)
	nan := math.NaN()
	if _, s := l.Analyze(0, [][]float64{{1, 2, 3}, {1, nan, 3}}, &ws); s != FewRows {
		t.Errorf("one complete row: %v", s)
	}
	if _, s := l.Analyze(0, [][]float64{{1, 2, 3}, {2, 2, 4}, {3, 2, 1}}, &ws); s != ConstantInput {
		t.Errorf("constant column: %v", s)
	}
	// Incomplete rows are left out of the member list.
	geo, s := l.Analyze(0, [][]float64{{1, 2, 3}, {nan, 1, 1}, {2, 1, 5}, {4, 0, 1}}, &ws)
	if s != Kept || !slices.Equal(geo.Members, []int{0, 2, 3}) || geo.N != 3 {
		t.Errorf("members %v N %d", geo.Members, geo.N)
	}
}

// TestAffineInvariance: rescaling a feature changes nothing but
// total_variance_raw (§7.3 interpretation facts).
func TestAffineInvariance(t *testing.T) {
	var ws Workspace
	l := NewLayout(shapeOnly)
	a, _ := l.Analyze(0, goldenX(), &ws)
	ref := *a
	x := goldenX()
	for _, r := range x {
		r[0] = 1000*r[0] - 7
	}
	b, _ := l.Analyze(0, x, &ws)
	for i := range 5 {
		checkClose(t, "eigenvalue", b.Eigenvalues[i], ref.Eigenvalues[i])
	}
	checkClose(t, "effective_dim", b.EffectiveDim, ref.EffectiveDim)
	checkClose(t, "entropy", b.EigenvalueEntropy, ref.EigenvalueEntropy)
	if math.Abs(b.TotalVarianceRaw-ref.TotalVarianceRaw) < 1 {
		t.Error("total_variance_raw must see the magnitude")
	}
}

// TestIndependentNoiseDimension: three independent noise features over
// 3000 signals have a correlation matrix close to the identity, so the
// effective dimension is close to 3 (a sampling error of order 1/√N).
func TestIndependentNoiseDimension(t *testing.T) {
	s := uint64(1)
	next := func() float64 {
		s = s*6364136223846793005 + 1442695040888963407
		return float64(s>>11) / (1 << 53)
	}
	rows := make([][]float64, 3000)
	for i := range rows {
		rows[i] = []float64{next(), next(), next()}
	}
	var ws Workspace
	l := NewLayout(shapeOnly)
	geo, _ := l.Analyze(0, rows, &ws)
	if math.Abs(geo.EffectiveDim-3) > 0.05 {
		t.Errorf("effective_dim of 3 independent features = %v", geo.EffectiveDim)
	}
}
