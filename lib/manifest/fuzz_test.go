package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"sp/lib/classify"
)

// FuzzBuild builds manifests from arbitrary keys, labels and numbers and
// checks what §10–§11 promise: a valid manifest, YAML that loads back with
// every cohort and signal key as the same string, a usable grid.
func FuzzBuild(f *testing.F) {
	f.Add("pump_A", "vib_x", "PERIODIC", "QUASI_PERIODIC", "", int64(2000), 6.0, 2.73, uint8(3), int64(0), int64(0))
	f.Add("", "yes", "constant", "", "", int64(0), -1.0, 0.0, uint8(1), int64(0), int64(0))
	f.Add("007", "1e3", "binary", "", "TRENDING", int64(1e12), 1e300, 1e-300, uint8(7), int64(5), int64(0))
	f.Add("a/b", "null", "", "", "", int64(-1), 0.2, -5.0, uint8(2), int64(-2), int64(9))
	f.Add("~", "- x", "IMPULSIVE", "weird label", "", int64(63), 0.3, 3.0, uint8(4), int64(100), int64(100))
	f.Fuzz(func(t *testing.T, cohort, id, l1, l2, primary string, n int64, acf, wf float64, count uint8,
		window, stride int64) {
		var rows []Row
		for i := 0; i < int(count%6)+1; i++ {
			r := Row{Cohort: cohort, SignalID: fmt.Sprintf("%s%d", id, i), Labels: []string{l1, l2}, Primary: primary,
				NSamples: n + int64(i), HasN: i%3 != 2, ACFHalfLife: acf * float64(i), SeasonalPeriod: nan,
				ACFDecayLag: nan, DominantFreq: wf, WindowFactor: wf}
			if i%2 == 1 {
				r.Cohort += "x"
				r.Labels = []string{classify.Constant}
			}
			rows = append(rows, r)
		}
		opt := Options{JobID: id + "-job", Paths: Paths{"o.parquet", "t.parquet", "output"}, Grid: Grid{window, stride}}
		m, _, err := Build(rows, opt)
		if err != nil {
			if _, ok := err.(*ConfigError); ok || strings.Contains(err.Error(), "negative") || strings.Contains(err.Error(), "not UTF-8") {
				return
			}
			t.Fatalf("Build: %v", err)
		}
		if err := m.Validate(); err != nil {
			if strings.Contains(err.Error(), "has no '/'") {
				t.Fatalf("skip entries always hold '/': %v", err)
			}
			if !strings.Contains(err.Error(), "belongs in skip_signals") { // a primary written "constant " etc.
				t.Fatalf("Validate: %v", err)
			}
			return
		}
		data, err := m.Encode()
		if err != nil {
			t.Fatalf("Encode: %v", err)
		}
		var back struct {
			JobID   string                               `yaml:"job_id"`
			System  struct{ Window, Stride int64 }       `yaml:"system"`
			Cohorts map[string]map[string]map[string]any `yaml:"cohorts"`
		}
		if err := yaml.Unmarshal(data, &back); err != nil {
			t.Fatalf("reload: %v\n%s", err, data)
		}
		for _, line := range flatten(t, data) {
			if strings.Contains(line, "loads as") {
				t.Fatalf("%s\n%s", line, data)
			}
		}
		if back.JobID != m.JobID || back.System.Window < 1 || back.System.Stride < 1 || back.System.Stride > back.System.Window {
			t.Fatalf("job %q system %+v", back.JobID, back.System)
		}
		for _, c := range m.Cohorts {
			sigs, ok := back.Cohorts[c.Name]
			if !ok || len(sigs) != len(c.Signals) {
				t.Fatalf("cohort %q: %v", c.Name, sigs)
			}
			for _, s := range c.Signals {
				if _, ok := sigs[s.ID]; !ok {
					t.Fatalf("signal %q of cohort %q lost", s.ID, c.Name)
				}
				if s.WindowSize < 1 || s.Stride < 1 || s.Stride > s.WindowSize {
					t.Fatalf("signal %q: window %d stride %d", s.ID, s.WindowSize, s.Stride)
				}
			}
		}
	})
}

// FuzzReadTypology feeds arbitrary bytes to the reader: an error, never a
// panic.
func FuzzReadTypology(f *testing.F) {
	dir := f.TempDir()
	raw, typ := filepath.Join(dir, "raw.parquet"), filepath.Join(dir, "typology.parquet")
	if err := classify.WriteRaw(raw, partitionRaw()); err != nil {
		f.Fatal(err)
	}
	if _, err := classify.Run(raw, typ); err != nil {
		f.Fatal(err)
	}
	data, err := os.ReadFile(typ)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:len(data)-100])
	f.Fuzz(func(t *testing.T, b []byte) {
		p := filepath.Join(t.TempDir(), "typology.parquet")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		rows, _, err := ReadTypology(p)
		if err != nil || len(rows) == 0 {
			return
		}
		if m, _, err := Build(rows, section9Options); err == nil {
			if _, err := m.Encode(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
