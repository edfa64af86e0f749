package manifold

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"sp/lib/manifold/dynamics"
	"sp/lib/manifold/geometry"
	"sp/lib/manifold/outputs"
)

// cursor walks one signal's blocks in window order.
type cursor struct {
	sig     *signalJob
	src     *source
	blk     *block
	i       int
	done    bool
	lastEnd float64
	started bool
	written int64 // rows with window index ≥ 0 consumed
}

// peek makes the cursor's current row available; false at the end.
func (c *cursor) peek(ctx context.Context, r *runner) (bool, error) {
	for !c.done && (c.blk == nil || c.i >= c.blk.len()) {
		b, err := c.src.next(ctx)
		if err != nil {
			return false, err
		}
		if b == nil {
			c.done = true
			r.count("duplicate_signal_0", c.src.stats.dups)
			break
		}
		r.count("signal_windows_all_null", b.allNull)
		c.blk, c.i = b, 0
	}
	return !c.done, nil
}

// member is one signal_vector row of a window group.
type member struct {
	sig *signalJob
	blk *block
	i   int
}

func (m member) index() int64   { return m.blk.index[m.i] }
func (m member) row() []float64 { return m.blk.row(m.i) }
func (m member) window(cohort string) outputs.Window {
	return outputs.Window{Cohort: cohort, Index: m.index(), Start: m.blk.start[m.i], End: m.blk.end[m.i]}
}

// cohortState carries what a cohort's windows share.
type cohortState struct {
	name    string
	chains  []geometry.Chain // per geometry group
	members []member
	rows    [][]float64
	ids     []string
	partial int64 // window groups with fewer members than active signals
}

// runCohort computes one cohort: a reader per signal, the merge by
// signal_0_end into window groups, and the series' dynamics at the end.
func (r *runner) runCohort(ctx context.Context, job *cohortJob) error {
	ctx, cancel := context.WithCancel(ctx)
	var readers sync.WaitGroup
	defer readers.Wait()
	defer cancel()
	cursors := r.openSources(ctx, job, &readers)
	st := &cohortState{name: job.name, chains: make([]geometry.Chain, len(r.layout.Groups))}
	active := r.activeSignals(cursors)
	for {
		members, err := r.nextGroup(ctx, cursors, st.members[:0])
		if err != nil {
			return err
		}
		if len(members) == 0 {
			break
		}
		st.members = members
		if len(members) < active && members[0].index() >= 0 {
			st.partial++
		}
		if err := r.window(st); err != nil {
			return err
		}
	}
	r.reportSignals(job, cursors, st)
	return r.flushDynamics(job.name)
}

// openSources starts a reader goroutine per signal.
func (r *runner) openSources(ctx context.Context, job *cohortJob, readers *sync.WaitGroup) []*cursor {
	depth, rows := r.blocking(len(job.signals))
	cursors := make([]*cursor, len(job.signals))
	for i, sig := range job.signals {
		src := &source{tasks: make(chan *task, depth), err: make(chan error, 1)}
		rd := &reader{r: r, sig: sig, src: src, rows: int64(rows)}
		readers.Add(1)
		go func() {
			defer readers.Done()
			rd.read(ctx)
		}()
		cursors[i] = &cursor{sig: sig, src: src}
	}
	return cursors
}

// activeSignals counts the signals that have windows, judged from the
// footer's row counts.
func (r *runner) activeSignals(cursors []*cursor) int {
	n := 0
	for _, c := range cursors {
		if r.grid.Windows(int64(len(c.sig.overlap)), c.sig.rows).Len() > 0 {
			n++
		}
	}
	return n
}

// nextGroup pops the rows of every signal that end at the smallest
// signal_0_end (exact float equality, manifold.md §4.1), in signal_id order.
func (r *runner) nextGroup(ctx context.Context, cursors []*cursor, members []member) ([]member, error) {
	first := true
	var end float64
	for _, c := range cursors {
		ok, err := c.peek(ctx, r)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		e := c.blk.end[c.i]
		if c.started && e < c.lastEnd {
			return nil, fmt.Errorf("%s: signal %s: signal_0 decreases at window %d (%g after %g); overlap samples are numbered -N..-1 before the partition's own signal_0 values, which must not be negative",
				r.opt.Observations, c.sig.key, c.blk.index[c.i], e, c.lastEnd)
		}
		if first || e < end {
			end, first = e, false
		}
	}
	if first {
		return members, nil
	}
	for _, c := range cursors {
		for {
			ok, err := c.peek(ctx, r)
			if err != nil {
				return nil, err
			}
			if !ok || c.blk.end[c.i] != end {
				break
			}
			m := member{sig: c.sig, blk: c.blk, i: c.i}
			c.lastEnd, c.started = end, true
			if m.index() >= 0 {
				c.written++
			}
			members = append(members, m)
			c.i++
		}
	}
	r.meter.Add(int64(len(members)))
	return members, nil
}

// window computes and writes one window group.
func (r *runner) window(st *cohortState) error {
	head := st.members[0]
	win := head.window(st.name)
	written := win.Index >= 0
	st.rows = st.rows[:0]
	for _, m := range st.members {
		st.rows = append(st.rows, m.row())
		if m.index() >= 0 {
			r.out.SignalRow(m.window(st.name), m.sig.id, m.row())
		}
	}
	r.countIf(written, "windows", 1)
	state, ok := r.layout.State(st.rows, &r.ws)
	if !ok {
		if written {
			r.count("windows_without_state", 1)
		}
		return nil
	}
	if written {
		r.out.StateRow(win, state)
	}
	for g, grp := range r.layout.Groups {
		geo, skip := r.layout.Analyze(g, st.rows, &r.ws)
		switch skip {
		case geometry.FewRows:
			r.countIf(written, "geometry_skipped_few_signals", 1)
			continue
		case geometry.ConstantInput:
			r.countIf(written, "geometry_skipped_constant_feature", 1)
			continue
		}
		flips := st.chains[g].Orient(geo)
		if written {
			r.writeGeometry(st, win, grp, geo, flips)
		}
		err := r.spills[g].Add(dynamics.Point{WindowIndex: win.Index, End: win.End, EffectiveDim: geo.EffectiveDim,
			Eigenvalue1: geo.Eigenvalues[0], TotalVariance: geo.TotalVariance})
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *runner) writeGeometry(st *cohortState, win outputs.Window, grp geometry.Group, geo *geometry.Geometry, flips int64) {
	st.ids = st.ids[:0]
	for _, i := range geo.Members {
		st.ids = append(st.ids, st.members[i].sig.id)
	}
	boot := outputs.Bootstrap{Std: nan, Low: nan, High: nan}
	if r.opt.BootstrapSamples > 0 {
		boot.Std, boot.Low, boot.High = r.ws.Bootstrap(geo, r.opt.BootstrapSamples, geometry.BootstrapKey(st.name, grp.Name, win.Index))
	}
	r.out.GeometryRow(win, grp.Name, geo, boot, flips, strings.Join(st.ids, ","))
	if win.Index%int64(r.opt.EigendecompositionEvery) == 0 {
		r.out.Loadings(win, grp.Name, geo, st.ids, grp.Features)
	}
}

// flushDynamics derives and writes the cohort's geometry_dynamics, group
// by group.
func (r *runner) flushDynamics(cohort string) error {
	for g, grp := range r.layout.Groups {
		err := r.spills[g].Derive(func(row dynamics.Row) error {
			r.out.DynamicsRow(cohort, grp.Name, row)
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// reportSignals counts and reports, once a cohort is done, its signals
// without windows and its fragmented window groups.
func (r *runner) reportSignals(job *cohortJob, cursors []*cursor, st *cohortState) {
	var short []string
	var unformable, dups, nanIndex int64
	for _, c := range cursors {
		own := c.src.stats.own
		dups += c.src.stats.dups
		nanIndex += c.sig.rows - own // the footer counts rows the reader drops
		nov := int64(len(c.sig.overlap))
		rg := r.grid.Windows(nov, own)
		if c.written == 0 {
			short = append(short, fmt.Sprintf("%s/%s (%d samples)", job.name, c.sig.id, own))
		}
		if r.prev != nil {
			unformable += r.grid.Unformable(nov, rg.Last)
		}
	}
	r.count("signals_without_windows", int64(len(short)))
	if len(short) > 0 {
		r.warnf("%d signal(s) are too short for a window of %d samples ending in the partition and produce no rows: %s",
			len(short), r.grid.W, listSome(short))
	}
	r.count("rows_nan_signal_0", nanIndex)
	if nanIndex > 0 {
		r.warnf("cohort %q: %d row(s) with a NaN signal_0 were dropped", job.name, nanIndex)
	}
	if dups > 0 {
		r.warnf("cohort %q: %d sample(s) repeat the previous sample's signal_0; they are kept as separate samples, in file order", job.name, dups)
	}
	r.count("signal_windows_unformable", unformable)
	if unformable > 0 {
		r.warnf("cohort %q: %d signal window(s) at the start of the partition cannot be formed for lack of overlap samples and are skipped", job.name, unformable)
	}
	r.count("window_groups_partial", st.partial)
	if st.partial > 0 {
		r.warnf("cohort %q: %d window group(s) have fewer members than the cohort's signals (signals of different lengths or overlaps, or signal_0 grids that differ: groups are aligned by exact signal_0_end)", job.name, st.partial)
	}
}
