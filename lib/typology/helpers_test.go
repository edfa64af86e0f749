package typology

import (
	"math"
	"strconv"
)

// uniforms is the MMIX generator of testdata/reference.py: top 53 bits of
// each state as a double in [0, 1), bit-identical in Go and Python.
func uniforms(seed uint64, n int) []float64 {
	out := make([]float64, n)
	x := seed
	for i := range out {
		x = 6364136223846793005*x + 1442695040888963407
		out[i] = float64(x>>11) * 0x1p-53
	}
	return out
}

// noise is a sum of four uniforms minus 2 (mean 0, variance 1/3).
func noise(seed uint64, n int) []float64 {
	u := uniforms(seed, 4*n)
	w := make([]float64, n)
	for i := range w {
		w[i] = u[4*i] + u[4*i+1] + u[4*i+2] + u[4*i+3] - 2
	}
	return w
}

// pyRound is Python's round(x, d) for floats.
func pyRound(x float64, d int) float64 {
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', d, 64), 64)
	return v
}

func near(got, want, rel float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if want == 0 {
		return math.Abs(got) <= rel
	}
	return math.Abs(got-want) <= rel*math.Abs(want)
}

// referenceSeries are the series of testdata/reference.py.
func referenceSeries(name string) []float64 {
	w := noise(11, 3000)
	x := make([]float64, len(w))
	for i, v := range w {
		switch name {
		case "mixed":
			if i%7 != 0 && i%11 >= 3 {
				x[i] = pyRound(float64(float64(v*v)*v), 3)
			}
		case "quantised":
			x[i] = 100 + math.Floor(v*1024)/1024
		case "integers":
			x[i] = math.Floor(v * 5)
		}
	}
	return x
}
