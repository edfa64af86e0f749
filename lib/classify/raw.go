package classify

import (
	"fmt"
	"math"
)

// Raw is one row of typology_raw.parquet (typology.md §5), fields in
// column order. A null float is held as NaN (stage 3 treats null and NaN
// alike, §0) and a null boolean as false; the cohort keeps its null apart
// from "" because it is passed through.
type Raw struct {
	SignalID           string
	Cohort             string
	CohortNull         bool
	NSamples           int64
	ADFPValue          float64
	KPSSPValue         float64
	VarianceRatio      float64
	ACFHalfLife        float64 // NaN when null (written back as null)
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
	ArchPValue         float64
	RollingVarStd      float64
	Kurtosis           float64 // Pearson: normal = 3
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
	NAnalysis          int64 // extension: min(n_samples, 65,536)
	ACFDecayed         bool  // extension: the ACF fell below 0.5 within 100 lags
}

// AnalysisCap is the length of the analysis segment A (typology.md §3).
const AnalysisCap = 65536

// maxACFHalfLife keeps 4·acf_half_life (recommended_window) within int32;
// stage 2 writes 1…100.
const maxACFHalfLife = 1 << 29

// Key names the row in messages: "cohort/signal", "(null)/signal" or
// "signal" when the cohort is "".
func (r *Raw) Key() string {
	switch {
	case r.CohortNull:
		return "(null)/" + r.SignalID
	case r.Cohort == "":
		return r.SignalID
	}
	return r.Cohort + "/" + r.SignalID
}

// DeriveExtensions fills the extension columns the way typology.md §6.2
// prescribes for inputs that lack them (files written by the reference).
func (r *Raw) DeriveExtensions(nAnalysis, acfDecayed bool) {
	if nAnalysis {
		r.NAnalysis = min(r.NSamples, AnalysisCap)
	}
	if acfDecayed {
		r.ACFDecayed = r.ACFHalfLife < 100 // false for NaN (null)
	}
}

// Validate rejects values no stage 2 writes and stage 3 cannot carry.
func (r *Raw) Validate() error {
	switch {
	case r.NSamples < 0:
		return fmt.Errorf("column %q: %d is negative", "n_samples", r.NSamples)
	case r.NAnalysis < 0:
		return fmt.Errorf("column %q: %d is negative", "n_analysis", r.NAnalysis)
	case math.Abs(r.ACFHalfLife) > maxACFHalfLife: // false for NaN
		return fmt.Errorf("column %q: %g is out of range (stage 2 writes 1 to 100)", "acf_half_life", r.ACFHalfLife)
	}
	return nil
}

// column describes one typology_raw column: its name, kind, whether the
// schema allows nulls, and where it lives in Raw.
type column struct {
	name     string
	kind     kind
	nullable bool
	str      func(*Raw) *string
	int      func(*Raw) *int64
	float    func(*Raw) *float64
	bool     func(*Raw) *bool
}

type kind int

const (
	kindString kind = iota
	kindInt
	kindFloat
	kindBool
)

func floatCol(name string, f func(*Raw) *float64) column {
	return column{name: name, kind: kindFloat, float: f}
}

func boolCol(name string, f func(*Raw) *bool) column {
	return column{name: name, kind: kindBool, bool: f}
}

func intCol(name string, f func(*Raw) *int64) column {
	return column{name: name, kind: kindInt, int: f}
}

// Column names read or derived specially.
const (
	colSignalID   = "signal_id"
	colCohort     = "cohort"
	colNSamples   = "n_samples"
	colACFHalf    = "acf_half_life"
	colNAnalysis  = "n_analysis"
	colACFDecayed = "acf_decayed"
)

// rawColumns are the 35 columns of typology_raw.parquet in schema order
// (typology.md §5).
var rawColumns = []column{
	{name: colSignalID, kind: kindString, str: func(r *Raw) *string { return &r.SignalID }},
	{name: colCohort, kind: kindString, nullable: true, str: func(r *Raw) *string { return &r.Cohort }},
	intCol(colNSamples, func(r *Raw) *int64 { return &r.NSamples }),
	floatCol("adf_pvalue", func(r *Raw) *float64 { return &r.ADFPValue }),
	floatCol("kpss_pvalue", func(r *Raw) *float64 { return &r.KPSSPValue }),
	floatCol("variance_ratio", func(r *Raw) *float64 { return &r.VarianceRatio }),
	{name: colACFHalf, kind: kindFloat, nullable: true, float: func(r *Raw) *float64 { return &r.ACFHalfLife }},
	floatCol("hurst", func(r *Raw) *float64 { return &r.Hurst }),
	floatCol("perm_entropy", func(r *Raw) *float64 { return &r.PermEntropy }),
	floatCol("sample_entropy", func(r *Raw) *float64 { return &r.SampleEntropy }),
	floatCol("spectral_flatness", func(r *Raw) *float64 { return &r.SpectralFlatness }),
	floatCol("spectral_slope", func(r *Raw) *float64 { return &r.SpectralSlope }),
	floatCol("harmonic_noise_ratio", func(r *Raw) *float64 { return &r.HarmonicNoiseRatio }),
	floatCol("spectral_peak_snr", func(r *Raw) *float64 { return &r.SpectralPeakSNR }),
	floatCol("dominant_frequency", func(r *Raw) *float64 { return &r.DominantFrequency }),
	boolCol("is_first_bin_peak", func(r *Raw) *bool { return &r.IsFirstBinPeak }),
	floatCol("turning_point_ratio", func(r *Raw) *float64 { return &r.TurningPointRatio }),
	floatCol("lyapunov_proxy", func(r *Raw) *float64 { return &r.LyapunovProxy }),
	floatCol("determinism_score", func(r *Raw) *float64 { return &r.DeterminismScore }),
	floatCol("arch_pvalue", func(r *Raw) *float64 { return &r.ArchPValue }),
	floatCol("rolling_var_std", func(r *Raw) *float64 { return &r.RollingVarStd }),
	floatCol("kurtosis", func(r *Raw) *float64 { return &r.Kurtosis }),
	floatCol("skewness", func(r *Raw) *float64 { return &r.Skewness }),
	floatCol("crest_factor", func(r *Raw) *float64 { return &r.CrestFactor }),
	floatCol("unique_ratio", func(r *Raw) *float64 { return &r.UniqueRatio }),
	boolCol("is_integer", func(r *Raw) *bool { return &r.IsInteger }),
	boolCol("is_constant", func(r *Raw) *bool { return &r.IsConstant }),
	floatCol("sparsity", func(r *Raw) *float64 { return &r.Sparsity }),
	floatCol("signal_std", func(r *Raw) *float64 { return &r.SignalStd }),
	floatCol("signal_mean", func(r *Raw) *float64 { return &r.SignalMean }),
	floatCol("derivative_sparsity", func(r *Raw) *float64 { return &r.DerivativeSparsity }),
	floatCol("zero_run_ratio", func(r *Raw) *float64 { return &r.ZeroRunRatio }),
	floatCol("window_factor", func(r *Raw) *float64 { return &r.WindowFactor }),
	intCol(colNAnalysis, func(r *Raw) *int64 { return &r.NAnalysis }),
	boolCol(colACFDecayed, func(r *Raw) *bool { return &r.ACFDecayed }),
}

// RawColumnNames lists the typology_raw columns in schema order.
func RawColumnNames() []string {
	names := make([]string, len(rawColumns))
	for i, c := range rawColumns {
		names[i] = c.name
	}
	return names
}
