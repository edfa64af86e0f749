package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"sp/lib/obs"
)

// flatten lists a YAML document as "path = tag value" lines in document
// order, so that two documents compare by content and key order but not
// by formatting or comments.
func flatten(t *testing.T, data []byte) []string {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	var out []string
	var walk func(path string, n *yaml.Node)
	walk = func(path string, n *yaml.Node) {
		switch n.Kind {
		case yaml.DocumentNode:
			walk(path, n.Content[0])
		case yaml.MappingNode:
			if len(n.Content) == 0 {
				out = append(out, path+" = {}")
			}
			for i := 0; i < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.ShortTag() != "!!str" {
					out = append(out, path+": key "+k.Value+" loads as "+k.ShortTag())
				}
				walk(path+"."+k.Value, n.Content[i+1])
			}
		case yaml.SequenceNode:
			if len(n.Content) == 0 {
				out = append(out, path+" = []")
			}
			for i, c := range n.Content {
				walk(fmt.Sprintf("%s[%d]", path, i), c)
			}
		case yaml.ScalarNode:
			out = append(out, path+" = "+n.ShortTag()+" "+n.Value)
		case yaml.AliasNode:
			out = append(out, path+" = alias")
		}
	}
	walk("", &doc)
	return out
}

func withoutGenerator(lines []string) []string {
	var out []string
	for _, l := range lines {
		if !strings.HasPrefix(l, ".generator = ") {
			out = append(out, l)
		}
	}
	return out
}

// section9Rows are the hand-made rows of manifest.md §9: valve_state has
// the reference's plain-string pattern and no temporal_primary.
func section9Rows() []Row {
	setpoint := row("pump_A", "setpoint", 2000, "CONSTANT")
	setpoint.Primary, setpoint.Spectral, setpoint.WindowFactor = "CONSTANT", "NONE", 0.5
	temp := row("pump_A", "temp_inlet", 2000, "TRENDING")
	temp.Primary, temp.Spectral, temp.WindowFactor = "TRENDING", "RED_NOISE", 1.8
	valve := row("pump_A", "valve_state", 2000, "BINARY")
	valve.Spectral, valve.WindowFactor = "SWITCHING", 1.0
	vib := row("pump_A", "vib_x", 2000, "PERIODIC", "QUASI_PERIODIC")
	vib.Primary, vib.Spectral, vib.ACFHalfLife, vib.WindowFactor = "PERIODIC", "HARMONIC", 6.0, 2.73
	return []Row{vib, setpoint, valve, temp} // any order: Build sorts
}

var section9Options = Options{JobID: "2026-W08",
	Paths: Paths{Observations: "observations.parquet", Typology: "typology.parquet", OutputDir: "output"}}

// TestSection9Example is §17 test 7: the annotated example, reproduced
// (ignoring generator), in the same key order; twice the same bytes.
func TestSection9Example(t *testing.T) {
	m, warnings, err := Build(section9Rows(), section9Options)
	if err != nil || len(warnings) > 0 {
		t.Fatal(err, warnings)
	}
	got, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile("testdata/spec_section9.yaml")
	if err != nil {
		t.Fatal(err)
	}
	g, w := withoutGenerator(flatten(t, got)), withoutGenerator(flatten(t, want))
	if strings.Join(g, "\n") != strings.Join(w, "\n") {
		for i := 0; i < max(len(g), len(w)); i++ {
			var a, b string
			if i < len(g) {
				a = g[i]
			}
			if i < len(w) {
				b = w[i]
			}
			if a != b {
				t.Errorf("first difference at line %d:\n got %s\nwant %s", i, a, b)
				break
			}
		}
		t.Fatalf("manifest:\n%s", got)
	}
	m2, _, _ := Build(section9Rows(), section9Options)
	again, _ := m2.Encode()
	if !bytes.Equal(got, again) {
		t.Error("two encodings differ")
	}
	if bytes.Contains(got, []byte("&")) || bytes.Contains(got, []byte("*id")) {
		t.Error("anchors or aliases in the output (D13)")
	}
	if !bytes.HasSuffix(got, []byte("\n")) || !bytes.HasPrefix(got, []byte("version: '2.6'\n")) {
		t.Errorf("framing: %q ... %q", got[:20], got[len(got)-10:])
	}
}

// TestConstantAndCohorts is §17 tests 5 and 6.
func TestConstantAndCohorts(t *testing.T) {
	rows := []Row{
		row("", "flat", 100, "CONSTANT"),
		row("", "1e3", 100, "RANDOM"),
		row("", "yes", 100, "RANDOM"),
		row("unit_2", "only", 100, "CONSTANT"),
		row("007", "null", 100, "RANDOM"),
	}
	m, _, err := Build(rows, section9Options)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.SkipSignals, ","); got != "/flat,unit_2/only" {
		t.Errorf("skip_signals %s", got)
	}
	s := m.Summary
	if s.TotalSignals != 5 || s.TotalCohorts != 3 || s.ActiveSignals != 3 || s.ConstantSignals != 2 {
		t.Errorf("summary %+v", s)
	}
	data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	var loaded struct {
		Cohorts map[string]map[string]any `yaml:"cohorts"`
		Skip    []string                  `yaml:"skip_signals"`
	}
	if err := yaml.Unmarshal(data, &loaded); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"", "007", "unit_2"} {
		if _, ok := loaded.Cohorts[want]; !ok {
			t.Errorf("cohort %q missing after loading:\n%s", want, data)
		}
	}
	if len(loaded.Cohorts["unit_2"]) != 0 {
		t.Errorf("all-constant cohort is %v; want {}", loaded.Cohorts["unit_2"])
	}
	for _, id := range []string{"1e3", "yes"} {
		if _, ok := loaded.Cohorts[""][id]; !ok {
			t.Errorf("signal %q missing", id)
		}
	}
	if _, ok := loaded.Cohorts["007"]["null"]; !ok {
		t.Error(`signal "null" missing`)
	}
	for _, line := range flatten(t, data) {
		if strings.Contains(line, "loads as") {
			t.Error(line)
		}
	}
	for _, quoted := range []string{"\n  '':\n", "'1e3':", "'yes':", "'007':", "'null':", "unit_2: {}"} {
		if !bytes.Contains(data, []byte(quoted)) {
			t.Errorf("output lacks %q", quoted)
		}
	}
}

func TestAmbiguousStrings(t *testing.T) {
	quoted := []string{"", "yes", "No", "on", "OFF", "y", "N", "true", "~", "null", "NULL", "12", "-3", "0x1F",
		"0o17", "017", "0b101", "1_000", "1.5", ".5", "1e3", "1.0e+3", "+1", ".inf", "-.Inf", ".nan", "1:20",
		"2023-01-02", "2023-1-2 10:00:00", "<<", "="}
	plain := []string{"pump_A", "2023-W01", "2026-W08", "sensor 5", "x1", "1a", "0.0.1", "yesterday", "nan", "inf",
		"acc_12", "2023-01", "Null_cohort"}
	for _, s := range quoted {
		if !ambiguous(s) {
			t.Errorf("%q should be quoted", s)
		}
	}
	for _, s := range plain {
		if ambiguous(s) {
			t.Errorf("%q need not be quoted", s)
		}
	}
}

func TestFloatScalars(t *testing.T) {
	for _, tc := range []struct {
		f    float64
		want string
	}{{1, "1.0"}, {2.73, "2.73"}, {0.05, "0.05"}, {1e-05, "1.0e-05"}, {2.5e20, "2.5e+20"}, {3, "3.0"}} {
		if got := float(tc.f).Value; got != tc.want {
			t.Errorf("%v: %s; want %s", tc.f, got, tc.want)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	if _, _, err := Build(nil, section9Options); err == nil || !strings.Contains(err.Error(), "no signals") {
		t.Errorf("zero rows: %v", err)
	}
	dup := []Row{row("c", "s", 10, "RANDOM"), row("d", "s", 10, "RANDOM"), row("c", "s", 10, "TRENDING")}
	if _, _, err := Build(dup, section9Options); err == nil || !strings.Contains(err.Error(), "rows 1 and 3 are both signal c/s") {
		t.Errorf("duplicate: %v", err)
	}
	neg := []Row{row("c", "s", -1, "RANDOM")}
	if _, _, err := Build(neg, section9Options); err == nil || !strings.Contains(err.Error(), "row 1: signal c/s: n_samples -1 is negative") {
		t.Errorf("negative n: %v", err)
	}
	bad := []Row{row("c", "s\xff", 10, "RANDOM")}
	if _, _, err := Build(bad, section9Options); err == nil || !strings.Contains(err.Error(), `signal "c/s\xff": signal_id "s\xff" is not UTF-8`) {
		t.Errorf("invalid UTF-8: %v", err)
	}
	opt := section9Options
	opt.JobID = "\xfe"
	if _, _, err := Build(section9Rows(), opt); err == nil || !strings.Contains(err.Error(), "job_id") {
		t.Errorf("invalid UTF-8 job id: %v", err)
	}
	opt = section9Options
	opt.Intervention = &Intervention{EventIndex: 0}
	var ce *ConfigError
	if _, _, err := Build(section9Rows(), opt); !errors.As(err, &ce) || !strings.Contains(err.Error(), "D26") {
		t.Errorf("event index 0: %v", err)
	}
}

// TestIntervention is §6.5.
func TestIntervention(t *testing.T) {
	opt := section9Options
	opt.Intervention = &Intervention{EventIndex: 1200, PreSamples: 1200}
	rows := section9Rows()
	rows = append(rows, row("pump_B", "short", 800, "RANDOM"))
	m, _, err := Build(rows, opt)
	if err != nil {
		t.Fatal(err)
	}
	if m.System != (Grid{2000, 2000}) {
		t.Errorf("system %v; want max n 2000", m.System)
	}
	for _, c := range m.Cohorts {
		for _, s := range c.Signals {
			if s.WindowMethod != MethodIntervention || s.WindowConfidence != ConfidenceHigh ||
				s.WindowSize != s.Stride || s.EngineWindowOverrides != nil {
				t.Errorf("%s: %+v", s.ID, s)
			}
		}
	}
	data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Join(flatten(t, data), "\n")
	for _, want := range []string{
		".system.note = !!str Full-span per-cohort (intervention mode)",
		".intervention.enabled = !!bool true\n.intervention.event_index = !!int 1200\n.intervention.pre_samples = !!int 1200\n.intervention.post_samples = !!null null",
		".skip_signals[0] = !!str pump_A/setpoint\n.intervention.enabled",
		".atlas.break_sequence.enabled = !!bool true\n.atlas.break_sequence.reference_index = !!int 1200\n" +
			".atlas.segments[0].name = !!str pre\n.atlas.segments[0].range[0] = !!int 0\n.atlas.segments[0].range[1] = !!int 1199\n" +
			".atlas.segments[1].name = !!str post\n.atlas.segments[1].range[0] = !!int 1200\n.atlas.segments[1].range[1] = !!null null\n" +
			".atlas.segment_comparison.enabled = !!bool true\n.atlas.info_flow_delta.enabled = !!bool true",
		".cohorts.pump_B.short.window_size = !!int 800",
	} {
		if !strings.Contains(lines, want) {
			t.Errorf("missing\n%s\nin\n%s", want, lines)
		}
	}
}

// TestValidation is §10 and §17 test 8: each failure is an error and
// writes no file.
func TestValidation(t *testing.T) {
	valid := func() *Manifest {
		m, _, err := Build(section9Rows(), section9Options)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	cases := []struct {
		name   string
		break_ func(m *Manifest)
		want   string
	}{
		{"version", func(m *Manifest) { m.Version = "" }, `missing top-level key "version"`},
		{"job_id", func(m *Manifest) { m.JobID = "" }, `missing top-level key "job_id"`},
		{"paths", func(m *Manifest) { m.Paths = Paths{} }, `missing top-level key "paths"`},
		{"summary", func(m *Manifest) { m.Summary = nil }, `missing top-level key "summary"`},
		{"cohorts", func(m *Manifest) { m.Cohorts = nil }, `missing top-level key "cohorts"`},
		{"engines", func(m *Manifest) { m.Cohorts[0].Signals[0].Engines = nil }, "cohorts.pump_A.temp_inlet: missing engines"},
		{"typology", func(m *Manifest) { m.Cohorts[0].Signals[1].Typology = nil }, "cohorts.pump_A.valve_state: missing typology"},
		{"pattern", func(m *Manifest) { m.Cohorts[0].Signals[2].Typology.TemporalPattern = nil }, "cohorts.pump_A.vib_x: missing typology.temporal_pattern"},
		{"constant entry", func(m *Manifest) { m.Cohorts[0].Signals[0].Typology.TemporalPattern = []string{"CONSTANT"} }, "a CONSTANT signal belongs in skip_signals"},
		{"skip entry", func(m *Manifest) { m.SkipSignals = append(m.SkipSignals, "noslash") }, `skip_signals entry "noslash" has no '/'`},
		{"grid", func(m *Manifest) { m.System = Grid{64, 128} }, "need 1 <= stride <= window"},
		{"zero grid", func(m *Manifest) { m.System = Grid{0, 0} }, "need 1 <= stride <= window"},
	}
	dir := t.TempDir()
	if err := valid().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		m := valid()
		tc.break_(m)
		path := filepath.Join(dir, tc.name, "manifest.yaml")
		err := m.Write(path)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v; want %q", tc.name, err, tc.want)
		}
		if _, serr := os.Stat(path); !os.IsNotExist(serr) {
			t.Errorf("%s: a file was written", tc.name)
		}
	}
	// All errors at once, one per line.
	m := valid()
	m.Version, m.JobID = "", ""
	if err := m.Validate(); err == nil || strings.Count(err.Error(), "\n") != 1 {
		t.Errorf("two errors: %q", err)
	}
}

// TestRelPath is §12 and §17 test 9.
func TestRelPath(t *testing.T) {
	base := t.TempDir()
	p := filepath.Join(base, "partitions", "2023-W01")
	cases := []struct {
		target, want string
		warn         bool
	}{
		{filepath.Join(p, "observations.parquet"), "observations.parquet", false},
		{filepath.Join(p, "output") + "/", "output", false},
		{filepath.Join(p, "sub", "x.parquet"), "sub/x.parquet", false},
		{filepath.Join(base, "partitions", "2023-W02", "observations.parquet"), "../2023-W02/observations.parquet", true},
		{base, "../..", true},
	}
	for _, tc := range cases {
		got, warning, err := RelPath(p, tc.target)
		if err != nil || got != tc.want || (warning != "") != tc.warn {
			t.Errorf("%s: got %q warning %q err %v; want %q warn %v", tc.target, got, warning, err, tc.want, tc.warn)
		}
	}
	// Relative inputs are relative to the working directory.
	wd, _ := os.Getwd()
	t.Chdir(base)
	defer os.Chdir(wd)
	if got, _, _ := RelPath("partitions/2023-W01", "partitions/2023-W01/typology.parquet"); got != "typology.parquet" {
		t.Errorf("relative: %q", got)
	}
}

// writeObservations writes an observations.parquet holding the signals.
func writeObservations(t testing.TB, path string, keys ...obs.Key) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w, err := obs.NewWriter(f, obs.WriterOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if err := w.WriteSignal(k, []float64{1, 2, 3}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestCompareObservations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "observations.parquet")
	writeObservations(t, path, obs.Key{SignalID: "a"}, obs.Key{SignalID: "new"},
		obs.Key{Cohort: "u2", SignalID: "b"}, obs.Key{Cohort: "u1", SignalID: "late"})
	rows := []Row{row("", "a", 3, "RANDOM"), row("u2", "b", 3, "RANDOM"), row("u2", "gone", 3, "RANDOM")}
	notInTyp, notInObs, err := CompareObservations(path, rows)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(notInTyp, ",") != "new,u1/late" || strings.Join(notInObs, ",") != "u2/gone" {
		t.Errorf("not in typology %v; not in observations %v", notInTyp, notInObs)
	}
}
