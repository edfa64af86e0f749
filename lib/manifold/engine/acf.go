package engine

// E9 acf_decay from the biased normalised autocorrelation (P7).

// computeACFDecay writes acf_lag1, acf_lag10 and acf_half_life (the first
// lag whose autocorrelation drops below 0.5). maxlag = 50, or m/2 for
// m < 50; null if maxlag < 2. A constant window gives nulls (decision B22).
// Lags are computed directly and only as far as needed: lag 10, then on
// until the half-life is found (O(m·lags), never the full O(m²)).
func computeACFDecay(f *frame, out []float64) {
	fillNaN(out)
	m := len(f.x)
	maxlag := 50
	if m < 50 {
		maxlag = m / 2
	}
	if maxlag < 2 {
		return
	}
	d := f.deviations()
	den := f.devSq // Σ d², summed in order by moments
	if den == 0 {
		return
	}
	// Lag products in batches: up to lag 10 always, then 8 at a time
	// until the half-life is found.
	lags := grow(f.tmp, maxlag)
	f.tmp = lags
	done := 0
	halfLife := -1
	for k := 1; k <= maxlag; k++ {
		if k > 10 && halfLife >= 0 {
			break
		}
		if k > done {
			n := min(maxlag, max(10, done+8)) - done
			lagProducts(d, k, lags[done:done+n])
			done += n
		}
		r := lags[k-1] / den
		switch k {
		case 1:
			out[0] = r
		case 10:
			out[1] = r
		}
		if halfLife < 0 && r < 0.5 {
			halfLife = k
		}
	}
	if halfLife >= 0 {
		out[2] = float64(halfLife)
	}
}

// lagProducts sets out[j] = lagProduct(d, k0+j) for j < len(out); the lags
// are below len(d).
func lagProducts(d []float64, k0 int, out []float64) {
	if len(out) == 0 {
		return
	}
	_ = d[k0+len(out)-1]
	if useAVX2 {
		lagProductsAVX2(&d[0], len(d), k0, len(out), &out[0])
		return
	}
	for j := range out {
		out[j] = lagProduct(d, k0+j)
	}
}

// lagProduct returns Σ_{t < m-k} d_t·d_{t+k}: lane l of four sums takes
// t ≡ l (mod 4) below m-k rounded down to 4, lane 0 the rest.
func lagProduct(d []float64, k int) float64 {
	a, b := d[:len(d)-k], d[k:]
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += float64(a[i] * b[i])
		s1 += float64(a[i+1] * b[i+1])
		s2 += float64(a[i+2] * b[i+2])
		s3 += float64(a[i+3] * b[i+3])
	}
	for ; i < len(a); i++ {
		s0 += float64(a[i] * b[i])
	}
	return (s0 + s1) + (s2 + s3)
}
