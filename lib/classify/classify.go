package classify

import "math"

// Class is what stage 3 adds to a row (typology.md §6.12, columns 36–55).
// An empty string stands for a null label (memory, complexity, volatility,
// determinism, temporal_secondary); those labels are never empty.
type Class struct {
	IsDiscreteSparse  bool
	TemporalPattern   []string // [primary] or [primary, secondary]
	TemporalPrimary   string
	TemporalSecondary string
	Confidence        string // Clear or Boundary
	Spectral          string
	// DominantFrequencyIsArtifact and DominantFrequencyCorrected are null
	// (nil) on discrete/sparse rows; the corrected frequency is also null
	// when the peak is a first-bin artifact.
	DominantFrequencyIsArtifact *bool
	DominantFrequencyCorrected  *float64
	Continuity                  string
	Stationarity                string
	Memory                      string
	Complexity                  string
	Distribution                string
	Amplitude                   string
	Volatility                  string
	Determinism                 string
	RecommendedWindow           *int32 // nil for CONSTANT rows
	DerivativeDepth             int32
	EigenvalueBudget            int32
	Engines                     []string // never nil
}

// derived are the inputs of §6.2 computed from the row.
type derived struct {
	n         float64 // n_samples
	nA        float64 // n_analysis
	distinct  float64 // U = round(unique_ratio·n), NaN if unique_ratio is
	acfAbsent bool
	artifact  bool
}

func derive(r *Raw) derived {
	n := float64(r.NSamples)
	return derived{
		n:         n,
		nA:        float64(r.NAnalysis),
		distinct:  math.Round(r.UniqueRatio * n), // half away from zero (K8)
		acfAbsent: math.IsNaN(r.ACFHalfLife) || !r.ACFDecayed,
		artifact:  r.IsFirstBinPeak && r.SpectralSlope < -0.3,
	}
}

// Classify runs steps A–H of typology.md §6.2 on one row.
func Classify(r Raw) Class {
	d := derive(&r)
	var c Class
	if label, ok := discreteSparse(&r, d); ok {
		c.IsDiscreteSparse = true
		c.TemporalPattern = []string{label}
		c.TemporalPrimary = label
		c.Confidence = Clear
		c.Spectral = discreteSpectral[label]
	} else {
		c.TemporalPrimary = continuousPrimary(&r, d)
		c.TemporalPattern = []string{c.TemporalPrimary}
		c.Confidence = Clear
		if second := overlapSecondary(c.TemporalPrimary, &r); second != "" {
			c.TemporalSecondary = second
			c.TemporalPattern = append(c.TemporalPattern, second)
			c.Confidence = Boundary
		}
		c.Spectral = continuousSpectral(c.TemporalPrimary, &r)
		artifact := d.artifact
		c.DominantFrequencyIsArtifact = &artifact
		if !artifact {
			f := r.DominantFrequency
			c.DominantFrequencyCorrected = &f
		}
	}
	setDimensions(&c, &r)
	setWindowFields(&c, &r)
	c.Engines = engines(c.IsDiscreteSparse, c.TemporalPattern, c.Spectral)
	return c
}

// isConstant is step A (§6.3).
func isConstant(r *Raw, d derived) bool {
	return r.NSamples == 0 || r.SignalStd < 1e-9 || d.distinct <= 1
}

// discreteSparse is step B, the decision list D1–D7 (§6.4).
func discreteSparse(r *Raw, d derived) (string, bool) {
	switch {
	case isConstant(r, d):
		return Constant, true
	case d.distinct == 2:
		return Binary, true
	case r.IsInteger && (r.UniqueRatio <= 0.05 || d.distinct <= 50):
		return Discrete, true
	case r.Kurtosis >= 20 && r.CrestFactor >= 10:
		return Impulsive, true
	case r.Sparsity >= 0.80 && r.Kurtosis >= 10:
		return Event, true
	case r.DerivativeSparsity >= 0.90 && r.UniqueRatio <= 0.10:
		return Step, true
	case r.ZeroRunRatio >= 0.30 && r.Sparsity >= 0.30 && r.Sparsity <= 0.80:
		return Intermittent, true
	}
	return "", false
}

var discreteSpectral = map[string]string{
	Constant:     None,
	Binary:       Switching,
	Discrete:     Quantized,
	Impulsive:    Broadband,
	Event:        Sparse,
	Step:         DCDominant,
	Intermittent: Bursty,
}

// continuousPrimary is step C, the decision list C1–C10 (§6.5).
func continuousPrimary(r *Raw, d derived) string {
	h, pe, vr := r.Hurst, r.PermEntropy, r.VarianceRatio
	se, sf, snr := r.SampleEntropy, r.SpectralFlatness, r.SpectralPeakSNR
	bounded := h >= 0.95 && pe <= 0.5 && vr <= 3.0
	switch {
	case bounded && r.LyapunovProxy > 0.01 && pe < 0.6 && se < 0.3: // C1
		return Chaotic
	case !bounded && h >= 0.99: // C2
		return Trending
	case !bounded && h > 0.85 && (d.acfAbsent || r.ACFHalfLife/d.nA > 0.10) && se < 0.15: // C3
		return Trending
	case h >= 0.85 && h < 0.99 && pe >= 0.90 && vr >= 0.2: // C4
		return Drifting
	case isPeriodic(r, d): // C5
		return Periodic
	case d.n >= 500 && r.LyapunovProxy > 0.01 && pe > 0.95 && r.DeterminismScore > 0.3: // C6
		return Chaotic
	case sf < 0.3 && snr > 10 && pe < 0.9: // C7
		return QuasiPeriodic
	case r.ADFPValue >= 0.10 && r.KPSSPValue <= 0.05 && d.acfAbsent: // C8 integrated process
		return Drifting
	case r.ADFPValue < 0.05 && vr >= 0.85 && vr <= 1.15: // C9
		return Stationary
	}
	return Random // C10
}

// isPeriodic is C5: the reference's gate sequence for genuine periodicity.
func isPeriodic(r *Raw, d derived) bool {
	sf, snr := r.SpectralFlatness, r.SpectralPeakSNR
	gates := !math.IsNaN(r.DominantFrequency) && !d.artifact && sf <= 0.15 && snr >= 15 &&
		!d.acfAbsent && r.Hurst <= 0.95
	return gates && ((snr > 30 && sf < 0.1) || r.TurningPointRatio <= 0.95)
}

// overlapZone is a pair of adjacent temporal classes and the closed
// feature intervals where a signal sits between them (§6.6).
type overlapZone struct {
	a, b   string
	inside func(r *Raw) bool
}

func within(x, lo, hi float64) bool { return x >= lo && x <= hi }

var overlapZones = []overlapZone{
	{Periodic, QuasiPeriodic, func(r *Raw) bool {
		return within(r.SpectralFlatness, 0.1, 0.3) && within(r.SpectralPeakSNR, 10, 15) &&
			within(r.PermEntropy, 0.7, 0.9)
	}},
	{QuasiPeriodic, Random, func(r *Raw) bool {
		return within(r.SpectralFlatness, 0.2, 0.5) && within(r.PermEntropy, 0.85, 0.95)
	}},
	{Stationary, Random, func(r *Raw) bool {
		return within(r.PermEntropy, 0.9, 0.98) && within(r.SpectralFlatness, 0.3, 0.6)
	}},
	{Trending, Drifting, func(r *Raw) bool {
		return within(r.Hurst, 0.75, 0.85) && within(math.Abs(r.VarianceRatio-1), 0.05, 0.15)
	}},
	{Trending, Stationary, func(r *Raw) bool { return within(r.Hurst, 0.7, 0.8) }},
	{Drifting, Stationary, func(r *Raw) bool {
		return within(r.Hurst, 0.7, 0.8) && within(math.Abs(r.VarianceRatio-1), 0.0, 0.1)
	}},
}

// overlapSecondary is step D: the other side of the first zone that
// contains the row among the zones of its primary class, or "".
func overlapSecondary(primary string, r *Raw) string {
	for _, z := range overlapZones {
		var other string
		switch primary {
		case z.a:
			other = z.b
		case z.b:
			other = z.a
		default:
			continue
		}
		if z.inside(r) {
			return other
		}
	}
	return ""
}

// continuousSpectral is step E (§6.7).
func continuousSpectral(primary string, r *Raw) string {
	sf := r.SpectralFlatness
	harmonicOrNarrow := func() string {
		if r.HarmonicNoiseRatio > 3.0 {
			return Harmonic
		}
		return Narrowband
	}
	switch {
	case primary == Periodic:
		return harmonicOrNarrow()
	case primary == Chaotic && sf < 0.01:
		return harmonicOrNarrow()
	case sf > 0.3:
		return Broadband
	case sf < 0.1 && r.SpectralPeakSNR > 20:
		return Narrowband
	case r.SpectralSlope < -0.5:
		return RedNoise
	case r.SpectralSlope > 0.2:
		return BlueNoise
	}
	return Broadband
}
