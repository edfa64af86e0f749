package classify

import "math"

// setDimensions is step F (§6.8): the eight dimensions besides temporal
// pattern and spectral, each its own first-match list.
func setDimensions(c *Class, r *Raw) {
	if c.TemporalPrimary == Constant {
		c.Continuity, c.Stationarity = Constant, Constant
		c.Distribution, c.Amplitude = Constant, Constant
		return // memory, complexity, volatility, determinism stay null
	}
	c.Continuity = continuityOf(r)
	c.Stationarity = stationarityOf(r)
	c.Memory = memoryOf(r.Hurst)
	c.Complexity = complexityOf(r.PermEntropy)
	c.Distribution = distributionOf(r)
	c.Amplitude = amplitudeOf(r)
	c.Volatility = volatilityOf(r)
	c.Determinism = determinismOf(r)
}

func continuityOf(r *Raw) string {
	switch {
	case r.Sparsity > 0.9:
		return Event
	case r.IsInteger && r.UniqueRatio < 0.05:
		return Discrete
	}
	return Continuous
}

// stationarity combines ADF (H0: unit root) and KPSS (H0: stationary).
func stationarityOf(r *Raw) string {
	adf, kpss, tpr := r.ADFPValue, r.KPSSPValue, r.TurningPointRatio
	switch {
	case tpr < 0.5 && kpss < 0.05:
		return NonStationary
	case adf < 0.05 && kpss >= 0.05:
		return Stationary
	case adf >= 0.05 && kpss < 0.05:
		return NonStationary
	case adf < 0.05 && kpss < 0.05 && tpr > 0.8:
		return Stationary
	case adf < 0.05 && kpss < 0.05:
		return DifferenceStationary
	case adf >= 0.05 && kpss >= 0.05:
		return TrendStationary
	}
	return NonStationary // only reachable with NaN
}

func memoryOf(h float64) string {
	switch {
	case h > 0.65:
		return LongMemory
	case h < 0.45:
		return AntiPersistent
	}
	return ShortMemory
}

func complexityOf(pe float64) string {
	switch {
	case pe < 0.3:
		return Low
	case pe > 0.7:
		return High
	}
	return Medium
}

// distribution reads the Pearson kurtosis (normal = 3).
func distributionOf(r *Raw) string {
	switch {
	case r.Kurtosis > 4.0:
		return HeavyTailed
	case r.Kurtosis < 2.5:
		return LightTailed
	case r.Skewness > 0.5:
		return SkewedRight
	case r.Skewness < -0.5:
		return SkewedLeft
	}
	return Gaussian
}

func amplitudeOf(r *Raw) string {
	switch {
	case r.CrestFactor > 6 && r.Kurtosis > 6:
		return Impulsive
	case r.CrestFactor < 4 && r.SpectralFlatness < 0.3:
		return Smooth
	case r.SpectralFlatness > 0.7:
		return Noisy
	}
	return Mixed
}

func volatilityOf(r *Raw) string {
	switch {
	case r.ArchPValue < 0.05 && r.RollingVarStd > 0.5:
		return VolatilityClustering
	case r.VarianceRatio > 2.0 || r.VarianceRatio < 0.5:
		return Heteroscedastic
	}
	return Homoscedastic
}

func determinismOf(r *Raw) string {
	det, snr, sf, tpr := r.DeterminismScore, r.SpectralPeakSNR, r.SpectralFlatness, r.TurningPointRatio
	switch {
	case det > 0.8:
		return Deterministic
	case snr > 50 && sf < 0.01 && tpr < 0.5:
		return Deterministic
	case snr > 20 && sf < 0.05 && tpr < 0.3:
		return Deterministic
	case det < 0.3:
		return Stochastic
	}
	return Mixed
}

// setWindowFields is step G (§6.9). The manifest stage computes its own
// windows; these columns are informational.
func setWindowFields(c *Class, r *Raw) {
	if c.TemporalPrimary == Constant {
		return // recommended_window null, depth and budget 0
	}
	c.RecommendedWindow = recommendedWindow(r)
	c.DerivativeDepth = 1
	if (r.TurningPointRatio < 0.5 && r.Hurst > 0.65) || r.ADFPValue >= 0.05 {
		c.DerivativeDepth = 2
	}
	switch {
	case r.PermEntropy < 0.3:
		c.EigenvalueBudget = 3
	case r.PermEntropy > 0.7:
		c.EigenvalueBudget = 8
	default:
		c.EigenvalueBudget = 5
	}
}

// recommendedWindow uses the raw acf_half_life (100 when the ACF never
// decayed), as the reference SQL does.
func recommendedWindow(r *Raw) *int32 {
	var w int32
	switch {
	case r.ACFHalfLife > 16: // Validate keeps 4·ACF within int32
		w = max(64, int32(math.Trunc(4*r.ACFHalfLife)))
	case r.Hurst > 0.65:
		w = 256
	case r.Hurst < 0.45:
		w = 64
	default:
		w = 128
	}
	return &w
}
