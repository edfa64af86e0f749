package engine

import "math"

// The inner loop of hurst (E8), which dominates the cost of a Prime
// signal-window. It has a portable version here and, on amd64 with AVX2,
// an assembly version (hurst_amd64.s, one call per window) that performs
// the same IEEE operations in the same order, so both give bit-identical
// results (kernels_test.go checks it).
//
// Each sub-series is processed four positions at a time in four lanes:
// lane l takes positions t ≡ l (mod 4) of the first k &^ 3 positions.
// The running-sum values Y_t come from the prefix sums, so lanes carry no
// dependency on one another; SS is summed per lane, the lanes are added as
// (s0+s2)+(s1+s3), then the k mod 4 last terms in order. The four chains
// of additions, instead of one, are what make it fast: a dependent
// addition costs several nanoseconds on the target machines. The extremes
// of Y are exact whatever the order, so the last k mod 4 positions are
// taken as the whole quad ending at k, whose first lanes repeat positions
// already seen; their squares are added as +0, which changes no sum of
// squares.

// hurstScratch is the length of the two scratch slices of hurstRatios
// for a window of m values and sub-series lengths 10..kmax-1: the means
// (then ratios) of every sub-series, (q+4)&^3 places for each k; and the
// lane vectors of the sub-series of one k, 16 values each, with room for q
// rounded up to a multiple of 4 and one spare slot. Σ_k m/k is at most
// m·ln((kmax-1)/9), the integral of m/x from 9 to kmax-1.
func hurstScratch(m, kmax int) (means, ws int) {
	if kmax <= 10 {
		return 0, 0
	}
	sum := float64(m) * (logInt(kmax-1) - logInts[9])
	return int(sum) + 4*(kmax-10) + 8, 16 * (m/10 + 4)
}

// hurstRatios writes rs[k-10] = (Σ_j R_j/S_j) / q for k = 10..kmax-1 and q
// = m/k, the sum as in subSeriesRatioSum. means and ws are scratch of
// hurstScratch(len(d), kmax) values; runLen is empty when no two neighbouring
// values are equal (then no sub-series has equal values).
func hurstRatios(d, hi, lo []float64, runLen []int32, kmax int, means, ws, rs []float64) {
	m := len(d)
	if kmax <= 10 {
		return
	}
	nm, nw := hurstScratch(m, kmax)
	_, _, _ = hi[m], lo[m], rs[kmax-11]
	_, _ = means[nm-1], ws[nw-1]
	if len(runLen) > 0 {
		_ = runLen[m-1]
	}
	if useAVX2 && 4*kmax <= m+3 {
		var rl *int32
		if len(runLen) > 0 {
			rl = &runLen[0]
		}
		hurstRatiosAVX2(&d[0], &hi[0], &lo[0], rl, m, kmax, &means[0], &ws[0], &rs[0])
		return
	}
	for k := 10; k < kmax; k++ {
		q := m / k
		rs[k-10] = subSeriesRatioSum(d, hi, lo, runLen, k, q) / float64(q)
	}
}

// subSeriesRatioSum returns Σ_j R_j/S_j over the sub-series j < q of
// length k >= 4 starting at a = j·k, in order of j, leaving out those with
// S_j = sqrt(SS_j/(k-1)) not > 0 and those of equal values (runLen[a] >=
// k), whose S is 0 exactly. R and SS are those of subSeriesRange with
// mean_j = ((hi[a+k] - hi[a]) + (lo[a+k] - lo[a])) / k. d holds the
// deviations, hi + lo their compensated prefix sums; runLen may be empty
// when no sub-series has equal values.
func subSeriesRatioSum(d, hi, lo []float64, runLen []int32, k, q int) float64 {
	kf, k1 := float64(k), float64(k-1)
	var sum float64
	for a := 0; a < q*k; a += k {
		if len(runLen) > 0 && int(runLen[a]) >= k {
			continue // equal values
		}
		mean := ((hi[a+k] - hi[a]) + (lo[a+k] - lo[a])) / kf
		r, s := subSeriesRange(d[a:a+k], hi[a:a+k+1], lo[a:a+k+1], mean)
		sum += rescaledRange(r, s, k1)
	}
	return sum
}

// rescaledRange is R/S with S = sqrt(SS/(k-1)), or 0 unless S > 0 (which
// leaves a sum of such terms as it is).
func rescaledRange(r, ss, k1 float64) float64 {
	if sd := math.Sqrt(ss / k1); sd > 0 {
		return r / sd
	}
	return 0
}

// subSeriesRange returns R = max_t Y_t - min_t Y_t and SS = Σ_t (d_t -
// mean)² of one sub-series, where Y_t = (hi[1+t] - hi[0]) + (lo[1+t] -
// lo[0]) - (t+1)·mean is the running sum of d - mean from the compensated
// prefix sums: d holds its k >= 4 values, hi and lo the k+1 prefix sums
// from its start. Like the assembly, whose memory operands can only be
// subtrahends, it computes mean - d and -Y: negation commutes exactly with
// every rounding, so the squares are the same and R = max(-Y) - min(-Y).
func subSeriesRange(d, hi, lo []float64, mean float64) (r, ss float64) {
	h0, l0 := hi[0], lo[0]
	hs, ls := hi[1:len(d)+1], lo[1:len(d)+1]
	var s, ymin, ymax [4]float64
	for l := range ymin {
		ymin[l], ymax[l] = math.Inf(1), math.Inf(-1)
	}
	lanes := func(t int, sq *[4]float64) {
		for l := range 4 {
			e := mean - d[t+l]
			sq[l] += float64(e * e)
			y := negRunningValue(hs[t+l], ls[t+l], h0, l0, float64(t+l+1), mean)
			ymin[l] = pickMin(y, ymin[l])
			ymax[l] = pickMax(y, ymax[l])
		}
	}
	n4 := len(d) &^ 3
	for t := 0; t < n4; t += 4 {
		lanes(t, &s)
	}
	ss = (s[0] + s[2]) + (s[1] + s[3])
	if r := len(d) - n4; r > 0 {
		// The last r positions as the quad ending at k: the extremes of
		// repeated positions change nothing, their squares are added as
		// +0, which leaves a sum of squares as it is.
		var tail [4]float64
		lanes(len(d)-4, &tail)
		for l := range 4 - r {
			tail[l] = 0
		}
		ss = (((ss + tail[0]) + tail[1]) + tail[2]) + tail[3]
	}
	lo0 := pickMin(pickMin(ymin[0], ymin[2]), pickMin(ymin[1], ymin[3]))
	hi0 := pickMax(pickMax(ymax[0], ymax[2]), pickMax(ymax[1], ymax[3]))
	return hi0 - lo0, ss
}

// negRunningValue is -Y_t = ((h0 - h) + (l0 - l)) + n·mean; the conversions
// forbid fused multiply-adds, which the assembly does not use.
func negRunningValue(h, l, h0, l0, n, mean float64) float64 {
	return float64((h0-h)+(l0-l)) + float64(n*mean)
}

// pickMin and pickMax are MINPD and MAXPD: the first operand if it is
// smaller (larger), else the second; exact like math.Min/Max on finite
// values, and with the same choice as the assembly between 0 and -0.
func pickMin(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

func pickMax(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}
