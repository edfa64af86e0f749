package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

const minimal = `
paths:
  raw_dir: raw
  output_dir: out
`

func TestDefaultsAndResolution(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, []byte(minimal), 0o644)
	cfg, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Paths.RawDir != filepath.Join(dir, "raw") || cfg.Paths.OutputDir != filepath.Join(dir, "out") {
		t.Errorf("paths not resolved against the config folder: %+v", cfg.Paths)
	}
	want := Default()
	if cfg.Paths.FilePattern != "**/*.mat" || cfg.Partitioning != want.Partitioning || cfg.Compute != want.Compute ||
		!cfg.Bootstrap.ReuseTypology || cfg.Ingest.OnError != "skip" || cfg.Converter.Matrix != "columns" {
		t.Errorf("defaults: %+v", cfg)
	}
	if cfg.Compute.OverlapSamples != 2048 || cfg.Partitioning.FilesPerFlush != 50 {
		t.Errorf("reference defaults: %+v", cfg.Compute)
	}

	home, _ := os.UserHomeDir()
	os.WriteFile(path, []byte("paths:\n  raw_dir: ~/data\n  output_dir: /abs/out\n"), 0o644)
	cfg, err = Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Paths.RawDir != filepath.Join(home, "data") || cfg.Paths.OutputDir != "/abs/out" {
		t.Errorf("~ expansion: %+v", cfg.Paths)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, yaml, want string
	}{
		{"unknown key", minimal + "partitioning:\n  stratgy: daily\n", `c.yaml:6: partitioning.stratgy: unknown key (did you mean "strategy"?)`},
		{"unknown section", minimal + "extra: 1\n", "c.yaml:5: extra: unknown key"},
		{"wrong type", minimal + "compute:\n  overlap_samples: lots\n", `c.yaml:6: compute.overlap_samples: want an integer, got "lots"`},
		{"wrong bool", minimal + "bootstrap:\n  reuse_typology: maybe\n", `bootstrap.reuse_typology: want true or false, got "maybe"`},
		{"list expected", minimal + "converter:\n  signal_keys: ch1\n", `converter.signal_keys: want a list of strings, got "ch1"`},
		{"missing raw_dir", "paths:\n  output_dir: out\n", "c.yaml:2: paths.raw_dir: required key is missing"},
		{"missing paths", "dataset:\n  name: x\n", "paths: required key is missing"},
		{"bad enum", minimal + "partitioning:\n  strategy: hourly\n", `partitioning.strategy: "hourly" is not one of daily, weekly, monthly`},
		{"bad timezone", minimal + "partitioning:\n  timezone: Mars/Olympus\n", `partitioning.timezone: unknown time zone "Mars/Olympus"`},
		{"regex without layout", minimal + "partitioning:\n  time_source: filename\n  time_regex: '(\\d+)'\n", "partitioning.time_layout: required"},
		{"duplicate key", minimal + "compute:\n  window: 1\n  window: 2\n", "compute.window: key given twice"},
		{"stride > window", minimal + "compute:\n  window: 10\n  stride: 20\n", "compute.stride: 20 is larger than compute.window 10"},
		{"not yaml", "paths: [", "not valid YAML"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("c.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.yaml")); err == nil || !strings.Contains(err.Error(), "cannot read config") {
		t.Fatalf("missing file: %v", err)
	}
}

func TestTimeParser(t *testing.T) {
	for _, tc := range []struct {
		name, extra, path string
		want              time.Time
		wantErr           string
	}{
		{"layout", "  time_regex: '(\\d{8}_\\d{6})'\n  time_layout: 20060102_150405\n",
			"2023/lumo_20230105_101500.mat", time.Date(2023, 1, 5, 10, 15, 0, 0, time.UTC), ""},
		{"named", "  time_regex: '(?P<year>\\d{4})-(?P<month>\\d\\d)-(?P<day>\\d\\d)'\n",
			"a/2024-02-29.mat", time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), ""},
		{"zone", "  time_regex: '(\\d{8})'\n  time_layout: '20060102'\n  timezone: Europe/Oslo\n",
			"x20230601.mat", time.Date(2023, 5, 31, 22, 0, 0, 0, time.UTC), ""},
		{"no match", "  time_regex: '(\\d{8})'\n  time_layout: '20060102'\n", "nodate.mat", time.Time{}, "does not match"},
		{"not a date", "  time_regex: '(?P<year>\\d{4})(?P<month>\\d\\d)(?P<day>\\d\\d)'\n", "20230231.mat", time.Time{}, "is not a date"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Parse("c.yaml", []byte(minimal+"partitioning:\n  time_source: filename\n"+tc.extra))
			if err != nil {
				t.Fatal(err)
			}
			parse, err := cfg.TimeParser()
			if err != nil {
				t.Fatal(err)
			}
			got, err := parse(tc.path)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || !got.Equal(tc.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
		})
	}
}

// TestShippedConfigs checks that the configs in the repository load and
// that the annotated template documents every key the loader knows.
func TestShippedConfigs(t *testing.T) {
	for _, name := range []string{"template.yaml", "lumo.yaml"} {
		if _, err := Load(filepath.Join("..", "..", "config", name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	text, err := os.ReadFile(filepath.Join("..", "..", "config", "template.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range allKeys(reflect.TypeOf(Config{}), "") {
		last := key[strings.LastIndex(key, ".")+1:]
		if !strings.Contains(string(text), "\n  "+last+":") && !strings.Contains(string(text), "\n"+last+":") {
			t.Errorf("config/template.yaml does not document %s", key)
		}
	}
}

func allKeys(t reflect.Type, prefix string) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		k := yamlKey(t.Field(i))
		if k == "-" || k == "" {
			continue
		}
		if t.Field(i).Type.Kind() == reflect.Struct {
			out = append(out, allKeys(t.Field(i).Type, join(prefix, k))...)
		} else {
			out = append(out, join(prefix, k))
		}
	}
	return out
}

// FuzzParse: any text gives a config or an error naming the file, never
// a panic.
func FuzzParse(f *testing.F) {
	f.Add(minimal)
	if b, err := os.ReadFile(filepath.Join("..", "..", "config", "template.yaml")); err == nil {
		f.Add(string(b))
	}
	f.Add("paths: {raw_dir: [1, 2], output_dir: {a: b}}\ncompute: 7\n")
	f.Add("paths:\n  raw_dir: r\n  output_dir: o\npartitioning:\n  time_source: filename\n  time_regex: '(?P<year>\\d+'\n")
	f.Fuzz(func(t *testing.T, text string) {
		cfg, err := Parse("f.yaml", []byte(text))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if cfg.Paths.RawDir == "" || cfg.Paths.OutputDir == "" {
			t.Fatalf("accepted a config without paths: %+v", cfg.Paths)
		}
	})
}
