package manifest

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sp/lib/classify"
	"sp/lib/obs"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// partitionRaw is a partition's typology_raw as stage 2 would write it
// (n = 5,000, cohort ""): the worked examples of typology.md §7 (E1 a
// constant, E2 white noise, E3 a sine, E4 a random walk, E5a a step, E6
// sparse impulses, E9 an AR(1) on the STATIONARY/TRENDING boundary) and a
// two-level valve.
func partitionRaw() []classify.Raw {
	base := func(id string) classify.Raw {
		return classify.Raw{SignalID: id, NSamples: 5000, NAnalysis: 5000, UniqueRatio: 1, SignalStd: 1,
			ACFHalfLife: math.NaN(), WindowFactor: 1}
	}
	constant := base("setpoint")
	constant.UniqueRatio, constant.SignalStd, constant.SignalMean, constant.IsConstant = 0, 0, 42, true
	constant.ADFPValue, constant.KPSSPValue, constant.VarianceRatio, constant.Hurst = 1, 1, 1, 0.5
	constant.Kurtosis, constant.CrestFactor, constant.DerivativeSparsity, constant.WindowFactor = 3, 1, 1, 0.5

	noise := base("noise")
	noise.Kurtosis, noise.CrestFactor, noise.KPSSPValue, noise.VarianceRatio = 3, 3.8, 0.1, 0.98
	noise.ACFHalfLife, noise.ACFDecayed, noise.Hurst, noise.PermEntropy = 1, true, 0.59, 0.9998
	noise.SampleEntropy, noise.SpectralFlatness, noise.SpectralPeakSNR, noise.DominantFrequency = 2.2, 0.56, 10.5, 0.31
	noise.TurningPointRatio, noise.LyapunovProxy, noise.DeterminismScore = 0.667, 0.0025, 0.68
	noise.ArchPValue, noise.RollingVarStd, noise.WindowFactor = 0.45, 0.24, 1.2

	sine := base("vib_x")
	sine.UniqueRatio, sine.Kurtosis, sine.CrestFactor, sine.KPSSPValue, sine.VarianceRatio = 0.01, 1.5, 1.41, 0.1, 1
	sine.ACFHalfLife, sine.ACFDecayed, sine.Hurst, sine.PermEntropy, sine.SampleEntropy = 9, true, 0.82, 0.49, 0.25
	sine.SpectralFlatness, sine.SpectralPeakSNR, sine.HarmonicNoiseRatio, sine.DominantFrequency = 1e-12, 300, 1e25, 0.02
	sine.TurningPointRatio, sine.LyapunovProxy, sine.DeterminismScore, sine.WindowFactor = 0.037, 0.005, 0.97, 3

	walk := base("temp_inlet")
	walk.Kurtosis, walk.CrestFactor, walk.ADFPValue, walk.KPSSPValue, walk.VarianceRatio = 2.2, 2.5, 0.2, 0.01, 0.03
	walk.ACFHalfLife, walk.Hurst, walk.PermEntropy, walk.SampleEntropy = 100, 1, 0.965, 0.15
	walk.SpectralFlatness, walk.SpectralSlope, walk.SpectralPeakSNR, walk.IsFirstBinPeak = 0.0025, -1.8, 60, true
	walk.DominantFrequency, walk.TurningPointRatio, walk.LyapunovProxy, walk.DeterminismScore = 0.0002, 0.5, 0.013, 0.98
	walk.WindowFactor = 3

	step := base("gear")
	step.UniqueRatio, step.DerivativeSparsity, step.Kurtosis, step.CrestFactor = 0.001, 0.9992, 2.2, 1.8
	step.Hurst, step.PermEntropy, step.DeterminismScore, step.RollingVarStd = 1, 0.004, 1, 5.7
	step.KPSSPValue, step.ADFPValue, step.ACFHalfLife, step.SpectralFlatness, step.WindowFactor = 0.01, 0.3, 100, 0.01, 3

	impulses := base("knock")
	impulses.Sparsity, impulses.Kurtosis, impulses.CrestFactor, impulses.UniqueRatio = 0.995, 210, 18, 0.0052
	impulses.DerivativeSparsity, impulses.ZeroRunRatio, impulses.PermEntropy = 0.99, 0.04, 0.03
	impulses.SpectralFlatness, impulses.DeterminismScore, impulses.Hurst, impulses.KPSSPValue = 0.56, 1, 0.9, 0.1
	impulses.ACFHalfLife, impulses.ACFDecayed, impulses.VarianceRatio, impulses.ArchPValue = 1, true, 0.98, 0.9

	ar := base("flow")
	ar.Hurst, ar.PermEntropy, ar.SpectralFlatness, ar.SpectralPeakSNR, ar.VarianceRatio = 0.71, 0.99, 0.41, 15, 0.95
	ar.LyapunovProxy, ar.DeterminismScore, ar.KPSSPValue, ar.ACFHalfLife, ar.ACFDecayed = 0.003, 0.7, 0.1, 1, true
	ar.SampleEntropy, ar.TurningPointRatio, ar.Kurtosis, ar.CrestFactor, ar.WindowFactor = 2, 0.6, 3, 3.9, 1.2

	valve := base("valve_state")
	valve.UniqueRatio, valve.DerivativeSparsity, valve.Kurtosis, valve.CrestFactor = 2.0/5000, 0.9998, 1, 1.4
	valve.Hurst, valve.PermEntropy, valve.DeterminismScore, valve.ACFHalfLife = 1, 0.001, 1, 100

	return []classify.Raw{{}, constant, noise, sine, walk, step, impulses, ar, valve}[1:] // stage-2 order is sorted; Build sorts anyway
}

// partition lays out a partition folder P/2023-W01 with typology_raw,
// typology (through sp-classify's library) and observations (holding one
// extra signal the typology lacks).
func partition(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "partitions", "2023-W01")
	benchPartition(t, p)
	return p
}

func benchPartition(t testing.TB, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	raw := partitionRaw()
	if err := classify.WriteRaw(filepath.Join(p, "typology_raw.parquet"), raw); err != nil {
		t.Fatal(err)
	}
	if _, err := classify.Run(filepath.Join(p, "typology_raw.parquet"), filepath.Join(p, "typology.parquet")); err != nil {
		t.Fatal(err)
	}
	keys := []obs.Key{{SignalID: "late_sensor"}}
	for _, r := range raw {
		keys = append(keys, obs.Key{SignalID: r.SignalID})
	}
	writeObservations(t, filepath.Join(p, "observations.parquet"), keys...)
}

func config(p string) Config {
	return Config{Typology: filepath.Join(p, "typology.parquet"), Output: filepath.Join(p, "manifest.yaml"),
		Observations: filepath.Join(p, "observations.parquet"), OutputDir: filepath.Join(p, "output")}
}

// TestEndToEnd runs typology_raw.parquet → typology.parquet → manifest.yaml
// and compares the manifest with testdata/partition_manifest.yaml, a file
// reviewed by hand against manifest.md §9 (run with -update to rewrite).
func TestEndToEnd(t *testing.T) {
	p := partition(t)
	res, err := Run(config(p))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(p, "manifest.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	golden := "testdata/partition_manifest.yaml"
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("manifest differs from %s:\n%s", golden, got)
	}
	if res.Rows != 8 || strings.Join(res.NotInTypology, ",") != "late_sensor" || len(res.NotInObservations) != 0 {
		t.Errorf("result: rows %d not in typology %v not in observations %v", res.Rows, res.NotInTypology, res.NotInObservations)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0], "holds 1 signal that") ||
		!strings.Contains(res.Warnings[0], "late_sensor") {
		t.Errorf("warnings %q", res.Warnings)
	}
	// Same inputs, same bytes.
	if _, err := Run(config(p)); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(filepath.Join(p, "manifest.yaml")); !bytes.Equal(got, again) {
		t.Error("second run wrote different bytes")
	}
}

func TestRunOverridesAndPaths(t *testing.T) {
	p := partition(t)
	cfg := config(p)
	cfg.Output = filepath.Join(p, "alt", "m.yaml") // inputs now outside the manifest's folder
	cfg.Grid = Grid{Window: 99060, Stride: 16510}
	cfg.JobID = "job-7"
	res, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Manifest
	if m.System != (Grid{99060, 16510}) || m.JobID != "job-7" {
		t.Errorf("system %v job %s", m.System, m.JobID)
	}
	if m.Paths != (Paths{"../observations.parquet", "../typology.parquet", "../output"}) {
		t.Errorf("paths %+v", m.Paths)
	}
	if n := strings.Count(strings.Join(res.Warnings, "\n"), "not self-contained"); n != 3 {
		t.Errorf("warnings %q", res.Warnings)
	}
	cfg.Grid = Grid{Window: 100, Stride: 200}
	var ce *ConfigError
	if _, err := Run(cfg); !errors.As(err, &ce) {
		t.Errorf("stride > window: %v", err)
	}
}

func TestRunErrors(t *testing.T) {
	p := partition(t)
	noObs := config(p)
	noObs.Observations = filepath.Join(p, "missing.parquet")
	noObs.Output = filepath.Join(p, "a.yaml")
	empty := config(p)
	empty.Typology = filepath.Join(p, "empty.parquet")
	empty.Output = filepath.Join(p, "b.yaml")
	if err := classify.Write(empty.Typology, nil, nil); err != nil {
		t.Fatal(err)
	}
	notTypology := config(p)
	notTypology.Typology = filepath.Join(p, "observations.parquet")
	notTypology.Output = filepath.Join(p, "c.yaml")
	cases := []struct {
		cfg  Config
		want string
	}{
		{noObs, "missing.parquet: no such file"},
		{empty, "empty.parquet: no signals"},
		{notTypology, "observations.parquet: rows 1 and 2 are both signal /late_sensor"},
	}
	for _, tc := range cases {
		_, err := Run(tc.cfg)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v; want %q", err, tc.want)
		}
		if _, serr := os.Stat(tc.cfg.Output); !os.IsNotExist(serr) {
			t.Errorf("%s written despite the error", tc.cfg.Output)
		}
	}
}
