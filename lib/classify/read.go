package classify

import (
	"fmt"
	"slices"
)

// RawFile is a typology_raw.parquet as read.
type RawFile struct {
	Rows []Raw
	// Missing lists columns the file lacks, read as null (typology.md §6.2).
	Missing []string
	// Derived lists extension columns the file lacks (a file written by the
	// reference), filled from n_samples and acf_half_life (§6.2).
	Derived []string
}

// ReadRaw reads and checks a typology_raw.parquet. signal_id and
// n_samples are required; every other missing column is read as null.
func ReadRaw(path string) (*RawFile, error) {
	t, err := OpenTable(path)
	if err != nil {
		return nil, err
	}
	defer t.Close()
	for _, name := range []string{colSignalID, colNSamples} {
		if !t.Has(name) {
			return nil, fmt.Errorf("%s: column %q is missing (is this a typology_raw.parquet?)", path, name)
		}
	}
	out := &RawFile{Rows: make([]Raw, t.Rows())}
	for _, c := range rawColumns {
		if !t.Has(c.name) {
			if c.name == colNAnalysis || c.name == colACFDecayed {
				out.Derived = append(out.Derived, c.name)
			} else if c.name != colCohort { // a file without cohorts is normal (typology.md §2.1)
				out.Missing = append(out.Missing, c.name)
			}
		}
		if err := readColumn(t, c, out.Rows); err != nil {
			return nil, err
		}
	}
	for i := range out.Rows {
		r := &out.Rows[i]
		r.DeriveExtensions(slices.Contains(out.Derived, colNAnalysis), slices.Contains(out.Derived, colACFDecayed))
		if err := r.Validate(); err != nil {
			return nil, fmt.Errorf("%s: row %s (signal %s): %w", path, numbered(i), r.Key(), err)
		}
	}
	return out, nil
}

// readColumn fills column c of every row. Nulls become NaN, false or, for
// the cohort, CohortNull; a null signal_id or count is an error. A missing
// n_analysis column is left for DeriveExtensions.
func readColumn(t *Table, c column, rows []Raw) error {
	switch c.kind {
	case kindString:
		col, err := t.Strings(c.name)
		if err != nil {
			return err
		}
		for i := range rows {
			v, ok := col.At(i)
			switch {
			case ok:
				*c.str(&rows[i]) = v
			case c.name == colCohort:
				rows[i].CohortNull = true
			default:
				return fmt.Errorf("%s: row %s: column %q is null", t.Path(), numbered(i), c.name)
			}
		}
	case kindInt:
		col, err := t.Ints(c.name)
		if err != nil {
			return err
		}
		for i := range rows {
			v, ok, err := col.At(i)
			switch {
			case err != nil:
				return fmt.Errorf("%s: row %s: %w", t.Path(), numbered(i), err)
			case ok:
				*c.int(&rows[i]) = v
			case c.name == colNAnalysis && !col.Present():
			default:
				return fmt.Errorf("%s: row %s: column %q is null", t.Path(), numbered(i), c.name)
			}
		}
	case kindFloat:
		col, err := t.Floats(c.name)
		if err != nil {
			return err
		}
		for i := range rows {
			*c.float(&rows[i]), _ = col.At(i)
		}
	case kindBool:
		col, err := t.Bools(c.name)
		if err != nil {
			return err
		}
		for i := range rows {
			*c.bool(&rows[i]), _ = col.At(i)
		}
	}
	return nil
}
