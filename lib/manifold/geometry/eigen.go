package geometry

import "math"

// eigSym diagonalises the symmetric d×d matrix a (row-major, destroyed) by
// cyclic Jacobi rotations, which for d ≤ 5 converge to about 1e-15
// relative (manifold.md §7.2). It leaves the eigenvalues in vals, sorted
// descending (the lower original index first on ties, so the order is
// deterministic), and the matching unit eigenvectors in the columns of vecs
// (row-major: vecs[i*d+j] is component i of eigenvector j). work needs 3d.
func eigSym(a []float64, d int, vals, vecs, work []float64) {
	for i := range d * d {
		vecs[i] = 0
	}
	b, z := work[:d], work[d:2*d]
	for i := range d {
		vecs[i*d+i] = 1
		vals[i] = a[i*d+i]
		b[i], z[i] = vals[i], 0
	}
	// Numerical Recipes' jacobi, on the upper triangle: thresholded sweeps,
	// then exact zeroing of elements that no longer change the diagonal.
	for sweep := 1; sweep <= 100; sweep++ {
		off := 0.0
		for p := range d {
			for q := p + 1; q < d; q++ {
				off += math.Abs(a[p*d+q])
			}
		}
		if off == 0 {
			break
		}
		tresh := 0.0
		if sweep < 4 {
			tresh = 0.2 * off / float64(d*d)
		}
		for p := range d {
			for q := p + 1; q < d; q++ {
				apq := a[p*d+q]
				g := 100 * math.Abs(apq)
				if sweep > 4 && math.Abs(vals[p])+g == math.Abs(vals[p]) && math.Abs(vals[q])+g == math.Abs(vals[q]) {
					a[p*d+q], a[q*d+p] = 0, 0
					continue
				}
				if math.Abs(apq) <= tresh {
					continue
				}
				rotate(a, d, p, q, vals, z, vecs)
			}
		}
		for i := range d {
			b[i] += z[i]
			vals[i], z[i] = b[i], 0
		}
	}
	sortDescending(vals, vecs, d, work[2*d:3*d])
}

// rotate annihilates a[p][q] with one Jacobi rotation.
func rotate(a []float64, d, p, q int, vals, z, vecs []float64) {
	apq := a[p*d+q]
	h := vals[q] - vals[p]
	var t float64
	if math.Abs(h)+100*math.Abs(apq) == math.Abs(h) {
		t = apq / h
	} else {
		theta := 0.5 * h / apq
		t = 1 / (math.Abs(theta) + math.Sqrt(1+theta*theta))
		if theta < 0 {
			t = -t
		}
	}
	c := 1 / math.Sqrt(1+t*t)
	s := t * c
	tau := s / (1 + c)
	h = t * apq
	z[p] -= h
	z[q] += h
	vals[p] -= h
	vals[q] += h
	a[p*d+q], a[q*d+p] = 0, 0
	rot := func(m []float64, i, j, k, l int) {
		g, h := m[i*d+j], m[k*d+l]
		m[i*d+j] = g - s*(h+g*tau)
		m[k*d+l] = h + s*(g-h*tau)
	}
	for j := range p {
		rot(a, j, p, j, q)
	}
	for j := p + 1; j < q; j++ {
		rot(a, p, j, j, q)
	}
	for j := q + 1; j < d; j++ {
		rot(a, p, j, q, j)
	}
	for j := range d {
		rot(vecs, j, p, j, q)
	}
}

// sortDescending orders vals (and the columns of vecs) by decreasing value,
// by selection so that equal values keep their index order.
func sortDescending(vals, vecs []float64, d int, col []float64) {
	for i := range d {
		best := i
		for j := i + 1; j < d; j++ {
			if vals[j] > vals[best] {
				best = j
			}
		}
		if best == i {
			continue
		}
		// Move column best to i, shifting i..best-1 right: keeps ties stable.
		v := vals[best]
		for r := range d {
			col[r] = vecs[r*d+best]
		}
		for j := best; j > i; j-- {
			vals[j] = vals[j-1]
			for r := range d {
				vecs[r*d+j] = vecs[r*d+j-1]
			}
		}
		vals[i] = v
		for r := range d {
			vecs[r*d+i] = col[r]
		}
	}
}
