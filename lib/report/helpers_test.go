package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readReport returns a written report file.
func readReport(t *testing.T, dir, file string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "output", "sql", file))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// sectionText returns the text of section id ("## <id>. …" up to the next
// "## " heading).
func sectionText(t *testing.T, md, id string) string {
	t.Helper()
	start := strings.Index(md, "\n## "+id+". ")
	if start < 0 {
		t.Fatalf("no section %s in:\n%s", id, md)
	}
	rest := md[start+1:]
	if end := strings.Index(rest[3:], "\n## "); end >= 0 {
		rest = rest[:end+4]
	}
	return rest
}

// rows parses the table of section id into one map per row, column name
// to cell text (trimmed).
func rows(t *testing.T, md, id string) []map[string]string {
	t.Helper()
	var header []string
	var out []map[string]string
	for _, line := range strings.Split(sectionText(t, md, id), "\n") {
		if !strings.HasPrefix(line, "| ") {
			if header != nil && len(out) > 0 {
				break
			}
			continue
		}
		cells := splitRow(line)
		switch {
		case header == nil:
			header = cells
		case strings.HasPrefix(cells[0], "---"):
		default:
			m := map[string]string{}
			for i, c := range cells {
				m[header[i]] = c
			}
			out = append(out, m)
		}
	}
	return out
}

func splitRow(line string) []string {
	line = strings.TrimSuffix(strings.TrimPrefix(line, "| "), " |")
	parts := strings.Split(strings.ReplaceAll(line, `\|`, "\x00"), " | ")
	for i, p := range parts {
		parts[i] = strings.ReplaceAll(strings.TrimSpace(p), "\x00", "|")
	}
	return parts
}

// find returns the rows whose column col equals val.
func find(rs []map[string]string, col, val string) []map[string]string {
	var out []map[string]string
	for _, r := range rs {
		if r[col] == val {
			out = append(out, r)
		}
	}
	return out
}

// one returns the single row whose columns match the given pairs.
func one(t *testing.T, rs []map[string]string, pairs ...string) map[string]string {
	t.Helper()
	var out []map[string]string
next:
	for _, r := range rs {
		for i := 0; i < len(pairs); i += 2 {
			if r[pairs[i]] != pairs[i+1] {
				continue next
			}
		}
		out = append(out, r)
	}
	if len(out) != 1 {
		t.Fatalf("%d rows match %v in %v", len(out), pairs, rs)
	}
	return out[0]
}

// want checks cells of a row.
func want(t *testing.T, what string, r map[string]string, pairs ...string) {
	t.Helper()
	for i := 0; i < len(pairs); i += 2 {
		if got := r[pairs[i]]; got != pairs[i+1] {
			t.Errorf("%s: %s = %q, want %q", what, pairs[i], got, pairs[i+1])
		}
	}
}

// colValues returns the values of col in row order.
func colValues(rs []map[string]string, col string) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r[col])
	}
	return out
}
