package manifest

import (
	"fmt"
	"slices"
	"strings"

	"sp/lib/classify"
)

// Manifest is the content of manifest.yaml (manifest.md §8). The fixed
// blocks (params, pair lists, atlas) are written by Encode; atlas and the
// intervention block follow Intervention.
type Manifest struct {
	Version       string
	JobID         string
	Generator     string
	Paths         Paths
	System        Grid
	EngineWindows []EngineWindow
	Summary       *Summary
	Cohorts       []Cohort // sorted by name; nil is "missing" for Validate
	SkipSignals   []string // "<cohort>/<signal_id>" of CONSTANT signals
	Intervention  *Intervention
}

// Paths are relative to the manifest's folder, with '/' separators (§12).
type Paths struct{ Observations, Typology, OutputDir string }

// Summary is §8.3 (the constant parts are written by Encode).
type Summary struct {
	TotalSignals, TotalCohorts, ActiveSignals, ConstantSignals int
	SignalEngines                                              []string // sorted union
}

// Cohort holds the signal entries of one cohort, sorted by signal id; a
// cohort whose signals are all CONSTANT has none (D16).
type Cohort struct {
	Name    string
	Signals []*Signal
}

// Signal is one entry cohorts.<cohort>.<signal_id> (§8.5).
type Signal struct {
	ID                    string
	Engines               []string
	WindowSize            int64
	WindowMethod          string
	WindowConfidence      string
	Stride                int64
	DerivativeDepth       int
	EigenvalueBudget      int
	WindowFactor          float64
	Typology              *Typology
	Visualizations        []string
	OutputHints           OutputHints
	EngineWindowOverrides []EngineWindow
	IsDiscreteSparse      bool
}

// Typology is the echoed classification (§8.6).
type Typology struct {
	TemporalPattern          []string
	TemporalPrimary          string
	TemporalSecondary        string // "" is null
	ClassificationConfidence string
	Spectral                 string
}

// OutputHints are §5.6: Spectral is "", "per_bin" or "summary".
type OutputHints struct {
	Spectral  string
	Harmonics bool
}

// Intervention is the optional intervention mode (§6.5).
type Intervention struct {
	EventIndex  int64  // ≥ 1 (D26)
	PreSamples  int64  // default EventIndex
	PostSamples *int64 // nil is null
}

// eigenvalueBudget is the constant the reference writes (§8.5).
const eigenvalueBudget = 5

// Options are the run's settings besides the typology rows.
type Options struct {
	JobID        string
	Paths        Paths
	Grid         Grid          // compute.window / compute.stride; zero = from the typology
	Intervention *Intervention // nil: off
}

// Build turns typology rows into a manifest (manifest.md §3 steps 1–7).
// Warnings say what the caller should print (grid capped, ambiguous skip
// entries); nothing is printed here.
func Build(rows []Row, opt Options) (*Manifest, []string, error) {
	if len(rows) == 0 {
		return nil, nil, fmt.Errorf("no signals: the typology has no rows (D17)")
	}
	if iv := opt.Intervention; iv != nil && (iv.EventIndex < 1 || iv.PreSamples < 0 || (iv.PostSamples != nil && *iv.PostSamples < 0)) {
		return nil, nil, &ConfigError{fmt.Sprintf("intervention event index %d must be at least 1 and sample counts non-negative (D26)", iv.EventIndex)}
	}
	if err := checkUTF8(map[string]string{"job_id": opt.JobID, "observations path": opt.Paths.Observations,
		"typology path": opt.Paths.Typology, "output_dir path": opt.Paths.OutputDir}); err != nil {
		return nil, nil, err
	}
	inputs, err := normaliseAll(rows)
	if err != nil {
		return nil, nil, err
	}
	m := &Manifest{Version: Version, JobID: opt.JobID, Generator: Generator, Paths: opt.Paths,
		EngineWindows: globalEngineWindows(), SkipSignals: []string{}, Cohorts: []Cohort{},
		Intervention: opt.Intervention}
	var warnings []string
	var active []*Signal
	engineSet := map[string]bool{}
	for _, in := range inputs {
		r := in.row
		if len(m.Cohorts) == 0 || m.Cohorts[len(m.Cohorts)-1].Name != r.Cohort {
			m.Cohorts = append(m.Cohorts, Cohort{Name: r.Cohort, Signals: []*Signal{}})
		}
		if in.primary() == classify.Constant {
			m.SkipSignals = append(m.SkipSignals, r.Key())
			if strings.Contains(r.Cohort, "/") {
				warnings = append(warnings, fmt.Sprintf("skip_signals entry %q is ambiguous: cohort %q contains '/'", r.Key(), r.Cohort))
			}
			continue
		}
		s := signalEntry(in, opt.Intervention)
		c := &m.Cohorts[len(m.Cohorts)-1]
		c.Signals = append(c.Signals, s)
		active = append(active, s)
		for _, e := range s.Engines {
			engineSet[e] = true
		}
	}
	grid, gw, err := systemGrid(active, opt.Intervention != nil, opt.Grid)
	if err != nil {
		return nil, nil, err
	}
	m.System = grid
	warnings = append(warnings, gw...)
	engines := make([]string, 0, len(engineSet))
	for e := range engineSet {
		engines = append(engines, e)
	}
	slices.Sort(engines)
	m.Summary = &Summary{TotalSignals: len(rows), TotalCohorts: len(m.Cohorts), ActiveSignals: len(active),
		ConstantSignals: len(m.SkipSignals), SignalEngines: engines}
	return m, warnings, nil
}

// normaliseAll normalises the rows, refuses duplicates (D18) and sorts by
// (cohort, signal_id) byte-wise (D13a).
func normaliseAll(rows []Row) ([]*signalInput, error) {
	inputs := make([]*signalInput, len(rows))
	seen := make(map[[2]string]int, len(rows))
	for i := range rows {
		r := &rows[i]
		key := [2]string{r.Cohort, r.SignalID}
		if j, dup := seen[key]; dup {
			return nil, fmt.Errorf("rows %d and %d are both signal %s (D18)", j+1, i+1, r.Key())
		}
		seen[key] = i
		in, err := normalise(r)
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", i+1, err)
		}
		inputs[i] = in
	}
	slices.SortFunc(inputs, func(a, b *signalInput) int {
		if c := strings.Compare(a.row.Cohort, b.row.Cohort); c != 0 {
			return c
		}
		return strings.Compare(a.row.SignalID, b.row.SignalID)
	})
	return inputs, nil
}

// signalEntry builds the entry of an active signal (§5, §6, §8.5).
func signalEntry(in *signalInput, intervention *Intervention) *Signal {
	w := windowFor(in)
	s := &Signal{
		ID:               in.row.SignalID,
		Engines:          merge(baseEngines, engineAdjustments, in.labels),
		WindowSize:       w.window,
		WindowMethod:     w.method,
		WindowConfidence: w.confidence,
		Stride:           w.stride,
		DerivativeDepth:  w.depth,
		EigenvalueBudget: eigenvalueBudget,
		WindowFactor:     windowFactor(in.row),
		Typology: &Typology{TemporalPattern: in.labels, TemporalPrimary: in.primary(),
			TemporalSecondary: in.secondary, ClassificationConfidence: in.confidence, Spectral: in.spectral},
		Visualizations:   merge(baseVisualizations, visualizationAdjustments, in.labels),
		OutputHints:      hintsFor(in),
		IsDiscreteSparse: classify.IsDiscreteSparse(in.primary()),
	}
	if intervention != nil { // §6.5: one full-span window per signal
		n := max(1, in.n)
		s.WindowSize, s.Stride = n, n
		s.WindowMethod, s.WindowConfidence = MethodIntervention, ConfidenceHigh
	} else {
		s.EngineWindowOverrides = overridesFor(s.Engines, s.WindowSize)
	}
	return s
}

// hintsFor is §5.6.
func hintsFor(in *signalInput) OutputHints {
	var h OutputHints
	switch in.primary() {
	case classify.Periodic, classify.QuasiPeriodic:
		h.Spectral = "per_bin"
	case classify.Trending:
		h.Spectral = "summary"
	}
	h.Harmonics = in.spectral == classify.Harmonic
	return h
}
