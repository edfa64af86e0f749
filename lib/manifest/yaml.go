package manifest

import (
	"bytes"
	"math"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Encode writes the manifest as YAML (manifest.md §11): block style,
// 2-space indentation, keys in the order of §8, no anchors, a trailing
// newline; the same manifest always gives the same bytes.
func (m *Manifest) Encode() ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	doc := &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{m.node()}}
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (m *Manifest) node() *yaml.Node {
	root := mapping(
		"version", str(m.Version),
		"job_id", str(m.JobID),
		"generator", str(m.Generator),
		"paths", mapping(
			"observations", str(m.Paths.Observations),
			"typology", str(m.Paths.Typology),
			"output_dir", str(m.Paths.OutputDir)),
		"system", mapping(
			"window", integer(m.System.Window),
			"stride", integer(m.System.Stride),
			"note", str(m.systemNote())),
		"engine_windows", windows(m.EngineWindows, "note", str(engineWindowsNote)),
		"summary", m.summaryNode(),
		"params", mapping(
			"default_window", integer(128),
			"default_stride", integer(64),
			"min_samples", integer(64),
			"note", str(paramsNote)),
		"cohorts", m.cohortsNode(),
		"pair_engines", strs(pairEngines),
		"symmetric_pair_engines", strs(symmetricPairEngines),
		"skip_signals", strs(m.SkipSignals),
	)
	if iv := m.Intervention; iv != nil {
		post := null()
		if iv.PostSamples != nil {
			post = integer(*iv.PostSamples)
		}
		add(root, "intervention", mapping(
			"enabled", boolean(true),
			"event_index", integer(iv.EventIndex),
			"pre_samples", integer(iv.PreSamples),
			"post_samples", post,
			"note", str(interventionNote)))
	}
	add(root, "atlas", m.atlasNode())
	return root
}

func (m *Manifest) systemNote() string {
	if m.Intervention != nil {
		return systemNoteIntervention
	}
	return systemNote
}

func (m *Manifest) summaryNode() *yaml.Node {
	s := m.Summary
	if s == nil {
		s = &Summary{}
	}
	return mapping(
		"total_signals", integer(int64(s.TotalSignals)),
		"total_cohorts", integer(int64(s.TotalCohorts)),
		"active_signals", integer(int64(s.ActiveSignals)),
		"constant_signals", integer(int64(s.ConstantSignals)),
		"signal_engines", strs(s.SignalEngines),
		"rolling_engines", strs(nil),
		"pair_engines", strs(pairEngines),
		"symmetric_pair_engines", strs(symmetricPairEngines),
		"n_signal_engines", integer(int64(len(s.SignalEngines))),
		"n_rolling_engines", integer(0))
}

func (m *Manifest) cohortsNode() *yaml.Node {
	cohorts := mapping()
	for _, c := range m.Cohorts {
		signals := mapping()
		for _, s := range c.Signals {
			add(signals, s.ID, s.node())
		}
		add(cohorts, c.Name, signals)
	}
	return cohorts
}

func (s *Signal) node() *yaml.Node {
	n := mapping(
		"engines", strs(s.Engines),
		"rolling_engines", strs(nil),
		"window_size", integer(s.WindowSize),
		"window_method", str(s.WindowMethod),
		"window_confidence", str(s.WindowConfidence),
		"stride", integer(s.Stride),
		"derivative_depth", integer(int64(s.DerivativeDepth)),
		"eigenvalue_budget", integer(int64(s.EigenvalueBudget)),
		"window_factor", float(s.WindowFactor))
	if t := s.Typology; t != nil {
		secondary := null()
		if t.TemporalSecondary != "" {
			secondary = str(t.TemporalSecondary)
		}
		add(n, "typology", mapping(
			"temporal_pattern", strs(t.TemporalPattern),
			"temporal_primary", str(t.TemporalPrimary),
			"temporal_secondary", secondary,
			"classification_confidence", str(t.ClassificationConfidence),
			"spectral", str(t.Spectral)))
	}
	add(n, "visualizations", strs(s.Visualizations))
	if h := s.OutputHints.node(); h != nil {
		add(n, "output_hints", h)
	}
	if len(s.EngineWindowOverrides) > 0 {
		add(n, "engine_window_overrides", windows(s.EngineWindowOverrides))
	}
	if s.IsDiscreteSparse {
		add(n, "is_discrete_sparse", boolean(true))
	}
	return n
}

// node is nil when no hint applies (the key is then omitted).
func (h OutputHints) node() *yaml.Node {
	if h.Spectral == "" && !h.Harmonics {
		return nil
	}
	n := mapping()
	switch h.Spectral {
	case "per_bin":
		add(n, "spectral", mapping(
			"output_mode", str("per_bin"),
			"n_bins", str("auto"),
			"include_phase", boolean(false),
			"note", str("waterfall-ready output")))
	case "summary":
		add(n, "spectral", mapping("output_mode", str("summary")))
	}
	if h.Harmonics {
		add(n, "harmonics", mapping("n_harmonics", integer(5), "include_thd", boolean(true)))
	}
	return n
}

// atlasNode is §8.10; segments exist only in intervention mode.
func (m *Manifest) atlasNode() *yaml.Node {
	iv := m.Intervention
	brk := mapping("enabled", boolean(true))
	if iv != nil {
		add(brk, "reference_index", integer(iv.EventIndex))
	}
	atlas := mapping(
		"ftle", mapping(
			"directions", strs([]string{"forward", "backward"}),
			"rolling", boolean(true),
			"rolling_window", integer(200),
			"rolling_stride", integer(50)),
		"velocity_field", mapping(
			"enabled", boolean(true),
			"smooth", str("savgol"),
			"include_components", boolean(false)),
		"ridge_proximity", mapping(
			"enabled", boolean(true),
			"ridge_threshold", float(0.05)),
		"break_sequence", brk)
	if iv != nil {
		add(atlas, "segments", &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{
			mapping("name", str("pre"), "range", seq(integer(0), integer(iv.EventIndex-1))),
			mapping("name", str("post"), "range", seq(integer(iv.EventIndex), null())),
		}})
	}
	add(atlas, "segment_comparison", mapping("enabled", boolean(iv != nil)))
	add(atlas, "info_flow_delta", mapping("enabled", boolean(iv != nil)))
	return atlas
}

// mapping builds a mapping from alternating keys and value nodes.
func mapping(kv ...any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.MappingNode}
	for i := 0; i < len(kv); i += 2 {
		add(n, kv[i].(string), kv[i+1].(*yaml.Node))
	}
	return n
}

func add(m *yaml.Node, key string, v *yaml.Node) { m.Content = append(m.Content, str(key), v) }

// windows maps engine names to window lengths, then any extra pairs.
func windows(ws []EngineWindow, extra ...any) *yaml.Node {
	n := mapping()
	for _, w := range ws {
		add(n, w.Engine, integer(w.Window))
	}
	for i := 0; i < len(extra); i += 2 {
		add(n, extra[i].(string), extra[i+1].(*yaml.Node))
	}
	return n
}

func seq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: items}
}

func strs(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range items {
		n.Content = append(n.Content, str(s))
	}
	return n
}

// str is a string scalar, single-quoted when a YAML 1.1 or 1.2 loader
// would read the plain text as something else (§11): cohort and signal
// keys must load back as strings.
func str(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if ambiguous(s) {
		n.Style = yaml.SingleQuotedStyle
	}
	return n
}

func integer(i int64) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.FormatInt(i, 10)}
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func null() *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"} }

// float writes a value every YAML loader reads as a float: always with a
// '.' in the mantissa (1.0, 2.73, 1.0e-05), as PyYAML's resolver needs.
func float(f float64) *yaml.Node {
	var s string
	switch {
	case math.IsNaN(f):
		s = ".nan"
	case math.IsInf(f, 1):
		s = ".inf"
	case math.IsInf(f, -1):
		s = "-.inf"
	default:
		s = strconv.FormatFloat(f, 'g', -1, 64)
		mant, exp, hasExp := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		s = mant
		if hasExp {
			s += "e" + exp
		}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: s}
}

// YAML 1.1 implicit types as PyYAML resolves them (bool, int, float,
// null, timestamp, merge, value), plus the single-letter booleans of the
// YAML 1.1 specification.
var yaml11Implicit = regexp.MustCompile(`^(?:` +
	`y|Y|n|N|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF` +
	`|[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+` +
	`|[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?` +
	`|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)` +
	`|~|null|Null|NULL|` +
	`|[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]` +
	`|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?` +
	`|<<|=` +
	`)$`)

// ambiguous reports whether plain s would not load as the string s.
func ambiguous(s string) bool {
	if s == "" {
		return true
	}
	// Every implicit type of either version starts with one of these.
	if !strings.ContainsAny(s[:1], "+-.0123456789~yYnNtTfFoO<=") {
		return false
	}
	if yaml11Implicit.MatchString(s) {
		return true
	}
	if !strings.ContainsAny(s[:1], "+-.0123456789~") {
		return false // YAML 1.2 resolves other non-strings (true, null) by words the pattern has
	}
	var n yaml.Node // YAML 1.2 as yaml.v3 resolves it (1e3, 0o17, .5, +1, ...)
	if err := yaml.Unmarshal([]byte(s), &n); err != nil || len(n.Content) != 1 {
		return false // not a plain scalar: the encoder quotes it as it must
	}
	v := n.Content[0]
	return v.Kind == yaml.ScalarNode && v.Style == 0 && v.Tag != "!!str"
}
