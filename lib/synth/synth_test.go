package synth

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"testing"

	"sp/lib/matfile"
)

func small() Options {
	o := Defaults()
	o.Weeks, o.FilesPerWeek, o.Channels, o.Rate, o.Seconds = 3, 2, 6, 20, 30
	return o
}

func TestFilesSpreadOverWeeks(t *testing.T) {
	files := small().Files()
	if len(files) != 6 {
		t.Fatalf("%d files", len(files))
	}
	for i, f := range files {
		wantWeek := i / 2
		if _, w := f.Time.ISOWeek(); w != wantWeek+1 || f.Week != wantWeek {
			t.Errorf("file %d at %v: ISO week %d, want %d", i, f.Time, w, wantWeek+1)
		}
		if want := "synth_" + f.Time.Format("20060102_150405") + ".mat"; filepath.Base(f.RelPath) != want {
			t.Errorf("file %d named %s", i, f.RelPath)
		}
	}
}

func TestContent(t *testing.T) {
	o := small()
	files := o.Files()
	for i := range files {
		o.Fill(&files[i])
	}
	dead := files[0].Channels[5]
	for _, v := range dead {
		if v != 0.5 {
			t.Fatalf("dead channel holds %v", v)
		}
	}
	// ch3 steps by 4 at StepTime, in the middle file of the middle week.
	mid := files[3]
	stepAt := o.StepTime() - mid.Time.Sub(o.Start).Seconds()
	if stepAt <= 0 || stepAt >= o.Seconds {
		t.Fatalf("step at %v s into the file, outside it", stepAt)
	}
	k := int(stepAt * o.Rate)
	before, after := mean(mid.Channels[2][:k]), mean(mid.Channels[2][k:])
	if d := after - before; d < 3 || d > 5 {
		t.Errorf("ch3 step %.2f, want about 4", d)
	}
	for _, v := range files[0].Channels[0] {
		if v != math.Round(v*(1<<20))/(1<<20) {
			t.Fatalf("value %v is not on the 24-bit grid", v)
		}
	}
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

func TestWriteIsDeterministic(t *testing.T) {
	o := small()
	o.Corrupt = true
	a, b := t.TempDir(), t.TempDir()
	files, err := o.Write(a, matfile.V7, 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.Write(b, matfile.V7, 1); err != nil {
		t.Fatal(err)
	}
	corrupt := 0
	for _, f := range files {
		pa, pb := filepath.Join(a, f.RelPath), filepath.Join(b, f.RelPath)
		x, _ := os.ReadFile(pa)
		y, _ := os.ReadFile(pb)
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", f.RelPath)
		}
		if st, _ := os.Stat(pa); !st.ModTime().Equal(f.Time) {
			t.Errorf("%s mtime %v, want %v", f.RelPath, st.ModTime(), f.Time)
		}
		mf, err := matfile.Open(pa)
		if err == nil {
			for err == nil {
				_, err = mf.Next()
			}
			mf.Close()
		}
		if f.Corrupt {
			corrupt++
			if err == nil || err.Error() == "EOF" {
				t.Errorf("%s should be truncated", f.RelPath)
			}
		}
	}
	if corrupt != 1 {
		t.Errorf("%d corrupt files, want 1", corrupt)
	}
}
