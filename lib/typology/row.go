package typology

import (
	"math"
	"strconv"

	"sp/lib/obs"
)

// Row is one row of typology_raw.parquet (typology.md §5): the measures of
// one signal. NaN is a value; the two nullable columns carry a validity
// flag (a null cohort is Key.NullCohort).
type Row struct {
	Key obs.Key

	NSamples           int64
	ADFPValue          float64
	KPSSPValue         float64
	VarianceRatio      float64
	ACFHalfLife        float64
	ACFHalfLifeValid   bool // false: null
	Hurst              float64
	PermEntropy        float64
	SampleEntropy      float64
	SpectralFlatness   float64
	SpectralSlope      float64
	HarmonicNoiseRatio float64
	SpectralPeakSNR    float64
	DominantFrequency  float64
	IsFirstBinPeak     bool
	TurningPointRatio  float64
	LyapunovProxy      float64
	DeterminismScore   float64
	ARCHPValue         float64
	RollingVarStd      float64
	Kurtosis           float64
	Skewness           float64
	CrestFactor        float64
	UniqueRatio        float64
	IsInteger          bool
	IsConstant         bool
	Sparsity           float64
	SignalStd          float64
	SignalMean         float64
	DerivativeSparsity float64
	ZeroRunRatio       float64
	WindowFactor       float64
	NAnalysis          int64
	ACFDecayed         bool
}

// AnalysisLength is the length of the analysis segment, view A.
const AnalysisLength = 65536

// constantRow is the constant profile of typology.md §4.2: fixed values
// except n_samples, signal_mean (NaN when n = 0) and n_analysis.
func constantRow(k obs.Key, n int64, mean float64) Row {
	return Row{
		Key: k, NSamples: n, NAnalysis: min(n, AnalysisLength),
		ADFPValue: 1, KPSSPValue: 1, VarianceRatio: 1, Hurst: 0.5, ARCHPValue: 1,
		CrestFactor: 1, Kurtosis: 3, IsConstant: true,
		SignalMean: mean, DerivativeSparsity: 1, WindowFactor: 0.5,
	}
}

// windowFactor is typology.md §4.12: start at 1, multiply by each factor
// whose condition holds (NaN makes a condition false), clamp to
// [0.5, 3.0], round to 2 decimals.
func windowFactor(r *Row) float64 {
	f := 1.0
	for _, rule := range []struct {
		cond   bool
		factor float64
	}{
		{r.SpectralFlatness < 0.3 && r.SpectralPeakSNR > 10, 1.5},
		{r.SpectralSlope < -1.0, 1.25},
		{0 < r.DominantFrequency && r.DominantFrequency < 0.1, 1.4},
		{r.TurningPointRatio < 0.5, 1.25},
		{r.ADFPValue > 0.1, 1.2},
		{r.Hurst < 0.4, 1.3},
		{r.Hurst > 0.8, 1.2},
		{r.PermEntropy > 0.9, 1.2},
	} {
		if rule.cond {
			f *= rule.factor
		}
	}
	return round2(max(0.5, min(3.0, f)))
}

// round2 rounds the exact binary value of x to 2 decimals, ties to even
// (Python's round(x, 2); typology.md §0): 2.625 → 2.62.
func round2(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}
