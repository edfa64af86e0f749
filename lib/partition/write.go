package partition

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"sp/lib/atomicfile"
	"sp/lib/config"
	"sp/lib/filelist"
)

// Write puts the plan on disk: files.txt of every partition and the stage
// parameter files, each only if its content changed. It returns the paths
// it wrote. An output folder that cannot be created or written is a
// *config.Error.
func (p *Plan) Write() ([]string, error) {
	if err := p.checkOutputDir(); err != nil {
		return nil, err
	}
	var wrote []string
	put := func(path string, data []byte) error {
		changed, err := atomicfile.WriteFileIfChanged(path, data)
		if changed {
			wrote = append(wrote, path)
		}
		return err
	}
	for _, q := range p.Partitions {
		if err := os.MkdirAll(p.Layout.Dir(q.Name), 0o755); err != nil {
			return wrote, err
		}
		if err := put(p.Layout.Files(q.Name), filelist.Format(q.Files)); err != nil {
			return wrote, err
		}
	}
	if err := os.MkdirAll(p.Layout.ParamsDir(), 0o755); err != nil {
		return wrote, err
	}
	for stage, params := range StageParams(p.Config) {
		if err := put(p.Layout.Params(stage), formatParams(stage, params)); err != nil {
			return wrote, err
		}
	}
	return wrote, nil
}

func (p *Plan) checkOutputDir() error {
	out := p.Layout.Out
	bad := func(err error) error {
		return &config.Error{File: p.Config.File, Key: "paths.output_dir", Msg: fmt.Sprintf("%s is not writable: %v", out, err)}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return bad(err)
	}
	f, err := os.CreateTemp(out, ".write-test-*")
	if err != nil {
		return bad(err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// StageParams returns, per stage, the config values that change its
// output. A stage's parameter file is a prerequisite of its targets, so
// changing one of these values reruns that stage and the stages after it.
func StageParams(cfg *config.Config) map[string]map[string]any {
	c := cfg.Converter
	return map[string]map[string]any{
		StageIngest: {
			"paths.raw_dir": cfg.Paths.RawDir, "converter.type": c.Type,
			"converter.signal_keys": c.SignalKeys, "converter.exclude_keys": c.ExcludeKeys,
			"converter.cohort_from": c.CohortFrom, "converter.cohort_value": c.CohortValue,
			"converter.sampling_rate": c.SamplingRate, "converter.matrix": c.Matrix,
			"ingest.on_error": cfg.Ingest.OnError,
		},
		StageTypology: {"bootstrap.reuse_typology": cfg.Bootstrap.ReuseTypology},
		StageManifest: {"compute.window": cfg.Compute.Window, "compute.stride": cfg.Compute.Stride},
		StageManifold: {
			"compute.overlap_samples":          cfg.Compute.OverlapSamples,
			"compute.bootstrap_samples":        cfg.Compute.BootstrapSamples,
			"compute.eigendecomposition_every": cfg.Compute.EigendecompositionEvery,
		},
	}
}

func formatParams(stage string, params map[string]any) []byte {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "# config values that %s depends on; written by sp-partition when they change\n", stage)
	for _, k := range keys {
		v, _ := json.Marshal(params[k])
		fmt.Fprintf(&b, "%s: %s\n", k, v)
	}
	return []byte(b.String())
}
