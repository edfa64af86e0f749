package classify

import "sort"

// Summary tells what a run of stage 3 did.
type Summary struct {
	Rows     int
	Missing  []string       // input columns read as null
	Derived  []string       // extension columns derived (reference input)
	Patterns map[string]int // rows per temporal primary
}

// Run classifies the typology_raw.parquet at in and writes
// typology.parquet at out (typology.md §6).
func Run(in, out string) (Summary, error) {
	raw, err := ReadRaw(in)
	if err != nil {
		return Summary{}, err
	}
	classes := make([]Class, len(raw.Rows))
	sum := Summary{Rows: len(raw.Rows), Missing: raw.Missing, Derived: raw.Derived, Patterns: map[string]int{}}
	for i, r := range raw.Rows {
		classes[i] = Classify(r)
		sum.Patterns[classes[i].TemporalPrimary]++
	}
	return sum, Write(out, raw.Rows, classes)
}

// PatternCounts lists Patterns as "LABEL n" pairs in label order.
func (s Summary) PatternCounts() []LabelCount {
	out := make([]LabelCount, 0, len(s.Patterns))
	for l, n := range s.Patterns {
		out = append(out, LabelCount{l, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}

// LabelCount is a label and how many rows have it.
type LabelCount struct {
	Label string
	Rows  int
}
