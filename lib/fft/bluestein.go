package fft

import "math"

// bluestein computes a length-n DFT as a circular convolution of length
// mlen (a power of two >= 2n-1):
//
//	X_k = c_k · Σ_t (x_t·c_t) · conj(c_{k-t}),  c_t = exp(-iπ·t²/n).
type bluestein struct {
	n, mlen int
	chirp   []complex128 // c_t, t < n
	kernel  []complex128 // DFT of the length-mlen sequence conj(c_{±t})
	inner   *Plan
}

func newBluestein(n int) *bluestein {
	mlen := 1
	for mlen < 2*n-1 {
		mlen *= 2
	}
	b := &bluestein{n: n, mlen: mlen, inner: PlanFor(mlen)}
	b.chirp = make([]complex128, n)
	for t := range b.chirp {
		// t² mod 2n exactly, so the angle keeps full precision for large t.
		k := int64(t) * int64(t) % int64(2*n)
		sin, cos := math.Sincos(-math.Pi * float64(k) / float64(n))
		b.chirp[t] = complex(cos, sin)
	}
	seq := make([]complex128, mlen)
	for t := 0; t < n; t++ {
		c := complex(real(b.chirp[t]), -imag(b.chirp[t]))
		seq[t] = c
		if t > 0 {
			seq[mlen-t] = c
		}
	}
	b.kernel = make([]complex128, mlen)
	b.inner.Forward(b.kernel, seq, make([]complex128, b.inner.ScratchLen()))
	return b
}

func (b *bluestein) scratchLen() int { return b.mlen + b.inner.ScratchLen() }

func (b *bluestein) forward(dst, src, scratch []complex128) {
	a := scratch[:b.mlen]
	work := scratch[b.mlen:]
	for t, c := range b.chirp {
		a[t] = src[t] * c
	}
	clear(a[b.n:])
	b.inner.Forward(a, a, work)
	// Inverse transform by conj(fft(conj(·)))/mlen, with the conjugation
	// folded into the pointwise product.
	for i, k := range b.kernel {
		v := a[i] * k
		a[i] = complex(real(v), -imag(v))
	}
	b.inner.Forward(a, a, work)
	s := 1 / float64(b.mlen)
	for k, c := range b.chirp {
		v := complex(real(a[k])*s, -imag(a[k])*s)
		dst[k] = v * c
	}
}
