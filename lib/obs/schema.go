package obs

import (
	"cmp"
	"strings"
)

// Column names of the canonical schema.
const (
	ColCohort   = "cohort"
	ColSignalID = "signal_id"
	ColSignal0  = "signal_0"
	ColValue    = "value"
)

// Key names one signal. A null cohort (possible only in files not written
// by sp-ingest) is kept apart from the empty string so that stages which
// must distinguish them can; most stages read it as "".
type Key struct {
	Cohort     string
	NullCohort bool
	SignalID   string
}

func (k Key) String() string {
	if k.NullCohort {
		return "(null)/" + k.SignalID
	}
	if k.Cohort == "" {
		return k.SignalID
	}
	return k.Cohort + "/" + k.SignalID
}

// Compare orders keys as every stage emits rows: null cohort first, then
// cohort byte-wise, then signal_id byte-wise.
func (k Key) Compare(o Key) int {
	if k.NullCohort != o.NullCohort {
		if k.NullCohort {
			return -1
		}
		return 1
	}
	if c := strings.Compare(k.Cohort, o.Cohort); c != 0 {
		return c
	}
	return cmp.Compare(k.SignalID, o.SignalID)
}

// metaLayout is the footer key/value by which sp-ingest declares that every
// row group holds one signal whose signal_0 runs min, min+1, ..., max in row
// order, which lets the reader skip decoding the signal_0 column.
const (
	metaLayout       = "sp.layout"
	layoutContiguous = "signal-per-row-group/contiguous-signal_0"
)
