package ingest

import (
	"path/filepath"
	"slices"
	"strings"

	"sp/lib/config"
	"sp/lib/matfile"
)

// Converter holds the converter.* settings.
type Converter struct {
	SignalKeys   []string // keep only these variables or signals (empty: all)
	ExcludeKeys  []string // drop these variables or signals
	CohortFrom   string   // config | filename | parent
	CohortValue  string
	Layout       matfile.Layout
	SamplingRate float64
}

// ConverterFrom reads the converter settings of a config.
func ConverterFrom(cfg *config.Config) (Converter, error) {
	layout, err := matfile.ParseLayout(cfg.Converter.Matrix)
	if err != nil {
		return Converter{}, err
	}
	c := cfg.Converter
	return Converter{SignalKeys: c.SignalKeys, ExcludeKeys: c.ExcludeKeys, CohortFrom: c.CohortFrom,
		CohortValue: c.CohortValue, Layout: layout, SamplingRate: c.SamplingRate}, nil
}

// Cohort returns the cohort of a raw file. With cohort_from config and no
// cohort_value the cohort is "" (pipeline.md §4); the reference fell back
// to the file name there, which made every file a cohort of its own.
func (c Converter) Cohort(path string) string {
	switch c.CohortFrom {
	case "filename":
		base := filepath.Base(path)
		return strings.TrimSuffix(base, filepath.Ext(base))
	case "parent":
		return filepath.Base(filepath.Dir(path))
	}
	return c.CohortValue
}

// order returns vars in the reference converter's order: the order of
// converter.signal_keys when it is given, else sorted by name.
func (c Converter) order(vars []*matfile.Var) []*matfile.Var {
	rank := func(v *matfile.Var) int {
		for i, k := range c.SignalKeys {
			if k == v.Name || strings.HasPrefix(k, v.Name+"_") {
				return i
			}
		}
		return len(c.SignalKeys)
	}
	out := slices.Clone(vars)
	slices.SortStableFunc(out, func(a, b *matfile.Var) int {
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out
}

// variableSkip says why a variable is not read, "" if it is. A key may
// name a variable or one of its column signals (name_3), so a variable is
// read if its name or any column of it is wanted.
func (c Converter) variableSkip(v *matfile.Var) string {
	if v.Skip != "" {
		return v.Skip
	}
	if slices.Contains(c.ExcludeKeys, v.Name) {
		return "listed in converter.exclude_keys"
	}
	if len(c.SignalKeys) == 0 || slices.Contains(c.SignalKeys, v.Name) {
		return ""
	}
	for _, k := range c.SignalKeys {
		if strings.HasPrefix(k, v.Name+"_") {
			return ""
		}
	}
	return "not listed in converter.signal_keys"
}

// signalSkip says why one signal of a read variable is dropped, "" if kept.
func (c Converter) signalSkip(varName, signal string) string {
	if signal != varName && slices.Contains(c.ExcludeKeys, signal) {
		return "listed in converter.exclude_keys"
	}
	if len(c.SignalKeys) == 0 || slices.Contains(c.SignalKeys, varName) || slices.Contains(c.SignalKeys, signal) {
		return ""
	}
	return "not listed in converter.signal_keys"
}
