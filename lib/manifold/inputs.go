package manifold

import (
	"fmt"
	"slices"
	"strings"

	pqfile "github.com/apache/arrow-go/v18/parquet/file"

	"sp/lib/manifold/features"
	"sp/lib/manifold/manifest"
	"sp/lib/obs"
)

// cohortJob is one cohort's active signals, in signal_id order.
type cohortJob struct {
	name    string
	signals []*signalJob
}

// signalJob is one (cohort, signal) to compute.
type signalJob struct {
	id      string
	key     obs.Key // in the partition's file
	plan    *features.Signal
	overlap []float64 // values of the overlap samples: positions 0..len-1
	rows    int64     // rows in the partition's file (footer count)
}

// keyMap finds a file's signals by manifest (cohort, signal_id).
type keyMap map[[2]string]obs.Key

// mapKeys reads which (cohort, signal_id) of the manifest each signal of
// the file is. A null cohort reads as ""; a file without a cohort column
// belongs to the manifest's only cohort (manifold.md §1.2).
func mapKeys(r *obs.Reader, m *manifest.Manifest) (keyMap, error) {
	hasCohort, err := hasCohortColumn(r.Path())
	if err != nil {
		return nil, err
	}
	if !hasCohort && len(m.Cohorts) > 1 {
		return nil, fmt.Errorf("%s has no cohort column, but manifest %s has %d cohorts: cannot tell which rows belong to which",
			r.Path(), m.File, len(m.Cohorts))
	}
	keys := keyMap{}
	for _, s := range r.Signals() {
		cohort := s.Cohort
		if !hasCohort && len(m.Cohorts) == 1 {
			cohort = m.Cohorts[0].Name
		}
		k := [2]string{cohort, s.SignalID}
		if prev, dup := keys[k]; dup {
			return nil, fmt.Errorf("%s: signal %q appears with both a null and an empty cohort (%s, %s)", r.Path(), s.SignalID, prev, s.Key)
		}
		keys[k] = s.Key
	}
	return keys, nil
}

func hasCohortColumn(path string) (bool, error) {
	f, err := pqfile.OpenParquetFile(path, false)
	if err != nil {
		return false, fmt.Errorf("%s: not a readable parquet file: %w", path, err)
	}
	defer f.Close()
	return f.MetaData().Schema.ColumnIndexByName(obs.ColCohort) >= 0, nil
}

// jobs lists the cohorts and signals to compute: manifest signals with
// engines and with rows in the partition's file (manifold.md §3 step 1).
func (r *runner) jobs() ([]*cohortJob, error) {
	keys, err := mapKeys(r.in, r.opt.Manifest)
	if err != nil {
		return nil, err
	}
	rows := map[obs.Key]int64{}
	for _, s := range r.in.Signals() {
		rows[s.Key] = s.Rows
	}
	var missing []string
	var out []*cohortJob
	for _, c := range r.opt.Manifest.Cohorts {
		job := &cohortJob{name: c.Name}
		for _, s := range c.Signals {
			key, ok := keys[[2]string{c.Name, s.ID}]
			if !ok {
				missing = append(missing, c.Name+"/"+s.ID)
				continue
			}
			job.signals = append(job.signals, &signalJob{id: s.ID, key: key, plan: r.plan.Signal(c.Name, s.ID),
				rows: rows[key]})
		}
		if len(job.signals) > 0 {
			out = append(out, job)
		}
	}
	r.count("signals_missing", int64(len(missing)))
	if len(missing) > 0 {
		r.warnf("%d manifest signal(s) have no rows in %s and produce nothing: %s", len(missing), r.in.Path(), listSome(missing))
	}
	if err := r.loadOverlap(out); err != nil {
		return nil, err
	}
	return out, nil
}

// loadOverlap reads, for every signal to compute, the last Overlap samples
// of the same (cohort, signal) in the previous partition's file (pipeline.md
// §7 item 3): a signal absent there gets none.
func (r *runner) loadOverlap(jobs []*cohortJob) error {
	if r.prev == nil {
		return nil
	}
	keys, err := mapKeys(r.prev, r.opt.Manifest)
	if err != nil {
		return err
	}
	var absent []string
	for _, c := range jobs {
		for _, s := range c.signals {
			key, ok := keys[[2]string{c.name, s.id}]
			if !ok {
				absent = append(absent, c.name+"/"+s.id)
				continue
			}
			err := r.prev.ReadTail(key, int64(r.opt.Overlap), func(ch obs.Chunk) error {
				s.overlap = append(s.overlap, ch.Value...)
				return nil
			})
			if err != nil {
				return err
			}
		}
	}
	r.count("signals_without_overlap", int64(len(absent)))
	if len(absent) > 0 {
		r.warnf("%d signal(s) are absent from the previous partition %s and get no overlap: %s", len(absent), r.prev.Path(), listSome(absent))
	}
	return nil
}

// listSome joins up to ten names and says how many more there are.
func listSome(names []string) string {
	names = slices.Clone(names)
	more := ""
	if len(names) > 10 {
		more = fmt.Sprintf(" and %d more", len(names)-10)
		names = names[:10]
	}
	return strings.Join(names, ", ") + more
}
