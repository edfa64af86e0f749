package partition

import "path/filepath"

// Layout gives the path of everything the pipeline writes under an
// output folder (pipeline.md §4).
type Layout struct{ Out string }

// Stage names, as in the stage log and the params files.
const (
	StageIngest   = "ingest"
	StageTypology = "typology"
	StageClassify = "classify"
	StageManifest = "manifest"
	StageManifold = "manifold"
	StageSQL      = "sql"
)

func (l Layout) PartitionsDir() string        { return filepath.Join(l.Out, "partitions") }
func (l Layout) Dir(p string) string          { return filepath.Join(l.PartitionsDir(), p) }
func (l Layout) Files(p string) string        { return filepath.Join(l.Dir(p), "files.txt") }
func (l Layout) Observations(p string) string { return filepath.Join(l.Dir(p), "observations.parquet") }
func (l Layout) IngestReport(p string) string { return filepath.Join(l.Dir(p), "ingest_report.json") }
func (l Layout) TypologyRaw(p string) string  { return filepath.Join(l.Dir(p), "typology_raw.parquet") }
func (l Layout) Typology(p string) string     { return filepath.Join(l.Dir(p), "typology.parquet") }
func (l Layout) Manifest(p string) string     { return filepath.Join(l.Dir(p), "manifest.yaml") }
func (l Layout) OutputDir(p string) string    { return filepath.Join(l.Dir(p), "output") }
func (l Layout) OutputStamp(p string) string  { return filepath.Join(l.OutputDir(p), ".done") }
func (l Layout) SQLDir(p string) string       { return filepath.Join(l.OutputDir(p), "sql") }
func (l Layout) SQLStamp(p string) string     { return filepath.Join(l.SQLDir(p), ".done") }
func (l Layout) StageLog(p string) string     { return filepath.Join(l.Dir(p), "stages.log") }
func (l Layout) ParamsDir() string            { return filepath.Join(l.Out, ".params") }
func (l Layout) Params(stage string) string   { return filepath.Join(l.ParamsDir(), stage) }
func (l Layout) FleetDir() string             { return filepath.Join(l.Out, "fleet") }
func (l Layout) FleetStamp() string           { return filepath.Join(l.FleetDir(), "sql", ".done") }
