package geometry

// Group is one geometry group of manifold.md §6.1: its name (the `engine`
// value of state_geometry) and the features of the schema it uses.
type Group struct {
	Name     string
	Features []string // present in the schema, in the §6.1 table order
	Cols     []int    // their indices in a signal_vector feature row
}

// groupTable is the fixed table of §6.1.
var groupTable = []struct {
	name     string
	features []string
}{
	{"shape", []string{"kurtosis", "skewness", "crest_factor"}},
	{"complexity", []string{"permutation_entropy", "hurst", "acf_lag1"}},
	{"spectral", []string{"spectral_entropy", "spectral_centroid", "band_low_rel", "band_mid_rel", "band_high_rel"}},
}

// FullGroup is the fallback group used when no group of the table is active.
const FullGroup = "full"

// Layout says which geometry groups a signal_vector schema activates and
// which feature columns make up the composite state vector.
type Layout struct {
	Groups    []Group
	Composite []int // feature-row indices: the union of the groups' columns, in group order
}

// NewLayout derives the layout of a schema whose feature columns are
// features (in schema order). A group is active when at least two of its
// features are columns; with none active the fallback group "full" takes
// the first three feature columns. A layout without groups produces no
// state rows at all.
func NewLayout(features []string) Layout {
	index := make(map[string]int, len(features))
	for i, f := range features {
		index[f] = i
	}
	var l Layout
	for _, g := range groupTable {
		grp := Group{Name: g.name}
		for _, f := range g.features {
			if i, ok := index[f]; ok {
				grp.Features = append(grp.Features, f)
				grp.Cols = append(grp.Cols, i)
			}
		}
		if len(grp.Cols) >= 2 {
			l.Groups = append(l.Groups, grp)
		}
	}
	if len(l.Groups) == 0 && len(features) >= 2 {
		n := min(3, len(features))
		grp := Group{Name: FullGroup, Features: append([]string(nil), features[:n]...)}
		for i := range n {
			grp.Cols = append(grp.Cols, i)
		}
		l.Groups = append(l.Groups, grp)
	}
	for _, g := range l.Groups {
		l.Composite = append(l.Composite, g.Cols...)
	}
	return l
}

// CentroidColumns names the per-group centroid columns of state_vector
// (state_{group}_{feature}), in the order State.Centroids holds them.
func (l *Layout) CentroidColumns() []string {
	var out []string
	for _, g := range l.Groups {
		for _, f := range g.Features {
			out = append(out, "state_"+g.Name+"_"+f)
		}
	}
	return out
}
