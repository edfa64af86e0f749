package markdown

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

// Expected strings are Python 3 repr() of the same doubles (float32:
// repr(numpy.float32(x)), numpy 1.24), printed with /usr/bin/python3; -0
// is the one deliberate difference (sql.md §4.5: 0.0, Python: -0.0).
func TestFloat(t *testing.T) {
	cases := []struct {
		v    float64
		want string
	}{
		{0.0, "0.0"},
		{math.Copysign(0, -1), "0.0"},
		{2000.0, "2000.0"},
		{0.1, "0.1"},
		{1e-05, "1e-05"},
		{1.5e-05, "1.5e-05"},
		{0.0001, "0.0001"},
		{1e+16, "1e+16"},
		{9999999999999998.0, "9999999999999998.0"},
		{1.2345678901234568e+17, "1.2345678901234568e+17"},
		{12345678901234567.0, "1.2345678901234568e+16"},
		{1e15, "1000000000000000.0"},
		{5e-324, "5e-324"},
		{math.NaN(), "nan"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
		{1.503484768246135, "1.503484768246135"},
		{123456789.125, "123456789.125"},
		{-2.5e-7, "-2.5e-07"},
		{1.0 / 3, "0.3333333333333333"},
	}
	for _, c := range cases {
		if got := Float(c.v); got != c.want {
			t.Errorf("Float(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	f32 := []struct {
		v    float32
		want string
	}{
		{0.1, "0.1"}, {1e-05, "1e-05"}, {3.4028235e38, "3.4028235e+38"}, {16777216, "16777216.0"}, {1.0 / 3, "0.33333334"},
	}
	for _, c := range f32 {
		if got := Float32(c.v); got != c.want {
			t.Errorf("Float32(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestCount(t *testing.T) {
	for n, want := range map[int64]string{0: "0", 1: "1", 999: "999", 1000: "1,000", 1234: "1,234",
		123456: "123,456", 1234567: "1,234,567", -1234567: "-1,234,567"} {
		if got := Count(n); got != want {
			t.Errorf("Count(%d) = %q, want %q", n, got, want)
		}
	}
}

type dec struct{}

func (dec) String() string { return "1.50" }

func TestCell(t *testing.T) {
	cases := []struct {
		v    any
		want string
	}{
		{nil, "NULL"},
		{"a|b", `a\|b`},
		{"line1\nline2\r\tx", "line1 line2  x"},
		{true, "true"},
		{false, "false"},
		{int64(-42), "-42"},
		{int32(7), "7"},
		{uint32(4000000000), "4000000000"},
		{new(big.Int).Lsh(big.NewInt(1), 70), "1180591620717411303424"},
		{5.0, "5.0"},
		{float32(2.5), "2.5"},
		{[]any{"a", nil, int64(3)}, "[a, NULL, 3]"},
		{dec{}, "1.50"},
	}
	for _, c := range cases {
		if got := Cell(c.v); got != c.want {
			t.Errorf("Cell(%#v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// Float must round-trip (Python repr does) and Escape must leave no raw
// pipe or line break in a cell.
func FuzzCell(f *testing.F) {
	f.Add(1.5, "a|b\nc")
	f.Add(1e-05, "")
	f.Add(-0.0, "\r\t|")
	f.Fuzz(func(t *testing.T, v float64, s string) {
		text := Float(v)
		back, err := strconv.ParseFloat(text, 64)
		switch {
		case math.IsNaN(v):
			if text != "nan" {
				t.Errorf("NaN printed %q", text)
			}
		case err != nil && !math.IsInf(v, 0):
			t.Errorf("Float(%v) = %q does not parse: %v", v, text, err)
		case !math.IsInf(v, 0) && back != v:
			t.Errorf("Float(%v) = %q reads back as %v", v, text, back)
		}
		e := Escape(s)
		if strings.ContainsAny(e, "\r\n\t") || strings.Contains(strings.ReplaceAll(e, `\|`, ""), "|") {
			t.Errorf("Escape(%q) = %q", s, e)
		}
	})
}
