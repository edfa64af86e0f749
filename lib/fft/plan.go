package fft

import (
	"fmt"
	"math"
	"sync"
)

// maxGenericRadix is the largest prime factor handled by the O(p²) generic
// butterfly; a length with a larger prime factor uses Bluestein's
// algorithm, which costs a few power-of-two transforms of about 4n points.
const maxGenericRadix = 31

// Plan computes complex DFTs of one length. It is immutable and safe for
// concurrent use; get one from PlanFor.
type Plan struct {
	n       int
	stages  []stage    // Stockham passes, when n has no prime factor > maxGenericRadix
	blue    *bluestein // otherwise
	scratch int
}

// stage is one Stockham pass: radix r over sub-transforms of length ns = r·m,
// interleaved with stride st.
type stage struct {
	r, m, st int
	tw       []complex128 // tw[p*(r-1)+u-1] = exp(-2πi·p·u/ns), p < m, 1 <= u < r
	roots    []complex128 // generic radix only: exp(-2πi·k/r), k < r
}

// maxCacheBytes bounds the memory of the shared caches. Windows with
// scattered NaNs can ask for every length up to the window length; past
// the budget, plans and windows are still built but no longer cached (each
// Transformer keeps a few of its own).
const maxCacheBytes = 64 << 20

var (
	cacheMu    sync.Mutex
	cacheBytes int
	planCache  = map[int]*Plan{}
	realCache  = map[int]*RealPlan{}
	hannCache  = map[int][]float64{}
	errBadSize = "fft: length %d out of range"
)

// admit reports whether an entry of size bytes fits in the cache budget,
// and charges it if so. The caller holds cacheMu.
func admit(bytes int) bool {
	if cacheBytes+bytes > maxCacheBytes {
		return false
	}
	cacheBytes += bytes
	return true
}

// PlanFor returns the cached plan for complex transforms of length n >= 1.
func PlanFor(n int) *Plan {
	if n < 1 {
		panic(fmt.Sprintf(errBadSize, n))
	}
	cacheMu.Lock()
	p := planCache[n]
	cacheMu.Unlock()
	if p != nil {
		return p
	}
	p = newPlan(n) // outside the lock: Bluestein plans ask for an inner plan
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if q := planCache[n]; q != nil {
		return q
	}
	if admit(p.bytes()) {
		planCache[n] = p
	}
	return p
}

// bytes estimates the memory a plan holds.
func (p *Plan) bytes() int {
	b := 64
	for _, s := range p.stages {
		b += 16 * (len(s.tw) + len(s.roots))
	}
	if p.blue != nil {
		b += 16 * (len(p.blue.chirp) + len(p.blue.kernel))
	}
	return b
}

func newPlan(n int) *Plan {
	factors, ok := factorize(n)
	if !ok {
		b := newBluestein(n)
		return &Plan{n: n, blue: b, scratch: b.scratchLen()}
	}
	p := &Plan{n: n, scratch: n}
	st := 1
	for _, r := range factors {
		ns := n / st
		p.stages = append(p.stages, newStage(r, ns, st))
		st *= r
	}
	return p
}

// factorize splits n into radices 4, 2, 3, 5 and other primes; ok is false
// when a prime factor exceeds maxGenericRadix.
func factorize(n int) (factors []int, ok bool) {
	for n%4 == 0 {
		factors = append(factors, 4)
		n /= 4
	}
	for _, r := range []int{2, 3, 5} {
		for n%r == 0 {
			factors = append(factors, r)
			n /= r
		}
	}
	for r := 7; n > 1; r += 2 {
		if r > maxGenericRadix {
			return nil, false
		}
		for n%r == 0 {
			factors = append(factors, r)
			n /= r
		}
	}
	return factors, true
}

func newStage(r, ns, st int) stage {
	s := stage{r: r, m: ns / r, st: st}
	s.tw = make([]complex128, s.m*(r-1))
	for p := 0; p < s.m; p++ {
		for u := 1; u < r; u++ {
			s.tw[p*(r-1)+u-1] = root(p*u, ns)
		}
	}
	if r > 5 {
		s.roots = make([]complex128, r)
		for k := range s.roots {
			s.roots[k] = root(k, r)
		}
	}
	return s
}

// root returns exp(-2πi·k/n), reducing k exactly first.
func root(k, n int) complex128 {
	k %= n
	if k == 0 {
		return 1
	}
	sin, cos := math.Sincos(-2 * math.Pi * float64(k) / float64(n))
	return complex(cos, sin)
}

// Len returns the transform length.
func (p *Plan) Len() int { return p.n }

// ScratchLen returns the length of the scratch slice Forward and Inverse need.
func (p *Plan) ScratchLen() int { return p.scratch }

// Forward writes the DFT of src into dst. Both have length Len(); they may
// be the same slice. scratch must hold ScratchLen() values and must not
// overlap dst or src.
func (p *Plan) Forward(dst, src, scratch []complex128) {
	n := p.n
	if len(dst) < n || len(src) < n || len(scratch) < p.scratch {
		panic(fmt.Sprintf("fft: Forward of length %d given dst %d, src %d, scratch %d", n, len(dst), len(src), len(scratch)))
	}
	dst, src = dst[:n], src[:n]
	if p.blue != nil {
		p.blue.forward(dst, src, scratch)
		return
	}
	p.stockham(dst, src, scratch[:n])
}

// Inverse writes the inverse DFT of src, scaled by 1/n, into dst. The
// slices follow the rules of Forward.
func (p *Plan) Inverse(dst, src, scratch []complex128) {
	n := p.n
	if len(dst) < n || len(src) < n {
		panic(fmt.Sprintf("fft: Inverse of length %d given dst %d, src %d", n, len(dst), len(src)))
	}
	dst, src = dst[:n], src[:n]
	// ifft(x) = conj(fft(conj(x)))/n
	for i, v := range src {
		dst[i] = complex(real(v), -imag(v))
	}
	p.Forward(dst, dst, scratch)
	s := 1 / float64(n)
	for i, v := range dst {
		dst[i] = complex(real(v)*s, -imag(v)*s)
	}
}

// stockham runs the passes, ping-ponging between dst and work so that the
// last pass writes dst.
func (p *Plan) stockham(dst, src, work []complex128) {
	k := len(p.stages)
	if k == 0 {
		copy(dst, src)
		return
	}
	in := src
	if k%2 == 1 && &src[0] == &dst[0] {
		// The first pass would overwrite its own input.
		copy(work, src)
		in = work
	}
	for i, s := range p.stages {
		out := dst
		if (k-1-i)%2 == 1 {
			out = work
		}
		s.run(out, in)
		in = out
	}
}

func (s *stage) run(y, x []complex128) {
	switch s.r {
	case 2:
		pass2(y, x, s.m, s.st, s.tw)
	case 3:
		pass3(y, x, s.m, s.st, s.tw)
	case 4:
		pass4(y, x, s.m, s.st, s.tw)
	case 5:
		pass5(y, x, s.m, s.st, s.tw)
	default:
		passGeneric(y, x, s.r, s.m, s.st, s.tw, s.roots)
	}
}
