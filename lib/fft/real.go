package fft

import "fmt"

// RealPlan computes the DFT of a real sequence of one length: bins
// 0..n/2 (floor). It is immutable and safe for concurrent use; get one from
// RealPlanFor.
type RealPlan struct {
	n    int
	half *Plan        // even n: complex transform of length n/2
	tw   []complex128 // even n: exp(-2πi·k/n), k <= n/4
	full *Plan        // odd n: complex transform of length n
}

// RealPlanFor returns the cached plan for real transforms of length n >= 1.
func RealPlanFor(n int) *RealPlan {
	if n < 1 {
		panic(fmt.Sprintf(errBadSize, n))
	}
	cacheMu.Lock()
	p := realCache[n]
	cacheMu.Unlock()
	if p != nil {
		return p
	}
	p = &RealPlan{n: n}
	if n%2 == 0 {
		h := n / 2
		p.half = PlanFor(h)
		p.tw = make([]complex128, h/2+1)
		for k := range p.tw {
			p.tw[k] = root(k, n)
		}
	} else {
		p.full = PlanFor(n)
	}
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if q := realCache[n]; q != nil {
		return q
	}
	if admit(64 + 16*len(p.tw)) {
		realCache[n] = p
	}
	return p
}

// Len returns the input length n.
func (p *RealPlan) Len() int { return p.n }

// Bins returns the output length n/2+1 (floor).
func (p *RealPlan) Bins() int { return p.n/2 + 1 }

// ScratchLen returns the length of the scratch slice Forward needs.
func (p *RealPlan) ScratchLen() int {
	if p.half != nil {
		return p.half.ScratchLen()
	}
	return p.n + p.full.ScratchLen()
}

// Forward writes bins 0..n/2 of the DFT of src (length n) into dst (length
// Bins()). scratch must hold ScratchLen() values and not overlap dst.
func (p *RealPlan) Forward(dst []complex128, src []float64, scratch []complex128) {
	n := p.n
	if len(dst) < p.Bins() || len(src) < n || len(scratch) < p.ScratchLen() {
		panic(fmt.Sprintf("fft: real Forward of length %d given dst %d, src %d, scratch %d", n, len(dst), len(src), len(scratch)))
	}
	if p.full != nil {
		z := scratch[:n]
		for i, v := range src[:n] {
			z[i] = complex(v, 0)
		}
		p.full.Forward(z, z, scratch[n:])
		copy(dst, z[:p.Bins()])
		return
	}
	h := n / 2
	z := dst[:h]
	for t := range z {
		z[t] = complex(src[2*t], src[2*t+1])
	}
	p.half.Forward(z, z, scratch)
	p.unpack(dst[:h+1])
}

// unpack turns Z = DFT(x_even + i·x_odd) (length h, in x[:h]) into the
// bins X_0..X_h of the real input, in place: X_k = E_k + w^k·O_k with
// E_k = (Z_k + conj Z_{h-k})/2, O_k = -i·(Z_k - conj Z_{h-k})/2, and
// X_{h-k} = conj(E_k - w^k·O_k).
func (p *RealPlan) unpack(x []complex128) {
	h := len(x) - 1
	z0 := x[0]
	x[0] = complex(real(z0)+imag(z0), 0)
	x[h] = complex(real(z0)-imag(z0), 0)
	for k := 1; 2*k <= h; k++ {
		zk, zh := x[k], x[h-k]
		czh := complex(real(zh), -imag(zh))
		e := scale(0.5, zk+czh)
		d := zk - czh
		o := complex(0.5*imag(d), -0.5*real(d)) // -i·d/2
		wo := p.tw[k] * o
		x[k] = e + wo
		if k != h-k {
			v := e - wo
			x[h-k] = complex(real(v), -imag(v))
		}
	}
}
