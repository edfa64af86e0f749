package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sp/lib/command"
	"sp/lib/obs"
	"sp/lib/stagelog"
)

const manifestText = `system: {window: 64, stride: 32}
engine_windows: {spectral: 64, sample_entropy: 64, hurst: 128}
cohorts:
  u:
    x: {engines: [crest_factor, kurtosis, skewness, spectral, sample_entropy, perm_entropy, hurst, acf_decay, switching_frequency]}
    y: {engines: [crest_factor, kurtosis, skewness, spectral, sample_entropy, perm_entropy, hurst, acf_decay]}
    z: {engines: [crest_factor, kurtosis, skewness, spectral, sample_entropy, perm_entropy, hurst, acf_decay]}
`

// fixture writes a partition folder: observations of three signals of n
// samples and the manifest.
func fixture(t *testing.T, dir string, n int, seed uint32) (obsPath, manifestPath string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	obsPath = filepath.Join(dir, "observations.parquet")
	f, err := os.Create(obsPath)
	if err != nil {
		t.Fatal(err)
	}
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s := seed
	for _, id := range []string{"x", "y", "z"} {
		v := make([]float64, n)
		for i := range v {
			s = s*1664525 + 1013904223
			v[i] = float64(s>>8)/(1<<24) + float64(i%17)/17
		}
		if err := w.WriteSignal(obs.Key{Cohort: "u", SignalID: id}, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	manifestPath = filepath.Join(dir, "manifest.yaml")
	if err := os.WriteFile(manifestPath, []byte(manifestText), 0o644); err != nil {
		t.Fatal(err)
	}
	return obsPath, manifestPath
}

func runCmd(args ...string) (string, error) {
	var stdout, stderr bytes.Buffer
	err := run(append([]string{"sp-manifold"}, args...), nil, &stdout, &stderr)
	return stderr.String(), err
}

func TestRunTwoPartitions(t *testing.T) {
	root := t.TempDir()
	q := filepath.Join(root, "2023-W01")
	p := filepath.Join(root, "2023-W02")
	qObs, qManifest := fixture(t, q, 1500, 1)
	pObs, pManifest := fixture(t, p, 1200, 2)
	stderr, err := runCmd("-q", "--manifest", qManifest, "-o", filepath.Join(q, "output"), qObs)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "warning: engine(s) not implemented, producing no columns: switching_frequency") {
		t.Errorf("stderr %q", stderr)
	}
	out := filepath.Join(p, "output")
	stderr, err = runCmd("-q", "--threads", "3", "--manifest", pManifest, "--prev", qObs, "--overlap", "1024",
		"--bootstrap-samples", "10", "-o", out, pObs)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, name := range []string{"signal_vector.parquet", "state_vector.parquet", "state_geometry.parquet",
		"eigendecomposition.parquet", "geometry_dynamics.parquet", ".done"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Error(err)
		}
	}
	recs, err := stagelog.Read(filepath.Join(p, stagelog.FileName))
	if err != nil || len(recs) != 1 {
		t.Fatalf("stage log: %v %v", recs, err)
	}
	// 1200 samples, W = 64, S = 32: windows 0..36 for each of 3 signals.
	if r := recs[0]; r.Stage != "manifold" || r.Exit != 0 || r.Rows != 3*37 || r.Counts["windows"] != 37 {
		t.Errorf("record %+v", r)
	}
}

func TestUsageAndFailures(t *testing.T) {
	root := t.TempDir()
	obsPath, manifestPath := fixture(t, root, 300, 3)
	bad := filepath.Join(root, "bad.yaml")
	os.WriteFile(bad, []byte("system: {window: 0, stride: 4}\ncohorts: {c: {}}\n"), 0o644)
	out := filepath.Join(root, "output")
	usage := [][]string{
		{"--manifest", manifestPath, "-o", out},                             // no observations
		{"-o", out, obsPath},                                                // no manifest
		{"--manifest", bad, "-o", out, obsPath},                             // invalid manifest
		{"--manifest", manifestPath, "-o", out, "--overlap", "-1", obsPath}, // negative overlap
		{"--manifest", manifestPath, "-o", out, "--threads", "0", obsPath},  // threads
		{"--manifest", manifestPath, "-o", out, "--eigendecomposition-every", "0", obsPath},
		{"--manifest", manifestPath, "-o", out, "--no-such-flag", obsPath},
	}
	for _, args := range usage {
		stderr, err := runCmd(append([]string{"-q"}, args...)...)
		if command.ExitCode(err) != 2 {
			t.Errorf("%v: exit %d (%v) %s", args, command.ExitCode(err), err, stderr)
		}
	}
	// A failed run removes an old stamp and exits 1.
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, ".done"), []byte("old"), 0o644)
	_, err := runCmd("-q", "--manifest", manifestPath, "-o", out, "--prev", filepath.Join(root, "missing.parquet"), obsPath)
	if command.ExitCode(err) != 1 || !strings.Contains(err.Error(), "missing.parquet") {
		t.Errorf("missing --prev: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, ".done")); err == nil {
		t.Error("stale stamp kept after a failed run")
	}
	recs, _ := stagelog.Read(filepath.Join(root, stagelog.FileName))
	if len(recs) != 1 || recs[0].Exit != 1 || !strings.Contains(recs[0].Error, "missing.parquet") {
		t.Errorf("stage log %+v", recs)
	}
}
