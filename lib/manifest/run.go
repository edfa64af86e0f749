package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"sp/lib/atomicfile"
)

// Config is one run of the stage: paths as given on the command line.
type Config struct {
	Typology     string // input typology.parquet
	Output       string // manifest.yaml to write
	Observations string // must exist (D15)
	OutputDir    string // where the compute stage writes
	JobID        string // "" = name of the manifest's folder
	Grid         Grid   // compute.window / compute.stride overrides; zero = unset
	Intervention *Intervention
}

// Result is what a run produced, for the summary and the stage log.
type Result struct {
	Rows              int
	Manifest          *Manifest
	Warnings          []string
	NotInTypology     []string // signals of the observations the typology lacks
	NotInObservations []string // typology signals without observations
}

// Run does the whole stage (manifest.md §3): read, build, compare with the
// observations, validate, write atomically. On any error nothing is
// written.
func Run(cfg Config) (Result, error) {
	var res Result
	if err := atomicfile.RemoveStale(cfg.Output); err != nil {
		return res, err
	}
	st, err := os.Stat(cfg.Observations)
	if err != nil {
		return res, fmt.Errorf("observations: %w (the manifest must name an existing file, manifest.md §2.2)", err)
	}
	if st.IsDir() {
		return res, fmt.Errorf("observations: %s is a folder, not a parquet file", cfg.Observations)
	}
	rows, defaulted, err := ReadTypology(cfg.Typology)
	if err != nil {
		return res, err
	}
	if len(defaulted) > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s lacks %s: the defaults of manifest.md §2.1 apply (STATIONARY, 1000 samples)",
			cfg.Typology, strings.Join(defaulted, " and ")))
	}
	res.Rows = len(rows)
	dir := filepath.Dir(cfg.Output)
	opt := Options{JobID: cfg.JobID, Grid: cfg.Grid, Intervention: cfg.Intervention}
	if opt.JobID == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return res, err
		}
		opt.JobID = filepath.Base(abs)
	}
	for _, p := range []struct {
		dst  *string
		path string
	}{{&opt.Paths.Observations, cfg.Observations}, {&opt.Paths.Typology, cfg.Typology}, {&opt.Paths.OutputDir, cfg.OutputDir}} {
		rel, warning, err := RelPath(dir, p.path)
		if err != nil {
			return res, err
		}
		*p.dst = rel
		if warning != "" {
			res.Warnings = append(res.Warnings, warning)
		}
	}
	m, warnings, err := Build(rows, opt)
	if err != nil {
		return res, fmt.Errorf("%s: %w", cfg.Typology, err)
	}
	res.Manifest = m
	res.Warnings = append(res.Warnings, warnings...)
	if res.NotInTypology, res.NotInObservations, err = CompareObservations(cfg.Observations, rows); err != nil {
		return res, err
	}
	if len(res.NotInTypology) > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s holds %s that %s lacks, which will not be computed: %s",
			cfg.Observations, Count(len(res.NotInTypology), "signal"), cfg.Typology, strings.Join(res.NotInTypology, ", ")))
	}
	if len(res.NotInObservations) > 0 {
		res.Warnings = append(res.Warnings, fmt.Sprintf("%s has no rows for %s of %s: %s",
			cfg.Observations, Count(len(res.NotInObservations), "signal"), cfg.Typology, strings.Join(res.NotInObservations, ", ")))
	}
	return res, m.Write(cfg.Output)
}

// Write validates the manifest and writes it to path atomically, creating
// the folder if needed; an invalid manifest writes nothing (§3 step 8).
func (m *Manifest) Write(path string) error {
	if err := m.Validate(); err != nil {
		return fmt.Errorf("%s: invalid manifest:\n%w", path, err)
	}
	data, err := m.Encode()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data)
}

// sortedRows returns the rows in (cohort, signal_id) order.
func sortedRows(rows []Row) []Row {
	out := slices.Clone(rows)
	slices.SortFunc(out, func(a, b Row) int {
		if c := strings.Compare(a.Cohort, b.Cohort); c != 0 {
			return c
		}
		return strings.Compare(a.SignalID, b.SignalID)
	})
	return out
}

// Count renders "1 signal", "2 signals".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
