package obsstats

import (
	"fmt"
	"math"

	"sp/lib/obs"
)

// Span is what pass 2 needs to know about a signal: its t_bounds row and
// the thinning stride of its cohort (t_cohort.k).
type Span struct {
	Min, Max                float64 // s0_min, s0_max
	BaseEnd, Mid, LateStart float64
	Stride                  int64 // k >= 1
}

// Segments are the t_seg statistics of a signal: baseline (signal_0 <=
// base_end), late (>= late_start), post-baseline (> base_end), early half
// (< mid), late half (>= mid) and all valid values.
type Segments struct {
	Base, Late, Post, H1, H2, All Moments
	MinV, MaxV                    float64
}

// Bucket is one equal-width signal_0 bucket (t_b10, t_b20, t_b50 row).
type Bucket struct {
	W int64 // 1..k
	Moments
	StartX, EndX float64 // signal_0 range of its rows
	MinV, MaxV   float64
}

// Exceedance counts post-baseline values outside baseline mean ± 2 ×
// baseline population std (report 03D).
type Exceedance struct {
	N, High, Low  int64
	FirstX, LastX float64
}

// Stats is pass 2 for one signal.
type Stats struct {
	Key
	Seg           Segments
	B10, B20, B50 []Bucket // non-empty buckets in bucket order
	Exceed        Exceedance
	ThinX, ThinV  []float64 // valid rows with signal_0 % Stride = 0, in signal_0 order
}

// BucketOf is sql.md's bucket(x, lo, hi, k) macro: the equal-width bucket
// 1..k of x in [lo, hi]; 1 when the span is 0.
func BucketOf(x, lo, hi float64, k int64) int64 {
	span := hi - lo
	if span == 0 {
		return 1
	}
	return 1 + min(k-1, int64(math.Floor(float64(k)*(x-lo)/span)))
}

// Scan runs pass 2 over the file at path for every signal that has a span
// (signals without valid values have none and are left out).
func Scan(path string, spans map[Key]Span, opt Options) ([]Stats, error) {
	all, err := signalsOf(path)
	if err != nil {
		return nil, err
	}
	var sigs []signal
	for _, s := range all {
		if _, ok := spans[s.key]; ok {
			sigs = append(sigs, s)
		}
	}
	out := make([]Stats, len(sigs))
	err = forEachSignal(path, len(sigs), opt, func(r *obs.Reader, i int) error {
		st, err := scanSignal(r, sigs[i], spans[sigs[i].key], opt)
		if err != nil {
			return fmt.Errorf("signal %s: %w", sigs[i].key, err)
		}
		out[i] = st
		return nil
	})
	return out, err
}

// accumulator is pass 2's state for one signal.
type accumulator struct {
	span          Span
	opt           Options
	seg           Segments
	b10, b20, b50 []Bucket
	ex            Exceedance
	countExceed   bool // the baseline is complete whenever a post-baseline run arrives
	thinX, thinV  []float64
	xs, vs        []float64 // the chunk's valid rows
	minV, maxV    float64
	seenV         bool
}

// class is what a row's coordinate decides: its buckets and segments.
// Every component is monotone in x, so in a sorted chunk the rows of one
// class are consecutive.
type class struct {
	b10, b20, b50  int64
	base, late, h1 bool
}

func (a *accumulator) classOf(x float64) class {
	sp := a.span
	return class{
		b10: BucketOf(x, sp.Min, sp.Max, 10), b20: BucketOf(x, sp.Min, sp.Max, 20), b50: BucketOf(x, sp.Min, sp.Max, 50),
		base: x <= sp.BaseEnd, late: x >= sp.LateStart, h1: x < sp.Mid,
	}
}

func scanSignal(r *obs.Reader, s signal, span Span, opt Options) (Stats, error) {
	a := &accumulator{span: span, opt: opt,
		b10: make([]Bucket, 10), b20: make([]Bucket, 20), b50: make([]Bucket, 50),
		countExceed: len(s.keys) == 1}
	for _, k := range s.keys {
		if err := r.ReadSignal(k, func(c obs.Chunk) error { a.chunk(c); return nil }); err != nil {
			return Stats{}, err
		}
	}
	if !a.countExceed { // two streams, each in order but not jointly: count after the baseline is known
		for _, k := range s.keys {
			if err := r.ReadSignal(k, func(c obs.Chunk) error { a.exceedChunk(c); return nil }); err != nil {
				return Stats{}, err
			}
		}
	}
	a.seg.MinV, a.seg.MaxV = a.minV, a.maxV
	return Stats{Key: s.key, Seg: a.seg, B10: nonEmpty(a.b10), B20: nonEmpty(a.b20), B50: nonEmpty(a.b50),
		Exceed: a.ex, ThinX: a.thinX, ThinV: a.thinV}, nil
}

func nonEmpty(bs []Bucket) []Bucket {
	var out []Bucket
	for _, b := range bs {
		if b.N > 0 {
			out = append(out, b)
		}
	}
	return out
}

// chunk keeps the chunk's valid rows and merges each run of rows of
// the same class.
func (a *accumulator) chunk(c obs.Chunk) {
	a.xs, a.vs = a.xs[:0], a.vs[:0]
	sorted := true
	for i, x := range c.Index {
		v := c.Value[i]
		if !a.opt.keep(x) || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if n := len(a.xs); n > 0 && x < a.xs[n-1] {
			sorted = false
		}
		a.xs = append(a.xs, x)
		a.vs = append(a.vs, v)
		if a.span.Stride <= 1 || onStride(x, a.span.Stride) {
			a.thinX = append(a.thinX, x)
			a.thinV = append(a.thinV, v)
		}
	}
	n := len(a.xs)
	for i := 0; i < n; {
		c := a.classOf(a.xs[i])
		j := i + 1
		switch {
		case !sorted:
			for j < n && a.classOf(a.xs[j]) == c {
				j++
			}
		case a.classOf(a.xs[n-1]) == c:
			j = n
		default: // the first row of another class, by bisection
			lo, hi := i+1, n-1
			for lo < hi {
				mid := (lo + hi) / 2
				if a.classOf(a.xs[mid]) == c {
					lo = mid + 1
				} else {
					hi = mid
				}
			}
			j = lo
		}
		a.run(i, j, c)
		i = j
	}
}

// onStride is sql.md's "signal_0 % k = 0" (a floating remainder), with an
// integer fast path: strides above 1 are only used on whole coordinates.
func onStride(x float64, k int64) bool {
	if xi := int64(x); float64(xi) == x {
		return xi%k == 0
	}
	return math.Mod(x, float64(k)) == 0
}

// run merges rows [i, j) of the chunk, which share class c.
func (a *accumulator) run(i, j int, c class) {
	xs, vs := a.xs[i:j], a.vs[i:j]
	m := momentsOf(xs, vs)
	minX, maxX, minV, maxV := xs[0], xs[0], vs[0], vs[0]
	for k := range xs {
		minX, maxX = min(minX, xs[k]), max(maxX, xs[k])
		minV, maxV = min(minV, vs[k]), max(maxV, vs[k])
	}
	if !a.seenV {
		a.minV, a.maxV, a.seenV = minV, maxV, true
	} else {
		a.minV, a.maxV = min(a.minV, minV), max(a.maxV, maxV)
	}
	s := &a.seg
	s.All.Merge(m)
	if c.base {
		s.Base.Merge(m)
	} else {
		s.Post.Merge(m)
		if a.countExceed {
			a.exceed(xs, vs)
		}
	}
	if c.late {
		s.Late.Merge(m)
	}
	if c.h1 {
		s.H1.Merge(m)
	} else {
		s.H2.Merge(m)
	}
	addBucket(&a.b10[c.b10-1], c.b10, m, minX, maxX, minV, maxV)
	addBucket(&a.b20[c.b20-1], c.b20, m, minX, maxX, minV, maxV)
	addBucket(&a.b50[c.b50-1], c.b50, m, minX, maxX, minV, maxV)
}

func addBucket(b *Bucket, w int64, m Moments, minX, maxX, minV, maxV float64) {
	if b.N == 0 {
		*b = Bucket{W: w, Moments: m, StartX: minX, EndX: maxX, MinV: minV, MaxV: maxV}
		return
	}
	b.Merge(m)
	b.StartX, b.EndX = min(b.StartX, minX), max(b.EndX, maxX)
	b.MinV, b.MaxV = min(b.MinV, minV), max(b.MaxV, maxV)
}

// exceed counts post-baseline rows outside the baseline envelope; the
// baseline must be complete.
func (a *accumulator) exceed(xs, vs []float64) {
	mean, std := a.seg.Base.Mean(), a.seg.Base.StdPop()
	for k, v := range vs {
		if math.Abs(v-mean) > 2*std {
			x := xs[k]
			if a.ex.N == 0 {
				a.ex.FirstX, a.ex.LastX = x, x
			} else {
				a.ex.FirstX, a.ex.LastX = min(a.ex.FirstX, x), max(a.ex.LastX, x)
			}
			a.ex.N++
			if v > mean {
				a.ex.High++
			} else if v < mean {
				a.ex.Low++
			}
		}
	}
}

// exceedChunk is the separate exceedance pass for merged signals.
func (a *accumulator) exceedChunk(c obs.Chunk) {
	a.xs, a.vs = a.xs[:0], a.vs[:0]
	for i, x := range c.Index {
		v := c.Value[i]
		if a.opt.keep(x) && x > a.span.BaseEnd && !math.IsNaN(v) && !math.IsInf(v, 0) {
			a.xs = append(a.xs, x)
			a.vs = append(a.vs, v)
		}
	}
	a.exceed(a.xs, a.vs)
}
