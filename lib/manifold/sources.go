package manifold

import (
	"context"
	"math"

	"sp/lib/manifold/features"
	"sp/lib/manifold/window"
	"sp/lib/obs"
)

// block is a run of consecutive windows of one signal: their feature rows
// and positions.
type block struct {
	index      []int64   // window index k
	start, end []float64 // signal_0 of the system window's first and last sample
	feats      []float64 // len(index) rows of ncols
	ncols      int
	dups       int64 // duplicate signal_0 values met while filling it (streaming sources)
	allNull    int64 // written rows without any finite feature
	ownSamples int64 // streaming sources, last block: the partition's samples of the signal
	last       bool  // streaming sources: the signal ended with this block
}

func (b *block) len() int            { return len(b.index) }
func (b *block) row(i int) []float64 { return b.feats[i*b.ncols : (i+1)*b.ncols] }
func (b *block) reset(ncols int) {
	*b = block{index: b.index[:0], start: b.start[:0], end: b.end[:0], feats: b.feats[:0], ncols: ncols}
}
func newBlock(ncols, capacity int) *block {
	return &block{ncols: ncols, index: make([]int64, 0, capacity), start: make([]float64, 0, capacity),
		end: make([]float64, 0, capacity), feats: make([]float64, 0, capacity*ncols)}
}

// windower computes the windows of one signal from its samples as they
// arrive, position by position, keeping only the L_max samples the next
// window needs (window.Buffer).
type windower struct {
	sig     *signalJob
	grid    window.Grid
	comp    *features.Computer
	ncols   int
	buf     *window.Buffer
	next    int64 // next window index to compute
	last    int64 // last window index to compute
	dups    bool  // count duplicate signal_0 values (streaming: pipeline files have none)
	lastIdx float64
	out     *block
	full    func(*block) error // called when out holds blockRows rows (streaming)
	rows    int                // rows per emitted block
}

// pEnd is the position (overlap first) of window k's last sample.
func (w *windower) pEnd(k int64) int64 { return int64(len(w.sig.overlap)) + w.grid.End(k) }

// feed appends samples and computes every window they complete.
func (w *windower) feed(index, value []float64) error {
	if w.dups {
		for _, x := range index {
			if x == w.lastIdx {
				w.out.dups++
			}
			w.lastIdx = x
		}
	}
	w.buf.Append(index, value)
	lmax := int64(w.sig.plan.LMax)
	for w.next <= w.last && w.pEnd(w.next) < w.buf.End() {
		if err := w.compute(w.next); err != nil {
			return err
		}
		w.next++
		if w.full != nil && w.out.len() == w.rows {
			if err := w.full(w.out); err != nil {
				return err
			}
		}
	}
	w.buf.Release(w.pEnd(w.next) - lmax + 1)
	return nil
}

// compute appends the row of window k.
func (w *windower) compute(k int64) error {
	p := w.pEnd(k)
	from := max(w.buf.Start(), p-int64(w.sig.plan.LMax)+1)
	b := w.out
	b.index = append(b.index, k)
	b.start = append(b.start, w.buf.Index(p-int64(w.grid.W)+1))
	b.end = append(b.end, w.buf.Index(p))
	n := len(b.feats)
	for range w.ncols {
		b.feats = append(b.feats, math.NaN())
	}
	row := b.feats[n:]
	if err := w.comp.Row(w.sig.plan, w.buf.Values(from, p), row); err != nil {
		return err
	}
	if k >= 0 && allNaN(row) {
		b.allNull++
	}
	return nil
}

func allNaN(row []float64) bool {
	for _, v := range row {
		if !math.IsNaN(v) {
			return false
		}
	}
	return true
}

// feedOverlap feeds the overlap samples at positions [from, to), with
// signal_0 relabelled -N..-1 (pipeline.md §7 item 3).
func (w *windower) feedOverlap(from, to int64) error {
	if from >= to {
		return nil
	}
	nov := int64(len(w.sig.overlap))
	index := make([]float64, to-from)
	for i := range index {
		index[i] = float64(from + int64(i) - nov)
	}
	return w.feed(index, w.sig.overlap[from:to])
}

// task computes windows [lo, hi] of a positional signal.
type task struct {
	sig    *signalJob
	lo, hi int64
	result chan taskResult
}

type taskResult struct {
	blk *block
	err error
}

// run reads positions [pEnd(lo)-L_max+1, pEnd(hi)] (overlap from memory,
// the rest with ReadRange) and computes the block.
func (t *task) run(wk *worker, grid window.Grid, ncols int) (*block, error) {
	w := &windower{sig: t.sig, grid: grid, comp: wk.comp, ncols: ncols, buf: &wk.buf, next: t.lo, last: t.hi,
		lastIdx: math.NaN(), out: newBlock(ncols, int(t.hi-t.lo+1))}
	nov := int64(len(t.sig.overlap))
	from := max(0, w.pEnd(t.lo)-int64(t.sig.plan.LMax)+1)
	to := w.pEnd(t.hi) + 1
	w.buf.Reset(from)
	if err := w.feedOverlap(from, min(to, nov)); err != nil {
		return nil, err
	}
	if to > nov {
		in, err := wk.reader()
		if err != nil {
			return nil, err
		}
		ownFrom := max(0, from-nov)
		err = in.ReadRange(t.sig.key, ownFrom, to-nov-ownFrom, func(c obs.Chunk) error { return w.feed(c.Index, c.Value) })
		if err != nil {
			return nil, err
		}
	}
	return w.out, nil
}

// worker runs tasks with its own reader, engines and sample buffer.
type worker struct {
	path string
	in   *obs.Reader
	comp *features.Computer
	buf  window.Buffer
}

func (wk *worker) reader() (*obs.Reader, error) {
	if wk.in == nil {
		in, err := obs.Open(wk.path)
		if err != nil {
			return nil, err
		}
		wk.in = in
	}
	return wk.in, nil
}

func (wk *worker) close() {
	if wk.in != nil {
		wk.in.Close()
	}
}

// source yields a signal's blocks in window order; nil at the end.
type source interface {
	next(ctx context.Context) (*block, error)
}

// positionalSource hands a signal's blocks to the pool, keeping up to
// depth of them in flight ahead of consumption.
type positionalSource struct {
	r       *runner
	sig     *signalJob
	ranges  [][2]int64
	queued  int
	pending []*task
	depth   int
}

// fill submits tasks until depth are in flight.
func (s *positionalSource) fill(ctx context.Context) error {
	for len(s.pending) < s.depth && s.queued < len(s.ranges) {
		rg := s.ranges[s.queued]
		t := &task{sig: s.sig, lo: rg[0], hi: rg[1], result: make(chan taskResult, 1)}
		select {
		case s.r.tasks <- t:
		case <-ctx.Done():
			return ctx.Err()
		}
		s.pending = append(s.pending, t)
		s.queued++
	}
	return nil
}

func (s *positionalSource) next(ctx context.Context) (*block, error) {
	if err := s.fill(ctx); err != nil {
		return nil, err
	}
	if len(s.pending) == 0 {
		return nil, nil
	}
	t := s.pending[0]
	s.pending = s.pending[1:]
	var res taskResult
	select {
	case res = <-t.result:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if res.err != nil {
		return nil, res.err
	}
	return res.blk, s.fill(ctx)
}

// streamingSource computes a signal of any layout on a goroutine of its
// own, reading it once from the start (obs.ReadSignal).
type streamingSource struct {
	blocks chan taskResult
}

func (s *streamingSource) next(ctx context.Context) (*block, error) {
	select {
	case res, ok := <-s.blocks:
		if !ok {
			return nil, nil
		}
		return res.blk, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// stream runs on its goroutine: overlap, then every row of the signal.
func (r *runner) stream(ctx context.Context, sig *signalJob, rows int, out chan<- taskResult) {
	defer close(out)
	send := func(b *block, err error) bool {
		select {
		case out <- taskResult{b, err}:
			return err == nil
		case <-ctx.Done():
			return false
		}
	}
	ncols := len(r.plan.Columns)
	w := &windower{sig: sig, grid: r.grid, comp: features.NewComputer(r.catalog), ncols: ncols, buf: &window.Buffer{},
		next: r.grid.Windows(int64(len(sig.overlap)), math.MaxInt32).First, last: math.MaxInt64,
		dups: true, lastIdx: math.NaN(), out: newBlock(ncols, rows), rows: rows}
	w.full = func(b *block) error {
		if !send(b, nil) {
			return context.Canceled
		}
		w.out = newBlock(ncols, rows)
		return nil
	}
	in, err := obs.Open(r.opt.Observations)
	if err != nil {
		send(nil, err)
		return
	}
	defer in.Close()
	w.buf.Reset(0)
	if err := w.feedOverlap(0, int64(len(sig.overlap))); err != nil {
		send(nil, err)
		return
	}
	var own int64
	err = in.ReadSignal(sig.key, func(c obs.Chunk) error {
		own += int64(len(c.Index))
		return w.feed(c.Index, c.Value)
	})
	if err != nil {
		if ctx.Err() == nil {
			send(nil, err)
		}
		return
	}
	w.out.ownSamples, w.out.last = own, true
	send(w.out, nil)
}
