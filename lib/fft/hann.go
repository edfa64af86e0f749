package fft

import (
	"fmt"
	"math"
)

// Hann returns the periodic Hann window of length n >= 1,
// w_i = 0.5 - 0.5·cos(2πi/n) (scipy.signal.get_window("hann", n), the
// window of scipy.signal.welch). The slice is cached and shared (within the
// cache budget): callers must not modify it.
func Hann(n int) []float64 {
	if n < 1 {
		panic(fmt.Sprintf(errBadSize, n))
	}
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if w := hannCache[n]; w != nil {
		return w
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = 0.5 - 0.5*math.Cos(2*math.Pi*float64(i)/float64(n))
	}
	if admit(8 * n) {
		hannCache[n] = w
	}
	return w
}
