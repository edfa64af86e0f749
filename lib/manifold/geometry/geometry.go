package geometry

import (
	"math"
)

// MaxEigenvalues is the number of eigenvalue and explained slots of
// state_geometry (§7.3).
const MaxEigenvalues = 5

// Loadings is the number of principal components whose loadings are
// written (PC1–PC3, §7.4).
const Loadings = 3

// zeroEigen is the threshold below which an eigenvalue counts as zero
// (the reference's 1e-10 throughout §7.3).
const zeroEigen = 1e-10

// Skip says why a group produced no state_geometry row in a window.
type Skip int

const (
	Kept          Skip = iota
	FewRows            // fewer than two rows with every feature finite (§7.1 step 3)
	ConstantInput      // a feature column with population std < 1e-12 (§7.1 step 4)
)

// Geometry is one state_geometry row plus its loadings (§7.3–§7.4). Its
// slices point into the Workspace and stay valid until the next Analyze
// of the same group with that Workspace.
type Geometry struct {
	N, D                 int
	Eigenvalues          [MaxEigenvalues]float64
	Explained            [MaxEigenvalues]float64
	EffectiveDim         float64
	TotalVariance        float64
	TotalVarianceRaw     float64
	EigenvalueEntropy    float64
	EigenvalueEntropyNrm float64
	ConditionNumber      float64
	Ratio21, Ratio31     float64

	// Members are the indices (into the rows given to Analyze) of the kept
	// rows, in row order: the member list of §7.1.
	Members []int
	// Rank is the number of existing principal components: index below
	// min(N-1, D) and eigenvalue above 1e-10. They form a prefix.
	Rank int
	// Feature[j] (length D) and Signal[j] (length N) are the loadings of
	// PC j+1 for j < min(Rank, 3), in canonical orientation until a Chain
	// orients them; zero for components that do not exist.
	Feature [Loadings][]float64
	Signal  [Loadings][]float64

	// z is the z-scored member matrix (N×D), kept for the signal loadings
	// and the bootstrap.
	x, z []float64
}

// Analyze computes the eigen-geometry of group g of the layout over one
// window group's feature rows (§7.1–§7.3). The caller emits the row only
// if the window also has a state_vector row (§7.1 step 5).
func (l *Layout) Analyze(g int, rows [][]float64, ws *Workspace) (*Geometry, Skip) {
	cols := l.Groups[g].Cols
	geo := ws.geometry(g)
	geo.Members = geo.Members[:0]
	geo.x = geo.x[:0]
	for i, r := range rows {
		if !allFinite(r, cols) {
			continue
		}
		geo.Members = append(geo.Members, i)
		for _, c := range cols {
			geo.x = append(geo.x, r[c])
		}
	}
	n, d := len(geo.Members), len(cols)
	if n < 2 {
		return nil, FewRows
	}
	if !ws.standardise(geo, n, d) {
		return nil, ConstantInput
	}
	ws.decompose(geo, n, d)
	return geo, Kept
}

// standardise centres the member matrix on its own column means (the
// decision of §7.1 against B6), records the raw covariance trace and
// z-scores it (§7.2). It reports false when a column is constant.
func (ws *Workspace) standardise(geo *Geometry, n, d int) bool {
	geo.N, geo.D = n, d
	geo.z = resize(geo.z, n*d)
	ws.mean, ws.sd = resize(ws.mean, d), resize(ws.sd, d)
	raw := 0.0
	for j := range d {
		sum := 0.0
		for i := range n {
			sum += geo.x[i*d+j]
		}
		mean := sum / float64(n)
		ss := 0.0
		for i := range n {
			dv := geo.x[i*d+j] - mean
			ss += dv * dv
		}
		sd := math.Sqrt(ss / float64(n))
		if sd < 1e-12 {
			return false
		}
		raw += ss / float64(n-1)
		ws.mean[j], ws.sd[j] = mean, sd
	}
	for i := range n {
		for j := range d {
			geo.z[i*d+j] = (geo.x[i*d+j] - ws.mean[j]) / ws.sd[j]
		}
	}
	geo.TotalVarianceRaw = raw
	return true
}

// decompose fills the eigenvalues, metrics and canonical loadings of geo
// from its z-scored matrix.
func (ws *Workspace) decompose(geo *Geometry, n, d int) {
	lambda := ws.eigen(geo.z, n, d)
	geo.Eigenvalues = [MaxEigenvalues]float64{}
	copy(geo.Eigenvalues[:], lambda)
	fillMetrics(geo, lambda)
	geo.Rank = 0
	for j := range min(n-1, d) {
		if lambda[j] > zeroEigen {
			geo.Rank++
		}
	}
	for j := range Loadings {
		geo.Feature[j] = resize(geo.Feature[j], d)
		geo.Signal[j] = resize(geo.Signal[j], n)
		clear(geo.Feature[j])
		clear(geo.Signal[j])
		if j >= geo.Rank {
			continue
		}
		for i := range d {
			geo.Feature[j][i] = ws.vecs[i*d+j]
		}
		canonicalise(geo.Feature[j])
		scale := 1 / math.Sqrt(lambda[j]*float64(n-1))
		for r := range n {
			s := 0.0
			for i := range d {
				s += geo.z[r*d+i] * geo.Feature[j][i]
			}
			geo.Signal[j][r] = s * scale
		}
	}
}

// eigen returns the eigenvalues of C = ZᵀZ/(N-1), descending, with
// round-off negatives clamped to 0 and the rank cap of §7.2 applied
// (indices at or beyond min(N-1, D) are exactly 0); the eigenvectors are
// left in ws.vecs.
func (ws *Workspace) eigen(z []float64, n, d int) []float64 {
	ws.cov = resize(ws.cov, d*d)
	for a := range d {
		for b := a; b < d; b++ {
			s := 0.0
			for r := range n {
				s += z[r*d+a] * z[r*d+b]
			}
			s /= float64(n - 1)
			ws.cov[a*d+b], ws.cov[b*d+a] = s, s
		}
	}
	ws.vals, ws.vecs = resize(ws.vals, d), resize(ws.vecs, d*d)
	ws.work = resize(ws.work, 3*d)
	eigSym(ws.cov, d, ws.vals, ws.vecs, ws.work)
	for j := range d {
		if ws.vals[j] < 0 || j >= n-1 {
			ws.vals[j] = 0
		}
	}
	return ws.vals
}

// fillMetrics computes the §7.3 columns derived from the spectrum.
func fillMetrics(geo *Geometry, lambda []float64) {
	d := len(lambda)
	total, squares := 0.0, 0.0
	for _, v := range lambda {
		total += v
		squares += v * v
	}
	geo.TotalVariance = total
	geo.Explained = [MaxEigenvalues]float64{}
	geo.EffectiveDim = 0
	if total > zeroEigen {
		for i := range min(d, MaxEigenvalues) {
			geo.Explained[i] = lambda[i] / total
		}
		geo.EffectiveDim = total * total / squares
	}
	geo.EigenvalueEntropy, geo.EigenvalueEntropyNrm, geo.ConditionNumber = spectrumShape(lambda)
	geo.Ratio21, geo.Ratio31 = 0, 0
	if lambda[0] > zeroEigen {
		if d >= 2 {
			geo.Ratio21 = lambda[1] / lambda[0]
		}
		if d >= 3 {
			geo.Ratio31 = lambda[2] / lambda[0]
		}
	}
}

// spectrumShape returns the entropy (natural log), normalised entropy and
// condition number over the nonzero eigenvalues (> 1e-10).
func spectrumShape(lambda []float64) (entropy, norm, condition float64) {
	sum, count := 0.0, 0
	hi, lo := 0.0, math.Inf(1)
	for _, v := range lambda {
		if v > zeroEigen {
			sum += v
			count++
			hi, lo = math.Max(hi, v), math.Min(lo, v)
		}
	}
	if count < 2 {
		return 0, 0, 1
	}
	for _, v := range lambda {
		if v > zeroEigen {
			p := v / sum
			entropy -= p * math.Log(p)
		}
	}
	return entropy, entropy / math.Log(float64(count)), hi / lo
}

// canonicalise negates v if needed so that its largest-magnitude component
// (the first one on ties) is positive (§7.6 step 1).
func canonicalise(v []float64) {
	best := 0
	for i := range v {
		if math.Abs(v[i]) > math.Abs(v[best]) {
			best = i
		}
	}
	if v[best] < 0 {
		for i := range v {
			v[i] = -v[i]
		}
	}
}
