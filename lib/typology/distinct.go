package typology

import (
	"math"
	"math/bits"
)

// Distinct-count parameters of typology.md §4.4.
const (
	exactDistinctMax = 1 << 20 // the exact set's capacity
	hllPrecision     = 16
	hllRegisters     = 1 << hllPrecision
)

// distinctCounter counts distinct float64 values (−0 counted as +0) in
// bounded memory: exactly while at most 2²⁰ values are distinct, then by a
// HyperLogLog sketch fed with every value (typology.md §4.4). Both key on
// the SplitMix64 finaliser h of the bit pattern; h is a bijection, so the
// exact set stores h itself.
type distinctCounter struct {
	set  hashSet
	hll  []uint8 // nil while the exact set is in use
	seen bool
}

// splitMix64 is the SplitMix64 finaliser (with its increment).
func splitMix64(z uint64) uint64 {
	z += 0x9E3779B97F4A7C15
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// canonicalBits is the bit pattern a value is counted by.
func canonicalBits(x float64) uint64 {
	if x == 0 {
		return 0
	}
	return math.Float64bits(x)
}

func (d *distinctCounter) addBlock(xs []float64) {
	if d.hll != nil {
		for _, x := range xs {
			d.addHLL(splitMix64(canonicalBits(x)))
		}
		return
	}
	for i, x := range xs {
		d.set.add(splitMix64(canonicalBits(x)))
		if d.set.len() > exactDistinctMax {
			d.overflow()
			d.addBlock(xs[i+1:])
			return
		}
	}
}

// overflow moves the exact set into the sketch.
func (d *distinctCounter) overflow() {
	d.hll = make([]uint8, hllRegisters)
	d.set.each(d.addHLL)
	d.set = hashSet{}
}

func (d *distinctCounter) addHLL(h uint64) {
	rank := uint8(min(bits.LeadingZeros64(h<<hllPrecision), 64-hllPrecision) + 1)
	if j := h >> (64 - hllPrecision); rank > d.hll[j] {
		d.hll[j] = rank
	}
}

// exact reports whether the count is exact.
func (d *distinctCounter) exact() bool { return d.hll == nil }

// count is the exact count or the HyperLogLog estimate
// α·m²/Σ_j 2^(−M_j), summed in register order, without range corrections.
func (d *distinctCounter) count() float64 {
	if d.hll == nil {
		return float64(d.set.len())
	}
	sum := 0.0
	for _, r := range d.hll {
		sum += math.Ldexp(1, -int(r))
	}
	const m = float64(hllRegisters)
	alpha := 0.7213 / (1 + 1.079/m)
	return alpha * m * m / sum
}

// hashSet is an open-addressing set of 64-bit hashes with linear probing,
// grown at half load. The hash 0 is kept aside (slots use 0 for empty).
type hashSet struct {
	slots []uint64
	n     int
	zero  bool
}

func (s *hashSet) len() int {
	if s.zero {
		return s.n + 1
	}
	return s.n
}

func (s *hashSet) add(h uint64) {
	if h == 0 {
		s.zero = true
		return
	}
	if 2*(s.n+1) > len(s.slots) {
		s.grow()
	}
	mask := uint64(len(s.slots) - 1)
	shift := 64 - uint(bits.TrailingZeros(uint(len(s.slots))))
	for i := h >> shift; ; i = (i + 1) & mask {
		switch s.slots[i] {
		case h:
			return
		case 0:
			s.slots[i] = h
			s.n++
			return
		}
	}
}

func (s *hashSet) grow() {
	old := s.slots
	s.slots = make([]uint64, max(1024, 2*len(old)))
	s.n = 0
	for _, h := range old {
		if h != 0 {
			s.add(h)
		}
	}
}

// each calls fn for every member.
func (s *hashSet) each(fn func(uint64)) {
	if s.zero {
		fn(0)
	}
	for _, h := range s.slots {
		if h != 0 {
			fn(h)
		}
	}
}
