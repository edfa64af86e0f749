package manifest

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// example is a trimmed copy of the annotated manifest of manifest.md §9,
// with the keys the stage ignores kept in place.
const example = `version: '2.6'
job_id: 2026-W08
paths:
  observations: observations.parquet
  typology: typology.parquet
  output_dir: output
system:
  window: 128
  stride: 32
  note: Common window for state_vector/geometry alignment
engine_windows:
  spectral: 64
  hurst: 128
  note: Minimum window sizes for FFT-based and long-range engines
summary:
  total_signals: 4
params:
  default_window: 128
cohorts:
  pump_A:
    temp_inlet:
      engines:
      - crest_factor
      - kurtosis
      - spectral
      rolling_engines: []
      window_size: 128
      typology:
        temporal_pattern:
        - TRENDING
    vib_x:
      engines: [kurtosis, harmonics]
      engine_window_overrides:
        harmonics: 256
    valve_state:
      engines: []
  7:
    yes:
      engines: [skewness]
  not_a_map: 3
pair_engines: &pairs
- granger
symmetric_pair_engines: *pairs
skip_signals:
- pump_A/setpoint
`

func TestParseExample(t *testing.T) {
	m, err := Parse("manifest.yaml", []byte(example))
	if err != nil {
		t.Fatal(err)
	}
	if m.Window != 128 || m.Stride != 32 {
		t.Errorf("W %d S %d", m.Window, m.Stride)
	}
	if len(m.EngineWindows) != 2 || m.EngineWindows["spectral"] != 64 || m.EngineWindows["hurst"] != 128 {
		t.Errorf("engine_windows %v (the note must be ignored)", m.EngineWindows)
	}
	if m.Paths != (Paths{Observations: "observations.parquet", OutputDir: "output", Typology: "typology.parquet"}) {
		t.Errorf("paths %+v", m.Paths)
	}
	// Cohorts sorted bytewise; "7" and "yes" are kept as their literal text;
	// a non-map cohort value is skipped; valve_state has no engines.
	var names []string
	for _, c := range m.Cohorts {
		names = append(names, c.Name)
	}
	if !slices.Equal(names, []string{"7", "pump_A"}) {
		t.Fatalf("cohorts %v", names)
	}
	if s := m.Cohorts[0].Signals; len(s) != 1 || s[0].ID != "yes" || !slices.Equal(s[0].Engines, []string{"skewness"}) {
		t.Errorf("cohort 7: %+v", s)
	}
	pump := m.Cohorts[1].Signals
	if len(pump) != 2 || pump[0].ID != "temp_inlet" || pump[1].ID != "vib_x" {
		t.Fatalf("pump_A signals %+v", pump)
	}
	if !slices.Equal(pump[0].Engines, []string{"crest_factor", "kurtosis", "spectral"}) || pump[0].Overrides != nil {
		t.Errorf("temp_inlet %+v", pump[0])
	}
	if pump[1].Overrides["harmonics"] != 256 {
		t.Errorf("vib_x overrides %v", pump[1].Overrides)
	}
	if m.Geometry.BootstrapSamples != nil || m.Geometry.EigendecompositionEvery != nil {
		t.Errorf("geometry %+v", m.Geometry)
	}
	if len(m.SHA256) != 64 {
		t.Errorf("hash %q", m.SHA256)
	}
}

func TestGeometrySection(t *testing.T) {
	m, err := Parse("m.yaml", []byte("system: {window: 8, stride: 4}\ncohorts: {c: {s: {engines: [kurtosis]}}}\ngeometry:\n  bootstrap_samples: 50\n  eigendecomposition_every: 10\n"))
	if err != nil {
		t.Fatal(err)
	}
	if *m.Geometry.BootstrapSamples != 50 || *m.Geometry.EigendecompositionEvery != 10 {
		t.Errorf("%+v", m.Geometry)
	}
}

func TestErrors(t *testing.T) {
	const ok = "system: {window: 8, stride: 4}\ncohorts:\n  c:\n    s:\n      engines: [kurtosis]\n"
	cases := []struct{ name, yaml, want string }{
		{"empty", "", "m.yaml: the manifest is empty"},
		{"not yaml", "system: [", "m.yaml: not valid YAML"},
		{"list at top", "- a\n", "m.yaml:1: want a mapping at the top level"},
		{"no system", "cohorts: {c: {s: {engines: [a]}}}\n", "m.yaml:1: system: required key is missing"},
		{"no window", "system: {stride: 4}\ncohorts: {c: {}}\n", "m.yaml:1: system.window: required key is missing"},
		{"text window", "system: {window: big, stride: 4}\ncohorts: {c: {}}\n", `m.yaml:1: system.window: want an integer, got "big"`},
		{"float stride", "system: {window: 8, stride: 4.5}\ncohorts: {c: {}}\n", `m.yaml:1: system.stride: want an integer, got "4.5"`},
		{"zero stride", "system: {window: 8, stride: 0}\ncohorts: {c: {}}\n", "m.yaml:1: system.stride: want an integer of at least 1, got 0"},
		{"no cohorts", "system: {window: 8, stride: 4}\n", "m.yaml:1: cohorts: required key is missing"},
		{"empty cohorts", "system: {window: 8, stride: 4}\ncohorts: {}\n", "m.yaml:2: cohorts: must not be empty"},
		{"cohorts list", "system: {window: 8, stride: 4}\ncohorts: [a]\n", "m.yaml:2: cohorts: want a mapping"},
		{"engines not a list", strings.Replace(ok, "[kurtosis]", "kurtosis", 1), "m.yaml:5: cohorts.c.s.engines: want a list of engine names"},
		{"bad override", ok + "      engine_window_overrides: {hurst: -3}\n", "m.yaml:6: cohorts.c.s.engine_window_overrides.hurst: want an integer of at least 1, got -3"},
		{"fractional engine window", ok + "engine_windows: {hurst: 12.5}\n", "m.yaml:6: engine_windows.hurst: want a whole number of samples, got 12.5"},
		{"duplicate signal", ok + "    s:\n      engines: [skewness]\n", "m.yaml:6: cohorts.c.s: duplicate key"},
		{"negative bootstrap", ok + "geometry: {bootstrap_samples: -1}\n", "m.yaml:6: geometry.bootstrap_samples: must not be negative, got -1"},
		{"zero every", ok + "geometry: {eigendecomposition_every: 0}\n", "m.yaml:6: geometry.eigendecomposition_every: want an integer of at least 1, got 0"},
	}
	for _, c := range cases {
		_, err := Parse("m.yaml", []byte(c.yaml))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: error %v, want prefix %q", c.name, err, c.want)
		}
	}
}

func TestLoad(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "none.yaml")); err == nil || !strings.Contains(err.Error(), "cannot read manifest") {
		t.Errorf("missing file: %v", err)
	}
	path := filepath.Join(t.TempDir(), "manifest.yaml")
	if err := os.WriteFile(path, []byte(example), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Parse(path, []byte(example+"\n# comment\n"))
	if a.File != path || a.SHA256 == b.SHA256 {
		t.Errorf("the hash covers the file's bytes: %s %s", a.SHA256, b.SHA256)
	}
}

// FuzzParse: any input gives a manifest or an error naming the file, never
// a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(example))
	f.Add([]byte("system: {window: 8, stride: 4}\ncohorts: {c: {s: {engines: [a], engine_window_overrides: {a: 3}}}}\n"))
	f.Add([]byte("a: &x [1]\nb: *x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse("f.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if m.Window < 1 || m.Stride < 1 {
			t.Fatalf("accepted invalid grid %+v", m)
		}
	})
}
