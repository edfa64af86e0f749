package typology

import (
	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// column is one column of typology_raw.parquet and how a Row fills it.
type column struct {
	name     string
	nullable bool
	f64      func(*Row) (float64, bool) // value, valid
	i64      func(*Row) int64
	boolean  func(*Row) bool
	str      func(*Row) (string, bool)
}

func f(name string, get func(*Row) float64) column {
	return column{name: name, f64: func(r *Row) (float64, bool) { return get(r), true }}
}

func b(name string, get func(*Row) bool) column { return column{name: name, boolean: get} }

// columns lists typology.md §5 in order: the reference's 33 columns, then
// the two extensions n_analysis and acf_decayed.
var columns = []column{
	{name: "signal_id", str: func(r *Row) (string, bool) { return r.Key.SignalID, true }},
	{name: "cohort", nullable: true, str: func(r *Row) (string, bool) { return r.Key.Cohort, !r.Key.NullCohort }},
	{name: "n_samples", i64: func(r *Row) int64 { return r.NSamples }},
	f("adf_pvalue", func(r *Row) float64 { return r.ADFPValue }),
	f("kpss_pvalue", func(r *Row) float64 { return r.KPSSPValue }),
	f("variance_ratio", func(r *Row) float64 { return r.VarianceRatio }),
	{name: "acf_half_life", nullable: true, f64: func(r *Row) (float64, bool) { return r.ACFHalfLife, r.ACFHalfLifeValid }},
	f("hurst", func(r *Row) float64 { return r.Hurst }),
	f("perm_entropy", func(r *Row) float64 { return r.PermEntropy }),
	f("sample_entropy", func(r *Row) float64 { return r.SampleEntropy }),
	f("spectral_flatness", func(r *Row) float64 { return r.SpectralFlatness }),
	f("spectral_slope", func(r *Row) float64 { return r.SpectralSlope }),
	f("harmonic_noise_ratio", func(r *Row) float64 { return r.HarmonicNoiseRatio }),
	f("spectral_peak_snr", func(r *Row) float64 { return r.SpectralPeakSNR }),
	f("dominant_frequency", func(r *Row) float64 { return r.DominantFrequency }),
	b("is_first_bin_peak", func(r *Row) bool { return r.IsFirstBinPeak }),
	f("turning_point_ratio", func(r *Row) float64 { return r.TurningPointRatio }),
	f("lyapunov_proxy", func(r *Row) float64 { return r.LyapunovProxy }),
	f("determinism_score", func(r *Row) float64 { return r.DeterminismScore }),
	f("arch_pvalue", func(r *Row) float64 { return r.ARCHPValue }),
	f("rolling_var_std", func(r *Row) float64 { return r.RollingVarStd }),
	f("kurtosis", func(r *Row) float64 { return r.Kurtosis }),
	f("skewness", func(r *Row) float64 { return r.Skewness }),
	f("crest_factor", func(r *Row) float64 { return r.CrestFactor }),
	f("unique_ratio", func(r *Row) float64 { return r.UniqueRatio }),
	b("is_integer", func(r *Row) bool { return r.IsInteger }),
	b("is_constant", func(r *Row) bool { return r.IsConstant }),
	f("sparsity", func(r *Row) float64 { return r.Sparsity }),
	f("signal_std", func(r *Row) float64 { return r.SignalStd }),
	f("signal_mean", func(r *Row) float64 { return r.SignalMean }),
	f("derivative_sparsity", func(r *Row) float64 { return r.DerivativeSparsity }),
	f("zero_run_ratio", func(r *Row) float64 { return r.ZeroRunRatio }),
	f("window_factor", func(r *Row) float64 { return r.WindowFactor }),
	{name: "n_analysis", i64: func(r *Row) int64 { return r.NAnalysis }},
	b("acf_decayed", func(r *Row) bool { return r.ACFDecayed }),
}

func (c column) dataType() arrow.DataType {
	switch {
	case c.f64 != nil:
		return arrow.PrimitiveTypes.Float64
	case c.i64 != nil:
		return arrow.PrimitiveTypes.Int64
	case c.boolean != nil:
		return arrow.FixedWidthTypes.Boolean
	}
	return arrow.BinaryTypes.String
}

// Schema is the arrow schema of typology_raw.parquet.
func Schema() *arrow.Schema {
	fields := make([]arrow.Field, len(columns))
	for i, c := range columns {
		fields[i] = arrow.Field{Name: c.name, Type: c.dataType(), Nullable: c.nullable}
	}
	return arrow.NewSchema(fields, nil)
}

// Record builds one record batch of rows, in the given order.
func Record(rows []Row) arrow.RecordBatch {
	mem := memory.DefaultAllocator
	bld := array.NewRecordBuilder(mem, Schema())
	defer bld.Release()
	for i, c := range columns {
		fb := bld.Field(i)
		for j := range rows {
			r := &rows[j]
			switch {
			case c.f64 != nil:
				if v, ok := c.f64(r); ok {
					fb.(*array.Float64Builder).Append(v)
				} else {
					fb.AppendNull()
				}
			case c.i64 != nil:
				fb.(*array.Int64Builder).Append(c.i64(r))
			case c.boolean != nil:
				fb.(*array.BooleanBuilder).Append(c.boolean(r))
			default:
				if v, ok := c.str(r); ok {
					fb.(*array.StringBuilder).Append(v)
				} else {
					fb.AppendNull()
				}
			}
		}
	}
	return bld.NewRecordBatch()
}
