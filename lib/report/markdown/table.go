package markdown

import (
	"strings"
	"unicode/utf8"
)

// Table is a query result as displayed: the header, at most the display
// cap of rows (already rendered cell text) and the full row count.
type Table struct {
	Columns []string
	Numeric []bool     // right-align this column; nil: all left
	Rows    [][]string // displayed rows
	Total   int64      // rows the query returned
}

// Write renders the table, then "*Showing k of n rows.*" when rows were
// left off, then "*n rows*". Every line ends with a newline.
func (t *Table) Write(b *strings.Builder) {
	t.WriteGrid(b)
	if int64(len(t.Rows)) < t.Total {
		b.WriteString("\n*Showing " + Count(int64(len(t.Rows))) + " of " + Count(t.Total) + " rows.*\n")
	}
	b.WriteString("\n*" + Count(t.Total) + " rows*\n")
}

// WriteGrid renders only the header, separator and rows, each column
// padded to its widest cell.
func (t *Table) WriteGrid(b *strings.Builder) {
	widths := make([]int, len(t.Columns))
	for j, c := range t.Columns {
		widths[j] = max(3, width(Escape(c)))
	}
	for _, row := range t.Rows {
		for j, c := range row {
			widths[j] = max(widths[j], width(c))
		}
	}
	header := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		header[j] = pad(Escape(c), widths[j], t.right(j))
	}
	writeRow(b, header)
	sep := make([]string, len(t.Columns))
	for j := range sep {
		if t.right(j) {
			sep[j] = strings.Repeat("-", widths[j]-1) + ":"
		} else {
			sep[j] = strings.Repeat("-", widths[j])
		}
	}
	writeRow(b, sep)
	cells := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for j := range cells {
			cells[j] = pad(row[j], widths[j], t.right(j))
		}
		writeRow(b, cells)
	}
}

func (t *Table) right(j int) bool { return j < len(t.Numeric) && t.Numeric[j] }

func writeRow(b *strings.Builder, cells []string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + c + " |")
	}
	b.WriteString("\n")
}

func width(s string) int { return utf8.RuneCountInString(s) }

func pad(s string, w int, right bool) string {
	n := w - width(s)
	if n <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", n) + s
	}
	return s + strings.Repeat(" ", n)
}
