package manifest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Manifest is what the manifold stage reads of manifest.yaml.
type Manifest struct {
	File   string // the path it was read from
	SHA256 string // hex digest of the file's bytes (recorded in the outputs)

	Window int // system.window, W
	Stride int // system.stride, S

	// EngineWindows are the numeric entries of engine_windows.
	EngineWindows map[string]int

	// Cohorts in bytewise order of their names; signals with an empty
	// engine list are left out (they produce no rows).
	Cohorts []Cohort

	Paths    Paths
	Geometry Geometry
}

// Paths are the optional paths section (CLI resolution only).
type Paths struct {
	Observations, OutputDir, Typology string
}

// Geometry is the optional Go section of §1.3. A nil field was not given.
type Geometry struct {
	BootstrapSamples        *int
	EigendecompositionEvery *int
}

// Cohort is one cohorts.<name> entry.
type Cohort struct {
	Name    string
	Signals []Signal // bytewise order of their ids
}

// Signal is one cohorts.<cohort>.<signal_id> entry with engines.
type Signal struct {
	ID        string
	Engines   []string       // manifest order, as written
	Overrides map[string]int // engine_window_overrides
}

// Load reads and parses the manifest at path.
func Load(path string) (*Manifest, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read manifest: %w", err)
	}
	return Parse(path, data)
}

// Parse parses manifest text; file names it in errors.
func Parse(file string, data []byte) (*Manifest, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: not valid YAML: %w", file, err)
	}
	sum := sha256.Sum256(data)
	m := &Manifest{File: file, SHA256: hex.EncodeToString(sum[:]), EngineWindows: map[string]int{}}
	p := parser{file: file}
	if len(doc.Content) == 0 || len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: the manifest is empty", file)
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, p.errorf(root, "", "want a mapping at the top level")
	}
	if err := p.parseRoot(root, m); err != nil {
		return nil, err
	}
	return m, nil
}

type parser struct{ file string }

func (p parser) errorf(n *yaml.Node, key, format string, a ...any) error {
	msg := fmt.Sprintf(format, a...)
	if key != "" {
		msg = key + ": " + msg
	}
	return fmt.Errorf("%s:%d: %s", p.file, n.Line, msg)
}

// entries returns the key/value pairs of a mapping, refusing duplicates.
func (p parser) entries(n *yaml.Node, key string) ([][2]*yaml.Node, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n, key, "want a mapping")
	}
	seen := map[string]bool{}
	var out [][2]*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		if k.Kind != yaml.ScalarNode {
			return nil, p.errorf(k, key, "keys must be plain scalars")
		}
		if seen[k.Value] {
			return nil, p.errorf(k, join(key, k.Value), "duplicate key")
		}
		seen[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	return out, nil
}

// deref follows a YAML alias (*name) to its anchored node.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

func join(parent, key string) string {
	if parent == "" {
		return key
	}
	return parent + "." + key
}

func (p parser) parseRoot(root *yaml.Node, m *Manifest) error {
	top, err := p.entries(root, "")
	if err != nil {
		return err
	}
	found := map[string]*yaml.Node{}
	for _, kv := range top {
		found[kv[0].Value] = kv[1]
	}
	system, ok := found["system"]
	if !ok {
		return p.errorf(root, "system", "required key is missing (system.window and system.stride)")
	}
	if m.Window, m.Stride, err = p.parseSystem(system); err != nil {
		return err
	}
	if n, ok := found["engine_windows"]; ok && !isNull(n) {
		if m.EngineWindows, err = p.parseEngineWindows(n); err != nil {
			return err
		}
	}
	cohorts, ok := found["cohorts"]
	if !ok {
		return p.errorf(root, "cohorts", "required key is missing")
	}
	if m.Cohorts, err = p.parseCohorts(cohorts); err != nil {
		return err
	}
	if n, ok := found["paths"]; ok && !isNull(n) {
		if m.Paths, err = p.parsePaths(n); err != nil {
			return err
		}
	}
	if n, ok := found["geometry"]; ok && !isNull(n) {
		if m.Geometry, err = p.parseGeometry(n); err != nil {
			return err
		}
	}
	return nil
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

func (p parser) parseSystem(n *yaml.Node) (window, stride int, err error) {
	kvs, err := p.entries(n, "system")
	if err != nil {
		return 0, 0, err
	}
	vals := map[string]*yaml.Node{}
	for _, kv := range kvs {
		vals[kv[0].Value] = kv[1]
	}
	get := func(key string) (int, error) {
		v, ok := vals[key]
		if !ok {
			return 0, p.errorf(n, "system."+key, "required key is missing")
		}
		return p.positiveInt(v, "system."+key)
	}
	if window, err = get("window"); err != nil {
		return 0, 0, err
	}
	stride, err = get("stride")
	return window, stride, err
}

// integer decodes an !!int scalar.
func (p parser) integer(n *yaml.Node, key string) (int, error) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
		return 0, p.errorf(n, key, "want an integer, got %q", n.Value)
	}
	var v int64
	if err := n.Decode(&v); err != nil {
		return 0, p.errorf(n, key, "want an integer, got %q", n.Value)
	}
	if int64(int(v)) != v {
		return 0, p.errorf(n, key, "%s is out of range", n.Value)
	}
	return int(v), nil
}

func (p parser) positiveInt(n *yaml.Node, key string) (int, error) {
	v, err := p.integer(n, key)
	if err == nil && v < 1 {
		err = p.errorf(n, key, "want an integer of at least 1, got %d", v)
	}
	return v, err
}

// parseEngineWindows keeps the numeric entries; Prime also writes a
// `note:` string there, which is ignored.
func (p parser) parseEngineWindows(n *yaml.Node) (map[string]int, error) {
	kvs, err := p.entries(n, "engine_windows")
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, kv := range kvs {
		key := "engine_windows." + kv[0].Value
		switch kv[1].Tag {
		case "!!int":
			v, err := p.positiveInt(kv[1], key)
			if err != nil {
				return nil, err
			}
			out[kv[0].Value] = v
		case "!!float":
			return nil, p.errorf(kv[1], key, "want a whole number of samples, got %s", kv[1].Value)
		}
	}
	return out, nil
}

func (p parser) parseCohorts(n *yaml.Node) ([]Cohort, error) {
	kvs, err := p.entries(n, "cohorts")
	if err != nil {
		return nil, err
	}
	if len(kvs) == 0 {
		return nil, p.errorf(n, "cohorts", "must not be empty")
	}
	var out []Cohort
	for _, kv := range kvs {
		if kv[1].Kind != yaml.MappingNode {
			continue // §1.3: values that are not maps are skipped
		}
		c, err := p.parseCohort(kv[0].Value, kv[1])
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Cohort) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (p parser) parseCohort(name string, n *yaml.Node) (Cohort, error) {
	key := "cohorts." + name
	kvs, err := p.entries(n, key)
	if err != nil {
		return Cohort{}, err
	}
	c := Cohort{Name: name}
	for _, kv := range kvs {
		if kv[1].Kind != yaml.MappingNode {
			continue
		}
		s, err := p.parseSignal(kv[0].Value, key+"."+kv[0].Value, kv[1])
		if err != nil {
			return Cohort{}, err
		}
		if len(s.Engines) > 0 {
			c.Signals = append(c.Signals, s)
		}
	}
	slices.SortFunc(c.Signals, func(a, b Signal) int { return strings.Compare(a.ID, b.ID) })
	return c, nil
}

func (p parser) parseSignal(id, key string, n *yaml.Node) (Signal, error) {
	kvs, err := p.entries(n, key)
	if err != nil {
		return Signal{}, err
	}
	s := Signal{ID: id}
	for _, kv := range kvs {
		switch kv[0].Value {
		case "engines":
			if s.Engines, err = p.stringList(kv[1], key+".engines"); err != nil {
				return Signal{}, err
			}
		case "engine_window_overrides":
			if isNull(kv[1]) {
				continue
			}
			ov, err := p.entries(kv[1], key+".engine_window_overrides")
			if err != nil {
				return Signal{}, err
			}
			s.Overrides = map[string]int{}
			for _, e := range ov {
				v, err := p.positiveInt(e[1], key+".engine_window_overrides."+e[0].Value)
				if err != nil {
					return Signal{}, err
				}
				s.Overrides[e[0].Value] = v
			}
		}
	}
	return s, nil
}

func (p parser) stringList(n *yaml.Node, key string) ([]string, error) {
	if isNull(n) {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, p.errorf(n, key, "want a list of engine names")
	}
	out := make([]string, 0, len(n.Content))
	for i, e := range n.Content {
		e = deref(e)
		if e.Kind != yaml.ScalarNode || e.Tag == "!!null" || e.Value == "" {
			return nil, p.errorf(e, key+"["+strconv.Itoa(i)+"]", "want an engine name")
		}
		out = append(out, e.Value)
	}
	return out, nil
}

func (p parser) parsePaths(n *yaml.Node) (Paths, error) {
	kvs, err := p.entries(n, "paths")
	if err != nil {
		return Paths{}, err
	}
	var out Paths
	for _, kv := range kvs {
		var dst *string
		switch kv[0].Value {
		case "observations":
			dst = &out.Observations
		case "output_dir":
			dst = &out.OutputDir
		case "typology":
			dst = &out.Typology
		default:
			continue
		}
		if kv[1].Kind != yaml.ScalarNode {
			return Paths{}, p.errorf(kv[1], "paths."+kv[0].Value, "want a path")
		}
		*dst = kv[1].Value
	}
	return out, nil
}

func (p parser) parseGeometry(n *yaml.Node) (Geometry, error) {
	kvs, err := p.entries(n, "geometry")
	if err != nil {
		return Geometry{}, err
	}
	var g Geometry
	for _, kv := range kvs {
		key := "geometry." + kv[0].Value
		switch kv[0].Value {
		case "bootstrap_samples":
			v, err := p.integer(kv[1], key)
			if err == nil && v < 0 {
				err = p.errorf(kv[1], key, "must not be negative, got %d", v)
			}
			if err != nil {
				return Geometry{}, err
			}
			g.BootstrapSamples = &v
		case "eigendecomposition_every":
			v, err := p.positiveInt(kv[1], key)
			if err != nil {
				return Geometry{}, err
			}
			g.EigendecompositionEvery = &v
		}
	}
	return g, nil
}
