package manifest

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"sp/lib/classify"
)

// Row is what the stage reads of one typology.parquet row (manifest.md
// §2.1). Absent values: "" for strings, nil Labels, NaN for numbers.
type Row struct {
	Cohort     string // "" for a null cohort or a file without the column (D14)
	SignalID   string
	Labels     []string // temporal_pattern: a list, or a plain string as the reference wrote it
	Primary    string   // temporal_primary
	Confidence string   // classification_confidence
	Spectral   string
	NSamples   int64
	HasN       bool // NSamples was given (else 1000, the reference default)

	// Window inputs (§6.1); only acf_half_life is produced upstream (D4).
	ACFHalfLife, SeasonalPeriod, ACFDecayLag, DominantFreq float64
	WindowFactor                                           float64
	// Measures feed the window_factor formula when the row has no
	// window_factor (§6.4); nil unless all eight are available.
	Measures *Measures
}

// Measures are the raw measures of the window_factor formula (§6.4).
type Measures struct {
	SpectralFlatness, SpectralPeakSNR, SpectralSlope, DominantFrequency float64
	TurningPointRatio, ADFPValue, Hurst, PermEntropy                    float64
}

// Key names the row as cohort/signal_id ("/signal_id" without cohort).
func (r *Row) Key() string { return r.Cohort + "/" + r.SignalID }

var measureColumns = []string{"spectral_flatness", "spectral_peak_snr", "spectral_slope", "dominant_frequency",
	"turning_point_ratio", "adf_pvalue", "hurst", "perm_entropy"}

func (m *Measures) fields() []*float64 {
	return []*float64{&m.SpectralFlatness, &m.SpectralPeakSNR, &m.SpectralSlope, &m.DominantFrequency,
		&m.TurningPointRatio, &m.ADFPValue, &m.Hurst, &m.PermEntropy}
}

// ReadTypology reads the columns of §2.1 from a typology.parquet; others
// are ignored, signal_id is required. Defaulted lists the columns whose
// absence changes the result (their defaults apply: every signal
// STATIONARY, 1000 samples), for a warning.
func ReadTypology(path string) (rows []Row, defaulted []string, err error) {
	t, err := classify.OpenTable(path)
	if err != nil {
		return nil, nil, err
	}
	defer t.Close()
	if !t.Has("signal_id") {
		return nil, nil, fmt.Errorf("%s: column %q is missing (is this a typology.parquet?)", path, "signal_id")
	}
	for _, name := range []string{"temporal_pattern", "n_samples"} {
		if !t.Has(name) {
			defaulted = append(defaulted, name)
		}
	}
	c, err := openColumns(t)
	if err != nil {
		return nil, nil, err
	}
	rows = make([]Row, t.Rows())
	for i := range rows {
		if err := c.read(i, &rows[i]); err != nil {
			return nil, nil, fmt.Errorf("%s: row %d: %w", path, i+1, err)
		}
	}
	return rows, defaulted, nil
}

type columns struct {
	signalID, cohort, primary, confidence, spectral classify.Strings
	pattern                                         classify.Labels
	n                                               classify.Ints
	acf, seasonal, decayLag, domFreq, factor        classify.Floats
	measures                                        []classify.Floats
}

func openColumns(t *classify.Table) (*columns, error) {
	var c columns
	var err error
	strs := []struct {
		dst  *classify.Strings
		name string
	}{{&c.signalID, "signal_id"}, {&c.cohort, "cohort"}, {&c.primary, "temporal_primary"},
		{&c.confidence, "classification_confidence"}, {&c.spectral, "spectral"}}
	for _, s := range strs {
		if *s.dst, err = t.Strings(s.name); err != nil {
			return nil, err
		}
	}
	if c.pattern, err = t.Labels("temporal_pattern"); err != nil {
		return nil, err
	}
	if c.n, err = t.Ints("n_samples"); err != nil {
		return nil, err
	}
	floats := []struct {
		dst  *classify.Floats
		name string
	}{{&c.acf, "acf_half_life"}, {&c.seasonal, "seasonal_period"}, {&c.decayLag, "acf_decay_lag"},
		{&c.domFreq, "dominant_freq"}, {&c.factor, "window_factor"}}
	for _, f := range floats {
		if *f.dst, err = t.Floats(f.name); err != nil {
			return nil, err
		}
	}
	for _, name := range measureColumns {
		m, err := t.Floats(name)
		if err != nil {
			return nil, err
		}
		c.measures = append(c.measures, m)
	}
	return &c, nil
}

func (c *columns) read(i int, r *Row) error {
	var ok bool
	if r.SignalID, ok = c.signalID.At(i); !ok {
		return fmt.Errorf("column %q is null", "signal_id")
	}
	r.Cohort, _ = c.cohort.At(i)
	r.Labels, _ = c.pattern.At(i)
	r.Primary, _ = c.primary.At(i)
	r.Confidence, _ = c.confidence.At(i)
	r.Spectral, _ = c.spectral.At(i)
	n, has, err := c.n.At(i)
	if err != nil {
		return fmt.Errorf("signal %s: %w", r.Key(), err)
	}
	r.NSamples, r.HasN = n, has
	r.ACFHalfLife, _ = c.acf.At(i)
	r.SeasonalPeriod, _ = c.seasonal.At(i)
	r.ACFDecayLag, _ = c.decayLag.At(i)
	r.DominantFreq, _ = c.domFreq.At(i)
	r.WindowFactor, _ = c.factor.At(i)
	m := &Measures{}
	for j, f := range m.fields() {
		v, ok := c.measures[j].At(i)
		if !ok { // "available": the column exists and the value is not null
			m = nil
			break
		}
		*f = v
	}
	r.Measures = m
	return nil
}

// signalInput is a row after the normalisation of §4.
type signalInput struct {
	row        *Row
	labels     []string // 1–2 labels, primary first, upper case
	secondary  string   // "" for null
	confidence string
	spectral   string
	n          int64
}

func (s *signalInput) primary() string { return s.labels[0] }

// defaultN is the reference's n_samples when the column is missing.
const defaultN = 1000

// normalise applies §4 to a row.
func normalise(r *Row) (*signalInput, error) {
	s := &signalInput{row: r, n: defaultN}
	if err := checkUTF8(map[string]string{"cohort": r.Cohort, "signal_id": r.SignalID, "temporal_primary": r.Primary,
		"classification_confidence": r.Confidence, "spectral": r.Spectral}); err != nil {
		return nil, fmt.Errorf("signal %q: %w", r.Key(), err)
	}
	for _, l := range r.Labels {
		if !utf8.ValidString(l) {
			return nil, fmt.Errorf("signal %q: temporal_pattern holds %q, which is not UTF-8 (YAML cannot hold it)", r.Key(), l)
		}
	}
	if r.HasN {
		if r.NSamples < 0 {
			return nil, fmt.Errorf("signal %s: n_samples %d is negative", r.Key(), r.NSamples)
		}
		s.n = r.NSamples
	}
	var labels []string
	for _, l := range r.Labels {
		if l = strings.ToUpper(strings.TrimSpace(l)); l != "" && !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	if len(labels) == 0 {
		labels = []string{classify.Stationary}
	}
	if p := strings.ToUpper(strings.TrimSpace(r.Primary)); p != "" && p != labels[0] {
		labels = append([]string{p}, slices.DeleteFunc(labels, func(x string) bool { return x == p })...)
	}
	s.labels = labels[:min(2, len(labels))]
	if len(s.labels) == 2 {
		s.secondary = s.labels[1]
	}
	s.confidence = r.Confidence
	if s.confidence == "" {
		s.confidence = classify.Clear
		if len(s.labels) == 2 {
			s.confidence = classify.Boundary
		}
	}
	s.spectral = strings.ToUpper(strings.TrimSpace(r.Spectral))
	if s.spectral == "" {
		s.spectral = classify.Broadband // D24
	}
	return s, nil
}

// present is the reference's test on a numeric window input (§2.1): not
// null, finite and strictly positive.
func present(x float64) bool { return x > 0 && !math.IsInf(x, 1) }

// checkUTF8 refuses text YAML cannot carry (named values, checked in key
// order for a stable message).
func checkUTF8(named map[string]string) error {
	keys := make([]string, 0, len(named))
	for k := range named {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !utf8.ValidString(named[k]) {
			return fmt.Errorf("%s %q is not UTF-8 (YAML cannot hold it)", k, named[k])
		}
	}
	return nil
}
