// Command sp-manifold computes a partition's windowed features and state
// geometry from its observations and manifest.
//
// Synopsis:
//
//	sp-manifold --manifest P/manifest.yaml [--prev Q/observations.parquet] [--overlap N]
//	            -o P/output [--threads N] [--bootstrap-samples B] [--eigendecomposition-every K]
//	            [--log FILE] [-q|--progress] P/observations.parquet
//
// Description:
//
// sp-manifold streams every signal the manifest lists window by window
// (system window and stride from the manifest, engine windows from its
// engine_windows and per-signal overrides as exact lengths), and writes
// five files into the output folder (manifold.md; pipeline.md §7):
//
//	signal_vector.parquet       one row per signal and window: the engines' features
//	state_vector.parquet        one row per window: centroid and dispersion of the signals
//	state_geometry.parquet      per window and geometry group: z-scored eigen-geometry
//	eigendecomposition.parquet  per window and group: signal and feature loadings on PC1-PC3
//	geometry_dynamics.parquet   velocity, acceleration, jerk, curvature of effective_dim
//
// With --prev, the last --overlap samples of each signal in the previous
// partition's observations are placed before this partition's samples
// (signal_0 -N..-1): windows that straddle the boundary are written here,
// windows ending in the overlap never are, and up to four of them serve as
// context for the dynamics and the eigenvector orientation. The window
// grid restarts at each partition's sample 0; nothing is read from
// another partition's outputs.
//
// Engines named in the manifest that are not implemented are reported once
// and produce no columns. Files are written under temporary names and
// renamed into place; the stamp OUTDIR/.done is written after all five
// and removed when a run starts. The output is byte-identical for any
// --threads. The run is recorded in the stage log (default: stages.log in
// the output folder's parent) with its counts of windows and skips.
//
// Options:
//
//	--manifest FILE               the partition's manifest.yaml (required)
//	-o DIR                        output folder (required; created, never emptied)
//	--prev FILE                   the previous partition's observations.parquet
//	--overlap N                   samples taken from --prev per signal (default 2048)
//	--bootstrap-samples B         bootstrap resamples of effective_dim (default: the manifest's geometry.bootstrap_samples, else 0 = off)
//	--eigendecomposition-every K  write loadings for every K-th window (default: the manifest's, else 1)
//	--threads N, --log FILE, -q/--quiet, --progress
//
// Exit status: 0 success, 1 failed work, 2 bad usage or a bad manifest.
package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"sp/lib/command"
	"sp/lib/manifold"
	"sp/lib/manifold/manifest"
	"sp/lib/stagelog"
)

func main() { command.Main(run) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	app := command.NewApp("sp-manifold", "compute windowed features and state geometry of a partition", "OBSERVATIONS", stdout, stderr)
	app.Flags = []cli.Flag{
		&cli.StringFlag{Name: "manifest", Usage: "the partition's manifest.yaml `FILE`"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "output `DIR`"},
		&cli.StringFlag{Name: "prev", Usage: "the previous partition's observations.parquet `FILE` (overlap)"},
		&cli.IntFlag{Name: "overlap", Value: manifold.DefaultOverlap, Usage: "`N` samples per signal taken from --prev"},
		&cli.IntFlag{Name: "bootstrap-samples", Usage: "`B` bootstrap resamples of effective_dim", DefaultText: "the manifest's, else 0 = off"},
		&cli.IntFlag{Name: "eigendecomposition-every", Usage: "write loadings for every `K`-th window", DefaultText: "the manifest's, else 1"},
		command.ThreadsFlag(), command.LogFlag(), command.QuietFlag(), command.ProgressFlag(),
	}
	app.Action = func(c *cli.Context) error {
		command.TightGC(50) // output row groups dominate a bounded heap: keep its peak near it
		opt, err := options(c, stderr)
		if err != nil {
			return err
		}
		logPath := command.LogPath(c, filepath.Dir(filepath.Clean(opt.OutDir)))
		return command.Record(logPath, "manifold", func(rec *stagelog.Record) error {
			res, err := manifold.Run(context.Background(), opt)
			if res != nil {
				rec.Rows = res.Rows["signal_vector.parquet"]
				rec.Counts = res.Counts
			}
			return err
		})
	}
	return app.Run(args)
}

// options reads the flags and the manifest; flags override the manifest's
// geometry section.
func options(c *cli.Context, stderr io.Writer) (manifold.Options, error) {
	var opt manifold.Options
	if c.NArg() != 1 {
		return opt, command.Usagef("want one observations file, got %d arguments", c.NArg())
	}
	if c.String("manifest") == "" || c.String("output") == "" {
		return opt, command.Usagef("--manifest FILE and -o DIR are required")
	}
	threads, err := command.Threads(c)
	if err != nil {
		return opt, err
	}
	m, err := manifest.Load(c.String("manifest"))
	if err != nil {
		return opt, command.UsageError{Err: err}
	}
	opt = manifold.Options{Observations: c.Args().First(), Manifest: m, Prev: c.String("prev"), Overlap: c.Int("overlap"),
		OutDir: c.String("output"), Threads: threads, BootstrapSamples: 0, EigendecompositionEvery: 1,
		Warn: func(s string) { fmt.Fprintf(stderr, "sp-manifold: warning: %s\n", s) }, Progress: stderr,
		ProgressMode: command.ProgressMode(c)}
	if g := m.Geometry.BootstrapSamples; g != nil {
		opt.BootstrapSamples = *g
	}
	if g := m.Geometry.EigendecompositionEvery; g != nil {
		opt.EigendecompositionEvery = *g
	}
	if c.IsSet("bootstrap-samples") {
		opt.BootstrapSamples = c.Int("bootstrap-samples")
	}
	if c.IsSet("eigendecomposition-every") {
		opt.EigendecompositionEvery = c.Int("eigendecomposition-every")
	}
	switch {
	case opt.Overlap < 0:
		return opt, command.Usagef("--overlap must not be negative, not %d", opt.Overlap)
	case opt.BootstrapSamples < 0:
		return opt, command.Usagef("--bootstrap-samples must not be negative, not %d", opt.BootstrapSamples)
	case opt.EigendecompositionEvery < 1:
		return opt, command.Usagef("--eigendecomposition-every must be at least 1, not %d", opt.EigendecompositionEvery)
	}
	return opt, nil
}
