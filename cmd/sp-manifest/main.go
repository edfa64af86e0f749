// sp-manifest writes the engine manifest of a partition (pipeline stage 4).
//
// Synopsis:
//
//	sp-manifest [-o manifest.yaml] [--observations FILE] [--output-dir DIR]
//	            [--job-id ID] [--window N] [--stride N]
//	            [--intervention-event-index N [--intervention-pre-samples N]
//	             [--intervention-post-samples N]] [--log FILE] [-q] typology.parquet
//
// Description:
//
//	Reads the classified typology (sp-classify's typology.parquet) and
//	writes manifest.yaml for sp-manifold: the engines of every signal, the
//	per-signal windows, the common system window and stride, the skipped
//	CONSTANT signals (manifest.md). Paths in the manifest are relative to
//	its folder, so a partition folder can be moved; the job id is the
//	folder's name; the file holds no clock value and is byte-identical for
//	the same input.
//
//	The system window is the median of the per-signal windows, at most
//	65,536 samples (pipeline.md §8) unless --window sets it (config key
//	compute.window); --stride (compute.stride) sets the stride, which
//	defaults to half a --window.
//
//	The observations file must exist. Signals it holds that the typology
//	lacks (bootstrap reuse of the first partition's typology) are listed in
//	a warning: they are not computed.
//
//	The run is recorded in the stage log (stage "manifest", rows = signals).
//
// Options:
//
//	-o, --output FILE               manifest to write (default: manifest.yaml beside the typology)
//	--observations FILE             observations.parquet (default: beside the typology)
//	--output-dir DIR                sp-manifold's output folder (default: output beside the manifest)
//	--job-id ID                     run id (default: name of the manifest's folder)
//	--window N                      system window in samples (compute.window)
//	--stride N                      system stride in samples (compute.stride)
//	--intervention-event-index N    intervention mode: full-span windows, pre/post split at N (≥ 1)
//	--intervention-pre-samples N    samples before the event (default N)
//	--intervention-post-samples N   samples after the event (default: all)
//	--log FILE                      stage log (default: stages.log beside the manifest)
//	-q, --quiet                     no summary on stderr (warnings are still printed)
package main

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"sp/lib/command"
	"sp/lib/manifest"
	"sp/lib/stagelog"
)

func main() { command.Main(run) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	app := command.NewApp("sp-manifest", "write the engine manifest of a partition from its typology.parquet",
		"typology.parquet", stdout, stderr)
	app.Flags = []cli.Flag{
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write the manifest to `FILE` (default: manifest.yaml beside the typology)"},
		&cli.StringFlag{Name: "observations", Usage: "observations `FILE` the manifest names (default: observations.parquet beside the typology)"},
		&cli.StringFlag{Name: "output-dir", Usage: "`DIR` sp-manifold writes to (default: output beside the manifest)"},
		&cli.StringFlag{Name: "job-id", Usage: "run `ID` (default: name of the manifest's folder)"},
		&cli.Int64Flag{Name: "window", Usage: "system window of `N` samples (config compute.window)", DefaultText: "from the typology"},
		&cli.Int64Flag{Name: "stride", Usage: "system stride of `N` samples (config compute.stride)", DefaultText: "from the typology, or half --window"},
		&cli.Int64Flag{Name: "intervention-event-index", Usage: "intervention mode with the event at sample `N` (≥ 1)", DefaultText: "off"},
		&cli.Int64Flag{Name: "intervention-pre-samples", Usage: "`N` samples before the event", DefaultText: "the event index"},
		&cli.Int64Flag{Name: "intervention-post-samples", Usage: "`N` samples after the event", DefaultText: "null: all"},
		command.LogFlag(),
		command.QuietFlag(),
	}
	app.Action = func(c *cli.Context) error {
		cfg, err := configure(c)
		if err != nil {
			return err
		}
		logPath := command.LogPath(c, filepath.Dir(cfg.Output))
		return command.Record(logPath, "manifest", func(rec *stagelog.Record) error {
			res, err := manifest.Run(cfg)
			for _, w := range res.Warnings {
				fmt.Fprintf(stderr, "sp-manifest: warning: %s\n", w)
			}
			var ce *manifest.ConfigError
			if errors.As(err, &ce) {
				return command.UsageError{Err: err}
			}
			if err != nil {
				return err
			}
			rec.Rows = int64(res.Rows)
			s := res.Manifest.Summary
			rec.Counts = map[string]int64{
				"active_signals":               int64(s.ActiveSignals),
				"constant_signals":             int64(s.ConstantSignals),
				"signals_not_in_typology":      int64(len(res.NotInTypology)),
				"signals_without_observations": int64(len(res.NotInObservations)),
			}
			if !c.Bool("quiet") {
				summarise(stderr, cfg.Output, res)
			}
			return nil
		})
	}
	return app.Run(args)
}

// configure turns the arguments into a manifest.Config with its defaults.
func configure(c *cli.Context) (manifest.Config, error) {
	var cfg manifest.Config
	if c.NArg() != 1 {
		return cfg, command.Usagef("want one typology.parquet argument, got %d", c.NArg())
	}
	cfg.Typology = c.Args().First()
	dir := filepath.Dir(cfg.Typology)
	cfg.Output = stringOr(c, "output", filepath.Join(dir, "manifest.yaml"))
	cfg.Observations = stringOr(c, "observations", filepath.Join(dir, "observations.parquet"))
	cfg.OutputDir = stringOr(c, "output-dir", filepath.Join(filepath.Dir(cfg.Output), "output"))
	cfg.JobID = c.String("job-id")
	for _, name := range []string{"window", "stride"} {
		if c.IsSet(name) && c.Int64(name) < 1 {
			return cfg, command.Usagef("--%s must be at least 1, not %d", name, c.Int64(name))
		}
	}
	cfg.Grid = manifest.Grid{Window: c.Int64("window"), Stride: c.Int64("stride")}
	if cfg.Grid.Window > 0 && cfg.Grid.Stride > cfg.Grid.Window {
		return cfg, command.Usagef("--stride %d exceeds --window %d", cfg.Grid.Stride, cfg.Grid.Window)
	}
	iv, err := intervention(c)
	cfg.Intervention = iv
	return cfg, err
}

func intervention(c *cli.Context) (*manifest.Intervention, error) {
	if !c.IsSet("intervention-event-index") {
		if c.IsSet("intervention-pre-samples") || c.IsSet("intervention-post-samples") {
			return nil, command.Usagef("--intervention-pre-samples and --intervention-post-samples need --intervention-event-index")
		}
		return nil, nil
	}
	iv := &manifest.Intervention{EventIndex: c.Int64("intervention-event-index")}
	if iv.EventIndex < 1 {
		return nil, command.Usagef("--intervention-event-index must be at least 1, not %d", iv.EventIndex)
	}
	iv.PreSamples = iv.EventIndex
	if c.IsSet("intervention-pre-samples") {
		iv.PreSamples = c.Int64("intervention-pre-samples")
	}
	if c.IsSet("intervention-post-samples") {
		post := c.Int64("intervention-post-samples")
		iv.PostSamples = &post
	}
	if iv.PreSamples < 0 || (iv.PostSamples != nil && *iv.PostSamples < 0) {
		return nil, command.Usagef("intervention sample counts must not be negative")
	}
	return iv, nil
}

func stringOr(c *cli.Context, name, def string) string {
	if s := c.String(name); s != "" {
		return s
	}
	return def
}

// summarise prints the line of manifest.md §3 step 10 (the typology's rows
// are its signals: duplicates fail the stage).
func summarise(w io.Writer, path string, res manifest.Result) {
	s := res.Manifest.Summary
	fmt.Fprintf(w, "sp-manifest: %s (%d active, %d constant) in %s, %s; system window %d, stride %d -> %s\n",
		manifest.Count(s.TotalSignals, "signal"), s.ActiveSignals, s.ConstantSignals, manifest.Count(s.TotalCohorts, "cohort"),
		manifest.Count(len(s.SignalEngines), "signal engine"), res.Manifest.System.Window, res.Manifest.System.Stride, path)
}
