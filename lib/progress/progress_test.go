package progress

import (
	"bytes"
	"strings"
	"testing"
)

func TestBar(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{{0, "[....]"}, {0.5, "[##..]"}, {1, "[####]"}, {2, "[####]"}, {-1, "[....]"}} {
		if got := Bar(tc.f, 4); got != tc.want {
			t.Errorf("Bar(%v) = %q, want %q", tc.f, got, tc.want)
		}
	}
}

func TestMeterModes(t *testing.T) {
	var buf bytes.Buffer
	m := New(&buf, Always, "sp-x", "files", 4)
	m.Add(2)
	m.Finish()
	if s := buf.String(); !strings.Contains(s, "2/4 files (50%)") || !strings.HasSuffix(s, "\n") {
		t.Errorf("meter drew %q", s)
	}
	buf.Reset()
	m = New(&buf, Auto, "sp-x", "files", 4) // a buffer is not a terminal
	m.Add(4)
	m.Finish()
	if buf.Len() != 0 {
		t.Errorf("auto mode drew on a non-terminal: %q", buf.String())
	}
	var nilMeter *Meter
	nilMeter.Add(1) // a nil meter is a no-op
	nilMeter.Finish()
}
