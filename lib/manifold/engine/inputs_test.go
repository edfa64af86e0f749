package engine

import "math"

// The deterministic test inputs of manifold.md §13.2, and the extra inputs
// of testdata/reference.py (which must be built the same way there).

// lcg returns n values of the §13.2 LCG: s_{i+1} = (1103515245·s_i + 12345)
// mod 2³¹, x_i = s_{i+1}/2³¹ - 0.5.
func lcg(n int, seed uint64) []float64 {
	s := seed
	x := make([]float64, n)
	for i := range x {
		s = (1103515245*s + 12345) % (1 << 31)
		x[i] = float64(s)/(1<<31) - 0.5
	}
	return x
}

func sineTrend(n int) []float64 {
	x := make([]float64, n)
	for t := range x {
		x[t] = 0.05*float64(t) + math.Sin(2*math.Pi*float64(t)/10)
	}
	return x
}

func runningSum(x []float64) []float64 {
	out := make([]float64, len(x))
	var s float64
	for i, v := range x {
		s += v
		out[i] = s
	}
	return out
}

func addConst(x []float64, c float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v + c
	}
	return out
}

// testInputs returns the named inputs of the golden tables.
func testInputs() map[string][]float64 {
	t1 := make([]float64, 64)
	for t := range t1 {
		t1[t] = math.Sin(2 * math.Pi * float64(t) / 16)
	}
	t2 := lcg(128, 42)
	t4 := runningSum(t2)
	return map[string][]float64{
		"T1":        t1,
		"T2":        t2,
		"T3":        sineTrend(128),
		"T4":        t4,
		"T2_64":     t2[:64],
		"T5":        lcg(600, 42),
		"T2_101":    t2[:101],
		"T2_37":     t2[:37],
		"T2_10":     t2[:10],
		"T4_offset": addConst(t4, 1000),
		"LCG7_1000": lcg(1000, 7),
		"T3_210":    sineTrend(210),
		"STEPS":     steps(128, 40),
		"QUANT":     quantise(t2, 8),
	}
}

// nan marks a null expected value in the generated tables.
var nan = math.NaN()

// steps returns floor(t/width), t < n.
func steps(n, width int) []float64 {
	x := make([]float64, n)
	for t := range x {
		x[t] = math.Floor(float64(t) / float64(width))
	}
	return x
}

// quantise rounds x to multiples of 1/q, half to even (numpy.round).
func quantise(x []float64, q float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = math.RoundToEven(v*q) / q
	}
	return out
}
