package engine

import "math"

// The inner loop of hurst (E8), which dominates the cost of a Prime
// signal-window. It has a portable version here and, on amd64 with AVX2,
// an assembly version (hurst_amd64.s) that performs the same IEEE
// operations in the same order, so both give bit-identical results
// (kernels_test.go checks it).
//
// Each sub-series is processed four positions at a time in four lanes:
// lane l takes positions t ≡ l (mod 4) of the first k &^ 3 positions.
// The running-sum values Y_t come from the prefix sums, so lanes carry no
// dependency on one another; SS is summed per lane, the lanes are added as
// (s0+s2)+(s1+s3), then the k mod 4 last terms in order. The four chains
// of additions, instead of one, are what make it fast: a dependent
// addition costs several nanoseconds on the target machines. The extremes
// of Y are exact whatever the order.

// subSeriesRatioSum returns Σ_j R_j/S_j over the sub-series j < q of
// length k starting at a = j·k, in order of j, leaving out those with
// S_j = sqrt(SS_j/(k-1)) not > 0 and those of equal values (runLen[a] >=
// k), whose S is 0 exactly. R and SS are those of subSeriesRange with
// mean_j = ((hi[a+k] - hi[a]) + (lo[a+k] - lo[a])) / k. d holds the
// deviations, hi + lo their compensated prefix sums; rr and ss are scratch
// of q rounded up to a multiple of 4.
func subSeriesRatioSum(d, hi, lo []float64, runLen []int32, k, q int, rr, ss []float64) float64 {
	if q == 0 {
		return 0
	}
	_, _, _, _ = d[q*k-1], hi[q*k], lo[q*k], runLen[q*k-1]
	_, _ = rr[(q+3)&^3-1], ss[(q+3)&^3-1]
	kf, k1 := float64(k), float64(k-1)
	if useAVX2 && k >= 4 {
		return subSeriesRatioSumAVX2(&d[0], &hi[0], &lo[0], &runLen[0], k, q, kf, k1, &rr[0], &ss[0])
	}
	var sum float64
	for a := 0; a < q*k; a += k {
		if int(runLen[a]) >= k {
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
// prefix sums: d holds its k values, hi and lo the k+1 prefix sums from
// its start.
func subSeriesRange(d, hi, lo []float64, mean float64) (r, ss float64) {
	h0, l0 := hi[0], lo[0]
	hs, ls := hi[1:len(d)+1], lo[1:len(d)+1]
	var s, ymin, ymax [4]float64
	for l := range ymin {
		ymin[l], ymax[l] = math.Inf(1), math.Inf(-1)
	}
	n4 := len(d) &^ 3
	for t := 0; t < n4; t += 4 {
		for l := range 4 {
			e := d[t+l] - mean
			s[l] += float64(e * e)
			y := runningValue(hs[t+l], ls[t+l], h0, l0, float64(t+l+1), mean)
			ymin[l] = pickMin(y, ymin[l])
			ymax[l] = pickMax(y, ymax[l])
		}
	}
	ss = (s[0] + s[2]) + (s[1] + s[3])
	lo0 := pickMin(pickMin(ymin[0], ymin[2]), pickMin(ymin[1], ymin[3]))
	hi0 := pickMax(pickMax(ymax[0], ymax[2]), pickMax(ymax[1], ymax[3]))
	for t := n4; t < len(d); t++ {
		e := d[t] - mean
		ss += float64(e * e)
		y := runningValue(hs[t], ls[t], h0, l0, float64(t+1), mean)
		lo0 = pickMin(y, lo0)
		hi0 = pickMax(y, hi0)
	}
	return hi0 - lo0, ss
}

// runningValue is Y_t = ((h - h0) + (l - l0)) - n·mean; the conversions
// forbid fused multiply-adds, which the assembly does not use.
func runningValue(h, l, h0, l0, n, mean float64) float64 {
	return float64((h-h0)+(l-l0)) - float64(n*mean)
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
