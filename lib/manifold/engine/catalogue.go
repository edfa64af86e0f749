package engine

import (
	"fmt"
	"math"
	"slices"
)

// Spec describes a manifest engine name.
type Spec struct {
	Name    string   // the manifest name as requested (e.g. "spectral_entropy")
	Impl    string   // implementation id; aliases share one (e.g. "spectral")
	Columns []string // output columns of the implementation, in canonical order (§5.3)
}

// impl is one engine implementation: its columns and the function that
// fills them from a frame.
type impl struct {
	id      string
	columns []string
	compute func(f *frame, out []float64)
}

// implementations lists every core implementation (manifold.md §5.5).
var implementations = []*impl{
	{"statistics", []string{"kurtosis", "skewness", "crest_factor"}, computeStatistics},
	{"kurtosis", []string{"kurtosis"}, computeKurtosis},
	{"skewness", []string{"skewness"}, computeSkewness},
	{"crest_factor", []string{"crest_factor"}, computeCrestFactor},
	{"spectral", []string{"spectral_slope", "dominant_freq", "spectral_entropy", "spectral_centroid", "spectral_bandwidth"}, computeSpectral},
	{"frequency_bands", []string{"band_low", "band_low_rel", "band_mid", "band_mid_rel", "band_high", "band_high_rel", "total_power", "nyquist"}, computeFrequencyBands},
	{"sample_entropy", []string{"sample_entropy"}, computeSampleEntropy},
	{"perm_entropy", []string{"permutation_entropy"}, computePermEntropy},
	{"hurst", []string{"hurst", "hurst_r2"}, computeHurst},
	{"acf_decay", []string{"acf_lag1", "acf_lag10", "acf_half_life"}, computeACFDecay},
	{"trend", []string{"trend_slope", "trend_r2", "detrend_std", "cusum_range"}, computeTrend},
	{"rate_of_change", []string{"mean_rate", "max_rate", "min_rate", "rate_std", "abs_max_rate"}, computeRateOfChange},
	{"variance_growth", []string{"variance_growth_rate", "variance_ratio"}, computeVarianceGrowth},
	{"harmonics", []string{"fundamental_freq", "fundamental_amplitude", "harmonic_2x", "harmonic_3x", "thd"}, computeHarmonics},
	{"fundamental_freq", []string{"fundamental_freq", "fundamental_power", "fundamental_ratio", "fundamental_confidence"}, computeFundamentalFreq},
	{"thd", []string{"thd_percent", "thd_db", "thd_fundamental_power", "thd_harmonic_power", "n_harmonics_found"}, computeTHD},
	{"snr", []string{"snr_db", "snr_linear", "signal_power", "noise_power"}, computeSNR},
	{"phase_coherence", []string{"phase_coherence", "coherence_std", "coherence_trend"}, computePhaseCoherence},
	{"variance_ratio", []string{"variance_ratio", "variance_ratio_4", "variance_ratio_8", "variance_ratio_stat"}, computeVarianceRatio},
	{"rms", []string{"rms"}, computeRMS},
	{"peak", []string{"peak", "peak_to_peak"}, computePeak},
}

// aliases maps every core manifest name to its implementation id; names
// that are implementation ids map to themselves.
var aliases = map[string]string{
	"spectral_entropy":    "spectral",
	"band_power":          "frequency_bands",
	"permutation_entropy": "perm_entropy",
	"trend_r2":            "trend",
	"detrend_std":         "trend",
	"cusum":               "trend",
}

// canonicalColumns is the catalogue order of manifold.md §5.3.
var canonicalColumns = []string{
	"kurtosis", "skewness", "crest_factor",
	"spectral_slope", "dominant_freq", "spectral_entropy", "spectral_centroid", "spectral_bandwidth",
	"sample_entropy", "permutation_entropy",
	"hurst", "hurst_r2",
	"acf_lag1", "acf_lag10", "acf_half_life",
	"band_low", "band_low_rel", "band_mid", "band_mid_rel", "band_high", "band_high_rel", "total_power", "nyquist",
	"fundamental_freq", "fundamental_amplitude", "harmonic_2x", "harmonic_3x", "thd",
	"fundamental_power", "fundamental_ratio", "fundamental_confidence",
	"thd_percent", "thd_db", "thd_fundamental_power", "thd_harmonic_power", "n_harmonics_found",
	"snr_db", "snr_linear", "signal_power", "noise_power",
	"phase_coherence", "coherence_std", "coherence_trend",
	"trend_slope", "trend_r2", "detrend_std", "cusum_range",
	"mean_rate", "max_rate", "min_rate", "rate_std", "abs_max_rate",
	"variance_growth_rate", "variance_ratio", "variance_ratio_4", "variance_ratio_8", "variance_ratio_stat",
	"rms", "peak", "peak_to_peak",
}

var implByID = func() map[string]*impl {
	m := make(map[string]*impl, len(implementations))
	for _, im := range implementations {
		m[im.id] = im
	}
	return m
}()

// Lookup resolves a manifest engine name; ok is false for names outside the
// core set (second-wave or unknown), which the caller reports once and skips.
func Lookup(name string) (spec Spec, ok bool) {
	id, isAlias := aliases[name]
	if !isAlias {
		id = name
	}
	im := implByID[id]
	if im == nil {
		return Spec{}, false
	}
	return Spec{Name: name, Impl: im.id, Columns: slices.Clone(im.columns)}, true
}

// Names returns every core manifest name (implementation ids and aliases),
// sorted.
func Names() []string {
	var names []string
	for _, im := range implementations {
		names = append(names, im.id)
	}
	for a := range aliases {
		names = append(names, a)
	}
	slices.Sort(names)
	return names
}

// NotImplemented returns the distinct names of a manifest engine list that
// are outside the core set (second-wave or unknown), sorted, for the
// caller's single warning; they produce no columns.
func NotImplemented(names []string) []string {
	var out []string
	for _, n := range names {
		if _, ok := Lookup(n); !ok && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// CanonicalColumns returns the §5.3 catalogue order of every core feature
// column; the caller builds the signal_vector schema as the subset of it
// produced by the manifest's engines, in this order.
func CanonicalColumns() []string { return slices.Clone(canonicalColumns) }

// Assignment says which requested engine supplies a feature column of one
// signal (manifold.md §5.1 step 3).
type Assignment struct {
	Column string
	Engine int   // index into the engine-name list of the winner
	Losers []int // indices of the other requested names that also emit Column
}

// Assign applies the name-collision rule to one signal's manifest engine
// list: when several requested engines emit a column, the engine whose
// name equals the column wins, otherwise the one appearing later in the
// list. Names outside the core set are skipped. The result is in canonical
// column order. Losers that share the winner's implementation (aliases)
// compute the same values when they also share L_e; the caller decides
// whether such a collision deserves a warning.
func Assign(names []string) []Assignment {
	claims := map[string][]int{}
	for i, name := range names {
		spec, ok := Lookup(name)
		if !ok {
			continue
		}
		for _, c := range spec.Columns {
			if !slices.Contains(claims[c], i) {
				claims[c] = append(claims[c], i)
			}
		}
	}
	var out []Assignment
	for _, c := range canonicalColumns {
		idx := claims[c]
		if len(idx) == 0 {
			continue
		}
		win := idx[len(idx)-1]
		for _, i := range idx {
			if names[i] == c {
				win = i
				break
			}
		}
		a := Assignment{Column: c, Engine: win}
		for _, i := range idx {
			if i != win {
				a.Losers = append(a.Losers, i)
			}
		}
		out = append(out, a)
	}
	return out
}

// Engine computes one implementation. An instance owns scratch buffers and
// FFT plans: it is not safe for concurrent use; create one per worker
// goroutine. Compute does not allocate in steady state.
type Engine interface {
	Columns() []string
	// Compute evaluates the engine on x, the finite values of the engine
	// window in time order, and writes len(Columns()) values into out, NaN
	// meaning null (floors, constant rules, numeric failure). ±Inf results
	// are written as NaN (manifold.md §1.4 null policy).
	Compute(x []float64, out []float64)
}

type single struct {
	im *impl
	f  frame
}

// New returns a fresh Engine for an implementation id from Spec.Impl, or
// nil if impl is not a core implementation.
func New(impl string) Engine {
	im := implByID[impl]
	if im == nil {
		return nil
	}
	return &single{im: im}
}

func (s *single) Columns() []string { return slices.Clone(s.im.columns) }

func (s *single) Compute(x, out []float64) {
	s.f.reset(x)
	run(s.im, &s.f, out)
}

func run(im *impl, f *frame, out []float64) {
	out = out[:len(im.columns)]
	im.compute(f, out)
	for i, v := range out {
		if math.IsInf(v, 0) {
			out[i] = math.NaN()
		}
	}
}

// Set computes several implementations on one engine window (one L_e),
// sharing the intermediates of manifold.md §10.3 item 5: one moments pass
// (statistics, kurtosis, skewness, crest_factor and every constant test),
// one Welch PSD (spectral, frequency_bands), one mean-removed DFT
// (harmonics, fundamental_freq, thd, snr), one running sum (trend,
// variance_growth). The values are identical to those of New(impl).Compute
// on the same x. A Set is not safe for concurrent use.
type Set struct {
	ims []*impl
	f   frame
}

// NewSet returns a Set of the given implementation ids (from Spec.Impl).
func NewSet(impls []string) (*Set, error) {
	s := &Set{}
	for _, id := range impls {
		im := implByID[id]
		if im == nil {
			return nil, fmt.Errorf("engine: %q is not a core engine implementation", id)
		}
		s.ims = append(s.ims, im)
	}
	return s, nil
}

// Impls returns the implementation ids of the Set, in order.
func (s *Set) Impls() []string {
	ids := make([]string, len(s.ims))
	for i, im := range s.ims {
		ids[i] = im.id
	}
	return ids
}

// Columns returns the output columns of implementation i of the Set.
func (s *Set) Columns(i int) []string { return slices.Clone(s.ims[i].columns) }

// Compute evaluates every implementation on x (as Engine.Compute does);
// out[i] receives the columns of implementation i.
func (s *Set) Compute(x []float64, out [][]float64) {
	s.f.reset(x)
	for i, im := range s.ims {
		run(im, &s.f, out[i])
	}
}
