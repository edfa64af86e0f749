package report

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"sp/lib/obs"
)

// sig is one synthetic signal of a fixture partition.
type sig struct {
	cohort, id string
	values     []float64
}

// writeObservations writes observations.parquet with the project's writer.
func writeObservations(t testing.TB, dir string, sigs []sig) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(dir, "observations.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sigs {
		if err := w.WriteSignal(obs.Key{Cohort: s.cohort, SignalID: s.id}, s.values); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// copyTo writes the result of query to dir/rel as parquet with DuckDB.
func copyTo(t testing.TB, dir, rel, query string) {
	t.Helper()
	path := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := openSession(context.Background(), 1, "")
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if err := s.exec("COPY (" + query + ") TO " + quoteString(path) + " (FORMAT PARQUET)"); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
}

func gen(n int, f func(x float64) float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = f(float64(i))
	}
	return v
}

func osc(a, period, phase float64) func(float64) float64 {
	return func(x float64) float64 { return a * math.Sin(2*math.Pi*x/period+phase) }
}
