package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// layoutReport has one section of each kind and one table longer than the
// display cap of 50 (sql.md §8 test 2).
func layoutReport() *Report {
	long := &Table{Columns: []string{"signal_id", "n", "ratio"}, Numeric: []bool{false, true, true}, Total: 1234}
	for i := 0; i < 50; i++ {
		long.Rows = append(long.Rows, []string{fmt.Sprintf("ch%d", i), Cell(int64(i * 1000)), Float(float64(i) / 8)})
	}
	return &Report{
		Title:   "Layout Example",
		Context: "Partition: `2023-W01`",
		Sections: []Section{
			{ID: "A", Title: "A table", Description: "Two rows, one with a pipe and a NULL.",
				Images: []Image{{Alt: "a plot", File: "layout_a.png"}},
				Table: &Table{Columns: []string{"cohort", "signal_id", "value"}, Numeric: []bool{false, false, true},
					Rows: [][]string{{"", Cell("ch|1"), Cell(1.5)}, {"lumo", "ch2", Cell(nil)}}, Total: 2}},
			{ID: "B", Title: "Empty", Description: "Nothing found.", Table: &Table{Columns: []string{"x"}}},
			{ID: "C", Title: "Skipped", Description: "Needs typology.", Kind: Skipped, Note: "needs typology.parquet (not found)"},
			{ID: "D", Title: "Error", Description: "Fails.", Kind: Failed, Note: "Binder Error: no column x.\nLINE 1: ..."},
			{ID: "E", Title: "Long", Description: "More rows than the cap.", Table: long},
		},
	}
}

func TestReportLayout(t *testing.T) {
	got := layoutReport().Bytes()
	golden := filepath.Join("testdata", "layout.md")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("layout differs from %s (run with -update after checking):\n%s", golden, got)
	}
}
