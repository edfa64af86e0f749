package markdown

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Float formats v like Python's repr of a float (sql.md §4.5): shortest
// round-trip digits, scientific notation when the decimal exponent is
// below -4 or at least 16, otherwise positional with at least one digit
// after the point. NaN, +Inf and -Inf print nan, inf and -inf; -0 prints
// 0.0.
func Float(v float64) string { return formatFloat(v, 64) }

// Float32 is Float with 32-bit shortest digits.
func Float32(v float32) string { return formatFloat(float64(v), 32) }

func formatFloat(v float64, bits int) string {
	switch {
	case math.IsNaN(v):
		return "nan"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	case v == 0:
		return "0.0"
	}
	sci := strconv.FormatFloat(v, 'e', -1, bits)
	exp, _ := strconv.Atoi(sci[strings.IndexByte(sci, 'e')+1:])
	if exp < -4 || exp >= 16 {
		return sci
	}
	s := strconv.FormatFloat(v, 'f', -1, bits)
	if !strings.ContainsRune(s, '.') {
		s += ".0"
	}
	return s
}

// Count formats n with "," as thousands separator.
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Escape makes s safe inside a table cell: a pipe becomes backslash-pipe,
// CR, LF and TAB become one space each.
func Escape(s string) string {
	if !strings.ContainsAny(s, "|\r\n\t") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '|':
			b.WriteString(`\|`)
		case '\r', '\n', '\t':
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Stringer is what the DuckDB driver's Decimal, UUID and similar values
// offer for their text form.
type Stringer interface{ String() string }

// Text is the unescaped text of a value returned by the DuckDB driver;
// nil is "NULL".
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case string:
		return x
	case []byte:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	case int8, int16, int32, int64, int, uint8, uint16, uint32, uint64, uint:
		return fmt.Sprint(x)
	case *big.Int:
		return x.String()
	case float64:
		return Float(x)
	case float32:
		return Float32(x)
	case time.Time:
		return x.Format("2006-01-02 15:04:05.999999999Z07:00")
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = listItem(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}

// listItem renders a list element the way DuckDB casts a list to VARCHAR:
// NULL elements print NULL, strings unquoted.
func listItem(v any) string { return Text(v) }

// Cell is the table-cell text of a driver value: Text, escaped.
func Cell(v any) string { return Escape(Text(v)) }
