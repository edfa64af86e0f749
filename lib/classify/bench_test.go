package classify

import (
	"fmt"
	"path/filepath"
	"testing"
)

func BenchmarkClassify(b *testing.B) {
	rows := fixtureRows()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Classify(rows[i%len(rows)])
	}
}

// BenchmarkRun is the whole stage on a typology of 1,000 signals.
func BenchmarkRun(b *testing.B) {
	dir := b.TempDir()
	in, out := filepath.Join(dir, "raw.parquet"), filepath.Join(dir, "typology.parquet")
	var rows []Raw
	for i := 0; i < 1000; i++ {
		r := fixtureRows()[i%3]
		r.SignalID = fmt.Sprintf("s%04d", i)
		rows = append(rows, r)
	}
	writeRawFile(b, in, rows)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(in, out); err != nil {
			b.Fatal(err)
		}
	}
}
