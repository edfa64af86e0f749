// Package config loads the pipeline's YAML config: the reference's format
// unchanged (pipeline.md §3) plus the documented extension keys. Loading
// is strict, because a typo must not silently change an analysis: an
// unknown key, a value of the wrong type or a missing required key is an
// error naming the file, line and key.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// Config is the whole file. Field tags give the YAML keys; `required`
// marks keys that must be present.
type Config struct {
	Dataset      Dataset      `yaml:"dataset"`
	Paths        Paths        `yaml:"paths" required:"true"`
	Converter    Converter    `yaml:"converter"`
	Partitioning Partitioning `yaml:"partitioning"`
	Bootstrap    Bootstrap    `yaml:"bootstrap"`
	Compute      Compute      `yaml:"compute"`
	Ingest       Ingest       `yaml:"ingest"`

	// File is the path the config was loaded from ("" if built in code).
	File string `yaml:"-"`
}

type Dataset struct {
	Name        string `yaml:"name"`
	Description string `yaml:"description"`
}

type Paths struct {
	RawDir      string `yaml:"raw_dir" required:"true"`
	OutputDir   string `yaml:"output_dir" required:"true"`
	FilePattern string `yaml:"file_pattern"`
}

type Converter struct {
	Type         string   `yaml:"type"`
	SignalKeys   []string `yaml:"signal_keys"`
	ExcludeKeys  []string `yaml:"exclude_keys"`
	CohortFrom   string   `yaml:"cohort_from"`
	CohortValue  string   `yaml:"cohort_value"`
	SamplingRate float64  `yaml:"sampling_rate"`
	Matrix       string   `yaml:"matrix"`
}

type Partitioning struct {
	Strategy      string `yaml:"strategy"`
	FilesPerFlush int    `yaml:"files_per_flush"`
	TimeSource    string `yaml:"time_source"`
	TimeRegex     string `yaml:"time_regex"`
	TimeLayout    string `yaml:"time_layout"`
	Timezone      string `yaml:"timezone"`
}

type Bootstrap struct {
	ReuseTypology bool `yaml:"reuse_typology"`
}

type Compute struct {
	SkipManifold            bool `yaml:"skip_manifold"`
	OverlapSamples          int  `yaml:"overlap_samples"`
	Verbose                 bool `yaml:"verbose"`
	Window                  int  `yaml:"window"`
	Stride                  int  `yaml:"stride"`
	BootstrapSamples        int  `yaml:"bootstrap_samples"`
	EigendecompositionEvery int  `yaml:"eigendecomposition_every"`
	Threads                 int  `yaml:"threads"`
}

type Ingest struct {
	OnError string `yaml:"on_error"`
}

// Default returns the reference's defaults (pipeline.md §3).
func Default() Config {
	return Config{
		Paths:        Paths{FilePattern: "**/*.mat"},
		Converter:    Converter{Type: "mat", CohortFrom: "config", Matrix: "columns"},
		Partitioning: Partitioning{Strategy: "weekly", FilesPerFlush: 50, TimeSource: "mtime", Timezone: "UTC"},
		Bootstrap:    Bootstrap{ReuseTypology: true},
		Compute:      Compute{OverlapSamples: 2048, EigendecompositionEvery: 1},
		Ingest:       Ingest{OnError: "skip"},
	}
}

// Error is a config problem: exit status 2 in every binary.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, ": %s", e.Key)
	}
	fmt.Fprintf(&b, ": %s", e.Msg)
	return b.String()
}

// Load reads, checks and resolves the config at path: defaults applied,
// `~` expanded, relative raw_dir and output_dir resolved against the
// config file's folder.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read config: " + unwrapPathError(err)}
	}
	cfg, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	if err := cfg.resolvePaths(filepath.Dir(path)); err != nil {
		return nil, err
	}
	return cfg, nil
}

func unwrapPathError(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse checks and decodes config text; paths are left as written.
func Parse(file string, data []byte) (*Config, error) {
	cfg := Default()
	cfg.File = file
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		return nil, &Error{File: file, Msg: "not valid YAML: " + strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	if len(doc.Content) == 0 {
		return nil, &Error{File: file, Msg: "empty config"}
	}
	if err := decodeStrict(file, doc.Content[0], reflect.ValueOf(&cfg).Elem(), ""); err != nil {
		return nil, err
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	return &cfg, nil
}

// decodeStrict decodes node into v field by field, so that every error
// names its key, and refuses keys v does not have.
func decodeStrict(file string, node *yaml.Node, v reflect.Value, path string) error {
	if v.Kind() != reflect.Struct {
		if err := node.Decode(v.Addr().Interface()); err != nil {
			return &Error{File: file, Line: node.Line, Key: path, Msg: "want " + typeName(v.Type()) + ", got " + describe(node)}
		}
		return nil
	}
	if node.Kind == yaml.ScalarNode && node.Tag == "!!null" {
		return checkRequired(file, node, v, path, nil)
	}
	if node.Kind != yaml.MappingNode {
		return &Error{File: file, Line: node.Line, Key: path, Msg: "want a mapping of keys, got " + describe(node)}
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, val := node.Content[i], node.Content[i+1]
		full := join(path, key.Value)
		f, ok := fieldByKey(v.Type(), key.Value)
		if !ok {
			return &Error{File: file, Line: key.Line, Key: full, Msg: "unknown key" + suggest(v.Type(), key.Value)}
		}
		if seen[key.Value] {
			return &Error{File: file, Line: key.Line, Key: full, Msg: "key given twice"}
		}
		seen[key.Value] = true
		if val.Kind == yaml.ScalarNode && val.Tag == "!!null" && f.Type.Kind() != reflect.Struct {
			continue // `key:` with no value keeps the default
		}
		if err := decodeStrict(file, val, v.FieldByIndex(f.Index), full); err != nil {
			return err
		}
	}
	return checkRequired(file, node, v, path, seen)
}

func checkRequired(file string, node *yaml.Node, v reflect.Value, path string, seen map[string]bool) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		key := yamlKey(f)
		if f.Tag.Get("required") == "true" && !seen[key] {
			return &Error{File: file, Line: node.Line, Key: join(path, key), Msg: "required key is missing"}
		}
	}
	return nil
}

func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); yamlKey(f) == key && key != "-" {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func yamlKey(f reflect.StructField) string { return strings.Split(f.Tag.Get("yaml"), ",")[0] }

// suggest names the closest valid key, for typos.
func suggest(t reflect.Type, key string) string {
	best, bestD := "", 3
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		k := yamlKey(t.Field(i))
		if k == "-" {
			continue
		}
		keys = append(keys, k)
		if d := editDistance(k, key); d < bestD {
			best, bestD = k, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (valid keys: " + strings.Join(keys, ", ") + ")"
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Int:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list of " + strings.TrimPrefix(typeName(t.Elem()), "a ") + "s"
	}
	return t.String()
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// Validate checks values (types are already right); call it after
// changing a loaded config, e.g. from command-line flags.
func (c *Config) Validate() error {
	bad := func(key, msg string, a ...any) error {
		return &Error{File: c.File, Key: key, Msg: fmt.Sprintf(msg, a...)}
	}
	oneOf := func(key, v string, allowed ...string) error {
		for _, a := range allowed {
			if v == a {
				return nil
			}
		}
		return bad(key, "%q is not one of %s", v, strings.Join(allowed, ", "))
	}
	for _, check := range []error{
		oneOf("converter.type", c.Converter.Type, "mat"),
		oneOf("converter.cohort_from", c.Converter.CohortFrom, "config", "filename", "parent"),
		oneOf("converter.matrix", c.Converter.Matrix, "columns", "flatten"),
		oneOf("partitioning.strategy", c.Partitioning.Strategy, "daily", "weekly", "monthly"),
		oneOf("partitioning.time_source", c.Partitioning.TimeSource, "mtime", "filename"),
		oneOf("ingest.on_error", c.Ingest.OnError, "skip", "fail"),
	} {
		if check != nil {
			return check
		}
	}
	switch {
	case c.Paths.RawDir == "":
		return bad("paths.raw_dir", "must not be empty")
	case c.Paths.OutputDir == "":
		return bad("paths.output_dir", "must not be empty")
	case c.Paths.FilePattern == "":
		return bad("paths.file_pattern", "must not be empty")
	case c.Converter.SamplingRate < 0:
		return bad("converter.sampling_rate", "must not be negative")
	case c.Partitioning.FilesPerFlush < 1:
		return bad("partitioning.files_per_flush", "must be at least 1")
	case c.Compute.OverlapSamples < 0:
		return bad("compute.overlap_samples", "must not be negative")
	case c.Compute.Window < 0 || c.Compute.Stride < 0:
		return bad("compute.window", "window and stride must not be negative (0 keeps the manifest's)")
	case c.Compute.Window > 0 && c.Compute.Stride > c.Compute.Window:
		return bad("compute.stride", "%d is larger than compute.window %d", c.Compute.Stride, c.Compute.Window)
	case c.Compute.BootstrapSamples < 0:
		return bad("compute.bootstrap_samples", "must not be negative")
	case c.Compute.EigendecompositionEvery < 1:
		return bad("compute.eigendecomposition_every", "must be at least 1")
	case c.Compute.Threads < 0:
		return bad("compute.threads", "must not be negative (0: all cores)")
	}
	if _, err := time.LoadLocation(c.Partitioning.Timezone); err != nil {
		return bad("partitioning.timezone", "unknown time zone %q", c.Partitioning.Timezone)
	}
	if c.Partitioning.TimeSource == "filename" {
		if _, err := c.TimeParser(); err != nil {
			return err
		}
	}
	return nil
}

func (c *Config) resolvePaths(base string) error {
	for _, p := range []struct {
		key string
		v   *string
	}{{"paths.raw_dir", &c.Paths.RawDir}, {"paths.output_dir", &c.Paths.OutputDir}} {
		s := *p.v
		if s == "~" || strings.HasPrefix(s, "~/") {
			home, err := os.UserHomeDir()
			if err != nil {
				return &Error{File: c.File, Key: p.key, Msg: "cannot expand ~: " + err.Error()}
			}
			s = filepath.Join(home, strings.TrimPrefix(s, "~"))
		}
		if !filepath.IsAbs(s) {
			s = filepath.Join(base, s)
		}
		abs, err := filepath.Abs(s)
		if err != nil {
			return &Error{File: c.File, Key: p.key, Msg: err.Error()}
		}
		*p.v = abs
	}
	return nil
}

// Location is the partitioning time zone.
func (c *Config) Location() *time.Location {
	loc, err := time.LoadLocation(c.Partitioning.Timezone)
	if err != nil {
		return time.UTC // validate refused it already
	}
	return loc
}
