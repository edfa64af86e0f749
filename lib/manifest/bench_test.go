package manifest

import (
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkBuildEncode builds and encodes a manifest of 1,000 signals.
func BenchmarkBuildEncode(b *testing.B) {
	var rows []Row
	for i, r := range section9Rows() {
		for j := 0; j < 250; j++ {
			r.Cohort, r.SignalID = fmt.Sprintf("unit_%02d", j%10), fmt.Sprintf("%s_%d_%d", r.SignalID, i, j)
			rows = append(rows, r)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		m, _, err := Build(rows, section9Options)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Encode(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun is the whole stage on an 8-signal partition.
func BenchmarkRun(b *testing.B) {
	dir := b.TempDir()
	cfg := Config{Typology: filepath.Join(dir, "typology.parquet"), Output: filepath.Join(dir, "manifest.yaml"),
		Observations: filepath.Join(dir, "observations.parquet"), OutputDir: filepath.Join(dir, "output")}
	benchPartition(b, dir)
	for b.Loop() {
		if _, err := Run(cfg); err != nil {
			b.Fatal(err)
		}
	}
}
