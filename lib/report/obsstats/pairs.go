package obsstats

import (
	"sort"
	"sync"
)

// CohortSpan is a t_cohort row: the coordinate range of the cohort and its
// 20 % boundaries, which the pair correlations use (sql.md §5.6).
type CohortSpan struct {
	Min, Max, BaseEnd, LateStart float64
}

// Pair is a t_pairs row: the correlation of two signals of one cohort
// over their aligned thinned samples (equal signal_0), in the cohort's
// baseline and late segments and in five equal-width windows.
type Pair struct {
	A, B         string // signal ids, A < B bytewise
	RBase, RLate float64
	NBase, NLate int64
	RW           [5]float64
}

// Pairs correlates every two signals of one cohort (sigs sorted by
// signal_id) over their thinned samples, as t_pairs joins t_thin with
// itself on signal_0: a coordinate held k times by A and m times by B
// gives k × m pairs. Only pairs with at least one aligned sample are
// returned, in (A, B) order. Work is spread over threads goroutines.
func Pairs(sigs []*Stats, span CohortSpan, threads int) []Pair {
	for _, s := range sigs {
		sortThin(s)
	}
	type job struct{ i, j, k int }
	var jobs []job
	for i := range sigs {
		for j := i + 1; j < len(sigs); j++ {
			jobs = append(jobs, job{i, j, len(jobs)})
		}
	}
	out := make([]Pair, len(jobs))
	ok := make([]bool, len(jobs))
	ch := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < (Options{Threads: threads}).workers(len(jobs)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var al aligned
			for jb := range ch {
				out[jb.k], ok[jb.k] = al.pair(sigs[jb.i], sigs[jb.j], span)
			}
		}()
	}
	for _, jb := range jobs {
		ch <- jb
	}
	close(ch)
	wg.Wait()
	var res []Pair
	for k, p := range out {
		if ok[k] {
			res = append(res, p)
		}
	}
	return res
}

// sortThin puts a signal's thinned samples in signal_0 order (they are
// already, except for a signal read from two keys).
func sortThin(s *Stats) {
	if sort.Float64sAreSorted(s.ThinX) {
		return
	}
	idx := make([]int, len(s.ThinX))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.ThinX[idx[a]] < s.ThinX[idx[b]] })
	x, v := make([]float64, len(idx)), make([]float64, len(idx))
	for i, k := range idx {
		x[i], v[i] = s.ThinX[k], s.ThinV[k]
	}
	s.ThinX, s.ThinV = x, v
}

// aligned holds the joined samples of one pair, reused across pairs.
type aligned struct{ x, a, b []float64 }

func (al *aligned) pair(sa, sb *Stats, span CohortSpan) (Pair, bool) {
	al.x, al.a, al.b = al.x[:0], al.a[:0], al.b[:0]
	xa, xb := sa.ThinX, sb.ThinX
	for i, j := 0, 0; i < len(xa) && j < len(xb); {
		switch {
		case xa[i] < xb[j]:
			i++
		case xa[i] > xb[j]:
			j++
		default:
			x := xa[i]
			i2, j2 := i, j
			for i2 < len(xa) && xa[i2] == x {
				i2++
			}
			for j2 < len(xb) && xb[j2] == x {
				j2++
			}
			for p := i; p < i2; p++ {
				for q := j; q < j2; q++ {
					al.x, al.a, al.b = append(al.x, x), append(al.a, sa.ThinV[p]), append(al.b, sb.ThinV[q])
				}
			}
			i, j = i2, j2
		}
	}
	if len(al.x) == 0 {
		return Pair{}, false
	}
	p := Pair{A: sa.SignalID, B: sb.SignalID}
	// The aligned samples are in signal_0 order: every segment and window
	// is one contiguous range.
	base := sort.Search(len(al.x), func(k int) bool { return al.x[k] > span.BaseEnd })
	late := sort.Search(len(al.x), func(k int) bool { return al.x[k] >= span.LateStart })
	mb, ml := momentsOf(al.a[:base], al.b[:base]), momentsOf(al.a[late:], al.b[late:])
	p.RBase, p.NBase, p.RLate, p.NLate = mb.Corr(), mb.N, ml.Corr(), ml.N
	start := 0
	for w := int64(1); w <= 5; w++ {
		end := sort.Search(len(al.x), func(k int) bool { return BucketOf(al.x[k], span.Min, span.Max, 5) > w })
		p.RW[w-1] = momentsOf(al.a[start:end], al.b[start:end]).Corr()
		start = end
	}
	return p, true
}

// Quartiles returns quantile_cont(v, 0.25), median and quantile_cont(v,
// 0.75) (linear interpolation between order statistics). Empty v gives
// NULLs.
func Quartiles(v []float64) (q1, med, q3 float64) {
	if len(v) == 0 {
		return Null, Null, Null
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	return quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75)
}

func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(pos)
	if lo >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	d := pos - float64(lo)
	if d == 0 {
		return sorted[lo]
	}
	return sorted[lo] + (sorted[lo+1]-sorted[lo])*d
}
