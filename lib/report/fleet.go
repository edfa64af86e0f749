package report

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"sp/lib/atomicfile"
	"sp/lib/report/markdown"
	"sp/lib/report/plot"
)

// FleetOptions of sp-sql fleet (sql.md §6.2).
type FleetOptions struct {
	MaxRows        int // display cap; 0: 200
	IncludeOverlap bool
	Threads        int
	MemoryLimit    string // DuckDB memory_limit; "": DefaultMemoryLimit
	Log            *Logger
}

// Fleet report files and pictures, in ROOT/fleet/sql.
const (
	fleetInventory  = "00_fleet_inventory.md"
	fleetEffDim     = "01_effective_dimension_by_week.md"
	fleetEigen      = "02_eigenvalue_drift_by_week.md"
	fleetTypology   = "03_typology_changes.md"
	fleetFeatures   = "04_feature_drift_by_week.md"
	fleetEffDimPlot = "01_effective_dimension_by_week.png"
	fleetEigenPlot  = "02_eigenvalue_drift_by_week.png"
)

func fleetFiles() []string {
	return []string{fleetInventory, fleetEffDim, fleetEigen, fleetTypology, fleetFeatures, fleetEffDimPlot, fleetEigenPlot, StampName}
}

// fleetRun is the state of one fleet run.
type fleetRun struct {
	opt       FleetOptions
	log       *Logger
	s         *session
	parts     string // the folder holding the partitions
	list      []partitionInfo
	views     map[string][]string // all_<name> -> its files (absent: no partition has one)
	features  []string
	files     map[string][]byte
	errors    int
	sections  int
	rootLabel string
}

// FleetResult summarises a fleet run.
type FleetResult struct {
	Partitions, Reports, Sections, Errors int
}

// RunFleet writes the fleet reports F0–F4 of the partitions under root
// into root/fleet/sql (sql.md §6). A missing root is ErrTarget.
func RunFleet(ctx context.Context, root string, opt FleetOptions) (FleetResult, error) {
	abs, err := filepath.Abs(root)
	if err != nil || !isDir(abs) {
		return FleetResult{}, fmt.Errorf("%w: root %s not found", ErrTarget, root)
	}
	if opt.MaxRows <= 0 {
		opt.MaxRows = 200
	}
	f := &fleetRun{opt: opt, log: opt.Log.With("fleet"), files: map[string][]byte{}, rootLabel: filepath.Base(abs)}
	outDir := filepath.Join(abs, "fleet", "sql")
	if err := removeOwnStale(outDir, fleetFiles()); err != nil {
		return FleetResult{}, err
	}
	if f.s, err = openSession(ctx, opt.Threads, opt.MemoryLimit); err != nil {
		return FleetResult{}, err
	}
	defer f.s.close()
	if err := f.load(abs); err != nil {
		return FleetResult{}, err
	}
	f.reports()
	if err := writeOutputs(outDir, f.files, fleetFiles()); err != nil {
		return FleetResult{}, err
	}
	res := FleetResult{Partitions: len(f.list), Reports: 5, Sections: f.sections, Errors: f.errors}
	f.log.Infof("done: %d reports over %d partitions", res.Reports, res.Partitions)
	if f.errors > 0 {
		return res, fmt.Errorf("fleet: %d of %d sections failed (their reports say why)", f.errors, f.sections)
	}
	return res, atomicfile.WriteFile(filepath.Join(outDir, StampName), nil)
}

// loadFleet discovers the partitions of root and creates the all_* views
// (sql.md §6.1) on s; it is shared by the fleet run and by queries.
func loadFleet(s *session, root string, log *Logger) (parts string, list []partitionInfo, views map[string][]string, err error) {
	parts = partitionsDir(root)
	dirs, err := discoverPartitions(parts)
	if err != nil {
		return "", nil, nil, err
	}
	if err := createMacros(s); err != nil {
		return "", nil, nil, err
	}
	files := map[string][]string{}
	for _, dir := range dirs {
		p := partitionInfo{name: filepath.Base(dir), dir: dir}
		plog := log.With(p.name)
		p.inputs = resolveInputs(dir, plog.Warnf)
		for _, ip := range inputPaths {
			if in := p.inputs[ip.name]; in.path != "" {
				files[ip.name] = append(files[ip.name], in.path)
			}
		}
		stems, extra := extraParquet(dir, p.inputs, plog.Warnf)
		p.extra = extra
		for _, st := range stems {
			files[st] = append(files[st], extra[st])
		}
		list = append(list, p)
	}
	views = map[string][]string{}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if used := createAllView(s, parts, n, files[n], log); len(used) > 0 {
			views[n] = used
		}
	}
	return parts, list, views, nil
}

// createAllView creates all_<name> over files; files DuckDB cannot read
// are left out with a warning. It returns the files the view reads.
func createAllView(s *session, parts, name string, files []string, log *Logger) []string {
	stmt := func(fs []string) string {
		q := make([]string, len(fs))
		for i, f := range fs {
			q[i] = quoteString(f)
		}
		return fmt.Sprintf(`CREATE OR REPLACE VIEW %s AS
SELECT split_part(substr(filename, %d + 2), '/', 1) AS partition, * EXCLUDE (filename)
FROM read_parquet([%s], filename = true, union_by_name = true, hive_partitioning = false)`,
			quoteIdent("all_"+name), utf8.RuneCountInString(parts), strings.Join(q, ", "))
	}
	if s.exec(stmt(files)) == nil {
		return files
	}
	var good []string
	for _, f := range files {
		if err := s.exec("SELECT * FROM read_parquet(" + quoteString(f) + ") LIMIT 0"); err != nil {
			log.Warnf("%s: cannot read %s: %s", name, f, markdown.FirstLine(err.Error()))
			continue
		}
		good = append(good, f)
	}
	if len(good) == 0 {
		return nil
	}
	if err := s.exec(stmt(good)); err != nil {
		log.Warnf("all_%s: %s", name, markdown.FirstLine(err.Error()))
		return nil
	}
	return good
}

func (f *fleetRun) load(root string) error {
	var err error
	f.parts, f.list, f.views, err = loadFleet(f.s, root, f.log)
	if err != nil {
		return err
	}
	// Normalised fleet views over the union schemas (the rules of §4.3).
	if _, ok := f.views[inSignalVector]; ok {
		if cols, err := f.s.describe("all_" + inSignalVector); err == nil {
			f.features = presentFeatures(cols)
		}
	}
	defs := map[string]viewDef{}
	for _, v := range viewDefs(f.features, false) {
		defs[v.name] = v
	}
	for _, nv := range []struct{ name, from, input string }{{"nf_sg", "n_sg", inStateGeometry}, {"nf_typ", "n_typ", inTypology}, {"nf_sv", "n_sv", inSignalVector}} {
		v := defs[nv.from]
		v.name = nv.name
		in := &input{name: "all_" + nv.input}
		if _, ok := f.views[nv.input]; ok {
			if cols, err := f.s.describe(in.name); err == nil {
				in.cols, in.state = cols, present
			}
		}
		if in.usable() {
			if col, missing := v.missingKey(in.cols); missing {
				f.log.Warnf("%s: missing key column %s", in.name, col)
				in.state = missingKey
			}
		}
		pass := []string{"partition"}
		stmt, missing := v.sql(in.name, in.cols, in.usable(), f.opt.IncludeOverlap, pass...)
		for _, c := range missing {
			f.log.Infof("%s: no partition has column %s (read as NULL)", in.name, c)
		}
		if err := f.s.exec(stmt); err != nil {
			return fmt.Errorf("view %s: %w", nv.name, err)
		}
		if !in.usable() {
			delete(f.views, nv.input)
		}
	}
	if n := len(f.list); n > 0 {
		f.log.Infof("%d partitions (%s … %s)", n, f.list[0].name, f.list[n-1].name)
	}
	return nil
}

// fleetSection is one section of a fleet report.
type fleetSection struct {
	id, title, desc string
	needs           string // logical input whose all_ view must exist; "" none
	sql             func() (string, error)
	table           func() *markdown.Table // built in Go
	skip            string                 // a reason to skip decided before running
}

func (f *fleetRun) reports() {
	header := fmt.Sprintf("Fleet: `%s` · %d partitions", f.rootLabel, len(f.list))
	if n := len(f.list); n > 0 {
		header += fmt.Sprintf(" (%s … %s)", f.list[0].name, f.list[n-1].name)
	}
	type rep struct {
		file, title string
		sections    []fleetSection
	}
	reps := []rep{
		{fleetInventory, "Fleet Inventory", []fleetSection{
			{id: "A", title: "Rows per input per partition", desc: "Rows per input per partition (from parquet footers; no data is scanned).",
				sql: f.inventorySQL, skip: f.noCoreFiles()},
			{id: "B", title: "Partitions with missing inputs", desc: "Partitions lacking one of observations, typology, typology_raw, signal_vector, state_vector, state_geometry, eigendecomposition (the reference's loadings sidecars count for the last).",
				table: f.missingTable},
		}},
		{fleetEffDim, "Effective Dimension by Week", []fleetSection{
			{id: "A", title: "Effective dimension per week", needs: inStateGeometry,
				desc: "Per partition and cohort: mean effective_dim of each engine, overall mean, windows, and change of the overall mean versus the previous partition.",
				sql:  f.withEngines(sqlF1)},
		}},
		{fleetEigen, "Eigenvalue Drift by Week", []fleetSection{
			{id: "A", title: "Drift of eigenvalue 1 across weeks", needs: inStateGeometry,
				desc: "Per cohort and engine, the first partition that has data is the reference week: its [p05, p95] band and median of eigenvalue_1. Per week: median, ratio to the reference median and to the previous week, % of windows outside the reference band; DRIFT if > 50 % outside or the median ratio is outside [0.67, 1.5], WATCH if > 20 % outside.",
				sql:  constSQL(sqlF2)},
		}},
		{fleetTypology, "Typology Changes", []fleetSection{
			{id: "A", title: "Typology changes between consecutive weeks", needs: inTypology,
				desc: "Signals added, removed or reclassified (primary temporal pattern or spectral class) between consecutive partitions that have a typology file." + f.copiesNote(),
				sql:  constSQL(sqlF3)},
		}},
		{fleetFeatures, "Feature Drift by Week", []fleetSection{
			{id: "A", title: "Signal feature drift across weeks", needs: inSignalVector,
				desc: "Per signal and Manifold feature: weekly median of the window values; shift of the last week's median from the first week's, measured in first-week inter-quartile ranges; DRIFT if |shift| > 1.5 IQR, WATCH if > 0.75; and the week with the largest week-to-week change.",
				sql:  f.featureSQL, skip: f.noFeatures()},
		}},
	}
	for _, r := range reps {
		md := &markdown.Report{Title: r.title, Context: header}
		for _, sd := range r.sections {
			md.Sections = append(md.Sections, f.section(r.file, sd))
		}
		f.plots(r.file, md)
		f.files[r.file] = md.Bytes()
		f.log.Infof("wrote %s", r.file)
	}
}

func constSQL(q string) func() (string, error) { return func() (string, error) { return q, nil } }

func (f *fleetRun) section(file string, sd fleetSection) markdown.Section {
	f.sections++
	sec := markdown.Section{ID: sd.id, Title: sd.title, Description: sd.desc}
	if _, ok := f.views[sd.needs]; sd.needs != "" && !ok {
		sec.Kind, sec.Note = markdown.Skipped, "no partition has "+sd.needs+".parquet"
		return sec
	}
	if sd.skip != "" {
		sec.Kind, sec.Note = markdown.Skipped, sd.skip
		return sec
	}
	if sd.table != nil {
		sec.Table = sd.table()
		return sec
	}
	q, err := sd.sql()
	if err == nil {
		sec.Table, err = f.s.table(q, f.opt.MaxRows)
	}
	if err != nil {
		msg := markdown.FirstLine(err.Error())
		f.log.Errorf("%s section %s: %s", file, sd.id, msg)
		f.errors++
		sec.Kind, sec.Note = markdown.Failed, msg
	}
	return sec
}

func (f *fleetRun) coreFileList() []string {
	var out []string
	for _, p := range f.list {
		for _, ip := range inputPaths {
			if in := p.inputs[ip.name]; in.path != "" {
				out = append(out, in.path)
			}
		}
	}
	return out
}

func (f *fleetRun) noCoreFiles() string {
	if len(f.coreFileList()) == 0 {
		return "no partition has any input file"
	}
	return ""
}

// inventorySQL is F0 over the resolved input files.
func (f *fleetRun) inventorySQL() (string, error) {
	var q []string
	for _, p := range f.coreFileList() {
		q = append(q, quoteString(p))
	}
	s := strings.ReplaceAll(sqlF0, "{PARTS_LEN}", fmt.Sprint(utf8.RuneCountInString(f.parts)))
	return strings.ReplaceAll(s, "{CORE_FILE_LIST}", strings.Join(q, ", ")), nil
}

// missingTable is F0 B, built in Go.
func (f *fleetRun) missingTable() *markdown.Table {
	t := &markdown.Table{Columns: []string{"partition", "missing"}}
	for _, p := range f.list {
		var miss []string
		for _, ip := range inputPaths {
			switch ip.name {
			case inLoadingsRef, inFeatureLoadingsRef:
				continue
			case inEigen:
				if p.inputs[inEigen].path == "" && p.inputs[inLoadingsRef].path == "" {
					miss = append(miss, inEigen)
				}
				continue
			}
			if p.inputs[ip.name].path == "" {
				miss = append(miss, ip.name)
			}
		}
		if len(miss) > 0 {
			t.Rows = append(t.Rows, []string{markdown.Escape(p.name), strings.Join(miss, ", ")})
		}
	}
	t.Total = int64(len(t.Rows))
	return t
}

func (f *fleetRun) withEngines(q string) func() (string, error) {
	return func() (string, error) {
		cols, err := engineColumns(f.s, "nf_sg", "")
		if err != nil {
			return "", err
		}
		return strings.ReplaceAll(q, "{ENGINE_COLUMNS}", cols), nil
	}
}

func (f *fleetRun) noFeatures() string {
	if _, ok := f.views[inSignalVector]; ok && len(f.features) == 0 {
		return "no signal_vector.parquet has one of the features " + strings.Join(candidateFeatures, ", ")
	}
	return ""
}

// featureSQL fills t_f4_wk one partition at a time, then returns F4 over
// it.
func (f *fleetRun) featureSQL() (string, error) {
	q := make([]string, len(f.features))
	for i, c := range f.features {
		q[i] = quoteIdent(c)
	}
	names := strings.Join(q, ", ")
	err := f.s.exec(`CREATE OR REPLACE TEMP TABLE t_f4_wk (cohort VARCHAR, signal_id VARCHAR, feature VARCHAR,
  partition VARCHAR, n BIGINT, med DOUBLE, q1 DOUBLE, q3 DOUBLE)`)
	if err != nil {
		return "", err
	}
	var def viewDef
	for _, v := range viewDefs(f.features, false) {
		if v.name == "n_sv" {
			def = v
		}
	}
	readable := map[string]bool{}
	for _, p := range f.views[inSignalVector] {
		readable[p] = true
	}
	for _, p := range f.list {
		path := p.inputs[inSignalVector].path
		if !readable[path] {
			continue
		}
		from := "read_parquet(" + quoteString(path) + ")"
		rows, err := f.s.values("DESCRIBE SELECT * FROM " + from)
		if err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		cols := make(schema, len(rows))
		for i, r := range rows {
			cols[i] = column{name: markdown.Text(r[0]), typ: markdown.Text(r[1])}
		}
		if _, missing := def.missingKey(cols); missing {
			continue // the union view warned; this week has no usable rows
		}
		week, _ := def.selectFrom(from, cols, true, f.opt.IncludeOverlap)
		stmt := strings.NewReplacer("{PARTITION}", quoteString(p.name), "{FEATURE_NAMES}", names, "{WEEK}", week).Replace(sqlF4Week)
		if err := f.s.exec(stmt); err != nil {
			return "", fmt.Errorf("%s: %w", p.name, err)
		}
	}
	return sqlF4, nil
}

// copiesNote is F3's caveat when every typology file is a byte copy of the
// first (bootstrap reuse, sql.md §6.3).
func (f *fleetRun) copiesNote() string {
	files := f.views[inTypology]
	if len(files) < 2 {
		return ""
	}
	var first [32]byte
	for i, p := range files {
		h, err := fileSHA256(p)
		if err != nil {
			return ""
		}
		if i == 0 {
			first = h
		} else if h != first {
			return ""
		}
	}
	return " All typology files are identical copies (bootstrap reuse); no per-week classification exists."
}

func fileSHA256(path string) ([32]byte, error) {
	var sum [32]byte
	fh, err := os.Open(path)
	if err != nil {
		return sum, err
	}
	defer fh.Close()
	h := sha256.New()
	if _, err := io.Copy(h, fh); err != nil {
		return sum, err
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// plots adds the fleet pictures: effective dimension and eigenvalue-1
// ratio per week, one line per cohort and engine.
func (f *fleetRun) plots(file string, md *markdown.Report) {
	var build func() (*plot.Chart, error)
	var png, alt string
	switch file {
	case fleetEffDim:
		png, alt = fleetEffDimPlot, "Effective dimension per week"
		build = func() (*plot.Chart, error) {
			return f.weekChart(`SELECT cohort, engine, partition, AVG(effective_dim) FROM nf_sg
WHERE effective_dim IS NOT NULL GROUP BY ALL ORDER BY cohort, engine, partition`,
				"Mean effective dimension per week", "effective_dim", nil)
		}
	case fleetEigen:
		png, alt = fleetEigenPlot, "Median eigenvalue 1 per week relative to the first week"
		build = func() (*plot.Chart, error) {
			q, err := sqlRatioOnly()
			if err != nil {
				return nil, err
			}
			return f.weekChart(q, "Median eigenvalue 1 / first week's median", "ratio", []float64{0.67, 1.5})
		}
	default:
		return
	}
	sec := &md.Sections[0]
	if sec.Kind != markdown.TableBody || sec.Table == nil || sec.Table.Total == 0 {
		return
	}
	chart, err := build()
	var data []byte
	if err == nil {
		data, err = chart.PNG()
	}
	if err != nil {
		f.log.Warnf("%s: no picture: %s", png, markdown.FirstLine(err.Error()))
		return
	}
	f.files[png] = data
	sec.Images = append(sec.Images, markdown.Image{Alt: alt, File: png})
}

// sqlRatioOnly reduces F2 to (cohort, engine, partition, ratio_to_first_week).
func sqlRatioOnly() (string, error) {
	return "SELECT cohort, engine, partition, ratio_to_first_week FROM (" + sqlF2 + ") ORDER BY cohort, engine, partition", nil
}

// weekChart draws rows of (cohort, engine, partition, value) with the
// partitions as categories on the x axis.
func (f *fleetRun) weekChart(q, title, ylabel string, guides []float64) (*plot.Chart, error) {
	rows, err := f.s.values(q)
	if err != nil {
		return nil, err
	}
	idx := map[string]float64{}
	names := make([]string, len(f.list))
	for i, p := range f.list {
		idx[p.name], names[i] = float64(i), p.name
	}
	var series []plot.Series
	for _, row := range rows {
		name := signalName(row[0], row[1])
		if len(series) == 0 || series[len(series)-1].Name != name {
			series = append(series, plot.Series{Name: name})
		}
		s := &series[len(series)-1]
		s.X = append(s.X, idx[markdown.Text(row[2])])
		s.Y = append(s.Y, toFloat(row[3]))
	}
	if len(series) > maxPlotSeries {
		title = fmt.Sprintf("%s (first %d of %d cohort/engine series)", title, maxPlotSeries, len(series))
		series = series[:maxPlotSeries]
	}
	return &plot.Chart{Title: title, XLabel: "partition", YLabel: ylabel, Series: series, Categories: names,
		Guides: guides, Markers: true}, nil
}
