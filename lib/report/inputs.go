package report

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Logical inputs (sql.md §3.1) and the two virtual ones that stand for
// "eigendecomposition, else the reference sidecar".
const (
	inObservations       = "observations"
	inTypology           = "typology"
	inTypologyRaw        = "typology_raw"
	inSignalVector       = "signal_vector"
	inStateVector        = "state_vector"
	inStateGeometry      = "state_geometry"
	inEigen              = "eigendecomposition"
	inLoadingsRef        = "state_geometry_loadings"
	inFeatureLoadingsRef = "state_geometry_feature_loadings"
	inLoadings           = "loadings"
	inFeatureLoadings    = "feature loadings"
)

// inputPaths lists, per logical input, where it is looked up inside a
// partition: the first existing file wins (the project's flat layout
// before the reference's sub-directories).
var inputPaths = []struct {
	name  string
	paths []string
}{
	{inObservations, []string{"observations.parquet"}},
	{inTypology, []string{"typology.parquet"}},
	{inTypologyRaw, []string{"typology_raw.parquet"}},
	{inSignalVector, []string{"output/signal_vector.parquet", "output/1_signal_features/signal_vector.parquet"}},
	{inStateVector, []string{"output/state_vector.parquet", "output/2_system_state/state_vector.parquet"}},
	{inStateGeometry, []string{"output/state_geometry.parquet", "output/2_system_state/state_geometry.parquet"}},
	{inEigen, []string{"output/eigendecomposition.parquet", "output/2_system_state/eigendecomposition.parquet"}},
	{inLoadingsRef, []string{"output/state_geometry_loadings.parquet", "output/2_system_state/state_geometry_loadings.parquet"}},
	{inFeatureLoadingsRef, []string{"output/state_geometry_feature_loadings.parquet", "output/2_system_state/state_geometry_feature_loadings.parquet"}},
}

// inputState says whether an input can be used.
type inputState int

const (
	notFound inputState = iota
	unreadable
	missingKey
	present
)

// input is one logical input of a partition.
type input struct {
	name  string
	path  string // absolute; "" when not found
	state inputState
	key   string   // the missing key column (missingKey)
	cols  []column // its columns (present)
}

func (in *input) usable() bool { return in != nil && in.state == present }

// reason is the "needs …" text of a skipped section (sql.md §4.5).
func (in *input) reason() string {
	file := in.name + ".parquet"
	switch in.state {
	case unreadable:
		return "needs " + file + " (unreadable)"
	case missingKey:
		return "needs " + file + " (missing column " + in.key + ")"
	}
	return "needs " + file + " (not found)"
}

// resolveInputs finds the files of partition dir; warn receives one line
// per input found in both layouts.
func resolveInputs(dir string, warn func(format string, a ...any)) map[string]*input {
	out := map[string]*input{}
	for _, ip := range inputPaths {
		in := &input{name: ip.name}
		for _, rel := range ip.paths {
			p := filepath.Join(dir, filepath.FromSlash(rel))
			if st, err := os.Stat(p); err != nil || st.IsDir() {
				continue
			}
			if in.path == "" {
				in.path = p
				continue
			}
			warn("%s: found %s and %s; ignoring the second", ip.name, in.path, p)
		}
		out[ip.name] = in
	}
	return out
}

// extraParquet lists the *.parquet files under dir/output that are not
// logical inputs (sql.md §3.1): sorted by path, skipping sql/ and folders
// whose name starts with "_" or ".". The first file of a stem wins; warn
// receives the duplicates.
func extraParquet(dir string, inputs map[string]*input, warn func(format string, a ...any)) (stems []string, paths map[string]string) {
	root := filepath.Join(dir, "output")
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			name := d.Name()
			if p != root && (name == "sql" && filepath.Dir(p) == root || strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), ".parquet") && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	paths = map[string]string{}
	for _, f := range files {
		stem := strings.TrimSuffix(filepath.Base(f), ".parquet")
		if _, logical := inputs[stem]; logical { // resolveInputs warned about a second copy
			continue
		}
		if prev, ok := paths[stem]; ok {
			warn("%s: ignoring %s (view already reads %s)", stem, f, prev)
			continue
		}
		paths[stem] = f
		stems = append(stems, stem)
	}
	sort.Strings(stems)
	return stems, paths
}

// partitionDir turns the command-line path into the partition folder: a
// path ending in /output means its parent (sql.md §3.1). A missing folder
// is a usage error.
func partitionDir(arg string) (string, error) {
	p, err := filepath.Abs(arg)
	if err != nil {
		return "", err
	}
	if filepath.Base(p) == "output" {
		p = filepath.Dir(p)
	}
	st, err := os.Stat(p)
	if err != nil || !st.IsDir() {
		return "", fmt.Errorf("partition directory %s not found", arg)
	}
	return p, nil
}
