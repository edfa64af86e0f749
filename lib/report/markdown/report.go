package markdown

import "strings"

// BodyKind says what a section shows.
type BodyKind int

const (
	TableBody BodyKind = iota // a table (or "No rows." when it has none)
	Skipped                   // a required input is unavailable; the query did not run
	Failed                    // the query failed
)

// Image is a picture shown under a section's description, stored next to
// the markdown file.
type Image struct {
	Alt  string
	File string // relative to the markdown file
}

// Section is one "## <id>. <title>" block.
type Section struct {
	ID          string
	Title       string
	Description string
	Images      []Image
	Kind        BodyKind
	Table       *Table // TableBody
	Note        string // Skipped: the reason ("needs x.parquet (not found)"); Failed: the error
}

// Report is one markdown file.
type Report struct {
	Title    string
	Context  string // the line under the title, e.g. "Partition: `2023-W01`"
	Sections []Section
}

// Bytes renders the report (sql.md §4.5): the file ends with the last
// section's "---" line.
func (r *Report) Bytes() []byte {
	var b strings.Builder
	b.WriteString("# " + r.Title + "\n\n")
	if r.Context != "" {
		b.WriteString(r.Context + "\n\n")
	}
	for i := range r.Sections {
		if i > 0 {
			b.WriteString("\n")
		}
		r.Sections[i].write(&b)
		b.WriteString("\n---\n")
	}
	return []byte(b.String())
}

func (s *Section) write(b *strings.Builder) {
	b.WriteString("## " + s.ID + ". " + s.Title + "\n\n")
	if s.Description != "" {
		b.WriteString(s.Description + "\n\n")
	}
	for _, im := range s.Images {
		b.WriteString("![" + im.Alt + "](" + im.File + ")\n\n")
	}
	switch s.Kind {
	case Skipped:
		b.WriteString("_Skipped: " + sentence(s.Note) + "._\n")
	case Failed:
		b.WriteString("_Error: " + sentence(FirstLine(s.Note)) + "._\n")
	default:
		if s.Table == nil || s.Table.Total == 0 {
			b.WriteString("_No rows._\n\n*0 rows*\n")
			return
		}
		s.Table.Write(b)
	}
}

// FirstLine returns the first non-empty line of msg, trimmed.
func FirstLine(msg string) string {
	for _, line := range strings.Split(msg, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}

// sentence drops a trailing period so that "_Error: <msg>._" does not end
// in two.
func sentence(s string) string { return strings.TrimRight(s, ". ") }
