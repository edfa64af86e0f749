package manifold

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"sp/lib/atomicfile"
	"sp/lib/manifold/dynamics"
	"sp/lib/manifold/features"
	"sp/lib/manifold/geometry"
	"sp/lib/manifold/manifest"
	"sp/lib/manifold/outputs"
	"sp/lib/manifold/window"
	"sp/lib/obs"
	"sp/lib/progress"
)

// Version identifies the implementation in the outputs' metadata.
const Version = "sp-manifold 1 (manifold.md v1 core: signal_vector, state_vector, state_geometry, eigendecomposition, geometry_dynamics)"

// Stamp is the file written into the output folder after the five
// outputs, so that make (and a rerun) can tell a finished stage.
const Stamp = ".done"

// DefaultOverlap is compute.overlap_samples' default.
const DefaultOverlap = 2048

// Options of one run.
type Options struct {
	Observations string             // the partition's observations.parquet
	Manifest     *manifest.Manifest // the partition's manifest
	Prev         string             // the previous partition's observations.parquet; "" for none
	Overlap      int                // samples per signal taken from Prev
	OutDir       string             // created if missing; never emptied

	Threads                 int // ≥ 1
	BootstrapSamples        int // 0: off
	EigendecompositionEvery int // ≥ 1

	Catalog features.Catalog // nil: the core engines

	Warn         func(string) // one line per warning; nil drops them
	Progress     io.Writer    // progress meter output (nil: none)
	ProgressMode progress.Mode
}

// Result summarises a run for the stage log.
type Result struct {
	Rows   map[string]int64 // per output file
	Counts map[string]int64 // windows, skips and other tallies
}

// runner is one run's shared state. Everything except the task channel
// and the counters is used by the assembler goroutine only.
type runner struct {
	opt     Options
	catalog features.Catalog
	plan    *features.Plan
	layout  geometry.Layout
	grid    window.Grid
	in      *obs.Reader
	prev    *obs.Reader
	out     *outputs.Writer
	spills  []*dynamics.Spill
	ws      geometry.Workspace
	tasks   chan *task
	meter   *progress.Meter

	mu     sync.Mutex
	counts map[string]int64
}

var nan = math.NaN()

// Run computes the five outputs of one partition.
func Run(ctx context.Context, opt Options) (*Result, error) {
	if err := check(&opt); err != nil {
		return nil, err
	}
	// First of all, so that a run failing for any reason never looks done.
	if err := os.Remove(filepath.Join(opt.OutDir, Stamp)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	r := &runner{opt: opt, catalog: opt.Catalog, counts: map[string]int64{},
		grid: window.Grid{W: opt.Manifest.Window, S: opt.Manifest.Stride}}
	if r.catalog == nil {
		r.catalog = CoreEngines()
	}
	defer r.close()
	if err := r.prepare(); err != nil {
		return nil, err
	}
	jobs, err := r.jobs()
	if err != nil {
		return nil, err
	}
	if err := r.compute(ctx, jobs); err != nil {
		return nil, err
	}
	return r.finish()
}

func check(opt *Options) error {
	switch {
	case opt.Manifest == nil:
		return errors.New("no manifest")
	case opt.Threads < 1:
		return fmt.Errorf("threads must be at least 1, not %d", opt.Threads)
	case opt.Overlap < 0:
		return fmt.Errorf("overlap must not be negative, not %d", opt.Overlap)
	case opt.BootstrapSamples < 0:
		return fmt.Errorf("bootstrap samples must not be negative, not %d", opt.BootstrapSamples)
	case opt.EigendecompositionEvery < 1:
		return fmt.Errorf("eigendecomposition-every must be at least 1, not %d", opt.EigendecompositionEvery)
	case opt.OutDir == "":
		return errors.New("no output folder")
	}
	if opt.Prev == "" {
		opt.Overlap = 0
	}
	return nil
}

// prepare builds the plan, opens the inputs and the outputs.
func (r *runner) prepare() error {
	var err error
	if r.plan, err = features.NewPlan(r.opt.Manifest, r.catalog); err != nil {
		return fmt.Errorf("%s: %w", r.opt.Manifest.File, err)
	}
	r.layout = geometry.NewLayout(r.plan.Columns)
	r.reportPlan()
	if r.in, err = obs.Open(r.opt.Observations); err != nil {
		return err
	}
	if r.opt.Prev != "" {
		if r.prev, err = obs.Open(r.opt.Prev); err != nil {
			return fmt.Errorf("previous partition: %w", err)
		}
		r.checkOverlap()
	}
	return r.createOutputs()
}

func (r *runner) reportPlan() {
	if len(r.plan.Unknown) > 0 {
		r.warnf("engine(s) not implemented, producing no columns: %s", strings.Join(r.plan.Unknown, ", "))
	}
	r.count("engines_not_implemented", int64(len(r.plan.Unknown)))
	// One line per collision rule, naming every signal it applies to: the
	// same rule on 22 signals reads better once than 22 times.
	var rules []string
	signals := map[string][]string{}
	for _, c := range r.plan.Collisions {
		rule := fmt.Sprintf("column %s is requested from engines %s and %s; %s supplies it (manifold.md §5.1)",
			c.Column, c.Winner, strings.Join(c.Losers, ", "), c.Winner)
		if _, seen := signals[rule]; !seen {
			rules = append(rules, rule)
		}
		name := c.Signal
		if c.Cohort != "" {
			name = c.Cohort + "/" + c.Signal
		}
		signals[rule] = append(signals[rule], name)
	}
	for _, rule := range rules {
		r.warnf("%s: %s", strings.Join(signals[rule], ", "), rule)
	}
}

// checkOverlap warns when the overlap cannot provide the straddling
// windows and the four context windows (pipeline.md §7 item 3).
func (r *runner) checkOverlap() {
	lmax, s, j0 := int64(r.plan.LMax()), int64(r.grid.S), r.grid.J0()
	needed := max(0, lmax-1+window.Context*s-j0)
	if int64(r.opt.Overlap) < needed {
		r.warnf("--overlap %d is shorter than the %d samples needed for the first window's longest engine window (L_max = %d) and %d context windows; windows or engine columns at the partition start will be skipped or null, and the first dynamics rows use one-sided differences",
			r.opt.Overlap, needed, lmax, window.Context)
	}
}

func (r *runner) createOutputs() error {
	dir := r.opt.OutDir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range append(outputs.Names, Stamp) {
		if err := atomicfile.RemoveStale(filepath.Join(dir, name)); err != nil {
			return err
		}
	}
	var err error
	if r.out, err = outputs.Create(dir, r.outputLayout(), r.metadata()); err != nil {
		return err
	}
	for _, g := range r.layout.Groups {
		// Named like the geometry_dynamics temporaries, so RemoveStale
		// clears one left by a killed run (where unlinking at creation
		// is not possible).
		s, err := dynamics.NewSpill(dir, "."+outputs.GeometryDynamics+".tmp-spill-"+g.Name+"-*")
		if err != nil {
			return err
		}
		r.spills = append(r.spills, s)
	}
	return nil
}

// outputLayout gives the outputs their variable columns and the values
// of their key columns (which the writer encodes faster when it knows
// them from the start).
func (r *runner) outputLayout() outputs.Layout {
	layout := outputs.Layout{Features: r.plan.Columns, Centroids: r.layout.CentroidColumns()}
	for _, c := range r.opt.Manifest.Cohorts {
		layout.Cohorts = append(layout.Cohorts, c.Name)
		for _, s := range c.Signals {
			layout.Signals = append(layout.Signals, s.ID)
		}
	}
	for _, g := range r.layout.Groups {
		layout.Groups = append(layout.Groups, g.Name)
	}
	return layout
}

// metadata is the key/value metadata of every output (§1.4): no
// wall-clock value, so reruns give identical bytes.
func (r *runner) metadata() map[string]string {
	m := r.opt.Manifest
	return map[string]string{
		"sp.stage":                    "manifold",
		"sp.version":                  Version,
		"sp.window":                   strconv.Itoa(m.Window),
		"sp.stride":                   strconv.Itoa(m.Stride),
		"sp.engine_windows":           r.plan.EngineWindows(),
		"sp.engine_window_overrides":  r.plan.Overrides(),
		"sp.engine_window_semantics":  "exact lengths: per-signal override, else engine_windows, else window (manifold.md §4.3)",
		"sp.overlap_samples":          strconv.Itoa(r.opt.Overlap),
		"sp.bootstrap_samples":        strconv.Itoa(r.opt.BootstrapSamples),
		"sp.eigendecomposition_every": strconv.Itoa(r.opt.EigendecompositionEvery),
		"sp.manifest_sha256":          m.SHA256,
	}
}

// compute runs the worker pool and the cohorts one after the other.
func (r *runner) compute(ctx context.Context, jobs []*cohortJob) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var total int64
	for _, c := range jobs {
		for _, s := range c.signals {
			total += r.grid.Windows(int64(len(s.overlap)), s.rows).Len()
		}
	}
	if r.opt.Progress != nil {
		r.meter = progress.New(r.opt.Progress, r.opt.ProgressMode, "manifold", "signal-windows", total)
	}
	r.tasks = make(chan *task, 64)
	var workers sync.WaitGroup
	for range r.opt.Threads {
		workers.Add(1)
		go func() {
			defer workers.Done()
			r.work(ctx)
		}()
	}
	var err error
	for _, c := range jobs {
		if err = r.runCohort(ctx, c); err != nil {
			break
		}
	}
	cancel()
	close(r.tasks)
	workers.Wait()
	r.meter.Finish()
	return err
}

// blocking chooses, for a cohort of n signals, how many blocks each signal
// queues ahead of the assembler and how many windows a block holds:
// enough tasks to keep every worker busy, within a fixed memory budget
// for the blocks' samples and feature rows.
func (r *runner) blocking(n int) (depth, rows int) {
	const budget = 48 << 20
	depth = max(2, (2*r.opt.Threads+n-1)/max(n, 1))
	perWindow := 16*r.grid.S + 8*(len(r.plan.Columns)+3) // samples (index, value) and the row
	rows = budget / (max(n, 1) * (depth + 2) * perWindow)
	return depth, min(maxBlockRows, max(minBlockRows, rows))
}

// Block size bounds, in windows (variables so tests can force many blocks).
var (
	maxBlockRows = 4096
	minBlockRows = 16
)

// finish commits the outputs and writes the stamp.
func (r *runner) finish() (*Result, error) {
	if err := r.out.Commit(); err != nil {
		return nil, err
	}
	res := &Result{Rows: map[string]int64{}, Counts: r.counts}
	var stamp strings.Builder
	stamp.WriteString("manifold\n")
	for i, n := range r.out.Rows() {
		res.Rows[outputs.Names[i]] = n
		fmt.Fprintf(&stamp, "%s %d\n", outputs.Names[i], n)
	}
	if err := atomicfile.WriteFile(filepath.Join(r.opt.OutDir, Stamp), []byte(stamp.String())); err != nil {
		return nil, err
	}
	return res, nil
}

func (r *runner) close() {
	if r.out != nil {
		r.out.Abort() // a no-op after Commit
	}
	for _, s := range r.spills {
		s.Close()
	}
	if r.in != nil {
		r.in.Close()
	}
	if r.prev != nil {
		r.prev.Close()
	}
}

func (r *runner) count(key string, n int64) {
	if n == 0 {
		return
	}
	r.mu.Lock()
	r.counts[key] += n
	r.mu.Unlock()
}

func (r *runner) countIf(cond bool, key string, n int64) {
	if cond {
		r.count(key, n)
	}
}

func (r *runner) warnf(format string, a ...any) {
	if r.opt.Warn != nil {
		r.opt.Warn(fmt.Sprintf(format, a...))
	}
}
