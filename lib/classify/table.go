package classify

import (
	"fmt"
	"math"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"sp/lib/table"
)

// Table is a typology_raw.parquet or typology.parquet file loaded for
// reading by column. It accepts the types other writers use for the same
// data (pandas, DuckDB, the reference): any integer or float width for
// numbers, plain, large, view or dictionary-encoded strings, integer
// cohorts (rendered in decimal), a plain string where a list of labels is
// expected, and all-null columns of arrow's null type.
type Table struct {
	path  string
	tbl   arrow.Table
	owned []arrow.Array
}

// OpenTable reads the whole file (one row per signal: small).
func OpenTable(path string) (*Table, error) {
	tbl, err := table.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &Table{path: path, tbl: tbl}, nil
}

// Close releases the arrays.
func (t *Table) Close() {
	for _, a := range t.owned {
		a.Release()
	}
	t.owned = nil
	t.tbl.Release()
}

// Path of the file.
func (t *Table) Path() string { return t.path }

// Rows in the file.
func (t *Table) Rows() int { return int(t.tbl.NumRows()) }

// Has reports whether the file has the column.
func (t *Table) Has(name string) bool { return len(t.tbl.Schema().FieldIndices(name)) > 0 }

// array returns the column as one array (chunks concatenated), or nil if
// the file lacks it.
func (t *Table) array(name string) (arrow.Array, error) {
	arr, err := table.Array(t.path, t.tbl, name)
	if arr != nil {
		t.owned = append(t.owned, arr)
	}
	return arr, err
}

func (t *Table) typeError(name string, a arrow.Array, want string) error {
	return fmt.Errorf("%s: column %q has type %s; want %s", t.path, name, a.DataType(), want)
}

// Floats reads a numeric column as float64.
type Floats struct{ at func(int) (float64, bool) }

// Present reports whether the file has the column.
func (c Floats) Present() bool { return c.at != nil }

// At returns row i and whether it is non-null; NaN and false for a null
// or a missing column.
func (c Floats) At(i int) (float64, bool) {
	if c.at == nil {
		return math.NaN(), false
	}
	v, ok := c.at(i)
	if !ok {
		return math.NaN(), false
	}
	return v, true
}

// Floats returns the column name as float64 values.
func (t *Table) Floats(name string) (Floats, error) {
	a, err := t.array(name)
	if err != nil || a == nil {
		return Floats{}, err
	}
	if at := numberGetter(a); at != nil {
		return Floats{at}, nil
	}
	return Floats{}, t.typeError(name, a, "a number")
}

type valuer[T any] interface {
	Value(int) T
	IsValid(int) bool
}

type number interface {
	~int8 | ~int16 | ~int32 | ~int64 | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~float32 | ~float64
}

func floatsOf[T number](a valuer[T]) func(int) (float64, bool) {
	return func(i int) (float64, bool) { return float64(a.Value(i)), a.IsValid(i) }
}

func numberGetter(a arrow.Array) func(int) (float64, bool) {
	switch a := a.(type) {
	case *array.Float64:
		return floatsOf[float64](a)
	case *array.Float32:
		return floatsOf[float32](a)
	case *array.Int64:
		return floatsOf[int64](a)
	case *array.Int32:
		return floatsOf[int32](a)
	case *array.Int16:
		return floatsOf[int16](a)
	case *array.Int8:
		return floatsOf[int8](a)
	case *array.Uint64:
		return floatsOf[uint64](a)
	case *array.Uint32:
		return floatsOf[uint32](a)
	case *array.Uint16:
		return floatsOf[uint16](a)
	case *array.Uint8:
		return floatsOf[uint8](a)
	case *array.Null:
		return func(int) (float64, bool) { return 0, false }
	}
	return nil
}

// Ints reads an integer column as int64.
type Ints struct {
	name string
	at   func(int) (float64, bool)
}

// Present reports whether the file has the column.
func (c Ints) Present() bool { return c.at != nil }

// At returns row i and whether it is non-null; a float that is not an
// integer within int64 range is an error.
func (c Ints) At(i int) (int64, bool, error) {
	if c.at == nil {
		return 0, false, nil
	}
	v, ok := c.at(i)
	if !ok {
		return 0, false, nil
	}
	if v != math.Trunc(v) || math.Abs(v) >= 1<<63 { // also NaN and ±Inf
		return 0, false, fmt.Errorf("column %q: %v is not an integer", c.name, v)
	}
	return int64(v), true, nil
}

// Ints returns the column name as int64 values. Integer columns wider
// than 2^53 lose nothing in practice: these are sample counts.
func (t *Table) Ints(name string) (Ints, error) {
	a, err := t.array(name)
	if err != nil || a == nil {
		return Ints{name: name}, err
	}
	if at := numberGetter(a); at != nil {
		return Ints{name: name, at: at}, nil
	}
	return Ints{}, t.typeError(name, a, "an integer")
}

// Bools reads a boolean column.
type Bools struct{ at func(int) (bool, bool) }

// Present reports whether the file has the column.
func (c Bools) Present() bool { return c.at != nil }

// At returns row i and whether it is non-null; false for a null or a
// missing column.
func (c Bools) At(i int) (bool, bool) {
	if c.at == nil {
		return false, false
	}
	v, ok := c.at(i)
	return v && ok, ok
}

// Bools returns the column name as booleans.
func (t *Table) Bools(name string) (Bools, error) {
	a, err := t.array(name)
	if err != nil || a == nil {
		return Bools{}, err
	}
	switch a := a.(type) {
	case *array.Boolean:
		return Bools{func(i int) (bool, bool) { return a.Value(i), a.IsValid(i) }}, nil
	case *array.Null:
		return Bools{func(int) (bool, bool) { return false, false }}, nil
	}
	return Bools{}, t.typeError(name, a, "a boolean")
}

// Strings reads a string column.
type Strings struct{ at func(int) (string, bool) }

// Present reports whether the file has the column.
func (c Strings) Present() bool { return c.at != nil }

// At returns row i and whether it is non-null.
func (c Strings) At(i int) (string, bool) {
	if c.at == nil {
		return "", false
	}
	return c.at(i)
}

// Strings returns the column name as strings; integer columns are
// rendered in decimal (a cohort numbered 1, 2, ...).
func (t *Table) Strings(name string) (Strings, error) {
	a, err := t.array(name)
	if err != nil || a == nil {
		return Strings{}, err
	}
	if at := stringGetter(a); at != nil {
		return Strings{at}, nil
	}
	return Strings{}, t.typeError(name, a, "a string")
}

func stringGetter(a arrow.Array) func(int) (string, bool) {
	switch a := a.(type) {
	case *array.String:
		return func(i int) (string, bool) { return a.Value(i), a.IsValid(i) }
	case *array.LargeString:
		return func(i int) (string, bool) { return a.Value(i), a.IsValid(i) }
	case *array.StringView:
		return func(i int) (string, bool) { return a.Value(i), a.IsValid(i) }
	case *array.Dictionary:
		inner := stringGetter(a.Dictionary())
		if inner == nil {
			return nil
		}
		return func(i int) (string, bool) {
			if !a.IsValid(i) {
				return "", false
			}
			return inner(a.GetValueIndex(i))
		}
	case *array.Null:
		return func(int) (string, bool) { return "", false }
	case *array.Int64, *array.Int32, *array.Int16, *array.Int8,
		*array.Uint64, *array.Uint32, *array.Uint16, *array.Uint8:
		return integerText(a)
	}
	return nil
}

func integerText(a arrow.Array) func(int) (string, bool) {
	return func(i int) (string, bool) {
		if !a.IsValid(i) {
			return "", false
		}
		return a.ValueStr(i), true
	}
}

// Labels reads a column holding a list of strings per row, or a plain
// string (a one-element list, as the reference wrote discrete classes).
type Labels struct{ at func(int) ([]string, bool) }

// Present reports whether the file has the column.
func (c Labels) Present() bool { return c.at != nil }

// At returns row i's non-null elements and whether the row is non-null.
func (c Labels) At(i int) ([]string, bool) {
	if c.at == nil {
		return nil, false
	}
	return c.at(i)
}

// Labels returns the column name as lists of strings.
func (t *Table) Labels(name string) (Labels, error) {
	a, err := t.array(name)
	if err != nil || a == nil {
		return Labels{}, err
	}
	if at := stringGetter(a); at != nil {
		return Labels{func(i int) ([]string, bool) {
			s, ok := at(i)
			if !ok {
				return nil, false
			}
			return []string{s}, true
		}}, nil
	}
	if l, ok := a.(array.ListLike); ok {
		if elem := stringGetter(l.ListValues()); elem != nil {
			return Labels{func(i int) ([]string, bool) {
				if !l.IsValid(i) {
					return nil, false
				}
				start, end := l.ValueOffsets(i)
				out := make([]string, 0, end-start)
				for j := start; j < end; j++ {
					if s, ok := elem(int(j)); ok {
						out = append(out, s)
					}
				}
				return out, true
			}}, nil
		}
	}
	return Labels{}, t.typeError(name, a, "a list of strings or a string")
}

// numbered renders a row position for messages (1-based, as people count).
func numbered(i int) string { return strconv.Itoa(i + 1) }
