package features

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"sp/lib/manifold/manifest"
)

// Spec describes a manifest engine name: its implementation (shared by
// aliases) and the implementation's output columns.
type Spec struct {
	Name    string
	Impl    string
	Columns []string
}

// Set computes several implementations on one engine window: out[i]
// receives implementation i's columns, NaN meaning null.
type Set interface {
	Compute(x []float64, out [][]float64)
}

// Catalog is the engine set the stage runs.
type Catalog interface {
	Lookup(name string) (Spec, bool)
	CanonicalColumns() []string
	NewSet(impls []string) (Set, error)
}

// Plan is the signal_vector computation of one manifest.
type Plan struct {
	Columns    []string // feature columns, canonical order
	Unknown    []string // engine names the catalog lacks, sorted (warn once each)
	Collisions []Collision

	window    int
	global    map[string]int // effective L_e of every engine name used, without overrides
	overrides []string       // "cohort/signal:engine=L", sorted
	signals   map[signalKey]*Signal
}

type signalKey struct{ cohort, id string }

// Signal is the computation of one manifest signal.
type Signal struct {
	Cohort, ID string
	LMax       int   // the longest window it needs: max(W, every L_e)
	Runs       []Run // by increasing length
}

// Run is one engine window length of a signal and the implementations
// computed on it.
type Run struct {
	Length  int
	Impls   []string
	Widths  []int   // output columns of each implementation
	Targets [][]int // per implementation column: feature column index, or -1 if another engine supplies it
	key     string
	columns [][]string // per implementation, its columns
	wins    [][]bool   // per implementation column: this run supplies it
}

// Collision is a column requested from several engine runs of one signal
// (§5.1 step 3); Winner supplies it.
type Collision struct {
	Cohort, Signal, Column string
	Winner                 string
	Losers                 []string
}

// claim is one requested engine's offer of a column.
type claim struct {
	name string
	pos  int // position in the signal's engine list
	run  runKey
}

type runKey struct {
	impl   string
	length int
}

// NewPlan builds the plan of m with the engines of cat.
func NewPlan(m *manifest.Manifest, cat Catalog) (*Plan, error) {
	p := &Plan{window: m.Window, global: map[string]int{}, signals: map[signalKey]*Signal{}}
	unknown := map[string]bool{}
	produced := map[string]bool{}
	for _, c := range m.Cohorts {
		for _, s := range c.Signals {
			sig, err := p.planSignal(c.Name, s, m, cat, unknown, produced)
			if err != nil {
				return nil, err
			}
			p.signals[signalKey{c.Name, s.ID}] = sig
		}
	}
	canonical := cat.CanonicalColumns()
	for _, col := range canonical {
		if produced[col] {
			p.Columns = append(p.Columns, col)
			delete(produced, col)
		}
	}
	if len(produced) > 0 {
		return nil, fmt.Errorf("engine catalog: columns %v are missing from the canonical column order", slices.Sorted(maps.Keys(produced)))
	}
	index := map[string]int{}
	for i, col := range p.Columns {
		index[col] = i
	}
	for _, sig := range p.signals {
		for r := range sig.Runs {
			sig.Runs[r].resolve(index)
		}
	}
	p.Unknown = slices.Sorted(maps.Keys(unknown))
	slices.SortFunc(p.Collisions, func(a, b Collision) int {
		return strings.Compare(a.Cohort+"\x00"+a.Signal+"\x00"+a.Column, b.Cohort+"\x00"+b.Signal+"\x00"+b.Column)
	})
	return p, nil
}

// resolve maps the run's winning columns to their schema indices.
func (r *Run) resolve(index map[string]int) {
	for i, cols := range r.columns {
		r.Targets[i] = make([]int, len(cols))
		for c, col := range cols {
			r.Targets[i][c] = -1
			if r.wins[i][c] {
				r.Targets[i][c] = index[col]
			}
		}
	}
}

// planSignal resolves one signal's engines: L_e (§4.3: per-signal
// override, else engine_windows, else W), the distinct runs, and which run
// supplies each column (§5.1 step 3).
func (p *Plan) planSignal(cohort string, s manifest.Signal, m *manifest.Manifest, cat Catalog,
	unknown, produced map[string]bool) (*Signal, error) {
	sig := &Signal{Cohort: cohort, ID: s.ID, LMax: m.Window}
	claims := map[string][]claim{}
	seen := map[string]bool{}
	for pos, name := range s.Engines {
		if seen[name] {
			continue
		}
		seen[name] = true
		spec, ok := cat.Lookup(name)
		if !ok {
			unknown[name] = true
			continue
		}
		length := m.Window
		if l, ok := m.EngineWindows[name]; ok {
			length = l
		}
		p.global[name] = length
		if l, ok := s.Overrides[name]; ok {
			length = l
			p.overrides = append(p.overrides, fmt.Sprintf("%s/%s:%s=%d", cohort, s.ID, name, l))
		}
		sig.LMax = max(sig.LMax, length)
		for _, col := range spec.Columns {
			claims[col] = append(claims[col], claim{name: name, pos: pos, run: runKey{spec.Impl, length}})
			produced[col] = true
		}
	}
	winners := map[string]runKey{}
	for col, cs := range claims {
		win := cs[len(cs)-1] // the later one in the manifest list
		for _, c := range cs {
			if c.name == col {
				win = c
			}
		}
		winners[col] = win.run
		var losers []string
		for _, c := range cs {
			if c.run != win.run {
				losers = append(losers, c.name)
			}
		}
		if len(losers) > 0 {
			p.Collisions = append(p.Collisions, Collision{Cohort: cohort, Signal: s.ID, Column: col, Winner: win.name, Losers: losers})
		}
	}
	return sig, sig.buildRuns(winners, cat)
}

// buildRuns groups the winning (implementation, length) pairs by length.
func (sig *Signal) buildRuns(winners map[string]runKey, cat Catalog) error {
	byLength := map[int][]string{}
	for _, rk := range winners {
		if !slices.Contains(byLength[rk.length], rk.impl) {
			byLength[rk.length] = append(byLength[rk.length], rk.impl)
		}
	}
	for _, length := range slices.Sorted(maps.Keys(byLength)) {
		impls := byLength[length]
		slices.Sort(impls)
		run := Run{Length: length, Impls: impls, key: strconv.Itoa(length) + ":" + strings.Join(impls, ",")}
		for _, impl := range impls {
			spec, ok := cat.Lookup(impl)
			if !ok || spec.Impl != impl {
				return fmt.Errorf("engine catalog: implementation %q is not a manifest name of itself", impl)
			}
			wins := make([]bool, len(spec.Columns))
			for c, col := range spec.Columns {
				wins[c] = winners[col] == (runKey{impl, length})
			}
			run.Widths = append(run.Widths, len(spec.Columns))
			run.columns = append(run.columns, spec.Columns)
			run.wins = append(run.wins, wins)
			run.Targets = append(run.Targets, nil)
		}
		sig.Runs = append(sig.Runs, run)
	}
	return nil
}

// Signal returns the plan of a manifest signal, or nil if the manifest
// does not list it with engines.
func (p *Plan) Signal(cohort, id string) *Signal { return p.signals[signalKey{cohort, id}] }

// EngineWindows describes the effective L_e of every engine name the
// manifest uses, "name=L" sorted by name, for the file metadata.
func (p *Plan) EngineWindows() string {
	var parts []string
	for _, name := range slices.Sorted(maps.Keys(p.global)) {
		parts = append(parts, fmt.Sprintf("%s=%d", name, p.global[name]))
	}
	return strings.Join(parts, ",")
}

// Overrides describes the per-signal engine window overrides,
// "cohort/signal:engine=L" sorted.
func (p *Plan) Overrides() string {
	o := slices.Clone(p.overrides)
	slices.Sort(o)
	return strings.Join(o, ",")
}

// LMax is the longest window any signal needs.
func (p *Plan) LMax() int {
	l := p.window
	for _, s := range p.signals {
		l = max(l, s.LMax)
	}
	return l
}
