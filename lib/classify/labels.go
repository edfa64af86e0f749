package classify

import "slices"

// Temporal pattern labels (dimension 3). The first seven come from the
// discrete/sparse list (§6.4), the others from the continuous list (§6.5).
const (
	Constant      = "CONSTANT"
	Binary        = "BINARY"
	Discrete      = "DISCRETE"
	Impulsive     = "IMPULSIVE"
	Event         = "EVENT"
	Step          = "STEP"
	Intermittent  = "INTERMITTENT"
	Trending      = "TRENDING"
	Drifting      = "DRIFTING"
	Periodic      = "PERIODIC"
	QuasiPeriodic = "QUASI_PERIODIC"
	Chaotic       = "CHAOTIC"
	Stationary    = "STATIONARY"
	Random        = "RANDOM"
)

// Spectral labels (dimension 8): continuous rows (§6.7) and the map of
// discrete/sparse rows (§6.4).
const (
	Harmonic   = "HARMONIC"
	Narrowband = "NARROWBAND"
	Broadband  = "BROADBAND"
	RedNoise   = "RED_NOISE"
	BlueNoise  = "BLUE_NOISE"
	None       = "NONE"
	Switching  = "SWITCHING"
	Quantized  = "QUANTIZED"
	Sparse     = "SPARSE"
	DCDominant = "DC_DOMINANT"
	Bursty     = "BURSTY"
)

// Labels of the other eight dimensions (§6.8). CONSTANT, EVENT, DISCRETE,
// STATIONARY and IMPULSIVE reuse the temporal constants above.
const (
	Continuous           = "CONTINUOUS"
	NonStationary        = "NON_STATIONARY"
	DifferenceStationary = "DIFFERENCE_STATIONARY"
	TrendStationary      = "TREND_STATIONARY"
	LongMemory           = "LONG_MEMORY"
	AntiPersistent       = "ANTI_PERSISTENT"
	ShortMemory          = "SHORT_MEMORY"
	Low                  = "LOW"
	Medium               = "MEDIUM"
	High                 = "HIGH"
	HeavyTailed          = "HEAVY_TAILED"
	LightTailed          = "LIGHT_TAILED"
	SkewedRight          = "SKEWED_RIGHT"
	SkewedLeft           = "SKEWED_LEFT"
	Gaussian             = "GAUSSIAN"
	Smooth               = "SMOOTH"
	Noisy                = "NOISY"
	Mixed                = "MIXED"
	VolatilityClustering = "VOLATILITY_CLUSTERING"
	Heteroscedastic      = "HETEROSCEDASTIC"
	Homoscedastic        = "HOMOSCEDASTIC"
	Deterministic        = "DETERMINISTIC"
	Stochastic           = "STOCHASTIC"
)

// Classification confidence (§6.6).
const (
	Clear    = "clear"
	Boundary = "boundary"
)

// DiscreteSparseLabels are the labels of step B, in decision-list order.
var DiscreteSparseLabels = []string{Constant, Binary, Discrete, Impulsive, Event, Step, Intermittent}

// ContinuousLabels are the labels step C can give.
var ContinuousLabels = []string{Trending, Drifting, Periodic, QuasiPeriodic, Chaotic, Stationary, Random}

// IsDiscreteSparse reports whether a temporal label belongs to the
// discrete/sparse list (§6.4).
func IsDiscreteSparse(label string) bool {
	return slices.Contains(DiscreteSparseLabels, label)
}
