package manifest

import (
	"errors"
	"fmt"
	"strings"

	"sp/lib/classify"
)

// Validate applies the checks of manifest.md §10 before anything is
// written, plus the grid guards: every problem is one error line.
func (m *Manifest) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	missing := []struct {
		key  string
		gone bool
	}{
		{"version", m.Version == ""},
		{"job_id", m.JobID == ""},
		{"paths", m.Paths == (Paths{})},
		{"summary", m.Summary == nil},
		{"cohorts", m.Cohorts == nil},
	}
	for _, k := range missing {
		if k.gone {
			bad("missing top-level key %q", k.key)
		}
	}
	for _, c := range m.Cohorts {
		for _, s := range c.Signals {
			where := fmt.Sprintf("cohorts.%s.%s", c.Name, s.ID)
			switch {
			case s.Engines == nil:
				bad("%s: missing engines", where)
			case s.Typology == nil:
				bad("%s: missing typology", where)
			case len(s.Typology.TemporalPattern) == 0:
				bad("%s: missing typology.temporal_pattern", where)
			case strings.EqualFold(s.Typology.TemporalPattern[0], classify.Constant):
				bad("%s: a CONSTANT signal belongs in skip_signals", where)
			}
		}
	}
	for _, e := range m.SkipSignals {
		if !strings.Contains(e, "/") {
			bad("skip_signals entry %q has no '/'", e)
		}
	}
	if m.System.Window < 1 || m.System.Stride < 1 || m.System.Stride > m.System.Window {
		bad("system window %d and stride %d: need 1 <= stride <= window", m.System.Window, m.System.Stride)
	}
	return errors.Join(errs...)
}
