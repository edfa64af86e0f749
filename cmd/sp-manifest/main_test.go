package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"sp/lib/classify"
	"sp/lib/command"
	"sp/lib/obs"
	"sp/lib/stagelog"
)

// partition writes P/typology.parquet (a white-noise signal, a sine with
// ACF half-life 9 and a constant one) and P/observations.parquet, which
// also holds a signal the typology lacks.
func partition(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "2024-W10")
	if err := os.Mkdir(p, 0o755); err != nil {
		t.Fatal(err)
	}
	noise := classify.Raw{SignalID: "noise", NSamples: 5000, NAnalysis: 5000, KPSSPValue: 0.1, VarianceRatio: 0.98,
		ACFHalfLife: 1, ACFDecayed: true, Hurst: 0.59, PermEntropy: 0.9998, SpectralFlatness: 0.56,
		SpectralPeakSNR: 10.5, TurningPointRatio: 0.667, Kurtosis: 3, CrestFactor: 3.8, UniqueRatio: 1, SignalStd: 1,
		WindowFactor: 1.2}
	sine := classify.Raw{SignalID: "sine", NSamples: 5000, NAnalysis: 5000, KPSSPValue: 0.1, VarianceRatio: 1,
		ACFHalfLife: 9, ACFDecayed: true, Hurst: 0.82, PermEntropy: 0.49, SpectralFlatness: 1e-12,
		SpectralPeakSNR: 300, HarmonicNoiseRatio: 1e25, DominantFrequency: 0.02, TurningPointRatio: 0.037,
		Kurtosis: 1.5, CrestFactor: 1.41, UniqueRatio: 0.01, SignalStd: 0.7, WindowFactor: 3}
	flat := classify.Raw{SignalID: "flat", NSamples: 5000, NAnalysis: 5000, ACFHalfLife: math.NaN(), SignalMean: 1}
	raw := filepath.Join(p, "typology_raw.parquet")
	if err := classify.WriteRaw(raw, []classify.Raw{flat, noise, sine}); err != nil {
		t.Fatal(err)
	}
	if _, err := classify.Run(raw, filepath.Join(p, "typology.parquet")); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(p, "observations.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"flat", "noise", "sine", "spare"} {
		if err := w.WriteSignal(obs.Key{SignalID: id}, []float64{1, 2}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return p
}

type loaded struct {
	JobID  string `yaml:"job_id"`
	Paths  map[string]string
	System struct{ Window, Stride int64 }
	Skip   []string `yaml:"skip_signals"`
	Interv *struct {
		EventIndex  int64  `yaml:"event_index"`
		PreSamples  int64  `yaml:"pre_samples"`
		PostSamples *int64 `yaml:"post_samples"`
	} `yaml:"intervention"`
}

func load(t *testing.T, path string) loaded {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m loaded
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestRun(t *testing.T) {
	p := partition(t)
	var stdout, stderr bytes.Buffer
	if err := run([]string{"sp-manifest", filepath.Join(p, "typology.parquet")}, nil, &stdout, &stderr); err != nil {
		t.Fatal(err, stderr.String())
	}
	m := load(t, filepath.Join(p, "manifest.yaml"))
	// Windows: noise 4·1 → 32/16, sine 4·9 = 36/18: upper median 36/18.
	if m.JobID != "2024-W10" || m.System.Window != 36 || m.System.Stride != 18 || strings.Join(m.Skip, ",") != "/flat" {
		t.Errorf("manifest %+v", m)
	}
	if m.Paths["observations"] != "observations.parquet" || m.Paths["typology"] != "typology.parquet" || m.Paths["output_dir"] != "output" {
		t.Errorf("paths %v", m.Paths)
	}
	wantErr := "sp-manifest: warning: " + filepath.Join(p, "observations.parquet") + " holds 1 signal that " +
		filepath.Join(p, "typology.parquet") + " lacks, which will not be computed: spare\n" +
		"sp-manifest: 3 signals (2 active, 1 constant) in 1 cohort, 17 signal engines; system window 36, stride 18 -> " +
		filepath.Join(p, "manifest.yaml") + "\n"
	if stderr.String() != wantErr || stdout.Len() != 0 {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), wantErr)
	}
	recs, err := stagelog.Read(filepath.Join(p, stagelog.FileName))
	if err != nil || len(recs) != 1 {
		t.Fatalf("log %v %v", recs, err)
	}
	r := recs[0]
	if r.Stage != "manifest" || r.Rows != 3 || r.Exit != 0 || r.Counts["signals_not_in_typology"] != 1 ||
		r.Counts["constant_signals"] != 1 || r.Counts["active_signals"] != 2 {
		t.Errorf("log record %+v", r)
	}
}

func TestOptions(t *testing.T) {
	p := partition(t)
	typ := filepath.Join(p, "typology.parquet")
	out := filepath.Join(p, "m", "manifest.yaml")
	var stderr bytes.Buffer
	args := []string{"sp-manifest", "-q", "-o", out, "--window", "99060", "--job-id", "x",
		"--intervention-event-index", "100", "--intervention-post-samples", "50", typ}
	if err := run(args, nil, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatal(err)
	}
	m := load(t, out)
	if m.JobID != "x" || m.System.Window != 99060 || m.System.Stride != 49530 || m.Paths["observations"] != "../observations.parquet" ||
		m.Paths["output_dir"] != "output" {
		t.Errorf("manifest %+v", m)
	}
	if m.Interv == nil || m.Interv.EventIndex != 100 || m.Interv.PreSamples != 100 || *m.Interv.PostSamples != 50 {
		t.Errorf("intervention %+v", m.Interv)
	}
	// -q keeps the warnings: the spare signal and the paths leaving m/.
	if got := stderr.String(); !strings.Contains(got, "spare") || !strings.Contains(got, "not self-contained") ||
		strings.Contains(got, "typology rows") {
		t.Errorf("stderr %q", got)
	}
	if err := run([]string{"sp-manifest", "-q", "--stride", "10", typ}, nil, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if m := load(t, filepath.Join(p, "manifest.yaml")); m.System.Window != 36 || m.System.Stride != 10 {
		t.Errorf("stride only: %+v", m.System)
	}
}

func TestErrors(t *testing.T) {
	p := partition(t)
	typ := filepath.Join(p, "typology.parquet")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "want one typology.parquet argument, got 0"},
		{[]string{"--window", "0", typ}, 2, "--window must be at least 1, not 0"},
		{[]string{"--stride", "-3", typ}, 2, "--stride must be at least 1"},
		{[]string{"--window", "4", "--stride", "5", typ}, 2, "--stride 5 exceeds --window 4"},
		{[]string{"--stride", "37", typ}, 2, "system stride 37 exceeds the system window 36"},
		{[]string{"--intervention-pre-samples", "5", typ}, 2, "need --intervention-event-index"},
		{[]string{"--intervention-event-index", "0", typ}, 2, "at least 1, not 0"},
		{[]string{"--observations", filepath.Join(p, "nope.parquet"), typ}, 1, "nope.parquet: no such file"},
		{[]string{filepath.Join(p, "absent.parquet")}, 1, "absent.parquet"},
	}
	for _, tc := range cases {
		out := filepath.Join(t.TempDir(), "manifest.yaml")
		args := append([]string{"sp-manifest", "-q", "-o", out}, tc.args...)
		err := run(args, nil, &bytes.Buffer{}, &bytes.Buffer{})
		if command.ExitCode(err) != tc.code || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: exit %d error %v; want %d %q", tc.args, command.ExitCode(err), err, tc.code, tc.want)
		}
		if _, serr := os.Stat(out); !os.IsNotExist(serr) {
			t.Errorf("%v: manifest written despite the error", tc.args)
		}
	}
}
