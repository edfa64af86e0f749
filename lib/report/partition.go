package report

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"sp/lib/atomicfile"
	"sp/lib/report/markdown"
)

// ErrTarget marks a missing partition, root or query target: a usage
// error (exit status 2), nothing is written.
var ErrTarget = errors.New("target not found")

// Options of a per-partition run (sql.md §4.1).
type Options struct {
	MaxRows        int    // display cap per section; 0: 50
	SampleCap      int64  // samples per signal for quantiles and pairs; 0: 200,000
	IncludeOverlap bool   // keep rows and windows with negative coordinates
	Threads        int    // DuckDB threads and obsstats workers; 0: DuckDB's default, all cores
	MemoryLimit    string // DuckDB memory_limit; "": DefaultMemoryLimit
	Log            *Logger
	Done           func() // called after each report is computed (progress), if set
}

func (o Options) withDefaults(maxRows int) Options {
	if o.MaxRows <= 0 {
		o.MaxRows = maxRows
	}
	if o.SampleCap <= 0 {
		o.SampleCap = 200000
	}
	return o
}

// Result summarises a run for the stage log.
type Result struct {
	Reports  int   // files written
	Sections int   // sections in them
	Skipped  int   // sections skipped for a missing input
	Errors   int   // sections whose query failed
	Rows     int64 // result rows of all sections (full counts)
	Obs      int64 // observation rows read (n_obs_all)
}

// StampName is the stage stamp in output/sql, written last and only when
// every section ran (pipeline.md §4).
const StampName = ".done"

// sectionDef is one section of a core report (sql.md §5).
type sectionDef struct {
	id, title, desc string
	needs           []string // any one of these inputs suffices; nil: the report's
	sql             string   // may hold {FEATURE_MEANS} or {ENGINE_COLUMNS}
	thin            bool     // computed on t_thin: describe the stride
	index           bool     // 00C, built in Go
}

// reportDef is one core report file.
type reportDef struct {
	file, title string
	needs       []string // default section needs
	tables      []string // report tables created before the sections
	sections    []sectionDef
}

// reportState is what 00C lists about a written report.
type reportState struct {
	file                                       string
	sections, withRows, empty, skipped, errors int
	rows                                       int64
}

// partitionRun is the state of one per-partition run.
type partitionRun struct {
	opt      Options
	log      *Logger
	dir      string
	name     string
	s        *session
	inputs   map[string]*input
	features []string // signal_vector features present
	sidecars bool     // loadings come from the reference sidecars
	files    map[string][]byte
	states   []reportState
	res      Result
}

// RunPartition writes the eleven core reports of the partition at dir
// into dir/output/sql (sql.md §4, §5). A missing partition is ErrTarget;
// a missing or unreadable observations.parquet fails before anything is
// written; a failing section is reported in its file and on the log, the
// other sections and reports are still written, and the returned error
// counts the failures.
func RunPartition(ctx context.Context, arg string, opt Options) (Result, error) {
	return runPartition(ctx, arg, opt, coreReports)
}

func runPartition(ctx context.Context, arg string, opt Options, reports []reportDef) (Result, error) {
	dir, err := partitionDir(arg)
	if err != nil {
		return Result{}, fmt.Errorf("%w: %v", ErrTarget, err)
	}
	opt = opt.withDefaults(50)
	r := &partitionRun{opt: opt, dir: dir, name: filepath.Base(dir), files: map[string][]byte{}}
	r.log = opt.Log.With(r.name)
	outDir := filepath.Join(dir, "output", "sql")
	if err := removeOwnStale(outDir, coreFiles()); err != nil {
		return r.res, err
	}
	r.s, err = openSession(ctx, opt.Threads, opt.MemoryLimit)
	if err != nil {
		return r.res, err
	}
	defer r.s.close()
	if err := r.prepare(); err != nil {
		return r.res, err
	}
	for i := range reports {
		r.runReport(&reports[i])
	}
	if err := writeOutputs(outDir, r.files, coreFiles()); err != nil {
		return r.res, err
	}
	for _, st := range r.states {
		r.log.Infof("wrote %s (%d sections, %d skipped, %d errors)", st.file, st.sections, st.skipped, st.errors)
	}
	r.log.Infof("done: %d reports", r.res.Reports)
	if r.res.Errors > 0 {
		return r.res, fmt.Errorf("%s: %d of %d sections failed (their reports say why)", r.name, r.res.Errors, r.res.Sections)
	}
	return r.res, atomicfile.WriteFile(filepath.Join(outDir, StampName), nil)
}

// prepare registers the inputs, creates macros and normalised views and
// builds the shared tables. Any failure here means observations cannot be
// used: the run stops and writes nothing.
func (r *partitionRun) prepare() error {
	r.inputs = resolveInputs(r.dir, r.log.Warnf)
	for _, ip := range inputPaths {
		in := r.inputs[ip.name]
		if ip.name == inLoadingsRef || ip.name == inFeatureLoadingsRef {
			if r.inputs[inEigen].usable() {
				continue // read only when eigendecomposition is absent
			}
		}
		registerInput(r.s, in, r.log)
	}
	obs := r.inputs[inObservations]
	if !obs.usable() {
		return fmt.Errorf("%s: observations: %s", r.name, strings.TrimPrefix(obs.reason(), "needs "))
	}
	if err := createMacros(r.s); err != nil {
		return err
	}
	if sv := r.inputs[inSignalVector]; sv.usable() {
		r.features = presentFeatures(sv.cols)
	}
	r.sidecars = !r.inputs[inEigen].usable() && (r.inputs[inLoadingsRef].usable() || r.inputs[inFeatureLoadingsRef].usable())
	if err := createViews(r.s, r.inputs, viewDefs(r.features, r.sidecars), r.opt.IncludeOverlap, r.log); err != nil {
		return err
	}
	if !obs.usable() { // a key column was missing
		return fmt.Errorf("%s: observations: %s", r.name, strings.TrimPrefix(obs.reason(), "needs "))
	}
	n, err := r.buildShared()
	if err != nil {
		return fmt.Errorf("%s: observations: %w", r.name, err)
	}
	r.res.Obs = n
	return nil
}

// registerInput creates the raw view of an input found on disk and reads
// its schema; an unreadable file is logged and marked unusable.
func registerInput(s *session, in *input, log *Logger) {
	if in.path == "" {
		return
	}
	stmt := "CREATE OR REPLACE VIEW " + quoteIdent(in.name) + " AS SELECT * FROM read_parquet(" + quoteString(in.path) + ")"
	if err := s.exec(stmt); err != nil {
		log.Warnf("%s: cannot read %s: %s", in.name, in.path, markdown.FirstLine(err.Error()))
		in.state = unreadable
		return
	}
	cols, err := s.describe(in.name)
	if err != nil {
		log.Warnf("%s: cannot read %s: %s", in.name, in.path, markdown.FirstLine(err.Error()))
		in.state = unreadable
		return
	}
	in.cols, in.state = cols, present
	if rows, err := s.values("SELECT COUNT(*) FROM " + quoteIdent(in.name)); err == nil && len(rows) == 1 {
		log.Infof("%s: %s rows (%s)", in.name, markdown.Count(rows[0][0].(int64)), in.path)
	}
}

func createMacros(s *session) error {
	for _, m := range macroStatements {
		if err := s.exec(m); err != nil {
			return fmt.Errorf("macros: %w", err)
		}
	}
	return nil
}

// createViews creates the normalised views (sql.md §4.3); an input whose
// key column is absent is marked unusable and gets the empty view.
func createViews(s *session, inputs map[string]*input, defs []viewDef, includeOverlap bool, log *Logger) error {
	for _, v := range defs {
		in := inputs[v.input]
		if in.usable() {
			if col, missing := v.missingKey(in.cols); missing {
				log.Warnf("%s: missing key column %s", in.name, col)
				in.state, in.key = missingKey, col
			}
		}
		stmt, missing := v.sql(in.name, in.cols, in.usable(), includeOverlap)
		for _, c := range missing {
			log.Warnf("%s: missing column %s (read as NULL)", in.name, c)
		}
		if err := s.exec(stmt); err != nil {
			if !in.usable() {
				return fmt.Errorf("view %s: %w", v.name, err)
			}
			log.Warnf("%s: cannot read %s: %s", in.name, in.path, markdown.FirstLine(err.Error()))
			in.state = unreadable
			if stmt, _ = v.sql(in.name, nil, false, includeOverlap); s.exec(stmt) != nil {
				return fmt.Errorf("view %s: %w", v.name, err)
			}
		}
		if v.name == "n_obs_all" {
			if err := s.exec("CREATE OR REPLACE TEMP VIEW n_obs AS SELECT * FROM n_obs_all WHERE isfinite(value)"); err != nil {
				return err
			}
		}
	}
	return nil
}

// input returns the input that stands for name, resolving the virtual
// loadings inputs.
func (r *partitionRun) input(name string) *input {
	switch name {
	case inLoadings:
		if r.sidecars {
			return r.inputs[inLoadingsRef]
		}
		return r.inputs[inEigen]
	case inFeatureLoadings:
		if r.sidecars {
			return r.inputs[inFeatureLoadingsRef]
		}
		return r.inputs[inEigen]
	}
	return r.inputs[name]
}

// unmet returns why a section that needs any one of names cannot run.
func (r *partitionRun) unmet(names []string) (string, bool) {
	if len(names) == 0 {
		return "", false
	}
	var files []string
	for _, n := range names {
		in := r.input(n)
		if in.usable() {
			return "", false
		}
		files = append(files, in.name+".parquet")
	}
	first := r.input(names[0])
	if len(names) == 1 {
		return first.reason(), true
	}
	return "needs " + strings.Join(files, " or ") + strings.TrimPrefix(first.reason(), "needs "+first.name+".parquet"), true
}

func (r *partitionRun) runReport(def *reportDef) {
	var tableErr error
	for _, t := range def.tables {
		if err := r.s.exec(t); err != nil {
			tableErr = err
			r.log.Errorf("%s table %s: %s", def.file, tableName(t), markdown.FirstLine(err.Error()))
			break
		}
	}
	rep := &markdown.Report{Title: def.title, Context: "Partition: `" + r.name + "`"}
	st := reportState{file: def.file}
	for _, sd := range def.sections {
		sec := r.runSection(def, sd, tableErr)
		rep.Sections = append(rep.Sections, sec)
		st.sections++
		switch {
		case sec.Kind == markdown.Skipped:
			st.skipped++
		case sec.Kind == markdown.Failed:
			st.errors++
		case sec.Table.Total == 0:
			st.empty++
		default:
			st.withRows++
			st.rows += sec.Table.Total
		}
	}
	r.addPlots(def.file, rep)
	r.files[def.file] = rep.Bytes()
	r.states = append(r.states, st)
	r.res.Reports++
	r.res.Sections += st.sections
	r.res.Skipped += st.skipped
	r.res.Errors += st.errors
	r.res.Rows += st.rows
	if r.opt.Done != nil {
		r.opt.Done()
	}
}

var createdName = regexp.MustCompile(`(?i)CREATE OR REPLACE TEMP (?:TABLE|VIEW) (\w+)`)

func tableName(stmt string) string {
	if m := createdName.FindStringSubmatch(stmt); m != nil {
		return m[1]
	}
	return "?"
}

func (r *partitionRun) runSection(def *reportDef, sd sectionDef, tableErr error) markdown.Section {
	sec := markdown.Section{ID: sd.id, Title: sd.title, Description: sd.desc}
	needs := sd.needs
	if needs == nil {
		needs = def.needs
	}
	if reason, skip := r.unmet(needs); skip {
		sec.Kind, sec.Note = markdown.Skipped, reason
		return sec
	}
	if sd.index {
		sec.Table = r.indexTable()
		return sec
	}
	if sd.thin {
		sec.Description += r.thinNote()
	}
	fail := func(err error) markdown.Section {
		msg := markdown.FirstLine(err.Error())
		r.log.Errorf("%s section %s: %s", def.file, sd.id, msg)
		sec.Kind, sec.Note = markdown.Failed, msg
		return sec
	}
	if tableErr != nil {
		return fail(tableErr)
	}
	query, err := r.expand(sd.sql)
	if err != nil {
		return fail(err)
	}
	t, err := r.s.table(query, r.opt.MaxRows)
	if err != nil {
		return fail(err)
	}
	sec.Table = t
	return sec
}

// expand fills the generated parts of a section's SQL.
func (r *partitionRun) expand(q string) (string, error) {
	if strings.Contains(q, "{FEATURE_MEANS}") {
		var b strings.Builder
		for _, f := range r.features {
			b.WriteString(", sig6(AVG(" + quoteIdent(f) + ")) AS " + quoteIdent(f))
		}
		q = strings.ReplaceAll(q, "{FEATURE_MEANS}", b.String())
	}
	if strings.Contains(q, "{ENGINE_COLUMNS}") {
		cols, err := engineColumns(r.s, "n_sg", "g.")
		if err != nil {
			return "", err
		}
		q = strings.ReplaceAll(q, "{ENGINE_COLUMNS}", cols)
	}
	return q, nil
}

// engineColumns generates one effective-dimension column per engine of
// rel (sql.md §5.9 09B, §6.3 F1).
func engineColumns(s *session, rel, qual string) (string, error) {
	rows, err := s.values("SELECT DISTINCT engine FROM " + rel + " WHERE engine IS NOT NULL ORDER BY engine")
	if err != nil {
		return "", err
	}
	var b strings.Builder
	seen := map[string]int{}
	for _, row := range rows {
		e := row[0].(string)
		alias := "eff_dim_" + identChars(e)
		if seen[alias]++; seen[alias] > 1 {
			alias = fmt.Sprintf("%s_%d", alias, seen[alias])
		}
		fmt.Fprintf(&b, ", ROUND(AVG(%seffective_dim) FILTER (WHERE %sengine = %s), 3) AS %s",
			qual, qual, quoteString(e), quoteIdent(alias))
	}
	return b.String(), nil
}

// identChars replaces every character outside [a-z0-9_] by "_".
func identChars(s string) string {
	return strings.Map(func(c rune) rune {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' {
			return c
		}
		return '_'
	}, s)
}

// thinNote is the description suffix of sections computed on t_thin
// (sql.md §4.6): empty when no cohort is thinned.
func (r *partitionRun) thinNote() string {
	rows, err := r.s.values("SELECT cohort, k FROM t_cohort ORDER BY cohort")
	if err != nil || len(rows) == 0 {
		return ""
	}
	ks := map[int64]bool{}
	thinned := false
	var pairs []string
	for _, row := range rows {
		k := row[1].(int64)
		ks[k] = true
		thinned = thinned || k > 1
		c := row[0].(string)
		if c == "" {
			c = "''"
		}
		pairs = append(pairs, fmt.Sprintf("%s=%d", c, k))
	}
	switch {
	case !thinned:
		return ""
	case len(ks) == 1:
		return fmt.Sprintf(" Computed on every k-th sample (k = %d).", rows[0][1].(int64))
	}
	return " Computed on every k-th sample (k by cohort: " + strings.Join(pairs, ", ") + ")."
}

// indexTable is section 00C: the state of reports 01–10.
func (r *partitionRun) indexTable() *markdown.Table {
	t := &markdown.Table{Columns: []string{"report", "sections", "with_rows", "empty", "skipped", "errors", "rows"},
		Numeric: []bool{false, true, true, true, true, true, true}}
	for _, st := range r.states {
		t.Rows = append(t.Rows, []string{markdown.Escape(st.file), fmt.Sprint(st.sections), fmt.Sprint(st.withRows),
			fmt.Sprint(st.empty), fmt.Sprint(st.skipped), fmt.Sprint(st.errors), fmt.Sprint(st.rows)})
	}
	t.Total = int64(len(t.Rows))
	return t
}

func replaceAll(s, old, new string) string { return strings.ReplaceAll(s, old, new) }

// coreFiles lists every file the per-partition run owns in output/sql.
func coreFiles() []string {
	var out []string
	for _, d := range coreReports {
		out = append(out, d.file)
	}
	return append(append(out, plotFiles...), StampName)
}

// removeOwnStale removes the stamp and the temporaries an interrupted
// run left behind, before anything else happens.
func removeOwnStale(dir string, names []string) error {
	for _, n := range names {
		if err := atomicfile.RemoveStale(filepath.Join(dir, n)); err != nil {
			return err
		}
	}
	err := os.Remove(filepath.Join(dir, StampName))
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// writeOutputs writes files atomically into dir and removes the owned
// files (plots) this run did not produce, so no stale picture stays
// linked to nothing.
func writeOutputs(dir string, files map[string][]byte, owned []string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, name := range owned {
		data, ok := files[name]
		if !ok {
			if name == StampName {
				continue
			}
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			continue
		}
		if err := atomicfile.WriteFile(filepath.Join(dir, name), data); err != nil {
			return err
		}
	}
	return nil
}
