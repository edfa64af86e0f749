package partition

// Target is one file of the DAG and what it is made from (pipeline.md §5).
// The Makefile generator and status both read the graph from here, so
// status calls "done" exactly what make would not redo.
type Target struct {
	Stage  string   // the stage that writes it
	Path   string   // absolute
	Deps   []string // absolute prerequisites
	CopyOf string   // bootstrap reuse: the first partition's file it copies
}

// Targets lists partition i's targets in stage order: observations,
// typology_raw, typology, manifest, output stamp, report stamp.
func (p *Plan) Targets(i int) []Target {
	l, cfg := p.Layout, p.Config
	name := p.Partitions[i].Name
	first := p.Partitions[0].Name
	reuse := cfg.Bootstrap.ReuseTypology && i > 0

	obs := Target{Stage: StageIngest, Path: l.Observations(name), Deps: []string{l.Files(name), l.Params(StageIngest)}}
	raw := Target{Stage: StageTypology, Path: l.TypologyRaw(name), Deps: []string{obs.Path, l.Params(StageTypology)}}
	typ := Target{Stage: StageClassify, Path: l.Typology(name), Deps: []string{raw.Path}}
	if reuse {
		raw.Deps = []string{l.TypologyRaw(first), l.Params(StageTypology)}
		raw.CopyOf = l.TypologyRaw(first)
		typ.Deps = []string{l.Typology(first), raw.Path}
		typ.CopyOf = l.Typology(first)
	}
	man := Target{Stage: StageManifest, Path: l.Manifest(name), Deps: []string{typ.Path, obs.Path, l.Params(StageManifest)}}
	out := Target{Stage: StageManifold, Path: l.OutputStamp(name), Deps: []string{man.Path, obs.Path}}
	if prev := p.Previous(i); prev != "" {
		out.Deps = append(out.Deps, l.Observations(prev))
	}
	out.Deps = append(out.Deps, l.Params(StageManifold))
	sqlDep := out.Path
	if cfg.Compute.SkipManifold {
		sqlDep = man.Path
	}
	sql := Target{Stage: StageSQL, Path: l.SQLStamp(name), Deps: []string{sqlDep}}
	return []Target{obs, raw, typ, man, out, sql}
}

// Previous names the partition whose observations partition i's compute
// stage reads as overlap, or "" (first partition, or overlap off).
func (p *Plan) Previous(i int) string {
	if i == 0 || p.Config.Compute.OverlapSamples == 0 {
		return ""
	}
	return p.Partitions[i-1].Name
}
