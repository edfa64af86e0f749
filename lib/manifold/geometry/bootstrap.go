package geometry

import (
	"math"
	"slices"
)

// bootScratch holds the bootstrap's buffers.
type bootScratch struct {
	x, z, pr []float64
}

// BootstrapKey is the seed text of §7.5: cohort, group and window index
// joined by the unit separator.
func BootstrapKey(cohort, group string, windowIndex int64) []byte {
	b := make([]byte, 0, len(cohort)+len(group)+24)
	b = append(b, cohort...)
	b = append(b, 0x1f)
	b = append(b, group...)
	b = append(b, 0x1f)
	return appendInt(b, windowIndex)
}

func appendInt(b []byte, v int64) []byte {
	if v < 0 {
		b = append(b, '-')
		u := uint64(-v)
		return appendUint(b, u)
	}
	return appendUint(b, uint64(v))
}

func appendUint(b []byte, u uint64) []byte {
	var digits [20]byte
	i := len(digits)
	for {
		i--
		digits[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	return append(b, digits[i:]...)
}

// Bootstrap resamples geo's member rows b times with replacement (seeded
// SplitMix64 from the FNV-1a hash of key) and returns the population std
// and the 2.5 and 97.5 percentiles of the resamples' effective dimension
// (manifold.md §7.5). It returns nulls (NaN) when b is 0, N < 5, or fewer
// than two resamples have a nonzero spectrum.
func (ws *Workspace) Bootstrap(geo *Geometry, b int, key []byte) (std, low, high float64) {
	nan := math.NaN()
	n, d := geo.N, geo.D
	if b <= 0 || n < 5 {
		return nan, nan, nan
	}
	s := &ws.boot
	s.x, s.z, s.pr = resize(s.x, n*d), resize(s.z, n*d), s.pr[:0]
	rng := splitMix64{state: fnv1a(key)}
	for range b {
		for i := range n {
			row := int(rng.uniform() * float64(n))
			copy(s.x[i*d:(i+1)*d], geo.x[row*d:(row+1)*d])
		}
		ws.zscoreResample(s.x, s.z, n, d)
		lambda := ws.eigen(s.z, n, d)
		total, squares := 0.0, 0.0
		for _, v := range lambda {
			total += v
			squares += v * v
		}
		if total <= zeroEigen {
			continue
		}
		s.pr = append(s.pr, total*total/squares)
	}
	if len(s.pr) < 2 {
		return nan, nan, nan
	}
	std = popStd(s.pr, meanOf(s.pr))
	slices.Sort(s.pr)
	return std, percentile(s.pr, 0.025), percentile(s.pr, 0.975)
}

// zscoreResample is §7.2's normalisation for a resample: centre on its
// mean, divide by the population std, or by 1 where that is below 1e-10
// (duplicated rows make constant columns possible here).
func (ws *Workspace) zscoreResample(x, z []float64, n, d int) {
	for j := range d {
		sum := 0.0
		for i := range n {
			sum += x[i*d+j]
		}
		mean := sum / float64(n)
		ss := 0.0
		for i := range n {
			dv := x[i*d+j] - mean
			ss += dv * dv
		}
		sd := math.Sqrt(ss / float64(n))
		if sd < 1e-10 {
			sd = 1
		}
		for i := range n {
			z[i*d+j] = (x[i*d+j] - mean) / sd
		}
	}
}

// percentile interpolates linearly between order statistics at position
// q·(len-1) of the sorted values.
func percentile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	frac := pos - float64(lo)
	return sorted[lo] + frac*(sorted[lo+1]-sorted[lo])
}

// fnv1a is the 64-bit FNV-1a hash.
func fnv1a(b []byte) uint64 {
	h := uint64(0xcbf29ce484222325)
	for _, c := range b {
		h ^= uint64(c)
		h *= 0x100000001b3
	}
	return h
}

// splitMix64 is the generator of §7.5.
type splitMix64 struct{ state uint64 }

func (s *splitMix64) next() uint64 {
	s.state += 0x9E3779B97F4A7C15
	z := s.state
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}

// uniform draws from [0, 1) with 53 random bits.
func (s *splitMix64) uniform() float64 {
	return float64(s.next()>>11) * (1.0 / (1 << 53))
}
