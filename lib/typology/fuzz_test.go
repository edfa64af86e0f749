package typology

import (
	"encoding/binary"
	"math"
	"testing"

	"sp/lib/obs"
)

// FuzzAnalyze feeds arbitrary series (any bit patterns: NaN, ±Inf,
// subnormals, ±1e308, repeats) to the analyzer: it must not panic, and
// the row must respect the ranges of typology.md §5.
func FuzzAnalyze(f *testing.F) {
	seed := func(xs ...float64) []byte {
		b := make([]byte, 8*len(xs))
		for i, x := range xs {
			binary.LittleEndian.PutUint64(b[8*i:], math.Float64bits(x))
		}
		return b
	}
	f.Add(seed())
	f.Add(seed(1, 2, 3))
	f.Add(seed(1e308, -1e308, 1e308, -1e308, 0, 5e-324, math.NaN(), math.Inf(1), 3, 3, 3, 2, 1, 1e-300))
	ramp := make([]float64, 300)
	for i := range ramp {
		ramp[i] = float64(i%17) * 1e300
	}
	f.Add(seed(ramp...))
	f.Fuzz(func(t *testing.T, data []byte) {
		x := make([]float64, len(data)/8)
		finite := int64(0)
		for i := range x {
			x[i] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*i:]))
			if !math.IsNaN(x[i]) && !math.IsInf(x[i], 0) {
				finite++
			}
		}
		var an Analyzer
		row, _, err := an.Analyze(obs.Key{SignalID: "f"}, int64(len(x)), SliceSource(x))
		if err != nil {
			t.Fatal(err)
		}
		if row.NSamples != finite || row.NAnalysis != min(finite, AnalysisLength) {
			t.Fatalf("n %d, n_A %d for %d finite values", row.NSamples, row.NAnalysis, finite)
		}
		in01 := func(name string, v float64) {
			if !(v >= 0 && v <= 1) {
				t.Fatalf("%s = %g, outside [0, 1]", name, v)
			}
		}
		in01("adf_pvalue", row.ADFPValue)
		in01("kpss_pvalue", row.KPSSPValue)
		in01("arch_pvalue", row.ARCHPValue)
		in01("unique_ratio", row.UniqueRatio)
		in01("sparsity", row.Sparsity)
		in01("derivative_sparsity", row.DerivativeSparsity)
		in01("determinism_score", row.DeterminismScore)
		if !(row.WindowFactor >= 0.5 && row.WindowFactor <= 3) {
			t.Fatalf("window_factor %g", row.WindowFactor)
		}
		if h := row.Hurst; !math.IsNaN(h) && !(h >= 0 && h <= 1) {
			t.Fatalf("hurst %g", h)
		}
		if pe := row.PermEntropy; !math.IsNaN(pe) && !(pe >= 0 && pe <= 1+1e-12) {
			t.Fatalf("perm_entropy %g", pe)
		}
	})
}
