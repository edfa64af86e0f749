package outputs

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	pqfile "github.com/apache/arrow-go/v18/parquet/file"

	"sp/lib/manifold/dynamics"
	"sp/lib/table"
)

// pageRows is pqfile's default page: tests cross its boundaries.
const pageRows = 32768

func TestWriteAndNulls(t *testing.T) {
	dir := t.TempDir()
	meta := map[string]string{"sp.window": "8"}
	w, err := Create(dir, Layout{Features: []string{"kurtosis", "thd_db"}, Centroids: []string{"state_full_kurtosis"}}, meta)
	if err != nil {
		t.Fatal(err)
	}
	win := Window{Cohort: "c", Index: 3, Start: -4, End: 3}
	for i := range pageRows + 5 { // crosses a page boundary
		w.SignalRow(win, "s1", []float64{float64(i), math.Inf(-1)})
	}
	w.DynamicsRow("c", "shape", dynamics.Row{Point: dynamics.Point{WindowIndex: 2, EffectiveDim: math.NaN()}, CollapseOnsetIdx: -1, CollapseOnsetFraction: -1})
	if got := w.Rows(); got[0] != pageRows+5 || got[4] != 1 {
		t.Errorf("rows %v", got)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	w.Abort() // no-op after Commit
	for _, name := range Names {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	path := filepath.Join(dir, SignalVector)
	tbl, err := table.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	if v := footerValue(t, path, "sp.window"); v != "8" {
		t.Errorf("metadata sp.window = %q", v)
	}
	thd, err := table.Column[*array.Float64](path, tbl, "thd_db")
	if err != nil {
		t.Fatal(err)
	}
	if thd.NullN() != pageRows+5 {
		t.Errorf("-Inf must be written as null: %d nulls", thd.NullN())
	}
	center, _ := table.Column[*array.Float64](path, tbl, "signal_0_center")
	if center.Value(0) != -0.5 {
		t.Errorf("center %v", center.Value(0))
	}
	dpath := filepath.Join(dir, GeometryDynamics)
	dt, err := table.ReadFile(dpath)
	if err != nil {
		t.Fatal(err)
	}
	defer dt.Release()
	ed, _ := table.Column[*array.Float64](dpath, dt, "effective_dim")
	if !ed.IsNull(0) {
		t.Error("NaN must be written as null")
	}
}

func footerValue(t *testing.T, path, key string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	pr, err := pqfile.NewParquetReader(f)
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	if v := pr.MetaData().KeyValueMetadata().FindValue(key); v != nil {
		return *v
	}
	return ""
}

func TestAbortLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, Layout{Features: []string{"kurtosis"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w.SignalRow(Window{Cohort: "c"}, "s", []float64{1})
	w.Abort()
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
}

// TestKeyColumns: key columns read back as the strings appended, whether
// or not the layout listed them (an unlisted one changes the dictionary
// in the middle of a row group), in every row group.
func TestKeyColumns(t *testing.T) {
	dir := t.TempDir()
	w, err := Create(dir, Layout{Features: []string{"kurtosis"}, Cohorts: []string{"c"}, Signals: []string{"s2", "s1"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var cohorts, ids []string
	for i := range table.RowGroupRows + pageRows + 3 {
		c, id := "c", []string{"s1", "s2"}[i%2]
		if i > pageRows+7 {
			c = "d" // not listed
		}
		if i == pageRows/2 {
			id = "x" // not listed
		}
		w.SignalRow(Window{Cohort: c, Index: int64(i)}, id, []float64{1})
		cohorts, ids = append(cohorts, c), append(ids, id)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, SignalVector)
	tbl, err := table.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	for name, want := range map[string][]string{"cohort": cohorts, "signal_id": ids} {
		col, err := table.Column[*array.String](path, tbl, name)
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if col.Value(i) != want[i] {
				t.Fatalf("%s row %d = %q, want %q", name, i, col.Value(i), want[i])
			}
		}
	}
}
