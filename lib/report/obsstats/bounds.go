package obsstats

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"

	"sp/lib/obs"
)

// Key names a signal as every report does: a null cohort reads as "".
type Key struct{ Cohort, SignalID string }

func (k Key) String() string {
	if k.Cohort == "" {
		return k.SignalID
	}
	return k.Cohort + "/" + k.SignalID
}

// Options of both passes.
type Options struct {
	IncludeOverlap bool // keep rows with a negative signal_0 (sql.md §4.3)
	Threads        int  // worker goroutines; < 1: all cores
}

func (o Options) workers(tasks int) int {
	n := o.Threads
	if n < 1 {
		n = runtime.NumCPU()
	}
	return max(1, min(n, tasks))
}

func (o Options) keep(x float64) bool { return o.IncludeOverlap || x >= 0 }

// Bounds is pass 1 for one signal: the rows of n_obs_all and the range of
// the valid ones (t_bounds before its derived columns).
type Bounds struct {
	Key
	Rows     int64   // rows kept by the overlap filter (n_obs_all)
	Invalid  int64   // of those, values that are NULL, NaN or ±Inf
	N        int64   // valid values (n_obs)
	Min, Max float64 // signal_0 range of the valid values; NaN when N = 0
	Integral bool    // every valid signal_0 is a whole number
}

// signal groups the file's keys that read as one Key (a null and an empty
// cohort merge).
type signal struct {
	key  Key
	keys []obs.Key
}

// Signals lists the signals of the file at path, sorted by cohort then
// signal_id.
func signalsOf(path string) ([]signal, error) {
	r, err := obs.Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	byKey := map[Key]*signal{}
	var out []*signal
	for _, s := range r.Signals() {
		k := Key{Cohort: s.Cohort, SignalID: s.SignalID}
		if sg, ok := byKey[k]; ok {
			sg.keys = append(sg.keys, s.Key)
			continue
		}
		sg := &signal{key: k, keys: []obs.Key{s.Key}}
		byKey[k] = sg
		out = append(out, sg)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].key.Cohort != out[j].key.Cohort {
			return out[i].key.Cohort < out[j].key.Cohort
		}
		return out[i].key.SignalID < out[j].key.SignalID
	})
	res := make([]signal, len(out))
	for i, s := range out {
		res[i] = *s
	}
	return res, nil
}

// ScanBounds runs pass 1 over the file at path.
func ScanBounds(path string, opt Options) ([]Bounds, error) {
	sigs, err := signalsOf(path)
	if err != nil {
		return nil, err
	}
	out := make([]Bounds, len(sigs))
	err = forEachSignal(path, len(sigs), opt, func(r *obs.Reader, i int) error {
		b := Bounds{Key: sigs[i].key, Min: math.NaN(), Max: math.NaN(), Integral: true}
		for _, k := range sigs[i].keys {
			if err := r.ReadSignal(k, func(c obs.Chunk) error { b.add(c, opt); return nil }); err != nil {
				return fmt.Errorf("signal %s: %w", sigs[i].key, err)
			}
		}
		out[i] = b
		return nil
	})
	return out, err
}

func (b *Bounds) add(c obs.Chunk, opt Options) {
	for i, x := range c.Index {
		if !opt.keep(x) {
			continue
		}
		b.Rows++
		v := c.Value[i]
		if math.IsNaN(v) || math.IsInf(v, 0) {
			b.Invalid++
			continue
		}
		if b.N == 0 || x < b.Min {
			b.Min = x
		}
		if b.N == 0 || x > b.Max {
			b.Max = x
		}
		b.N++
		if b.Integral && x != math.Floor(x) {
			b.Integral = false
		}
	}
}

// forEachSignal calls work for signal indices 0..n-1 on opt's workers,
// each worker with its own reader of path, and returns the first error.
func forEachSignal(path string, n int, opt Options, work func(r *obs.Reader, i int) error) error {
	jobs := make(chan int)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for w := 0; w < opt.workers(n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := obs.Open(path)
			for i := range jobs {
				if err != nil {
					errs[i] = err
					continue
				}
				errs[i] = work(r, i)
			}
			if r != nil {
				r.Close()
			}
		}()
	}
	for i := 0; i < n; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
