package fft

import "math"

// The passes of one Stockham stage (decimation in frequency). With
// a_j = x[q + st·(p + j·m)] for j < r, each writes
//
//	y[q + st·(r·p + u)] = (Σ_j a_j·exp(-2πi·j·u/r)) · exp(-2πi·p·u/(r·m))
//
// for p < m, q < st, u < r. The p = 0 block needs no twiddles.

func pass2(y, x []complex128, m, st int, tw []complex128) {
	for p := 0; p < m; p++ {
		x0 := x[st*p : st*p+st]
		x1 := x[st*(p+m) : st*(p+m)+st]
		y0 := y[st*2*p : st*2*p+st]
		y1 := y[st*(2*p+1) : st*(2*p+1)+st]
		if p == 0 {
			for q := range x0 {
				a, b := x0[q], x1[q]
				y0[q], y1[q] = a+b, a-b
			}
			continue
		}
		w := tw[p]
		for q := range x0 {
			a, b := x0[q], x1[q]
			y0[q], y1[q] = a+b, (a-b)*w
		}
	}
}

func pass4(y, x []complex128, m, st int, tw []complex128) {
	for p := 0; p < m; p++ {
		x0 := x[st*p : st*p+st]
		x1 := x[st*(p+m) : st*(p+m)+st]
		x2 := x[st*(p+2*m) : st*(p+2*m)+st]
		x3 := x[st*(p+3*m) : st*(p+3*m)+st]
		o := st * 4 * p
		y0 := y[o : o+st]
		y1 := y[o+st : o+2*st]
		y2 := y[o+2*st : o+3*st]
		y3 := y[o+3*st : o+4*st]
		if p == 0 {
			for q := range x0 {
				b0, b1, b2, b3 := bfly4(x0[q], x1[q], x2[q], x3[q])
				y0[q], y1[q], y2[q], y3[q] = b0, b1, b2, b3
			}
			continue
		}
		w1, w2, w3 := tw[3*p], tw[3*p+1], tw[3*p+2]
		for q := range x0 {
			b0, b1, b2, b3 := bfly4(x0[q], x1[q], x2[q], x3[q])
			y0[q], y1[q], y2[q], y3[q] = b0, b1*w1, b2*w2, b3*w3
		}
	}
}

func bfly4(a0, a1, a2, a3 complex128) (b0, b1, b2, b3 complex128) {
	t0, t1 := a0+a2, a0-a2
	t2, t3 := a1+a3, a1-a3
	mt3 := complex(imag(t3), -real(t3)) // -i·t3
	return t0 + t2, t1 + mt3, t0 - t2, t1 - mt3
}

var sin3 = math.Sin(2 * math.Pi / 3)

func pass3(y, x []complex128, m, st int, tw []complex128) {
	for p := 0; p < m; p++ {
		x0 := x[st*p : st*p+st]
		x1 := x[st*(p+m) : st*(p+m)+st]
		x2 := x[st*(p+2*m) : st*(p+2*m)+st]
		o := st * 3 * p
		y0 := y[o : o+st]
		y1 := y[o+st : o+2*st]
		y2 := y[o+2*st : o+3*st]
		w1, w2 := complex128(1), complex128(1)
		if p > 0 {
			w1, w2 = tw[2*p], tw[2*p+1]
		}
		for q := range x0 {
			a0, a1, a2 := x0[q], x1[q], x2[q]
			t := a1 + a2
			c := a0 - scale(0.5, t)
			dd := a1 - a2
			d := complex(sin3*imag(dd), -sin3*real(dd)) // -i·sin(2π/3)·(a1-a2)
			y0[q] = a0 + t
			if p == 0 {
				y1[q], y2[q] = c+d, c-d
			} else {
				y1[q], y2[q] = (c+d)*w1, (c-d)*w2
			}
		}
	}
}

var (
	cos5a = math.Cos(2 * math.Pi / 5)
	cos5b = math.Cos(4 * math.Pi / 5)
	sin5a = math.Sin(2 * math.Pi / 5)
	sin5b = math.Sin(4 * math.Pi / 5)
)

func pass5(y, x []complex128, m, st int, tw []complex128) {
	for p := 0; p < m; p++ {
		x0 := x[st*p : st*p+st]
		x1 := x[st*(p+m) : st*(p+m)+st]
		x2 := x[st*(p+2*m) : st*(p+2*m)+st]
		x3 := x[st*(p+3*m) : st*(p+3*m)+st]
		x4 := x[st*(p+4*m) : st*(p+4*m)+st]
		o := st * 5 * p
		ys := [5][]complex128{y[o : o+st], y[o+st : o+2*st], y[o+2*st : o+3*st], y[o+3*st : o+4*st], y[o+4*st : o+5*st]}
		var w [5]complex128
		w[0] = 1
		for u := 1; u < 5; u++ {
			w[u] = 1
			if p > 0 {
				w[u] = tw[4*p+u-1]
			}
		}
		for q := range x0 {
			a0, a1, a2, a3, a4 := x0[q], x1[q], x2[q], x3[q], x4[q]
			t1, t2 := a1+a4, a2+a3
			t3, t4 := a1-a4, a2-a3
			c1 := a0 + scale(cos5a, t1) + scale(cos5b, t2)
			c2 := a0 + scale(cos5b, t1) + scale(cos5a, t2)
			s1 := scale(sin5a, t3) + scale(sin5b, t4)
			s2 := scale(sin5b, t3) - scale(sin5a, t4)
			ms1 := complex(imag(s1), -real(s1)) // -i·s1
			ms2 := complex(imag(s2), -real(s2))
			ys[0][q] = a0 + t1 + t2
			ys[1][q] = (c1 + ms1) * w[1]
			ys[4][q] = (c1 - ms1) * w[4]
			ys[2][q] = (c2 + ms2) * w[2]
			ys[3][q] = (c2 - ms2) * w[3]
		}
	}
}

func passGeneric(y, x []complex128, r, m, st int, tw, roots []complex128) {
	var a [maxGenericRadix]complex128
	for p := 0; p < m; p++ {
		for q := 0; q < st; q++ {
			for j := 0; j < r; j++ {
				a[j] = x[q+st*(p+j*m)]
			}
			for u := 0; u < r; u++ {
				sum := a[0]
				k := 0
				for j := 1; j < r; j++ {
					k += u
					if k >= r {
						k -= r
					}
					sum += a[j] * roots[k]
				}
				if u > 0 && p > 0 {
					sum *= tw[p*(r-1)+u-1]
				}
				y[q+st*(r*p+u)] = sum
			}
		}
	}
}

// scale multiplies z by a real c (two products instead of a complex four).
func scale(c float64, z complex128) complex128 { return complex(c*real(z), c*imag(z)) }
