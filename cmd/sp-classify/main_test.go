package main

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sp/lib/classify"
	"sp/lib/command"
	"sp/lib/stagelog"
)

func rows() []classify.Raw {
	noise := classify.Raw{SignalID: "noise", NSamples: 5000, NAnalysis: 5000, ADFPValue: 0, KPSSPValue: 0.1,
		VarianceRatio: 0.98, ACFHalfLife: 1, ACFDecayed: true, Hurst: 0.59, PermEntropy: 0.9998,
		SpectralFlatness: 0.56, SpectralPeakSNR: 10.5, TurningPointRatio: 0.667, DeterminismScore: 0.68,
		Kurtosis: 3, CrestFactor: 3.8, UniqueRatio: 1, SignalStd: 1, WindowFactor: 1.2}
	flat := classify.Raw{SignalID: "flat", NSamples: 5000, NAnalysis: 5000, ACFHalfLife: math.NaN(), SignalMean: 4}
	return []classify.Raw{flat, noise}
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "typology_raw.parquet")
	if err := classify.WriteRaw(in, rows()); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := run([]string{"sp-classify", in}, nil, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "typology.parquet")
	tt, err := classify.OpenTable(out)
	if err != nil {
		t.Fatal(err)
	}
	defer tt.Close()
	prim, _ := tt.Strings("temporal_primary")
	a, _ := prim.At(0)
	b, _ := prim.At(1)
	if tt.Rows() != 2 || a != classify.Constant || b != classify.Stationary {
		t.Errorf("rows %d primaries %s %s", tt.Rows(), a, b)
	}
	if got, want := stderr.String(), "sp-classify: 2 signals -> "+out+" (CONSTANT 1, STATIONARY 1)\n"; got != want {
		t.Errorf("stderr %q; want %q", got, want)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout %q", stdout.String())
	}
	recs, err := stagelog.Read(filepath.Join(dir, stagelog.FileName))
	if err != nil || len(recs) != 1 {
		t.Fatal(recs, err)
	}
	r := recs[0]
	if r.Stage != "classify" || r.Rows != 2 || r.Exit != 0 || r.Counts["CONSTANT"] != 1 || r.Counts["STATIONARY"] != 1 {
		t.Errorf("log record %+v", r)
	}
}

func TestRunOptions(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "raw.parquet")
	if err := classify.WriteRaw(in, rows()); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sub", "t.parquet")
	os.Mkdir(filepath.Dir(out), 0o755)
	logPath := filepath.Join(dir, "my.log")
	var stderr bytes.Buffer
	if err := run([]string{"sp-classify", "-q", "-o", out, "--log", logPath, in}, nil, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatal(err)
	}
	if stderr.Len() != 0 {
		t.Errorf("quiet run printed %q", stderr.String())
	}
	if _, err := os.Stat(out); err != nil {
		t.Error(err)
	}
	if recs, _ := stagelog.Read(logPath); len(recs) != 1 {
		t.Errorf("log %v", recs)
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "typology_raw.parquet")
	os.WriteFile(junk, []byte("not parquet"), 0o644)
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"sp-classify"}, 2, "want one typology_raw.parquet argument, got 0"},
		{[]string{"sp-classify", "a", "b"}, 2, "got 2"},
		{[]string{"sp-classify", "--bogus", junk}, 2, "bogus"},
		{[]string{"sp-classify", "-o", junk, junk}, 2, "would overwrite the input"},
		{[]string{"sp-classify", filepath.Join(dir, "absent.parquet")}, 1, "absent.parquet"},
		{[]string{"sp-classify", junk}, 1, junk + ": not a readable parquet file"},
	}
	for _, tc := range cases {
		err := run(tc.args, nil, &bytes.Buffer{}, &bytes.Buffer{})
		if command.ExitCode(err) != tc.code || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: exit %d error %v; want %d and %q", tc.args, command.ExitCode(err), err, tc.code, tc.want)
		}
	}
	// The failed run on junk is in the log with its error.
	recs, _ := stagelog.Read(filepath.Join(dir, stagelog.FileName))
	if len(recs) == 0 || recs[len(recs)-1].Exit != 1 || !strings.Contains(recs[len(recs)-1].Error, "not a readable") {
		t.Errorf("log %+v", recs)
	}
	var u command.UsageError
	if err := run([]string{"sp-classify"}, nil, &bytes.Buffer{}, &bytes.Buffer{}); !errors.As(err, &u) {
		t.Errorf("%T is not a usage error", err)
	}
}

func TestWarnings(t *testing.T) {
	// A reference file lacks the extension columns; a foreign one may lack
	// measures. Both are warned about, even with -q.
	sum := classify.Summary{Rows: 1, Missing: []string{"hurst"}, Derived: []string{"n_analysis", "acf_decayed"},
		Patterns: map[string]int{"RANDOM": 1}}
	var w bytes.Buffer
	report(&w, "in.parquet", "out.parquet", sum, true)
	want := "sp-classify: warning: in.parquet lacks n_analysis, acf_decayed (written by the reference?): derived from n_samples and acf_half_life\n" +
		"sp-classify: warning: in.parquet lacks columns hurst: read as null, so no rule can use them\n"
	if w.String() != want {
		t.Errorf("got %q\nwant %q", w.String(), want)
	}
}
