package fft

import (
	"math"
	"math/cmplx"
	"math/rand/v2"
	"sync"
	"testing"
)

// naiveDFT is the O(n²) definition, with each twiddle reduced exactly
// (k·t mod n) before math.Sincos: the independent reference of these tests.
func naiveDFT(x []complex128) []complex128 {
	n := len(x)
	out := make([]complex128, n)
	for k := range out {
		var s complex128
		for t, v := range x {
			s += v * root(k*t%n, n)
		}
		out[k] = s
	}
	return out
}

// relErr returns ‖got-want‖₂/‖want‖₂ (or the absolute norm if want is 0).
func relErr(got, want []complex128) float64 {
	var num, den float64
	for i := range want {
		d := got[i] - want[i]
		num += real(d)*real(d) + imag(d)*imag(d)
		den += real(want[i])*real(want[i]) + imag(want[i])*imag(want[i])
	}
	if den == 0 {
		return math.Sqrt(num)
	}
	return math.Sqrt(num / den)
}

func randomComplex(r *rand.Rand, n int) []complex128 {
	x := make([]complex128, n)
	for i := range x {
		x[i] = complex(r.NormFloat64(), r.NormFloat64())
	}
	return x
}

// testLengths covers every small length, powers of 2, 3, 5, mixed radices,
// generic radices (7..31), and lengths with a prime factor > 31 (Bluestein),
// including large primes.
func testLengths() []int {
	var ls []int
	for n := 1; n <= 70; n++ {
		ls = append(ls, n)
	}
	ls = append(ls, 81, 96, 97, 100, 101, 121, 125, 127, 128, 169, 210, 243, 251, 256, 257,
		289, 360, 509, 600, 625, 961, 1000, 1001, 1009, 1024, 2048, 2*1009, 3*37*5)
	return ls
}

func TestForwardMatchesNaiveDFT(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var tr Transformer
	for _, n := range testLengths() {
		x := randomComplex(r, n)
		want := naiveDFT(x)
		got := make([]complex128, n)
		tr.Forward(got, x)
		if e := relErr(got, want); e > 1e-12 {
			t.Errorf("n=%d: relative error %.3g > 1e-12", n, e)
		}
		// In place gives the same bits.
		inplace := append([]complex128(nil), x...)
		tr.Forward(inplace, inplace)
		for i := range got {
			if inplace[i] != got[i] {
				t.Errorf("n=%d: in-place result differs at %d", n, i)
				break
			}
		}
	}
}

func TestInverseRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var tr Transformer
	for _, n := range testLengths() {
		x := randomComplex(r, n)
		y := make([]complex128, n)
		tr.Forward(y, x)
		tr.Inverse(y, y)
		if e := relErr(y, x); e > 1e-12 {
			t.Errorf("n=%d: round trip error %.3g", n, e)
		}
	}
}

func TestInverseMatchesNaive(t *testing.T) {
	// ifft(x)_t = (1/n) Σ_k x_k e^{+2πikt/n} = conj(naiveDFT(conj x))/n.
	r := rand.New(rand.NewPCG(5, 6))
	var tr Transformer
	for _, n := range []int{1, 2, 7, 16, 37, 64, 100, 127, 128} {
		x := randomComplex(r, n)
		c := make([]complex128, n)
		for i, v := range x {
			c[i] = cmplx.Conj(v)
		}
		want := naiveDFT(c)
		for i, v := range want {
			want[i] = cmplx.Conj(v) / complex(float64(n), 0)
		}
		got := make([]complex128, n)
		tr.Inverse(got, x)
		if e := relErr(got, want); e > 1e-12 {
			t.Errorf("n=%d: inverse error %.3g", n, e)
		}
	}
}

func TestRealForwardMatchesNaiveDFT(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var tr Transformer
	for _, n := range testLengths() {
		x := make([]float64, n)
		c := make([]complex128, n)
		for i := range x {
			x[i] = r.NormFloat64() + 3 // a DC offset too
			c[i] = complex(x[i], 0)
		}
		want := naiveDFT(c)[:n/2+1]
		got := make([]complex128, n/2+1)
		tr.RealForward(got, x)
		if e := relErr(got, want); e > 1e-12 {
			t.Errorf("n=%d: relative error %.3g", n, e)
		}
	}
}

func TestClosedForms(t *testing.T) {
	// A cosine of k0 cycles over n samples has exactly two nonzero bins,
	// n/2 at k0 and n-k0; an impulse at 0 has a flat spectrum of ones.
	var tr Transformer
	for _, n := range []int{12, 64, 97, 1000} {
		k0 := 3
		x := make([]complex128, n)
		for i := range x {
			x[i] = complex(math.Cos(2*math.Pi*float64(k0*i)/float64(n)), 0)
		}
		tr.Forward(x, x)
		for k, v := range x {
			want := 0.0
			if k == k0 || k == n-k0 {
				want = float64(n) / 2
			}
			if cmplx.Abs(v-complex(want, 0)) > 1e-11*float64(n) {
				t.Errorf("n=%d: cosine bin %d = %v, want %v", n, k, v, want)
			}
		}
		imp := make([]complex128, n)
		imp[0] = 1
		tr.Forward(imp, imp)
		for k, v := range imp {
			if cmplx.Abs(v-1) > 1e-14 { // exact for Stockham, rounding for Bluestein (97)
				t.Errorf("n=%d: impulse bin %d = %v, want 1", n, k, v)
				break
			}
		}
	}
}

func TestHann(t *testing.T) {
	// scipy.signal.get_window("hann", 8) = [0, 0.14644661, 0.5, 0.85355339, 1, 0.85355339, 0.5, 0.14644661]
	want := []float64{0, 0.14644660940672624, 0.5, 0.8535533905932737, 1, 0.8535533905932737, 0.5, 0.14644660940672624}
	got := Hann(8)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-15 {
			t.Errorf("Hann(8)[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if &Hann(8)[0] != &got[0] {
		t.Error("Hann(8) is not cached")
	}
	// Σw² of a periodic Hann window is 3n/8 for n >= 2.
	var s float64
	for _, v := range Hann(64) {
		s += v * v
	}
	if math.Abs(s-24) > 1e-12 {
		t.Errorf("Σw² for n=64 = %v, want 24", s)
	}
}

func TestPlansAreCached(t *testing.T) {
	if PlanFor(48) != PlanFor(48) || RealPlanFor(48) != RealPlanFor(48) {
		t.Fatal("plans are not cached")
	}
}

func TestZeroAllocations(t *testing.T) {
	for _, n := range []int{64, 100, 127, 128, 1009} {
		var tr Transformer
		x := randomComplex(rand.New(rand.NewPCG(9, 10)), n)
		y := make([]complex128, n)
		re := make([]float64, n)
		bins := make([]complex128, n/2+1)
		tr.Forward(y, x)
		tr.Inverse(y, x)
		tr.RealForward(bins, re)
		if a := testing.AllocsPerRun(50, func() { tr.Forward(y, x) }); a != 0 {
			t.Errorf("n=%d: Forward allocates %v per call", n, a)
		}
		if a := testing.AllocsPerRun(50, func() { tr.Inverse(y, x) }); a != 0 {
			t.Errorf("n=%d: Inverse allocates %v per call", n, a)
		}
		if a := testing.AllocsPerRun(50, func() { tr.RealForward(bins, re) }); a != 0 {
			t.Errorf("n=%d: RealForward allocates %v per call", n, a)
		}
		p := PlanFor(n)
		s := make([]complex128, p.ScratchLen())
		if a := testing.AllocsPerRun(50, func() { p.Forward(y, x, s) }); a != 0 {
			t.Errorf("n=%d: Plan.Forward allocates %v per call", n, a)
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	// Plans are shared; each goroutine has its own Transformer. Results
	// must not depend on who built the plan.
	x := randomComplex(rand.New(rand.NewPCG(11, 12)), 509)
	want := naiveDFT(x)
	var wg sync.WaitGroup
	errs := make(chan float64, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tr Transformer
			y := make([]complex128, len(x))
			for i := 0; i < 20; i++ {
				tr.Forward(y, x)
			}
			errs <- relErr(y, want)
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		if e > 1e-12 {
			t.Errorf("concurrent result error %.3g", e)
		}
	}
}

func TestBadLength(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("PlanFor(0) did not panic")
		}
	}()
	PlanFor(0)
}

func BenchmarkForward(b *testing.B) {
	for _, n := range []int{32, 64, 128, 256, 1000, 1009} {
		b.Run(itoa(n), func(b *testing.B) {
			var tr Transformer
			x := randomComplex(rand.New(rand.NewPCG(1, 1)), n)
			y := make([]complex128, n)
			tr.Forward(y, x)
			b.ReportAllocs()
			for b.Loop() {
				tr.Forward(y, x)
			}
		})
	}
}

func BenchmarkRealForward(b *testing.B) {
	for _, n := range []int{64, 128, 256, 1000, 1009} {
		b.Run(itoa(n), func(b *testing.B) {
			var tr Transformer
			x := make([]float64, n)
			for i := range x {
				x[i] = float64(i%7) - 3
			}
			y := make([]complex128, n/2+1)
			tr.RealForward(y, x)
			b.ReportAllocs()
			for b.Loop() {
				tr.RealForward(y, x)
			}
		})
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// TestCacheBudget: past the byte budget plans are still correct but not
// cached; a Transformer's private map stays bounded.
func TestCacheBudget(t *testing.T) {
	cacheMu.Lock()
	saved := cacheBytes
	cacheBytes = maxCacheBytes // pretend the cache is full
	cacheMu.Unlock()
	defer func() {
		cacheMu.Lock()
		cacheBytes = saved
		cacheMu.Unlock()
	}()
	const n = 4099 // not used elsewhere in the tests
	if PlanFor(n) == PlanFor(n) {
		t.Error("a plan past the budget was cached")
	}
	x := randomComplex(rand.New(rand.NewPCG(1, 5)), n)
	got := make([]complex128, n)
	var tr Transformer
	tr.Forward(got, x)
	if e := relErr(got, naiveDFT(x)); e > 1e-12 {
		t.Errorf("uncached plan error %.3g", e)
	}
	for m := 1; m <= 600; m++ {
		tr.Plan(m)
	}
	if len(tr.plans) > maxPrivatePlans {
		t.Errorf("private plan map holds %d lengths", len(tr.plans))
	}
}
