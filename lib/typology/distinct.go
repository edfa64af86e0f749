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
// HyperLogLog sketch fed with every value (typology.md §4.4).
//
// The exact set has two disjoint parts. Values on a power-of-two grid
// (integers, ADC counts times 2^−s: what quantised sensors record) are
// bits in a bitmap over the grid index, a few hundred KiB that stay in
// cache; any other value goes to a hash set of its SplitMix64 hash (a
// bijection, so storing the hash is exact). A hash-set probe per sample
// into megabytes of table is what this avoids.
type distinctCounter struct {
	grid gridSet
	set  hashSet
	hll  []uint8 // nil while the exact set is in use
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
	if !d.grid.planned {
		d.grid.plan(xs)
	}
	for i := 0; i < len(xs); {
		// the grid takes what it can, the hash set the next value
		taken, full := d.grid.addRun(xs[i:], exactDistinctMax-d.set.len())
		i += taken
		if !full && i < len(xs) {
			d.set.add(splitMix64(canonicalBits(xs[i])))
			i++
			full = d.grid.n+d.set.len() > exactDistinctMax
		}
		if full {
			d.overflow()
			d.addBlock(xs[i:])
			return
		}
	}
}

// overflow moves the exact set into the sketch.
func (d *distinctCounter) overflow() {
	d.hll = make([]uint8, hllRegisters)
	d.grid.each(func(x float64) { d.addHLL(splitMix64(canonicalBits(x))) })
	d.set.each(d.addHLL)
	d.grid, d.set = gridSet{planned: true}, hashSet{}
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
		return float64(d.grid.n + d.set.len())
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

// Grid limits: the bitmap covers at most gridMaxBits grid points (4 MiB).
const gridMaxBits = 1 << 25

// gridSet is a bitmap of the values x = k·2^−scaleExp, k an integer in
// [base, base+64·len(bits)).
//
// [coreLo, coreLo+coreLen) is a run of whole words of the bitmap (grid
// indices, so that it survives grow) whose bits are all set: the dense
// middle of a quantised signal's values, for which the grid loop needs no
// bitmap word. Bits are only ever added, so it stays true and only grows
// (growCore); overflow drops the bitmap and the core with it.
type gridSet struct {
	planned bool
	scale   float64 // 2^scaleExp; 0: no grid
	base    int64   // a multiple of 64
	bits    []uint64
	n       int
	coreLo  int64 // a multiple of 64
	coreLen int64 // a multiple of 64; 0: no core
}

// core is the core as bitmap indices: [lo, lo+n).
func (g *gridSet) core() gridCore {
	return gridCore{lo: g.coreLo - g.base, n: g.coreLen}
}

// gridCore is a range [lo, lo+n) of bitmap indices whose bits are all set.
type gridCore struct{ lo, n int64 }

// growCore extends the core outward over neighbouring words that are all
// ones; with no core yet, it starts from the word of grid index k if that
// one is full. A few word loads a block: the core only grows.
func (g *gridSet) growCore(k int64) {
	full := func(w int64) bool { return w >= 0 && w < int64(len(g.bits)) && g.bits[w] == ^uint64(0) }
	var lo, hi int64 // words [lo, hi)
	if g.coreLen == 0 {
		lo = (k - g.base) >> 6
		if !full(lo) {
			return
		}
		hi = lo + 1
	} else {
		lo = (g.coreLo - g.base) >> 6
		hi = lo + g.coreLen>>6
	}
	for full(lo - 1) {
		lo--
	}
	for full(hi) {
		hi++
	}
	g.coreLo, g.coreLen = g.base+lo*64, (hi-lo)*64
}

// plan picks the grid from the first block: the coarsest power-of-two
// step on which all its values lie, if the range they span fits.
func (g *gridSet) plan(xs []float64) {
	g.planned = true
	s := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		s = max(s, fractionBits(x))
		lo, hi = min(lo, x), max(hi, x)
	}
	if s > 1000 {
		return
	}
	scale := math.Ldexp(1, s)
	klo, khi := lo*scale, hi*scale
	if !(khi-klo < gridMaxBits/2) || math.Abs(klo) >= 1<<52 || math.Abs(khi) >= 1<<52 {
		return
	}
	g.scale = scale
	// room for the range to double either way before the bitmap grows
	span := int64(khi-klo) + 1
	g.base = (int64(klo) - span/2) &^ 63
	g.bits = make([]uint64, (span*2+128)/64)
}

// fractionBits is the smallest s ≥ 0 with x·2^s an integer (0 for 0).
func fractionBits(x float64) int {
	b := math.Float64bits(x)
	exp := int(b>>52) & 0x7ff
	mant := b & (1<<52 - 1)
	if exp == 0 {
		if mant == 0 {
			return 0
		}
		exp = 1
	} else {
		mant |= 1 << 52
	}
	e := exp - 1075 + bits.TrailingZeros64(mant) // x = odd·2^e
	return max(0, -e)
}

// addRun adds values while they lie on the grid and returns how many it
// took; full reports that the bitmap now holds more than limit values (the
// last one taken made it so).
func (g *gridSet) addRun(xs []float64, limit int) (taken int, full bool) {
	if g.scale == 0 {
		return 0, false
	}
	for i, x := range xs {
		t := x * g.scale
		k := int64(t)
		idx := k - g.base
		if float64(k) != t || idx < 0 || idx >= int64(len(g.bits))*64 {
			if !g.grow(t) {
				return i, false
			}
			idx = k - g.base
		}
		w, m := idx>>6, uint64(1)<<(idx&63)
		if g.bits[w]&m == 0 {
			g.bits[w] |= m
			if g.n++; g.n > limit {
				return i + 1, true
			}
		}
	}
	return len(xs), false
}

// grow widens the bitmap to hold grid index t, if t is an integer and
// the bitmap stays within about gridMaxBits; the covered range grows by
// half its span either way, so growth is rare.
func (g *gridSet) grow(t float64) bool {
	if t != math.Trunc(t) || math.Abs(t) >= 1<<52 {
		return false
	}
	k := int64(t)
	end := g.base + int64(len(g.bits))*64 - 1
	lo, hi := min(g.base, k), max(end, k)
	span := hi - lo + 1
	if span > gridMaxBits {
		return false
	}
	newLo := max(lo-span/2, hi-gridMaxBits+1) &^ 63
	newHi := min(hi+span/2, newLo+gridMaxBits-1)
	if newHi < hi {
		return false
	}
	nb := make([]uint64, (newHi-newLo)/64+1)
	copy(nb[(g.base-newLo)/64:], g.bits)
	g.base, g.bits = newLo, nb
	return true
}

// each calls fn with every member.
func (g *gridSet) each(fn func(float64)) {
	for w, word := range g.bits {
		for ; word != 0; word &= word - 1 {
			k := g.base + int64(w)*64 + int64(bits.TrailingZeros64(word))
			fn(float64(k) / g.scale)
		}
	}
}
