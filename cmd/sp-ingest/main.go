// Command sp-ingest converts raw MATLAB files into observations.parquet.
//
// Synopsis:
//
//	sp-ingest [--config CONFIG] -o OUT.parquet [--report REPORT.json] [--files-from LIST] [FILE...]
//	sp-ingest --list [--json] [--config CONFIG] FILE...
//
// Description:
//
// sp-ingest reads the numeric variables of each raw file (MAT v4, v5 or
// v7, either byte order), in the order given, and writes them as one
// observations.parquet (cohort, signal_id, signal_0, value; pipeline.md
// §4): one row group per signal of each file, signal_0 counting each
// signal's samples from 0 across all files. A vector is one signal named
// after its variable; a samples x channels matrix is one signal per column
// (name_1 .. name_M) unless converter.matrix is flatten.
//
// A file that cannot be read (corrupt, truncated, MAT v7.3/HDF5, not a
// MAT file) is skipped and recorded in the report, and the rest still
// converts; --on-error fail (ingest.on_error) stops at the first one
// instead. A file contributes all of its rows or none. The report
// (default: ingest_report.json beside OUT) lists every file with its
// signals and sample counts, every skipped file and variable with the
// reason, and the signals missing from some files.
//
// --list prints each variable of the given files with its class, shape
// and whether (and why) it would be ingested: the tool to reach for when
// writing converter.signal_keys.
//
// Files are decoded in parallel (--threads) and written in order, so the
// output is byte-identical whatever the thread count. Outputs are written
// under temporary names and renamed into place when complete.
//
// Options:
//
//	--config CONFIG      take converter.* and ingest.on_error from CONFIG
//	-o OUT               observations file to write
//	--report FILE        ingest report (default: ingest_report.json beside OUT)
//	--files-from LIST    read the file list from LIST (files.txt format; "-" for stdin)
//	--raw-dir DIR        folder that relative paths in LIST are relative to (default: paths.raw_dir)
//	--signal-keys K,...  keep only these variables or signals
//	--exclude-keys K,... drop these variables or signals
//	--cohort-from SRC    config | filename | parent
//	--cohort-value V     the cohort when --cohort-from is config
//	--sampling-rate HZ   recorded in the report
//	--matrix LAYOUT      columns | flatten
//	--on-error MODE      skip | fail
//	--list, --json       describe files instead of converting them
//	--threads N, --log FILE, -q/--quiet, --progress
//
// Exit status: 0 success, 1 failed conversion, 2 bad usage or config.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"sp/lib/command"
	"sp/lib/config"
	"sp/lib/filelist"
	"sp/lib/ingest"
	"sp/lib/progress"
	"sp/lib/stagelog"
)

func main() { command.Main(run) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	app := command.NewApp("sp-ingest", "convert raw MAT files into observations.parquet", "[FILE...]", stdout, stderr)
	app.Flags = []cli.Flag{
		&cli.StringFlag{Name: "config", Usage: "pipeline config (converter.*, ingest.on_error)"},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "observations `FILE` to write"},
		&cli.StringFlag{Name: "report", Usage: "ingest report `FILE` (default: ingest_report.json beside the output)"},
		&cli.StringFlag{Name: "files-from", Usage: "read the raw file list from `LIST` (files.txt format, - for stdin)"},
		&cli.StringFlag{Name: "raw-dir", Usage: "base `DIR` of relative paths in the list (default: the config's paths.raw_dir)"},
		&cli.StringFlag{Name: "signal-keys", Usage: "comma-separated variables or signals to keep"},
		&cli.StringFlag{Name: "exclude-keys", Usage: "comma-separated variables or signals to drop"},
		&cli.StringFlag{Name: "cohort-from", Usage: "config, filename or parent"},
		&cli.StringFlag{Name: "cohort-value", Usage: "cohort when --cohort-from is config"},
		&cli.Float64Flag{Name: "sampling-rate", Usage: "sampling rate in Hz, recorded in the report"},
		&cli.StringFlag{Name: "matrix", Usage: "columns or flatten"},
		&cli.StringFlag{Name: "on-error", Usage: "skip or fail"},
		&cli.BoolFlag{Name: "list", Usage: "describe the variables of FILE... instead of converting"},
		&cli.BoolFlag{Name: "json", Usage: "with --list: JSON"},
		command.ThreadsFlag(), command.LogFlag(), command.QuietFlag(), command.ProgressFlag(),
	}
	app.Action = func(c *cli.Context) error {
		command.TightGC(50) // peak memory flat over thousands of files
		cfg, err := settings(c)
		if err != nil {
			return err
		}
		conv, err := ingest.ConverterFrom(cfg)
		if err != nil {
			return command.UsageError{Err: err}
		}
		if c.Bool("list") {
			return list(c, conv, stdout)
		}
		return convert(c, cfg, conv, stdin, stderr)
	}
	return app.Run(args)
}

// settings is the config (or the defaults) with the flags applied.
func settings(c *cli.Context) (*config.Config, error) {
	cfg := config.Default()
	if path := c.String("config"); path != "" {
		loaded, err := config.Load(path)
		if err != nil {
			return nil, command.UsageError{Err: err}
		}
		cfg = *loaded
	}
	keys := func(s string) []string {
		var out []string
		for _, k := range strings.Split(s, ",") {
			if k = strings.TrimSpace(k); k != "" {
				out = append(out, k)
			}
		}
		return out
	}
	cv := &cfg.Converter
	for name, set := range map[string]func(){
		"signal-keys":   func() { cv.SignalKeys = keys(c.String("signal-keys")) },
		"exclude-keys":  func() { cv.ExcludeKeys = keys(c.String("exclude-keys")) },
		"cohort-from":   func() { cv.CohortFrom = c.String("cohort-from") },
		"cohort-value":  func() { cv.CohortValue = c.String("cohort-value") },
		"sampling-rate": func() { cv.SamplingRate = c.Float64("sampling-rate") },
		"matrix":        func() { cv.Matrix = c.String("matrix") },
		"on-error":      func() { cfg.Ingest.OnError = c.String("on-error") },
	} {
		if c.IsSet(name) {
			set()
		}
	}
	if cfg.Paths.RawDir == "" { // the defaults need a value; flags never read it
		cfg.Paths.RawDir, cfg.Paths.OutputDir = ".", "."
	}
	if err := cfg.Validate(); err != nil {
		return nil, command.UsageError{Err: err}
	}
	return &cfg, nil
}

func list(c *cli.Context, conv ingest.Converter, stdout io.Writer) error {
	if c.NArg() == 0 {
		return command.Usagef("--list needs at least one FILE")
	}
	var listings []ingest.Listing
	failed := 0
	for _, path := range c.Args().Slice() {
		l := ingest.List(path, conv)
		if l.Error != "" {
			failed++
		}
		listings = append(listings, l)
	}
	if err := ingest.WriteListings(stdout, listings, c.Bool("json")); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d files could not be read completely", failed, len(listings))
	}
	return nil
}

func convert(c *cli.Context, cfg *config.Config, conv ingest.Converter, stdin io.Reader, stderr io.Writer) error {
	out := c.String("output")
	if out == "" {
		return command.Usagef("-o OUT.parquet is required")
	}
	sources, err := sourceList(c, cfg, stdin)
	if err != nil {
		return err
	}
	threads, err := command.Threads(c)
	if err != nil {
		return err
	}
	report := c.String("report")
	if report == "" {
		report = filepath.Join(filepath.Dir(out), "ingest_report.json")
	}
	logPath := command.LogPath(c, filepath.Dir(out))
	return command.Record(logPath, "ingest", func(rec *stagelog.Record) error {
		meter := progress.New(stderr, command.ProgressMode(c), "sp-ingest", "files", int64(len(sources)))
		defer meter.Finish()
		rep, err := ingest.Run(sources, out, report, ingest.Options{
			Converter: conv, FailFast: cfg.Ingest.OnError == "fail", Threads: threads, Progress: meter})
		if rep != nil {
			rec.Rows = rep.Rows
			rec.Counts = map[string]int64{"files": int64(len(rep.Files)), "files_skipped": int64(len(rep.SkippedFiles)),
				"signals": int64(len(rep.Signals))}
			for _, s := range rep.SkippedFiles {
				fmt.Fprintf(stderr, "sp-ingest: skipped a file: %s\n", s.Error)
			}
		}
		return err
	})
}

// sourceList gathers the raw files from --files-from and the arguments.
func sourceList(c *cli.Context, cfg *config.Config, stdin io.Reader) ([]ingest.Source, error) {
	var sources []ingest.Source
	if list := c.String("files-from"); list != "" {
		entries, err := readList(list, stdin)
		if err != nil {
			return nil, err
		}
		base := c.String("raw-dir")
		if base == "" && c.String("config") != "" {
			base = cfg.Paths.RawDir
		}
		for _, e := range entries {
			path := filepath.FromSlash(e.Path)
			if !filepath.IsAbs(path) {
				if base == "" {
					return nil, command.Usagef("%s lists relative paths: give --raw-dir or --config", list)
				}
				path = filepath.Join(base, path)
			}
			sources = append(sources, ingest.Source{Path: path, Display: e.Path})
		}
	}
	for _, path := range c.Args().Slice() {
		sources = append(sources, ingest.Source{Path: path})
	}
	if len(sources) == 0 {
		return nil, command.Usagef("no raw files: give FILE arguments or --files-from LIST")
	}
	return sources, nil
}

func readList(path string, stdin io.Reader) ([]filelist.Entry, error) {
	if path == "-" {
		return filelist.Parse("stdin", stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, command.UsageError{Err: err}
	}
	defer f.Close()
	entries, err := filelist.Parse(path, f)
	if err != nil {
		return nil, command.UsageError{Err: err}
	}
	return entries, nil
}
