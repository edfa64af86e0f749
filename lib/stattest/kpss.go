package stattest

import "math"

// KPSSMinLength is the shortest series KPSSPValue tests; shorter ones get 0.
const KPSSMinLength = 20

// KPSS critical values of the level-stationarity test and their p-values
// (Kwiatkowski et al. 1992, table 1), as statsmodels interpolates them.
var (
	kpssCrit   = [4]float64{0.347, 0.463, 0.574, 0.739}
	kpssLevels = [4]float64{0.10, 0.05, 0.025, 0.01}
)

// KPSSBandwidthStart is c, the largest integer with c⁹ < T² (statsmodels'
// int(T**(2/9)) without its floating-point slips at T = 512 or 19,683).
func KPSSBandwidthStart(t int) int {
	t2 := uint64(t) * uint64(t)
	c := uint64(math.Pow(float64(t), 2.0/9))
	for c > 0 && pow9(c) >= t2 {
		c--
	}
	for pow9(c+1) < t2 {
		c++
	}
	return int(c)
}

func pow9(c uint64) uint64 { return c * c * c * c * c * c * c * c * c }

// KPSSResult is the outcome of the KPSS test.
type KPSSResult struct {
	Stat   float64 // η/σ̂²; NaN when the test could not be computed
	Lags   int     // bandwidth L of the long-run variance
	PValue float64 // in [0.01, 0.10]; 0 when Stat is not finite
}

// KPSS runs the KPSS level-stationarity test with Hobijn's automatic
// bandwidth (typology.md §4.5.2). Series shorter than 20 and numerical
// failures give p = 0.
func KPSS(x []float64) KPSSResult {
	stat, lags := kpssStatistic(x)
	return KPSSResult{Stat: stat, Lags: lags, PValue: kpssPValue(stat)}
}

// KPSSPValue is KPSS(x).PValue.
func KPSSPValue(x []float64) float64 { return KPSS(x).PValue }

// kpssPValue interpolates the table linearly, as numpy.interp does.
func kpssPValue(stat float64) float64 {
	if math.IsNaN(stat) || math.IsInf(stat, 0) {
		return 0
	}
	switch {
	case stat <= kpssCrit[0]:
		return kpssLevels[0]
	case stat >= kpssCrit[3]:
		return kpssLevels[3]
	}
	i := 1
	for stat > kpssCrit[i] {
		i++
	}
	slope := (kpssLevels[i] - kpssLevels[i-1]) / (kpssCrit[i] - kpssCrit[i-1])
	return float64(slope*(stat-kpssCrit[i-1])) + kpssLevels[i-1]
}

// kpssStatistic is η/σ̂² and the bandwidth; NaN when the series is too
// short or degenerate.
func kpssStatistic(x []float64) (float64, int) {
	t := len(x)
	if t < KPSSMinLength {
		return math.NaN(), 0
	}
	m := mean(x)
	e := make([]float64, t)
	for i, v := range x {
		e[i] = v - m
	}
	lags, ok := kpssLags(e)
	if !ok {
		return math.NaN(), 0
	}
	var eta neumaier
	cum := 0.0
	for _, v := range e {
		cum += v
		eta.add(float64(cum * cum))
	}
	var s neumaier
	s.add(laggedDot(e, 0))
	for i := 1; i <= lags; i++ {
		w := 1 - float64(i)/float64(lags+1)
		s.add(float64(2 * laggedDot(e, i) * w))
	}
	tf := float64(t)
	return (eta.value() / float64(tf*tf)) / (s.value() / tf), lags
}

// kpssLags is Hobijn et al.'s (1998) automatic bandwidth, capped at T−1.
func kpssLags(e []float64) (int, bool) {
	t := len(e)
	tf := float64(t)
	s0 := laggedDot(e, 0) / tf
	s1 := 0.0
	for i := 1; i <= KPSSBandwidthStart(t); i++ {
		g := laggedDot(e, i) * 2 / tf
		s0 += g
		s1 += float64(i) * g
	}
	if s0 == 0 {
		return 0, false
	}
	sh := s1 / s0
	gamma := 1.1447 * math.Pow(sh*sh, 1.0/3)
	l := math.Floor(gamma * math.Pow(tf, 1.0/3))
	if math.IsNaN(l) || math.IsInf(l, 0) {
		return 0, false
	}
	return int(min(l, tf-1)), true
}
