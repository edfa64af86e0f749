package stattest

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// blockRows is how many design rows leastSquares absorbs at a time: with
// the ADF search's 64 columns a block is 256 KiB, which stays in cache
// while its Householder reflections run.
const blockRows = 512

// dependentTol is the rank rule of typology.md §4.5.1: a column whose
// |r_jj| is at most this fraction of the largest |r_ii| adds nothing.
const dependentTol = 1e-12

// leastSquares accumulates the Householder QR factorisation of an
// augmented design [X | y] fed a block of rows at a time (a sequential
// "tall-skinny" QR: each block is stacked under the current triangle and
// reduced by k reflections that touch only the triangle's diagonal row and
// the block). The last column of the final triangle holds Qᵀy, from which
// the residual sum of squares of every nested model X[:, :m] follows.
type leastSquares struct {
	k    int         // columns of [X | y]
	r    []float64   // k×k upper triangle, row-major
	cols [][]float64 // the pending block, one slice per column
	view [][]float64 // scratch: the block's columns after a reflector's
	dots []float64   // scratch: the reflector's dots with them
	n    int         // rows in the pending block
	rows int         // rows absorbed so far
}

func newLeastSquares(columns int) *leastSquares {
	ls := &leastSquares{k: columns, r: make([]float64, columns*columns), cols: make([][]float64, columns),
		view: make([][]float64, columns), dots: make([]float64, columns)}
	for c := range ls.cols {
		ls.cols[c] = make([]float64, blockRows)
	}
	return ls
}

// addRow appends one row (len k: regressors then response).
func (ls *leastSquares) addRow(row []float64) {
	for c, v := range row {
		ls.cols[c][ls.n] = v
	}
	ls.n++
	if ls.n == blockRows {
		ls.flush()
	}
}

// block flushes the pending rows and returns the columns of the next
// n ≤ blockRows rows for the caller to fill (as n addRow calls would);
// the next flush or block takes them in.
func (ls *leastSquares) block(n int) [][]float64 {
	ls.flush()
	out := make([][]float64, ls.k)
	for c := range out {
		out[c] = ls.cols[c][:n]
	}
	ls.n = n
	return out
}

// flush reduces the pending block into the triangle.
func (ls *leastSquares) flush() {
	n, k := ls.n, ls.k
	if n == 0 {
		return
	}
	for j := 0; j < k; j++ {
		v := ls.cols[j][:n]
		sigma := dot(v, v)
		if sigma == 0 {
			continue // nothing below the diagonal: the identity reflection
		}
		alpha := ls.r[j*k+j]
		norm := math.Sqrt(float64(alpha*alpha) + sigma)
		beta := -math.Copysign(norm, alpha)
		tau := (beta - alpha) / beta
		floats.Scale(1/(alpha-beta), v) // v becomes the reflector's tail; its head is 1
		ls.r[j*k+j] = beta
		// the columns' dots with v do not depend on each other's updates
		rest := ls.view[:k-j-1]
		for c := range rest {
			rest[c] = ls.cols[j+1+c][:n]
		}
		dv := ls.dots[:len(rest)]
		dots(v, rest, dv)
		for c, w := range rest {
			s := float64(tau * (ls.r[j*k+j+1+c] + dv[c]))
			ls.r[j*k+j+1+c] -= s
			addScaled(w, -s, v)
		}
	}
	ls.rows += n
	ls.n = 0
}

// diag returns r_jj after a final flush.
func (ls *leastSquares) diag(j int) float64 { return ls.r[j*ls.k+j] }

// dependent marks the regressor columns (all but the last) that are
// numerically dependent on the columns before them.
func (ls *leastSquares) dependent() []bool {
	p := ls.k - 1
	big := 0.0
	for j := 0; j < p; j++ {
		big = max(big, math.Abs(ls.diag(j)))
	}
	dep := make([]bool, p)
	for j := range dep {
		dep[j] = math.Abs(ls.diag(j)) <= dependentTol*big
	}
	return dep
}

// nestedSSR returns, for m = 1 … k−1, the residual sum of squares of the
// regression of y on the first m columns (index m−1 of the result). A
// dependent column explains nothing: its share of Qᵀy stays in the
// residual, so adding it leaves the SSR unchanged.
func (ls *leastSquares) nestedSSR() []float64 {
	ls.flush()
	p := ls.k - 1
	dep := ls.dependent()
	z := func(i int) float64 { return ls.r[i*ls.k+p] }
	out := make([]float64, p)
	for m := 1; m <= p; m++ {
		var s neumaier
		s.add(float64(z(p) * z(p)))
		for i := 0; i < p; i++ {
			if i >= m || dep[i] {
				s.add(float64(z(i) * z(i)))
			}
		}
		out[m-1] = s.value()
	}
	return out
}

// coefficientAndVariance returns, for regressor j, its least-squares
// coefficient (R b = Qᵀy by back substitution) and [(XᵀX)⁻¹]_jj = ‖R⁻ᵀe_j‖²
// (Rᵀu = e_j by forward substitution). The factorisation must be flushed.
func (ls *leastSquares) coefficientAndVariance(j int) (coef, v float64) {
	p, k := ls.k-1, ls.k
	b := make([]float64, p)
	for i := p - 1; i >= 0; i-- {
		s := ls.r[i*k+p]
		for c := i + 1; c < p; c++ {
			s -= float64(ls.r[i*k+c] * b[c])
		}
		b[i] = s / ls.r[i*k+i]
	}
	u := make([]float64, p)
	for i := j; i < p; i++ { // u_i = 0 for i < j
		s := 0.0
		if i == j {
			s = 1
		}
		for c := j; c < i; c++ {
			s -= float64(ls.r[c*k+i] * u[c])
		}
		u[i] = s / ls.r[i*k+i]
	}
	for _, x := range u {
		v += float64(x * x)
	}
	return b[j], v
}
