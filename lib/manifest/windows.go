package manifest

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"sp/lib/classify"
)

// Window methods and confidences (§6.1, §6.5).
const (
	MethodFullSignal   = "full_signal"
	MethodPeriod       = "period"
	MethodACFHalfLife  = "acf_half_life"
	MethodLongMemory   = "long_memory"
	MethodFrequency    = "frequency"
	MethodDefault      = "default"
	MethodIntervention = "intervention_full_span"

	ConfidenceHigh   = "high"
	ConfidenceMedium = "medium"
	ConfidenceLow    = "low"
)

// signalWindow is the outcome of §6.1 for one signal.
type signalWindow struct {
	window, stride     int64
	depth              int
	method, confidence string
}

// fullSignalClasses use their whole series as one window (§6.1 step 1).
var fullSignalClasses = []string{classify.Constant, classify.Binary, classify.Discrete, classify.Event}

// windowFor applies §6.1 to a normalised signal.
func windowFor(s *signalInput) signalWindow {
	p, n := s.primary(), s.n
	if slices.Contains(fullSignalClasses, p) {
		w := max(1, n) // D5b
		return signalWindow{window: w, stride: w, depth: 0, method: MethodFullSignal, confidence: ConfidenceHigh}
	}
	var sw signalWindow
	if cand, method, conf, ok := candidate(s.row); ok {
		// window = min(max(32, min(2048, candidate)), floor(n/2)), at least 1 (D5b).
		sw = signalWindow{window: max(1, min(max(32, min(2048, cand)), n/2)), method: method, confidence: conf}
	} else {
		sw = signalWindow{window: 128, method: MethodDefault, confidence: ConfidenceLow} // not capped by n (D6)
		if p == classify.Impulsive {
			sw.window = 64
		}
	}
	switch p {
	case classify.Trending:
		sw.stride, sw.depth = sw.window/4, 2
	case classify.Impulsive:
		sw.stride, sw.depth = sw.window/4, 1
	default:
		sw.stride, sw.depth = sw.window/2, 1
	}
	sw.stride = max(1, sw.stride) // D5b
	return sw
}

// candidate is the data-driven window of §6.1 step 2: the first rule whose
// input is present. A candidate below 1 counts as none (D5a). The value
// is capped at 2048 before conversion, which the clamp does anyway.
func candidate(r *Row) (cand int64, method, confidence string, ok bool) {
	var f float64
	switch {
	case present(r.SeasonalPeriod):
		f, method, confidence = 4*r.SeasonalPeriod, MethodPeriod, ConfidenceHigh
	case present(r.ACFHalfLife):
		f, method, confidence = 4*r.ACFHalfLife, MethodACFHalfLife, ConfidenceHigh
	case present(r.ACFDecayLag):
		f, method, confidence = 8*r.ACFDecayLag, MethodLongMemory, ConfidenceMedium
	case present(r.DominantFreq):
		period := 2.0
		if r.DominantFreq < 0.5 {
			period = math.Trunc(1 / r.DominantFreq)
		}
		f, method, confidence = 4*period, MethodFrequency, ConfidenceMedium
	default:
		return 0, "", "", false
	}
	f = math.Trunc(f) // Python int() of a positive float
	if f < 1 {
		return 0, "", "", false
	}
	return int64(min(f, 2048)), method, confidence, true
}

// overridesFor lists, in engine order, the engines whose minimum window
// exceeds the signal's window (§6.2).
func overridesFor(engines []string, window int64) []EngineWindow {
	var out []EngineWindow
	for _, e := range engines {
		if m := minWindow(e); window < m {
			out = append(out, EngineWindow{e, m})
		}
	}
	return out
}

// windowFactor is §6.4 (D19): the row's value, else the measure-based
// formula of the typology stage, else 1.0.
func windowFactor(r *Row) float64 {
	if present(r.WindowFactor) {
		return r.WindowFactor
	}
	if r.Measures != nil {
		return WindowFactorOf(*r.Measures)
	}
	return 1.0
}

// WindowFactorOf is the measure-based window factor (typology.md §4.12,
// manifest.md §6.4): a product of fixed factors, clamped to [0.5, 3.0] and
// rounded to 2 decimals.
func WindowFactorOf(m Measures) float64 {
	f := 1.0
	mul := func(cond bool, x float64) {
		if cond {
			f *= x
		}
	}
	mul(m.SpectralFlatness < 0.3 && m.SpectralPeakSNR > 10, 1.5)
	mul(m.SpectralSlope < -1.0, 1.25)
	mul(m.DominantFrequency > 0 && m.DominantFrequency < 0.1, 1.4)
	mul(m.TurningPointRatio < 0.5, 1.25)
	mul(m.ADFPValue > 0.1, 1.2)
	mul(m.Hurst < 0.4, 1.3)
	mul(m.Hurst > 0.8, 1.2)
	mul(m.PermEntropy > 0.9, 1.2)
	return Round2(min(max(f, 0.5), 3.0))
}

// Round2 rounds to 2 decimals as Python's round(x, 2) does: the exact
// binary value, ties to even (typology.md §0). math.Round(x*100)/100 would
// give 2.63 for 2.625, whose binary value is exactly 2.625.
func Round2(x float64) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', 2, 64), 64)
	return v
}

// MaxSystemWindow caps the system window unless compute.window sets it
// (pipeline.md §8): the compute stage's memory grows with the window.
const MaxSystemWindow = 65536

// Grid is a system window and stride (manifest.md §6.3).
type Grid struct{ Window, Stride int64 }

// ConfigError is a configured value (grid, intervention) that cannot be used:
// bad usage, exit status 2.
type ConfigError struct{ Msg string }

func (e *ConfigError) Error() string { return e.Msg }

// systemGrid is §6.3 with decision D7, then the pipeline's cap and the
// configured overrides (compute.window, compute.stride; zero = unset).
func systemGrid(entries []*Signal, intervention bool, override Grid) (Grid, []string, error) {
	var g Grid
	if intervention {
		g = Grid{1000, 1000}
		if len(entries) > 0 {
			g.Window = 0
			for _, e := range entries {
				g.Window = max(g.Window, e.WindowSize)
			}
			g.Stride = g.Window
		}
	} else {
		g = medianGrid(entries)
	}
	var warnings []string
	if override.Window == 0 && g.Window > MaxSystemWindow {
		warnings = append(warnings, fmt.Sprintf("system window %d capped at %d (pipeline.md §8); set compute.window (--window) to go beyond",
			g.Window, MaxSystemWindow))
		g.Window, g.Stride = MaxSystemWindow, min(g.Stride, MaxSystemWindow)
	}
	if override.Window < 0 || override.Stride < 0 {
		return g, nil, &ConfigError{fmt.Sprintf("system window %d and stride %d must be positive", override.Window, override.Stride)}
	}
	if override.Window > 0 {
		g.Window = override.Window
		g.Stride = max(1, g.Window/2) // the generic stride (§6.1 step 5) unless set too
	}
	if override.Stride > 0 {
		g.Stride = override.Stride
	}
	if g.Stride > g.Window {
		return g, nil, &ConfigError{fmt.Sprintf("system stride %d exceeds the system window %d", g.Stride, g.Window)}
	}
	return g, warnings, nil
}

// medianGrid takes the upper medians of the windowed signals' windows and
// strides, independently (D8); full-signal windows join only when no
// signal is windowed (D7); 128/64 with no active signal.
func medianGrid(entries []*Signal) Grid {
	var windows, strides []int64
	for _, pass := range []bool{true, false} {
		for _, e := range entries {
			if !pass || e.WindowMethod != MethodFullSignal {
				windows = append(windows, e.WindowSize)
				strides = append(strides, e.Stride)
			}
		}
		if len(windows) > 0 {
			break
		}
	}
	if len(windows) == 0 {
		return Grid{128, 64}
	}
	slices.Sort(windows)
	slices.Sort(strides)
	return Grid{windows[len(windows)/2], strides[len(strides)/2]}
}
