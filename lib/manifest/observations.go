package manifest

import (
	"sp/lib/obs"
)

// CompareObservations lists the signals of the observations file that the
// typology lacks (with bootstrap reuse the first partition's typology
// stands for every partition, so these are not computed; pipeline.md §5)
// and the typology's signals that have no rows in the observations
// (D15, optional check). Names are "cohort/signal_id", or "signal_id"
// without cohort; a null cohort counts as "" (D14). Only the file's
// footer is read for files written by sp-ingest.
func CompareObservations(path string, rows []Row) (notInTypology, notInObservations []string, err error) {
	r, err := obs.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer r.Close()
	name := func(cohort, id string) string { return obs.Key{Cohort: cohort, SignalID: id}.String() }
	inTypology := make(map[[2]string]bool, len(rows))
	for _, row := range rows {
		inTypology[[2]string{row.Cohort, row.SignalID}] = true
	}
	inObservations := map[[2]string]bool{}
	for _, s := range r.Signals() { // sorted: the warning lists them in order
		key := [2]string{s.Cohort, s.SignalID}
		if inObservations[key] {
			continue // a null cohort and "" are one cohort here
		}
		inObservations[key] = true
		if !inTypology[key] {
			notInTypology = append(notInTypology, name(s.Cohort, s.SignalID))
		}
	}
	for _, in := range sortedRows(rows) {
		if !inObservations[[2]string{in.Cohort, in.SignalID}] {
			notInObservations = append(notInObservations, name(in.Cohort, in.SignalID))
		}
	}
	return notInTypology, notInObservations, nil
}
