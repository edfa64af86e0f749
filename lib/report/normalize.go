package report

import (
	"strings"
)

// schema is the column list of an input, looked up case-insensitively as
// DuckDB resolves identifiers.
type schema []column

func (s schema) find(name string) (column, bool) {
	for _, c := range s {
		if strings.EqualFold(c.name, name) {
			return c, true
		}
	}
	return column{}, false
}

// colDef is one column of a normalised view (sql.md §4.3).
type colDef struct {
	name string
	typ  string // the type of the column (used for typed NULLs)
	key  bool   // absent: the input is unusable
	// expr builds the expression from the source schema; ok = false means
	// the source column is absent: a warning is logged (unless quiet) and
	// the returned fallback expression is used, or a typed NULL when
	// there is none.
	expr  func(s schema) (expr string, ok bool)
	quiet bool   // absence is normal (cohort): no warning
	from  string // source column named in messages, when not name
}

func (c colDef) source() string {
	if c.from != "" {
		return c.from
	}
	return c.name
}

// viewDef is one normalised TEMP view over one input.
type viewDef struct {
	name  string
	input string
	coord string   // normalised coordinate column: its >= 0 filter is the overlap rule
	where string   // extra condition, e.g. kind = 'signal'
	needs []string // source columns the condition needs
	cols  []colDef
}

func src(s schema, name string) (string, bool) {
	c, ok := s.find(name)
	if !ok {
		return "", false
	}
	return quoteIdent(c.name), true
}

func castCol(name, typ string) func(schema) (string, bool) {
	return func(s schema) (string, bool) {
		if c, ok := src(s, name); ok {
			return "CAST(" + c + " AS " + typ + ")", true
		}
		return "", false
	}
}

func finCol(name string) func(schema) (string, bool) {
	return func(s schema) (string, bool) {
		if c, ok := src(s, name); ok {
			return "fin(" + c + ")", true
		}
		return "", false
	}
}

// cohortCol: COALESCE(CAST(cohort AS VARCHAR), ”), or ” when absent.
func cohortCol() colDef {
	return colDef{name: "cohort", typ: "VARCHAR", quiet: true, expr: func(s schema) (string, bool) {
		if c, ok := src(s, "cohort"); ok {
			return "COALESCE(CAST(" + c + " AS VARCHAR), '')", true
		}
		return "''", true
	}}
}

// coordCol is the ordering coordinate as DOUBLE (which also avoids
// UINTEGER arithmetic on the reference's I): the first present of names,
// or their COALESCE when several are present (a fleet union of weeks
// written with I and weeks written with signal_0).
func coordCol(out string, names ...string) colDef {
	return colDef{name: out, typ: "DOUBLE", key: true, expr: func(s schema) (string, bool) {
		var parts []string
		for _, n := range names {
			if c, ok := src(s, n); ok {
				parts = append(parts, "CAST("+c+" AS DOUBLE)")
			}
		}
		switch len(parts) {
		case 0:
			return "", false
		case 1:
			return parts[0], true
		}
		return "COALESCE(" + strings.Join(parts, ", ") + ")", true
	}}
}

func keyCast(name, typ string) colDef {
	return colDef{name: name, typ: typ, key: true, expr: castCol(name, typ)}
}

func opt(name, typ string, expr func(schema) (string, bool)) colDef {
	return colDef{name: name, typ: typ, expr: expr}
}

func isList(c column) bool { return strings.HasSuffix(c.typ, "[]") }

// temporalPattern joins a LIST label with '+' and casts a plain string.
func temporalPattern(s schema) (string, bool) {
	c, ok := s.find("temporal_pattern")
	if !ok {
		return "", false
	}
	if isList(c) {
		return "array_to_string(" + quoteIdent(c.name) + ", '+')", true
	}
	return "CAST(" + quoteIdent(c.name) + " AS VARCHAR)", true
}

// temporalPrimary falls back to the first label of temporal_pattern (the
// reference lacks temporal_primary on discrete rows), then 'UNKNOWN'.
func temporalPrimary(s schema) (string, bool) {
	parts := []string{}
	p, hasPrimary := src(s, "temporal_primary")
	if hasPrimary {
		parts = append(parts, "CAST("+p+" AS VARCHAR)")
	}
	if c, ok := s.find("temporal_pattern"); ok {
		if isList(c) {
			parts = append(parts, "CAST("+quoteIdent(c.name)+"[1] AS VARCHAR)")
		} else {
			parts = append(parts, "CAST("+quoteIdent(c.name)+" AS VARCHAR)")
		}
	}
	parts = append(parts, "'UNKNOWN'")
	return "COALESCE(" + strings.Join(parts, ", ") + ")", hasPrimary
}

func nEngines(s schema) (string, bool) {
	c, ok := s.find("engines")
	if !ok {
		return "", false
	}
	if isList(c) {
		return "CAST(len(" + quoteIdent(c.name) + ") AS BIGINT)", true
	}
	return "CAST(NULL AS BIGINT)", true
}

func spectralClass(s schema) (string, bool) {
	if c, ok := src(s, "spectral"); ok {
		return "COALESCE(CAST(" + c + " AS VARCHAR), 'UNKNOWN')", true
	}
	return "'UNKNOWN'", false
}

// energyProxy is total_variance_raw (Go Manifold), else total_variance.
func energyProxy(s schema) (string, bool) {
	for _, n := range []string{"total_variance_raw", "total_variance"} {
		if c, ok := src(s, n); ok {
			return "fin(" + c + ")", true
		}
	}
	return "", false
}

// candidateFeatures are the signal_vector features the reports use, in
// this order (sql.md §3.2).
var candidateFeatures = []string{"kurtosis", "skewness", "crest_factor", "spectral_entropy", "spectral_centroid",
	"permutation_entropy", "sample_entropy", "hurst", "acf_lag1", "dominant_freq"}

// presentFeatures lists the candidate features s has.
func presentFeatures(s schema) []string {
	var out []string
	for _, f := range candidateFeatures {
		if _, ok := s.find(f); ok {
			out = append(out, f)
		}
	}
	return out
}

func labels(names ...string) []colDef {
	out := make([]colDef, len(names))
	for i, n := range names {
		out[i] = opt(n, "VARCHAR", castCol(n, "VARCHAR"))
	}
	return out
}

// viewDefs returns the normalised views; features are the signal_vector
// features present; sidecars selects the reference loadings files.
func viewDefs(features []string, sidecars bool) []viewDef {
	sv := []colDef{cohortCol(), keyCast("signal_id", "VARCHAR"), coordCol("signal_0_end", "signal_0_end", "I")}
	for _, f := range features {
		sv = append(sv, opt(f, "DOUBLE", finCol(f)))
	}
	typ := []colDef{cohortCol(), keyCast("signal_id", "VARCHAR"),
		opt("temporal_pattern", "VARCHAR", temporalPattern),
		opt("temporal_primary", "VARCHAR", temporalPrimary),
		opt("temporal_secondary", "VARCHAR", castCol("temporal_secondary", "VARCHAR")),
		opt("classification_confidence", "VARCHAR", castCol("classification_confidence", "VARCHAR")),
		opt("spectral", "VARCHAR", spectralClass),
		opt("is_discrete_sparse", "BOOLEAN", castCol("is_discrete_sparse", "BOOLEAN")),
		opt("n_engines", "BIGINT", nEngines),
	}
	typ = append(typ, labels("continuity", "stationarity", "memory", "complexity", "distribution", "amplitude",
		"volatility", "determinism")...)
	load := viewDef{name: "n_load", input: inEigen, coord: "signal_0_end", where: "kind = 'signal'",
		cols: []colDef{cohortCol(), keyCast("engine", "VARCHAR"), coordCol("signal_0_end", "signal_0_end", "I"),
			{name: "signal_id", typ: "VARCHAR", key: true, expr: castCol("name", "VARCHAR"), from: "name"},
			{name: "pc1_loading", typ: "DOUBLE", key: true, expr: finCol("pc1_loading")}}, needs: []string{"kind"}}
	fload := viewDef{name: "n_fload", input: inEigen, coord: "signal_0_end", where: "kind = 'feature'",
		cols: []colDef{cohortCol(), keyCast("engine", "VARCHAR"), coordCol("signal_0_end", "signal_0_end", "I"),
			{name: "feature", typ: "VARCHAR", key: true, expr: castCol("name", "VARCHAR"), from: "name"},
			{name: "pc1_loading", typ: "DOUBLE", key: true, expr: finCol("pc1_loading")}}, needs: []string{"kind"}}
	if sidecars {
		load = viewDef{name: "n_load", input: inLoadingsRef, coord: "signal_0_end",
			cols: []colDef{cohortCol(), keyCast("engine", "VARCHAR"), coordCol("signal_0_end", "signal_0_end", "I"),
				keyCast("signal_id", "VARCHAR"),
				{name: "pc1_loading", typ: "DOUBLE", key: true, expr: finCol("pc1_loading")}}}
		fload = viewDef{name: "n_fload", input: inFeatureLoadingsRef, coord: "signal_0_end",
			cols: []colDef{cohortCol(), keyCast("engine", "VARCHAR"), coordCol("signal_0_end", "signal_0_end", "I"),
				keyCast("feature", "VARCHAR"),
				{name: "pc1_loading", typ: "DOUBLE", key: true, expr: finCol("pc1_loading")}}}
	}
	return []viewDef{
		{name: "n_obs_all", input: inObservations, coord: "signal_0",
			cols: []colDef{cohortCol(), keyCast("signal_id", "VARCHAR"), coordCol("signal_0", "signal_0", "I"),
				keyCast("value", "DOUBLE")}},
		{name: "n_typ", input: inTypology, cols: typ},
		{name: "n_traw", input: inTypologyRaw, cols: []colDef{cohortCol(), keyCast("signal_id", "VARCHAR"),
			opt("n_samples", "BIGINT", castCol("n_samples", "BIGINT")),
			opt("is_constant", "BOOLEAN", castCol("is_constant", "BOOLEAN")),
			opt("window_factor", "DOUBLE", finCol("window_factor")), opt("hurst", "DOUBLE", finCol("hurst")),
			opt("perm_entropy", "DOUBLE", finCol("perm_entropy")),
			opt("spectral_flatness", "DOUBLE", finCol("spectral_flatness")),
			opt("dominant_frequency", "DOUBLE", finCol("dominant_frequency")),
			opt("adf_pvalue", "DOUBLE", finCol("adf_pvalue")), opt("kpss_pvalue", "DOUBLE", finCol("kpss_pvalue"))}},
		{name: "n_sv", input: inSignalVector, coord: "signal_0_end", cols: sv},
		{name: "n_stv", input: inStateVector, coord: "signal_0_end", cols: []colDef{cohortCol(),
			coordCol("signal_0_end", "signal_0_end", "I"), opt("mean_distance", "DOUBLE", finCol("mean_distance"))}},
		{name: "n_sg", input: inStateGeometry, coord: "signal_0_end", cols: []colDef{cohortCol(),
			keyCast("engine", "VARCHAR"), coordCol("signal_0_end", "signal_0_end", "I"),
			opt("n_signals", "BIGINT", castCol("n_signals", "BIGINT")),
			opt("eigenvalue_1", "DOUBLE", finCol("eigenvalue_1")), opt("explained_1", "DOUBLE", finCol("explained_1")),
			{name: "effective_dim", typ: "DOUBLE", key: true, expr: finCol("effective_dim")},
			{name: "energy_proxy", typ: "DOUBLE", expr: energyProxy, from: "total_variance_raw (or total_variance)"},
			opt("eigenvalue_entropy_norm", "DOUBLE", finCol("eigenvalue_entropy_norm")),
			opt("condition_number", "DOUBLE", finCol("condition_number")),
			opt("eigenvector_flip_count", "BIGINT", castCol("eigenvector_flip_count", "BIGINT"))}},
		load, fload,
	}
}

// missingKey returns the first key column v cannot build from s.
func (v viewDef) missingKey(s schema) (string, bool) {
	for _, c := range v.cols {
		if _, ok := c.expr(s); c.key && !ok {
			return c.source(), true
		}
	}
	for _, n := range v.needs {
		if _, ok := s.find(n); !ok {
			return n, true
		}
	}
	return "", false
}

// sql returns the CREATE statement of the view over relation rel with
// schema s (usable = false: an empty view of the same columns), the
// optional columns it had to fill with NULL, and pass-through columns
// (the fleet's partition) placed first.
func (v viewDef) sql(rel string, s schema, usable, includeOverlap bool, passthrough ...string) (stmt string, missing []string) {
	sel, missing := v.selectFrom(quoteIdent(rel), s, usable, includeOverlap, passthrough...)
	return "CREATE OR REPLACE TEMP VIEW " + v.name + " AS\n" + sel, missing
}

// selectFrom is the view's SELECT over the FROM item from (an identifier
// or a table function call).
func (v viewDef) selectFrom(from string, s schema, usable, includeOverlap bool, passthrough ...string) (stmt string, missing []string) {
	var sel []string
	for _, p := range passthrough {
		if usable {
			sel = append(sel, quoteIdent(p))
		} else {
			sel = append(sel, "CAST(NULL AS VARCHAR) AS "+quoteIdent(p))
		}
	}
	coordExpr := ""
	for _, c := range v.cols {
		expr, ok := "", false
		if usable {
			expr, ok = c.expr(s)
		}
		if !ok {
			if usable && !c.quiet {
				missing = append(missing, c.source())
			}
			if !usable || expr == "" {
				expr = "CAST(NULL AS " + c.typ + ")"
			}
		}
		if c.name == v.coord {
			coordExpr = expr
		}
		sel = append(sel, expr+" AS "+quoteIdent(c.name))
	}
	stmt = "SELECT " + strings.Join(sel, ",\n       ")
	if !usable {
		return stmt + "\nWHERE FALSE", nil
	}
	stmt += "\nFROM " + from
	var conds []string
	if v.coord != "" && !includeOverlap {
		conds = append(conds, coordExpr+" >= 0")
	}
	if v.where != "" {
		conds = append(conds, v.where)
	}
	if len(conds) > 0 {
		stmt += "\nWHERE " + strings.Join(conds, " AND ")
	}
	return stmt, missing
}
