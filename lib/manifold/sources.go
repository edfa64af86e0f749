package manifold

import (
	"context"
	"math"
	"sync"

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
	allNull    int64 // written rows without any finite feature
}

func (b *block) len() int            { return len(b.index) }
func (b *block) row(i int) []float64 { return b.feats[i*b.ncols : (i+1)*b.ncols] }

func newBlock(ncols, capacity int) *block {
	return &block{ncols: ncols, index: make([]int64, 0, capacity), start: make([]float64, 0, capacity),
		end: make([]float64, 0, capacity), feats: make([]float64, 0, capacity*ncols)}
}

// task computes windows [lo, hi] of one signal from a copy of the samples
// they need: positions [from, from+len(value)).
type task struct {
	sig          *signalJob
	lo, hi       int64
	from         int64
	index, value []float64
	result       chan taskResult
}

type taskResult struct {
	blk *block
	err error
}

// pEnd is the position (overlap first) of window k's last sample.
func pEnd(sig *signalJob, g window.Grid, k int64) int64 { return int64(len(sig.overlap)) + g.End(k) }

// run computes the block: each window's engine input is a slice of the
// task's samples (at most L_max long, shorter only at the stream start).
func (t *task) run(comp *features.Computer, g window.Grid, ncols int) (*block, error) {
	b := newBlock(ncols, int(t.hi-t.lo+1))
	lmax := int64(t.sig.plan.LMax)
	for k := t.lo; k <= t.hi; k++ {
		p := pEnd(t.sig, g, k) - t.from
		b.index = append(b.index, k)
		b.start = append(b.start, t.index[p-int64(g.W)+1])
		b.end = append(b.end, t.index[p])
		n := len(b.feats)
		for range ncols {
			b.feats = append(b.feats, math.NaN())
		}
		row := b.feats[n:]
		if err := comp.Row(t.sig.plan, t.value[max(0, p-lmax+1):p+1], row); err != nil {
			return nil, err
		}
		if k >= 0 && allNaN(row) {
			b.allNull++
		}
	}
	return b, nil
}

func allNaN(row []float64) bool {
	for _, v := range row {
		if !math.IsNaN(v) {
			return false
		}
	}
	return true
}

// samplePool recycles the sample copies of tasks.
var samplePool sync.Pool

func getSamples(n int) []float64 {
	if s, ok := samplePool.Get().(*[]float64); ok && cap(*s) >= n {
		return (*s)[:n]
	}
	return make([]float64, n)
}

func putSamples(s []float64) { samplePool.Put(&s) }

// source is one signal's stream of blocks, in window order. A reader
// goroutine decodes the signal once, front to back, cuts it into tasks
// for the pool and queues them here; the assembler takes them in order.
type source struct {
	tasks chan *task
	err   chan error // the reader's final error (buffered)
	stats readerStats
	done  bool
}

// readerStats are known once the reader has finished.
type readerStats struct {
	own  int64 // the partition's samples of the signal
	dups int64 // samples whose signal_0 equals the previous one
}

// next returns the next block; nil at the end.
func (s *source) next(ctx context.Context) (*block, error) {
	if s.done {
		return nil, nil
	}
	var t *task
	var ok bool
	select {
	case t, ok = <-s.tasks:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if !ok {
		s.done = true
		return nil, <-s.err
	}
	select {
	case res := <-t.result:
		return res.blk, res.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// reader cuts one signal into tasks.
type reader struct {
	r       *runner
	sig     *signalJob
	src     *source
	rows    int64 // windows per block
	next    int64 // first window not yet handed out
	buf     window.Buffer
	lastIdx float64
	stats   readerStats
}

// read runs on the signal's goroutine: the overlap, then every row of the
// signal (obs.ReadSignal), handing out a task whenever a block's samples
// are complete, and the last partial block at the end.
func (rd *reader) read(ctx context.Context) {
	defer close(rd.src.tasks)
	rd.lastIdx = math.NaN()
	rd.next = rd.r.grid.Windows(int64(len(rd.sig.overlap)), math.MaxInt32).First
	rd.buf.Reset(0)
	err := rd.feedOverlap(ctx)
	if err == nil {
		err = rd.feedOwn(ctx)
	}
	if err == nil {
		err = rd.cut(ctx, true)
	}
	rd.src.stats = rd.stats
	rd.src.err <- err
}

func (rd *reader) feedOverlap(ctx context.Context) error {
	nov := len(rd.sig.overlap)
	if nov == 0 {
		return nil
	}
	index := make([]float64, nov)
	for i := range index {
		index[i] = float64(i - nov) // relabelled -N..-1 (pipeline.md §7 item 3)
	}
	return rd.feed(ctx, index, rd.sig.overlap)
}

func (rd *reader) feedOwn(ctx context.Context) error {
	in, err := rd.r.in.Clone() // shares the parsed footer
	if err != nil {
		return err
	}
	defer in.Close()
	return in.ReadSignal(rd.sig.key, func(c obs.Chunk) error {
		rd.stats.own += int64(len(c.Index))
		for _, x := range c.Index {
			if x == rd.lastIdx {
				rd.stats.dups++
			}
			rd.lastIdx = x
		}
		return rd.feed(ctx, c.Index, c.Value)
	})
}

func (rd *reader) feed(ctx context.Context, index, value []float64) error {
	rd.buf.Append(index, value)
	return rd.cut(ctx, false)
}

// cut hands out every block whose last window the buffer holds; at the
// end (final) also the windows of an incomplete block.
func (rd *reader) cut(ctx context.Context, final bool) error {
	g := rd.r.grid
	for {
		lo := rd.next
		hi := lo + rd.rows - 1 - floorMod(lo+window.Context, rd.rows) // blocks aligned across the cohort's signals
		if pEnd(rd.sig, g, hi) >= rd.buf.End() {
			if !final {
				return nil
			}
			hi = g.Last(rd.buf.End() - int64(len(rd.sig.overlap)))
			if hi < lo {
				return nil
			}
		}
		if err := rd.submit(ctx, lo, hi); err != nil {
			return err
		}
		rd.next = hi + 1
		rd.buf.Release(pEnd(rd.sig, g, rd.next) - int64(rd.sig.plan.LMax) + 1)
	}
}

// submit copies the samples of windows [lo, hi] into a task, queues it
// for the pool and for the assembler.
func (rd *reader) submit(ctx context.Context, lo, hi int64) error {
	g := rd.r.grid
	from := max(rd.buf.Start(), pEnd(rd.sig, g, lo)-int64(rd.sig.plan.LMax)+1)
	to := pEnd(rd.sig, g, hi)
	t := &task{sig: rd.sig, lo: lo, hi: hi, from: from, result: make(chan taskResult, 1)}
	n := int(to - from + 1)
	t.index, t.value = getSamples(n), getSamples(n)
	copy(t.index, rd.buf.Indexes(from, to))
	copy(t.value, rd.buf.Values(from, to))
	for _, ch := range []chan *task{rd.r.tasks, rd.src.tasks} {
		select {
		case ch <- t:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

func floorMod(a, b int64) int64 { return ((a % b) + b) % b }

// work runs pool tasks until the channel closes.
func (r *runner) work(ctx context.Context) {
	comp := features.NewComputer(r.catalog)
	ncols := len(r.plan.Columns)
	for t := range r.tasks {
		var res taskResult
		if res.err = ctx.Err(); res.err == nil {
			res.blk, res.err = t.run(comp, r.grid, ncols)
		}
		putSamples(t.index)
		putSamples(t.value)
		t.index, t.value = nil, nil
		t.result <- res
	}
}
