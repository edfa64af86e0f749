// Package order finds order statistics of float64 slices by selection
// (quickselect), in expected linear time instead of a sort's n·log n: the
// median of a window's spectrum is needed for every window, and selection
// is exact, so the values are those a sort would give.
package order

import "math"

// Select returns the n-th smallest value of x (0-based), reordering x so
// that x[:n] ≤ x[n] ≤ x[n+1:] (quickselect with a median-of-three pivot).
// x must hold no NaN.
func Select(x []float64, n int) float64 {
	lo, hi := 0, len(x)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		a, b, c := x[lo], x[mid], x[hi]
		pivot := max(min(a, b), min(max(a, b), c))
		i, j := lo, hi
		for i <= j {
			for x[i] < pivot {
				i++
			}
			for x[j] > pivot {
				j--
			}
			if i <= j {
				x[i], x[j] = x[j], x[i]
				i++
				j--
			}
		}
		switch {
		case n <= j:
			hi = j
		case n >= i:
			lo = i
		default:
			return x[n]
		}
	}
	return x[n]
}

// Median returns the median of x, the mean of the two middle values for
// an even count (numpy.median), reordering x; NaN if x is empty or holds
// a NaN.
func Median(x []float64) float64 {
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	for _, v := range x {
		if v != v {
			return math.NaN()
		}
	}
	hi := Select(x, n/2)
	if n%2 == 1 {
		return hi
	}
	lo := x[0]
	for _, v := range x[1 : n/2] { // the largest of the lower half
		lo = max(lo, v)
	}
	return (lo + hi) / 2
}
