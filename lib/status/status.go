// Package status reports a run's progress from the files on disk (which
// outputs exist and are up to date, by the same graph as the Makefile)
// and from each partition's stage log (durations, rows, errors): the
// reference's --status, plus a JSON form for scripts and a live view to
// watch while make runs.
package status

import (
	"bufio"
	"os"
	"strings"
	"time"

	"sp/lib/ingest"
	"sp/lib/makefile"
	"sp/lib/partition"
	"sp/lib/stagelog"
)

// Overview is the whole status.
type Overview struct {
	Config         string      `json:"config"`
	ConfigChanged  bool        `json:"config_changed_since_plan"`
	Output         string      `json:"output"`
	Started        *time.Time  `json:"started,omitempty"`
	Updated        *time.Time  `json:"updated,omitempty"`
	Bootstrap      string      `json:"bootstrap_partition,omitempty"`
	Partitions     int         `json:"partitions"`
	RawFiles       int         `json:"raw_files"`
	Ingested       int         `json:"ingested"`
	Typed          int         `json:"typed"`
	Computed       int         `json:"computed"`
	Reported       int         `json:"reported"`
	Errors         int         `json:"errors"`
	SkippedFiles   int         `json:"skipped_files"`
	IngestSeconds  float64     `json:"ingest_seconds"`
	ComputeSeconds float64     `json:"compute_seconds"`
	SkipManifold   bool        `json:"skip_manifold"`
	Rows           []Partition `json:"partitions_detail"`
}

// Partition is one row of the per-partition table.
type Partition struct {
	Name         string               `json:"partition"`
	Files        int                  `json:"files"`
	Ingested     bool                 `json:"ingested"`
	Rows         int64                `json:"rows"`
	Typed        bool                 `json:"typed"`
	Computed     bool                 `json:"computed"`
	Reported     bool                 `json:"reported"`
	Error        string               `json:"error,omitempty"`
	SkippedFiles []ingest.SkippedFile `json:"skipped_files,omitempty"`
}

// Done reports whether every partition finished what `all` asks for.
func (o *Overview) Done() bool {
	last := o.Computed
	if o.SkipManifold {
		last = o.Typed
	}
	return o.Partitions > 0 && last == o.Partitions && o.Reported == o.Partitions
}

// Collect builds the overview of a planned run. makefilePath, if the
// Makefile exists there, lets it tell whether the config changed since
// the plan.
func Collect(plan *partition.Plan, configPath, makefilePath string) (*Overview, error) {
	cfg := plan.Config
	o := &Overview{Config: configPath, Output: plan.Layout.Out, Partitions: len(plan.Partitions),
		RawFiles: plan.RawFiles(), SkipManifold: cfg.Compute.SkipManifold}
	if cfg.Bootstrap.ReuseTypology && len(plan.Partitions) > 0 {
		o.Bootstrap = plan.Partitions[0].Name
	}
	o.ConfigChanged = configChanged(configPath, makefilePath)
	fresh := newFreshness()
	for i := range plan.Partitions {
		for _, t := range plan.Targets(i) {
			fresh.targets[t.Path] = t
		}
	}
	for i, q := range plan.Partitions {
		row := Partition{Name: q.Name, Files: len(q.Files)}
		done := map[string]bool{}
		for _, t := range plan.Targets(i) {
			done[t.Stage] = fresh.upToDate(t.Path)
		}
		row.Ingested, row.Typed = done[partition.StageIngest], done[partition.StageManifest]
		row.Computed, row.Reported = done[partition.StageManifold], done[partition.StageSQL]
		records, err := stagelog.Read(plan.Layout.StageLog(q.Name))
		if err != nil {
			return nil, err
		}
		o.addRecords(&row, records, done)
		if rep, err := ingest.ReadReport(plan.Layout.IngestReport(q.Name)); err == nil && row.Ingested {
			row.SkippedFiles = rep.SkippedFiles
			row.Rows = rep.Rows
		}
		o.count(row)
		o.Rows = append(o.Rows, row)
	}
	return o, nil
}

func (o *Overview) addRecords(row *Partition, records []stagelog.Record, done map[string]bool) {
	for _, r := range records {
		start, end := r.Start, r.Start.Add(time.Duration(r.Seconds*float64(time.Second)))
		if o.Started == nil || start.Before(*o.Started) {
			o.Started = &start
		}
		if o.Updated == nil || end.After(*o.Updated) {
			o.Updated = &end
		}
	}
	for _, stage := range []string{partition.StageIngest, partition.StageTypology, partition.StageClassify,
		partition.StageManifest, partition.StageManifold, partition.StageSQL} {
		r, ok := stagelog.Last(records, stage)
		if !ok {
			continue
		}
		switch {
		case stage == partition.StageIngest && done[stage]:
			o.IngestSeconds += r.Seconds
		case stage == partition.StageManifold && done[stage]:
			o.ComputeSeconds += r.Seconds
		}
		if r.Exit != 0 && !done[stage] && row.Error == "" {
			row.Error = stage + ": " + r.Error
		}
	}
}

func (o *Overview) count(row Partition) {
	for _, c := range []struct {
		ok bool
		n  *int
	}{{row.Ingested, &o.Ingested}, {row.Typed, &o.Typed}, {row.Computed, &o.Computed}, {row.Reported, &o.Reported}} {
		if c.ok {
			*c.n++
		}
	}
	if row.Error != "" {
		o.Errors++
	}
	o.SkippedFiles += len(row.SkippedFiles)
}

// configChanged compares the config's hash with the one the Makefile
// recorded when it was planned.
func configChanged(configPath, makefilePath string) bool {
	f, err := os.Open(makefilePath)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for i := 0; i < 10 && sc.Scan(); i++ {
		if recorded, ok := strings.CutPrefix(sc.Text(), makefile.ConfigHashLine); ok {
			now, err := makefile.ConfigHash(configPath)
			return err == nil && now != recorded
		}
	}
	return false
}

// freshness decides, like make, whether a target is up to date: it exists,
// its prerequisites exist and are up to date, and none is newer.
type freshness struct {
	targets map[string]partition.Target
	mtimes  map[string]time.Time
	exists  map[string]bool
	fresh   map[string]bool
}

func newFreshness() *freshness {
	return &freshness{targets: map[string]partition.Target{}, mtimes: map[string]time.Time{},
		exists: map[string]bool{}, fresh: map[string]bool{}}
}

func (f *freshness) stat(path string) (time.Time, bool) {
	if ok, seen := f.exists[path]; seen {
		return f.mtimes[path], ok
	}
	st, err := os.Stat(path)
	if err == nil {
		f.mtimes[path] = st.ModTime()
	}
	f.exists[path] = err == nil
	return f.mtimes[path], err == nil
}

func (f *freshness) upToDate(path string) bool {
	if v, seen := f.fresh[path]; seen {
		return v
	}
	mt, ok := f.stat(path)
	if ok {
		for _, d := range f.targets[path].Deps {
			dt, exists := f.stat(d)
			_, isTarget := f.targets[d]
			if !exists || dt.After(mt) || (isTarget && !f.upToDate(d)) {
				ok = false
				break
			}
		}
	}
	f.fresh[path] = ok
	return ok
}
