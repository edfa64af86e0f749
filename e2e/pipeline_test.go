package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestWholePipeline runs every stage through make on a small dataset
// twice, once with -j1 and one thread per stage and once with -j2 and the
// partitions started in reverse order: the outputs must be the same bytes.
func TestWholePipeline(t *testing.T) {
	for _, b := range []string{"sp-typology", "sp-classify", "sp-manifest", "sp-manifold", "sp-sql"} {
		if !has(b) {
			t.Skipf("%s is not built yet", b)
		}
	}
	synth := strings.Fields("--weeks 3 --files-per-week 2 --channels 5 --rate 50 --seconds 300 --corrupt")
	a := dataset(t, synth, "compute:\n  overlap_samples: 256\n")
	b := dataset(t, synth, "compute:\n  overlap_samples: 256\n")
	for _, dir := range []string{a, b} {
		mustSp(t, dir, "sp-partition", "config.yaml")
	}
	mustMake(t, a, "-j1", "THREADS=1", "all")
	// Reverse order: the last partition's reports first (pulling in what
	// they need), then everything else in parallel.
	mustMake(t, b, "-j2", filepath.Join(b, "out/partitions/2023-W03/output/sql/.done"))
	mustMake(t, b, "-j2", "all")

	got, want := snapshot(t, filepath.Join(b, "out")), snapshot(t, filepath.Join(a, "out"))
	var names []string
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if strings.HasPrefix(name, ".params/") {
			continue // records the absolute raw_dir
		}
		if !bytes.Equal(got[name], want[name]) {
			t.Errorf("%s differs between -j1/THREADS=1 and -j2/reverse order", name)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files vs %d", len(got), len(want))
	}
	for _, want := range []string{
		"partitions/2023-W02/output/signal_vector.parquet", "partitions/2023-W02/output/state_geometry.parquet",
		"partitions/2023-W02/output/sql/00_executive_summary.md", "fleet/sql/00_fleet_inventory.md",
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("missing output %s", want)
		}
	}
	for name, data := range got {
		if strings.HasPrefix(name, "partitions/") && bytes.Contains(data, []byte(b)) {
			t.Errorf("%s holds the absolute output path: partitions must be relocatable", name)
		}
	}
	if out, err := makeCmd(b, "-q", "all").CombinedOutput(); err != nil {
		t.Errorf("make -q all after a complete run: %v\n%s", err, out)
	}
	status := mustSp(t, b, "sp-partition", "--status", "config.yaml")
	for _, want := range []string{"computed:      3/3", "reported:      3/3", "errors:        0"} {
		if !strings.Contains(status, want) {
			t.Errorf("status lacks %q:\n%s", want, status)
		}
	}
	os.RemoveAll(a)
}

// TestResumeWholePipelineAfterKill kills make and every stage it runs at
// several moments of a full run; rerunning finishes with the bytes of an
// uninterrupted run and no temporary left anywhere.
func TestResumeWholePipelineAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole pipeline several times")
	}
	for _, b := range []string{"sp-typology", "sp-classify", "sp-manifest", "sp-manifold", "sp-sql"} {
		if !has(b) {
			t.Skipf("%s is not built yet", b)
		}
	}
	synth := strings.Fields("--weeks 3 --files-per-week 2 --channels 4 --rate 50 --seconds 300")
	checkResumeAfterKill(t, synth, "compute:\n  overlap_samples: 256\n", "all", []float64{0.2, 0.45, 0.7, 0.9})
}
