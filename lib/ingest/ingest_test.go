package ingest

import (
	"bytes"
	"encoding/binary"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sp/lib/matfile"
	"sp/lib/obs"
)

// matFile writes a MAT file of the given variables (name -> column-major
// data with dims) and returns its path.
type variable struct {
	name string
	dims []int
	data []float64
}

func matFile(t *testing.T, dir, name string, format matfile.Format, order binary.ByteOrder, vars ...variable) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := matfile.NewWriter(&buf, format, order)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vars {
		if err := w.WriteFloat64(v.name, v.dims, v.data); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// seq returns base, base+1, ..., as sample values that name their origin.
func seq(n int, base float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = base + float64(i)
	}
	return v
}

// noise is incompressible data, so that a corrupted byte lands in the
// deflate stream rather than in a long run.
func noise(n int, seed uint64) []float64 {
	v := make([]float64, n)
	x := seed*0x9E3779B97F4A7C15 + 1
	for i := range v {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		v[i] = float64(x>>11) / (1 << 53)
	}
	return v
}

func readSignals(t *testing.T, path string) map[string][2][]float64 {
	t.Helper()
	r, err := obs.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	out := map[string][2][]float64{}
	for _, s := range r.Signals() {
		var idx, val []float64
		r.ReadSignal(s.Key, func(c obs.Chunk) error {
			idx = append(idx, c.Index...)
			val = append(val, c.Value...)
			return nil
		})
		out[s.Key.String()] = [2][]float64{idx, val}
	}
	return out
}

func TestRunConvertsInOrder(t *testing.T) {
	dir := t.TempDir()
	// File 1 (v7, little-endian): b before a in the file, a 3x2 matrix m,
	// a scalar and a name starting with __. File 2 (v4, big-endian) lacks b.
	f1 := matFile(t, dir, "1.mat", matfile.V7, binary.LittleEndian,
		variable{"b", []int{1, 3}, seq(3, 100)},
		variable{"a", []int{4, 1}, seq(4, 0)},
		variable{"m", []int{3, 2}, seq(6, 10)},
		variable{"fs", []int{1, 1}, []float64{1651}},
		variable{"__hidden", []int{2, 1}, seq(2, 0)})
	f2 := matFile(t, dir, "2.mat", matfile.V4, binary.BigEndian,
		variable{"a", []int{2, 1}, seq(2, 4)},
		variable{"m", []int{1, 2}, seq(2, 20)})
	out := filepath.Join(dir, "observations.parquet")
	rep, err := Run([]Source{{Path: f1, Display: "1.mat"}, {Path: f2, Display: "2.mat"}}, out,
		filepath.Join(dir, "report.json"), Options{Converter: Converter{CohortValue: "tower"}, Threads: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := readSignals(t, out)
	want := map[string][]float64{
		"tower/a":   {0, 1, 2, 3, 4, 5},
		"tower/b":   {100, 101, 102},
		"tower/m_1": {10, 11, 12},
		"tower/m_2": {13, 14, 15},
		"tower/m":   {20, 21}, // a 1x2 array is a vector: one signal named after the variable
	}
	if len(got) != len(want) {
		t.Fatalf("signals %v", keys(got))
	}
	for k, w := range want {
		g := got[k]
		for i := range w {
			if g[0][i] != float64(i) || g[1][i] != w[i] {
				t.Fatalf("%s: signal_0 %v value %v, want values %v", k, g[0], g[1], w)
			}
		}
	}
	if rep.Rows != 17 || len(rep.Files) != 2 || len(rep.SkippedFiles) != 0 {
		t.Fatalf("report: %+v", rep)
	}
	var names []string
	for _, s := range rep.Files[0].Signals {
		names = append(names, s.SignalID)
	}
	if strings.Join(names, ",") != "a,b,m_1,m_2" {
		t.Errorf("file 1 signals in order %v; want sorted by variable name", names)
	}
	if skipped := rep.Files[0].SkippedVariables; len(skipped) != 2 || skipped[0].Name != "__hidden" || skipped[1].Name != "fs" {
		t.Errorf("skipped variables %+v", skipped)
	}
	if m := rep.Files[1].MissingSignals; strings.Join(m, ",") != "b,m_1,m_2" {
		t.Errorf("file 2 missing signals %v", m)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestThreadsGiveIdenticalBytes(t *testing.T) {
	dir := t.TempDir()
	var sources []Source
	for i := range 7 {
		p := matFile(t, dir, string(rune('a'+i))+".mat", matfile.V7, binary.LittleEndian,
			variable{"x", []int{5000, 3}, noise(15000, uint64(i))}, variable{"y", []int{1000, 1}, noise(1000, uint64(i+99))})
		sources = append(sources, Source{Path: p, Display: filepath.Base(p)})
	}
	var outputs [][]byte
	for _, threads := range []int{1, 2, 5} {
		out := filepath.Join(dir, "obs.parquet")
		// A lookahead of one makes workers wait for the writer: the ordering path.
		if _, err := Run(sources, out, "", Options{Threads: threads, Lookahead: 1}); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(out)
		outputs = append(outputs, b)
	}
	for i := 1; i < len(outputs); i++ {
		if !bytes.Equal(outputs[0], outputs[i]) {
			t.Fatalf("threads run %d differs from threads=1", i)
		}
	}
}

// corruptTail flips bytes near the end of the last variable's compressed
// data: the file walks cleanly, and fails only when that variable is
// inflated, after the earlier variables' rows were written.
func corruptTail(t *testing.T, path string) {
	t.Helper()
	f, err := matfile.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var last *matfile.Var
	for {
		v, err := f.Next()
		if err != nil {
			break
		}
		last = v
	}
	f.Close()
	b, _ := os.ReadFile(path)
	at := last.Offset + last.Size/2
	for i := int64(0); i < 16; i++ {
		b[at+i] ^= 0x5a
	}
	os.WriteFile(path, b, 0o644)
}

func TestBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := func(name string, base float64) Source {
		p := matFile(t, dir, name, matfile.V7, binary.LittleEndian,
			variable{"a", []int{3000, 1}, noise(3000, uint64(base))}, variable{"b", []int{3000, 1}, noise(3000, uint64(base)+1)})
		return Source{Path: p, Display: name}
	}
	g1, g2 := good("g1.mat", 1), good("g2.mat", 2)
	mid := good("mid.mat", 3)
	corruptTail(t, mid.Path) // fails after signal a was written: the run starts over without it
	trunc := good("trunc.mat", 4)
	b, _ := os.ReadFile(trunc.Path)
	os.WriteFile(trunc.Path, b[:len(b)/2], 0o644)
	notMat := Source{Path: filepath.Join(dir, "notes.mat"), Display: "notes.mat"}
	os.WriteFile(notMat.Path, []byte("just some text, not a MAT file at all............................................................................................................................"), 0o644)
	missing := Source{Path: filepath.Join(dir, "gone.mat"), Display: "gone.mat"}

	out := filepath.Join(dir, "obs.parquet")
	rep, err := Run([]Source{g1, mid, trunc, notMat, missing, g2}, out, "", Options{Threads: 3})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Files) != 2 || len(rep.SkippedFiles) != 4 {
		t.Fatalf("files %d, skipped %+v", len(rep.Files), rep.SkippedFiles)
	}
	for i, want := range []string{"mid.mat", "trunc.mat", "notes.mat", "gone.mat"} {
		s := rep.SkippedFiles[i]
		if s.Path != want || !strings.Contains(s.Error, want) || strings.Contains(s.Error, dir) {
			t.Errorf("skipped %d = %+v; want %s named relative, no absolute path", i, s, want)
		}
	}
	if !strings.Contains(rep.SkippedFiles[0].Error, `variable "b"`) {
		t.Errorf("mid.mat should fail in variable b, after a was written: %s", rep.SkippedFiles[0].Error)
	}
	withBad, _ := os.ReadFile(out)
	if _, err := Run([]Source{g1, g2}, out, "", Options{Threads: 1}); err != nil {
		t.Fatal(err)
	}
	clean, _ := os.ReadFile(out)
	if !bytes.Equal(withBad, clean) {
		t.Fatal("output with skipped files differs from the output of the good files alone")
	}

	// ingest.on_error: fail stops at the first bad file and writes nothing.
	os.Remove(out)
	_, err = Run([]Source{g1, trunc, g2}, out, "", Options{FailFast: true})
	if err == nil || !strings.Contains(err.Error(), "trunc.mat") {
		t.Fatalf("fail-fast error %v", err)
	}
	if _, serr := os.Stat(out); !os.IsNotExist(serr) {
		t.Fatal("fail-fast left an output")
	}
	// Nothing readable at all: an error, and the report says why.
	report := filepath.Join(dir, "report.json")
	_, err = Run([]Source{trunc, notMat}, out, report, Options{})
	if err == nil || !strings.Contains(err.Error(), "no signal in any of the 2 files") {
		t.Fatalf("all-bad error %v", err)
	}
	if r, err := ReadReport(report); err != nil || len(r.SkippedFiles) != 2 {
		t.Fatalf("report of an all-bad run: %+v %v", r, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary left behind: %s", e.Name())
		}
	}
}

func TestSelection(t *testing.T) {
	dir := t.TempDir()
	p := matFile(t, dir, "s.mat", matfile.V5, binary.LittleEndian,
		variable{"acc", []int{2, 3}, seq(6, 0)}, variable{"temp", []int{3, 1}, seq(3, 50)}, variable{"aux", []int{3, 1}, seq(3, 70)})
	for _, tc := range []struct {
		name string
		conv Converter
		want []string
	}{
		{"all", Converter{}, []string{"acc_1", "acc_2", "acc_3", "aux", "temp"}},
		{"keys in their order", Converter{SignalKeys: []string{"temp", "acc_2"}}, []string{"temp", "acc_2"}},
		{"exclude", Converter{ExcludeKeys: []string{"aux", "acc_1"}}, []string{"acc_2", "acc_3", "temp"}},
		{"flatten", Converter{Layout: matfile.Flatten, SignalKeys: []string{"acc"}}, []string{"acc"}},
		{"cohort from file name", Converter{CohortFrom: "filename", SignalKeys: []string{"temp"}}, []string{"temp"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, "o.parquet")
			rep, err := Run([]Source{{Path: p}}, out, "", Options{Converter: tc.conv})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range rep.Files[0].Signals {
				got = append(got, s.SignalID)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Fatalf("signals %v, want %v", got, tc.want)
			}
			if tc.conv.CohortFrom == "filename" && rep.Files[0].Cohort != "s" {
				t.Errorf("cohort %q", rep.Files[0].Cohort)
			}
			if tc.conv.Layout == matfile.Flatten {
				v := readSignals(t, out)["acc"][1]
				// numpy C order of the 2x3 matrix [[0 2 4] [1 3 5]]
				for i, w := range []float64{0, 2, 4, 1, 3, 5} {
					if v[i] != w {
						t.Fatalf("flatten %v", v)
					}
				}
			}
		})
	}
}

func TestList(t *testing.T) {
	dir := t.TempDir()
	p := matFile(t, dir, "l.mat", matfile.V7, binary.BigEndian,
		variable{"acc", []int{1651, 22}, make([]float64, 1651*22)}, variable{"fs", []int{1, 1}, []float64{1651}})
	_ = p
	l := List(p, Converter{ExcludeKeys: []string{"acc_3"}})
	if l.Error != "" || len(l.Variables) != 2 {
		t.Fatalf("%+v", l)
	}
	acc := l.Variables[0]
	if !acc.Ingest || len(acc.Signals) != 21 || acc.Shape != "1651x22" || acc.Class != "double" {
		t.Errorf("acc: %+v", acc)
	}
	if fs := l.Variables[1]; fs.Ingest || !strings.Contains(fs.Reason, "fewer than 2") {
		t.Errorf("fs: %+v", fs)
	}
	var buf bytes.Buffer
	WriteListings(&buf, []Listing{l}, false)
	if !strings.Contains(buf.String(), "yes: 21 signals acc_1 .. acc_22") {
		t.Errorf("text listing:\n%s", buf.String())
	}
	_ = math.Pi
}
