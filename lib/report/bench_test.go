package report

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkPartitionSmall is all eleven reports of the known-answer
// partition (8 signals x 2,000 samples, 50 windows).
func BenchmarkPartitionSmall(b *testing.B) {
	dir := filepath.Join(b.TempDir(), "2023-W01")
	writeKnownPartition(b, dir)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := RunPartition(context.Background(), dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
