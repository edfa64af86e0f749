package typology

import (
	"fmt"
	"math"

	"sp/lib/fft"
	"sp/lib/obs"
	"sp/lib/stattest"
	"sp/lib/typology/measure"
)

// captureSlack is how many non-finite values a signal may hold for its
// analysis segment to be captured in the first pass (more cost a second
// pass, never a wrong block): 16 candidate blocks widened by this much.
const captureSlack = 16384

// Source streams the values of one signal in signal_0 order, in chunks
// that may hold NaN and ±Inf (they are dropped, typology.md §2.4). Each
// call streams the signal again from its start.
type Source func(fn func(values []float64) error) error

// SliceSource streams a series held in memory.
func SliceSource(x []float64) Source {
	return func(fn func([]float64) error) error { return fn(x) }
}

// ReaderSource streams signal k of an observations file.
func ReaderSource(r *obs.Reader, k obs.Key) Source {
	return func(fn func([]float64) error) error {
		return r.ReadValues(k, fn)
	}
}

// Stats tells how a signal was analysed (for logs and tests).
type Stats struct {
	Passes  int    // 1, or 2 when the data forced a second read
	Warning string // non-empty: advice for the user (K23)
}

// Analyzer computes typology rows; it keeps scratch state between
// signals. Not safe for concurrent use: one per goroutine.
type Analyzer struct {
	fft   fft.Transformer
	block []float64
	// probe, when set (tests), receives view A instead of the dynamics
	// measures being computed on it.
	probe func(a []float64)
}

// Analyze computes the row of signal k whose values src streams; upper
// bounds the number of values (an observations file's row count; −1 if
// unknown). src is read once, or twice when the data need it: a
// derivative threshold the first pass could not settle, or more
// non-finite values than the capture slack.
func (an *Analyzer) Analyze(k obs.Key, upper int64, src Source) (Row, Stats, error) {
	if upper < 0 {
		var err error
		if upper, err = countValues(src); err != nil {
			return Row{}, Stats{}, err
		}
	}
	st := Stats{Passes: 1}
	full := newFullStats()
	capt := newCapture(upper, captureSlack)
	err := an.blocks(src, func(pos int64, y []float64) {
		full.addBlock(y)
		capt.add(pos, y)
	}, func(pos int64, y, next []float64) bool {
		if !full.tryGridBlock(y, next) {
			return false
		}
		capt.add(pos, y)
		return true
	})
	if err != nil {
		return Row{}, st, err
	}
	fr := full.result()
	if fr.constant {
		return constantRow(k, fr.n, fr.mean), st, nil
	}
	thr := derivativeThreshold(fr.std)
	small, derivOK := full.deriv.countBelow(thr)
	a, viewOK := capt.analysisSegment(fr.n)
	if !derivOK || !viewOK {
		st.Passes = 2
		if small, a, err = an.secondPass(src, fr.n, thr, derivOK, small, a, viewOK); err != nil {
			return Row{}, st, err
		}
	}
	row := Row{Key: k}
	row.setFull(fr, small)
	if an.probe != nil {
		an.probe(a)
	} else {
		row.setDynamics(a, &an.fft)
	}
	if fr.integer && fr.unique > 50 && fr.n > 1e6 {
		st.Warning = fmt.Sprintf("%s: integer-valued with about %.0f distinct values in %d samples: unique_ratio and the "+
			"discrete/step gates were tuned on short series; consider converting raw counts to engineering units (typology.md K23)",
			k, fr.unique, fr.n)
	}
	return row, st, nil
}

// secondPass counts the small differences exactly and captures view A
// for the final length, whichever of the two the first pass left open.
func (an *Analyzer) secondPass(src Source, n int64, thr float64, derivOK bool, small int64,
	a []float64, viewOK bool) (int64, []float64, error) {
	var capt *capture
	if !viewOK {
		capt = newCapture(n, 0)
	}
	count, prev, first := int64(0), 0.0, true
	err := an.blocks(src, func(pos int64, y []float64) {
		if capt != nil {
			capt.add(pos, y)
		}
		if derivOK {
			return
		}
		if first {
			prev, first = y[0], false
		}
		for _, x := range y {
			if math.Abs(x-prev) < thr {
				count++
			}
			prev = x
		}
	}, nil)
	if err != nil {
		return 0, nil, err
	}
	if !derivOK {
		small = count - 1 // the first value was compared with itself
	}
	if capt != nil {
		var ok bool
		if a, ok = capt.analysisSegment(n); !ok {
			return 0, nil, fmt.Errorf("typology: the second pass saw a different series") // the source changed between passes
		}
	}
	return small, a, nil
}

// blocks streams the finite values of src in blocks of blockLen (the last
// one shorter), with their position in the cleaned series. Each block is
// copied out of the chunks, less their non-finite values, and given to
// fn. With try, values are first copied unchecked (or, when a chunk holds
// the whole next block, not copied) and try gets the block first (with
// the values that follow in the chunk, up to a block): it reports
// whether it took it, which it may only do if all its values are
// finite (the grid scan rejects NaN and ±Inf anyway). A block it refuses
// loses its non-finite values and is completed the checked way, for fn.
// (Finding the non-finite values first cost 0.45 ns a value of
// sp-typology on 22·10^8 samples, and copying 0.5. obs.ReadValues hands
// out batches of exactly blockLen rows, so blocks are taken in place until
// a dropped non-finite value shifts the cleaned series against the
// batches; from then on that signal's blocks are copied.)
func (an *Analyzer) blocks(src Source, fn func(pos int64, y []float64), try func(pos int64, y, next []float64) bool) error {
	if an.block == nil {
		an.block = make([]float64, 0, blockLen)
	}
	y, pos := an.block[:0], int64(0)
	checked := try == nil // y is being filled the checked way
	emit := func() {
		fn(pos, y)
		pos, y, checked = pos+blockLen, y[:0], try == nil
	}
	err := src(func(values []float64) error {
		for len(values) > 0 {
			if !checked {
				if len(y) == 0 && len(values) >= blockLen {
					if try(pos, values[:blockLen], values[blockLen:min(len(values), 2*blockLen)]) {
						pos, values = pos+blockLen, values[blockLen:]
					} else {
						checked = true
					}
					continue
				}
				n := min(len(values), blockLen-len(y))
				y, values = append(y, values[:n]...), values[n:]
				if len(y) < blockLen {
					continue
				}
				if try(pos, y, values[:min(len(values), blockLen)]) {
					pos, y = pos+blockLen, y[:0]
					continue
				}
				if y, checked = dropNonFinite(y), true; len(y) == blockLen {
					emit()
				}
				continue
			}
			// copy the next run of finite values in bulk, up to a full block
			run := finiteRun(values[:min(len(values), blockLen-len(y))])
			y, values = append(y, values[:run]...), values[run:]
			if len(y) == blockLen {
				emit()
			}
			if len(values) > 0 && !isFinite(values[0]) {
				values = values[1:]
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if y = dropNonFinite(y); len(y) > 0 {
		fn(pos, y)
	}
	return nil
}

// dropNonFinite removes the non-finite values of y, in place.
func dropNonFinite(y []float64) []float64 {
	run := finiteRun(y)
	out := y[:run]
	for _, x := range y[run:] {
		if isFinite(x) {
			out = append(out, x)
		}
	}
	return out
}

// isFinite is !IsNaN(x) && !IsInf(x, 0) in one test: x − x is 0 for a
// finite x and NaN otherwise.
func isFinite(x float64) bool { return x-x == 0 }

// finiteRun is the length of the leading run of finite values. Four
// values at a time: the sum of their x − x is 0 only if all are finite.
func finiteRun(v []float64) int {
	i := 0
	for ; i+4 <= len(v); i += 4 {
		a, b, c, d := v[i], v[i+1], v[i+2], v[i+3]
		if (a-a)+(b-b)+((c-c)+(d-d)) != 0 {
			break
		}
	}
	for ; i < len(v); i++ {
		if !isFinite(v[i]) {
			return i
		}
	}
	return len(v)
}

func countValues(src Source) (int64, error) {
	var n int64
	err := src(func(v []float64) error { n += int64(len(v)); return nil })
	return n, err
}

// setFull fills the FULL columns (§4.3, §4.4).
func (r *Row) setFull(fr fullResult, small int64) {
	r.NSamples = fr.n
	r.SignalMean, r.SignalStd = fr.mean, fr.std
	r.Kurtosis, r.Skewness, r.CrestFactor = fr.kurtosis, fr.skewness, fr.crest
	r.UniqueRatio = min(1, fr.unique/float64(fr.n))
	r.IsInteger = fr.integer
	r.Sparsity = fr.sparsity
	r.ZeroRunRatio = fr.zeroRun
	if fr.n > 1 {
		r.DerivativeSparsity = float64(small) / float64(fr.n-1)
	}
}

// setDynamics fills the columns measured on the views A, S and R
// (§4.5–§4.11) and the window factor (§4.12).
func (r *Row) setDynamics(a []float64, tr *fft.Transformer) {
	s, rv := entropyView(a), recurrenceView(a)
	r.NAnalysis = int64(len(a))
	r.ADFPValue = stattest.ADFPValue(a)
	r.KPSSPValue = stattest.KPSSPValue(a)
	r.VarianceRatio = measure.VarianceRatio(a)
	r.ACFHalfLife, r.ACFDecayed, r.ACFHalfLifeValid = measure.ACFHalfLife(a)
	r.Hurst = measure.Hurst(a)
	r.PermEntropy = measure.PermEntropy(a)
	r.SampleEntropy = measure.SampleEntropy(s)
	sp := measure.Spectral(a, tr)
	r.SpectralFlatness, r.SpectralSlope = sp.Flatness, sp.Slope
	r.HarmonicNoiseRatio, r.SpectralPeakSNR = sp.HarmonicNoise, sp.PeakSNR
	r.DominantFrequency, r.IsFirstBinPeak = sp.DominantFrequency, sp.FirstBinPeak
	r.TurningPointRatio = measure.TurningPointRatio(a)
	r.LyapunovProxy = measure.Lyapunov(s)
	r.DeterminismScore = measure.Determinism(rv)
	r.ARCHPValue = stattest.ARCHPValue(a)
	r.RollingVarStd = measure.RollingVarStd(a)
	r.WindowFactor = windowFactor(r)
}
