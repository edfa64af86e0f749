// Command sp-partition plans a pipeline run and reports on it.
//
// Synopsis:
//
//	sp-partition [--makefile PATH] [--bin DIR] CONFIG
//	sp-partition --status [--json] [--watch] [--out DIR] [--makefile PATH] CONFIG
//	sp-partition --clean [--all] [--out DIR] CONFIG
//
// Description:
//
// The first form finds the raw files of CONFIG (paths.file_pattern under
// paths.raw_dir), groups them into partitions (ISO weeks by default), and
// writes <output_dir>/partitions/<P>/files.txt, the per-stage parameter
// files and Makefile.pipeline: the run's DAG, which
// `make -f Makefile.pipeline -j8` executes. Each file is rewritten only if
// its content changes, so re-planning touches only what new raw files or
// changed config values invalidate.
//
// --status prints the run's progress from the files on disk (the make
// target `status`); --clean removes every output but keeps the plan (the
// make target `clean`).
//
// Options:
//
//	--makefile PATH  the Makefile to write or read (default Makefile.pipeline)
//	--bin DIR        folder of the sp-* binaries (default: this binary's folder)
//	--status         print the run's status
//	--json           status as JSON
//	--watch          redraw the status every --interval until the run is done
//	--out DIR        output folder (default: the config's paths.output_dir)
//	--clean          remove all outputs; with --all also the plan
//
// Exit status: 0 success, 1 failure, 2 bad usage or config.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"time"

	"github.com/urfave/cli/v2"

	"sp/lib/atomicfile"
	"sp/lib/command"
	"sp/lib/config"
	"sp/lib/makefile"
	"sp/lib/partition"
	"sp/lib/status"
)

func main() { command.Main(run) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	app := command.NewApp("sp-partition", "plan partitions and write Makefile.pipeline; report status; clean", "CONFIG", stdout, stderr)
	app.Flags = []cli.Flag{
		&cli.StringFlag{Name: "makefile", Value: "Makefile.pipeline", Usage: "the Makefile to write (or read, with --status)"},
		&cli.StringFlag{Name: "bin", Usage: "folder of the sp-* binaries (default: this binary's folder)"},
		&cli.BoolFlag{Name: "status", Usage: "print the run's status"},
		&cli.BoolFlag{Name: "json", Usage: "with --status: JSON for scripts"},
		&cli.BoolFlag{Name: "watch", Usage: "with --status: redraw until the run is done"},
		&cli.DurationFlag{Name: "interval", Value: 5 * time.Second, Usage: "with --watch: time between redraws"},
		&cli.StringFlag{Name: "out", Usage: "output folder (default: the config's paths.output_dir)"},
		&cli.BoolFlag{Name: "clean", Usage: "remove every output, keep the plan"},
		&cli.BoolFlag{Name: "all", Usage: "with --clean: remove the plan too"},
	}
	app.Action = func(c *cli.Context) error {
		if c.NArg() != 1 {
			return command.Usagef("want one CONFIG argument, got %d (see --help)", c.NArg())
		}
		cfg, err := loadConfig(c.Args().First(), c.String("out"))
		if err != nil {
			return err
		}
		switch {
		case c.Bool("status"):
			return showStatus(c, cfg, stdout)
		case c.Bool("clean"):
			return clean(cfg, c.Bool("all"), stdout)
		}
		return plan(c, cfg, stdout)
	}
	return app.Run(args)
}

func loadConfig(path, out string) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, asUsage(err)
	}
	if out != "" {
		if cfg.Paths.OutputDir, err = filepath.Abs(out); err != nil {
			return nil, err
		}
	}
	return cfg, nil
}

// asUsage turns config problems into exit status 2.
func asUsage(err error) error {
	var cerr *config.Error
	if errors.As(err, &cerr) {
		return command.UsageError{Err: err}
	}
	return err
}

func plan(c *cli.Context, cfg *config.Config, stdout io.Writer) error {
	bin := c.String("bin")
	if bin == "" {
		exe, err := os.Executable()
		if err != nil {
			return err
		}
		bin = filepath.Dir(exe)
	}
	opt := makefile.Options{Makefile: c.String("makefile")}
	var err error
	if opt.BinDir, err = filepath.Abs(bin); err != nil {
		return err
	}
	if opt.ConfigPath, err = filepath.Abs(cfg.File); err != nil {
		return err
	}
	p, err := partition.Discover(cfg)
	if err != nil {
		return asUsage(err)
	}
	text, err := makefile.Render(p, opt)
	if err != nil {
		return asUsage(err)
	}
	wrote, err := p.Write()
	if err != nil {
		return asUsage(err)
	}
	changed, err := atomicfile.WriteFileIfChanged(opt.Makefile, text)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d raw files in %d partitions (%s .. %s) under %s\n", p.RawFiles(), len(p.Partitions),
		p.Partitions[0].Name, p.Partitions[len(p.Partitions)-1].Name, p.Layout.Out)
	fmt.Fprintf(stdout, "%d plan files changed", len(wrote))
	if changed {
		fmt.Fprintf(stdout, "; wrote %s", opt.Makefile)
	} else {
		fmt.Fprintf(stdout, "; %s unchanged", opt.Makefile)
	}
	fmt.Fprintf(stdout, "\nrun: make -f %s -j%d\n", opt.Makefile, max(2, runtime.NumCPU()))
	return nil
}

func showStatus(c *cli.Context, cfg *config.Config, stdout io.Writer) error {
	collect := func() (*status.Overview, error) {
		p, err := partition.Load(cfg)
		if err != nil {
			return nil, err
		}
		abs, err := filepath.Abs(cfg.File)
		if err != nil {
			return nil, err
		}
		return status.Collect(p, abs, c.String("makefile"))
	}
	if c.Bool("watch") {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop()
		return status.Watch(ctx, stdout, c.Duration("interval"), collect)
	}
	o, err := collect()
	if err != nil {
		return err
	}
	if c.Bool("json") {
		return status.WriteJSON(stdout, o)
	}
	status.WriteText(stdout, o)
	return nil
}

func clean(cfg *config.Config, withPlan bool, stdout io.Writer) error {
	removed, err := partition.Clean(partition.Layout{Out: cfg.Paths.OutputDir}, cfg.Paths.RawDir, withPlan)
	fmt.Fprintf(stdout, "removed %d outputs under %s\n", len(removed), cfg.Paths.OutputDir)
	return err
}
