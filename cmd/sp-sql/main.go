// sp-sql writes the pipeline's DuckDB reports (stage 6): the eleven core
// reports of one partition, the fleet reports across all partitions, and
// ad-hoc SQL over either.
//
// Synopsis:
//
//	sp-sql [run] PARTITION_DIR [OPTIONS]
//	sp-sql run --all ROOT [OPTIONS]
//	sp-sql fleet ROOT [OPTIONS]
//	sp-sql query TARGET [SQL] [--sql TEXT | --file F] [--format md|csv|json] [--limit N] [--schema]
//
// Description:
//
// run reads PARTITION_DIR/observations.parquet (required), typology,
// typology_raw and the Manifold outputs in output/ (flat or the
// reference's sub-folders; each optional) and writes
// PARTITION_DIR/output/sql/00_executive_summary.md … 10_geometry_ranked.md
// plus the pictures they link, then the stamp output/sql/.done. A missing
// optional input turns the sections that need it into "Skipped"; a failing
// query turns its section into "Error", the other reports are still
// written and the exit status is 1. run --all does every partition under
// ROOT (ROOT/partitions when it exists), then fleet. fleet writes
// ROOT/fleet/sql/00_fleet_inventory.md … 04_feature_drift_by_week.md.
// query runs one statement over a partition (its inputs by name, e.g.
// state_geometry, the normalised n_* views and the macros sig6, fin, …)
// or over a root (all_<name> views with a partition column) and prints
// the rows on stdout.
//
// Exit status: 0 success, 1 failed work (a section or query failed,
// observations missing or unreadable), 2 bad usage or a missing folder.
//
// Options:
//
//	--max-rows N       rows shown per section (run: 50, fleet: 200)
//	--sample-cap N     samples per signal for quantiles and correlations (200000)
//	--include-overlap  keep rows and windows at negative coordinates
//	--threads, -j N    DuckDB threads and scan workers (default: all cores)
//	--all              run: ROOT holds partitions; do them all, then fleet
//	--log FILE         stage log (run: PARTITION_DIR/stages.log)
//	--quiet, -q        warnings and errors only
//	--progress         progress meter even when stderr is not a terminal
//	--sql TEXT, --file F, --format md|csv|json, --limit N, --schema   (query)
package main

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/urfave/cli/v2"

	"sp/lib/command"
	"sp/lib/progress"
	"sp/lib/report"
	"sp/lib/stagelog"
)

func main() { command.Main(run) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	app := buildApp(stdout, stderr)
	return app.Run(withDefaultCommand(app, args))
}

// buildApp is the command tree; run adds the default subcommand.
func buildApp(stdout, stderr io.Writer) *cli.App {
	app := command.NewApp("sp-sql", "DuckDB reports of a partition, of all partitions, and ad-hoc SQL",
		"[run] PARTITION_DIR | run --all ROOT | fleet ROOT | query TARGET [SQL]", stdout, stderr)
	app.Commands = []*cli.Command{
		{
			Name: "run", Usage: "the eleven core reports of a partition (or of every partition with --all)",
			ArgsUsage: "PARTITION_DIR | --all ROOT",
			Flags: append(commonFlags(50),
				&cli.Int64Flag{Name: "sample-cap", Value: 200000, Usage: "samples per signal for quantiles and correlations"},
				&cli.BoolFlag{Name: "all", Usage: "the argument is a root: every partition, then the fleet reports"},
				command.LogFlag(), command.ProgressFlag()),
			Action: func(c *cli.Context) error { return runAction(c, stderr) },
		},
		{
			Name: "fleet", Usage: "the fleet reports across all partitions", ArgsUsage: "ROOT",
			Flags:  append(commonFlags(200), command.LogFlag()),
			Action: func(c *cli.Context) error { return fleetAction(c, stderr) },
		},
		{
			Name: "query", Usage: "run one SQL statement over a partition or a root", ArgsUsage: "TARGET [SQL]",
			Flags: []cli.Flag{
				&cli.StringFlag{Name: "sql", Usage: "the statement"},
				&cli.StringFlag{Name: "file", Usage: "read the statement from `FILE`"},
				&cli.StringFlag{Name: "format", Value: "md", Usage: "md, csv or json"},
				&cli.IntFlag{Name: "limit", Usage: "print at most N rows"},
				&cli.BoolFlag{Name: "schema", Usage: "print the views and their columns"},
				&cli.BoolFlag{Name: "include-overlap", Usage: "partition targets: keep negative coordinates in the n_* views"},
				command.ThreadsFlag(), command.QuietFlag(), memoryFlag(),
			},
			Action: func(c *cli.Context) error { return queryAction(c, stdout, stderr) },
		},
	}
	for _, c := range app.Commands {
		c.OnUsageError = app.OnUsageError // flag errors of a subcommand are usage errors too
	}
	app.Action = func(c *cli.Context) error {
		return command.Usagef("missing PARTITION_DIR or command (see sp-sql --help)")
	}
	return app
}

func commonFlags(maxRows int) []cli.Flag {
	return []cli.Flag{
		&cli.IntFlag{Name: "max-rows", Value: maxRows, Usage: "rows shown per section"},
		&cli.BoolFlag{Name: "include-overlap", Usage: "keep rows and windows at negative coordinates"},
		command.ThreadsFlag(), command.QuietFlag(), memoryFlag(),
	}
}

var memorySize = regexp.MustCompile(`^(?i)[0-9]+(\.[0-9]+)?\s*(b|kb|mb|gb|tb|kib|mib|gib|tib)$`)

// memoryFlag bounds DuckDB, which would otherwise take up to 80% of RAM
// on a week of LUMO outputs; past the limit its operators spill to disk.
func memoryFlag() cli.Flag {
	return &cli.StringFlag{Name: "memory-limit", Value: report.DefaultMemoryLimit,
		Usage: "DuckDB memory limit; beyond it queries spill to a temporary folder (e.g. 256MB, 2GB)"}
}

// oneArg returns the single positional argument.
func oneArg(c *cli.Context, what string) (string, error) {
	if c.NArg() != 1 {
		return "", command.Usagef("%s: want one %s, got %d arguments", c.Command.Name, what, c.NArg())
	}
	return c.Args().First(), nil
}

// resources reads --threads (0: DuckDB's default) and --memory-limit.
func resources(c *cli.Context) (threads int, memoryLimit string, err error) {
	memoryLimit = c.String("memory-limit")
	if !memorySize.MatchString(memoryLimit) {
		return 0, "", command.Usagef("--memory-limit %q: want a size such as 256MB or 2GB", memoryLimit)
	}
	if !c.IsSet("threads") {
		return 0, memoryLimit, nil
	}
	threads, err = command.Threads(c)
	return threads, memoryLimit, err
}

func logger(c *cli.Context, stderr io.Writer, quiet bool) *report.Logger {
	return &report.Logger{W: stderr, Prefix: "sp-sql: ", Quiet: quiet || c.Bool("quiet")}
}

// target maps the library's "not found" to a usage error (exit status 2).
func target(err error) error {
	if errors.Is(err, report.ErrTarget) {
		return command.UsageError{Err: err}
	}
	return err
}

func runAction(c *cli.Context, stderr io.Writer) error {
	what := "PARTITION_DIR"
	if c.Bool("all") {
		what = "ROOT"
	}
	arg, err := oneArg(c, what)
	if err != nil {
		return err
	}
	n, mem, err := resources(c)
	if err != nil {
		return err
	}
	if c.Int("max-rows") < 1 || c.Int64("sample-cap") < 1 {
		return command.Usagef("--max-rows and --sample-cap must be at least 1")
	}
	mode := command.ProgressMode(c)
	meterOn := mode == progress.Always || mode == progress.Auto && progress.IsTerminal(stderr)
	opt := report.Options{MaxRows: c.Int("max-rows"), SampleCap: c.Int64("sample-cap"),
		IncludeOverlap: c.Bool("include-overlap"), Threads: n, MemoryLimit: mem, Log: logger(c, stderr, meterOn)}
	if c.Bool("all") {
		dirs, err := report.Partitions(arg)
		if err != nil {
			return target(err)
		}
		meter := progress.New(stderr, mode, "sp-sql", "partitions", int64(len(dirs)))
		defer meter.Finish()
		fopt := report.FleetOptions{IncludeOverlap: opt.IncludeOverlap, Threads: n, MemoryLimit: mem, Log: opt.Log}
		record := func(dir string, work func() error) error {
			return command.Record(filepath.Join(dir, stagelog.FileName), "sql", func(*stagelog.Record) error { return work() })
		}
		return target(report.RunAll(context.Background(), arg, opt, fopt, record, func() { meter.Add(1) }))
	}
	dir, err := report.PartitionDir(arg)
	if err != nil {
		return target(err)
	}
	logPath := command.LogPath(c, dir)
	meter := progress.New(stderr, mode, "sp-sql", "reports", 11)
	defer meter.Finish()
	opt.Done = func() { meter.Add(1) }
	return command.Record(logPath, "sql", func(rec *stagelog.Record) error {
		res, err := report.RunPartition(context.Background(), dir, opt)
		rec.Rows = res.Obs
		rec.Counts = map[string]int64{"reports": int64(res.Reports), "sections": int64(res.Sections),
			"skipped": int64(res.Skipped), "errors": int64(res.Errors), "result_rows": res.Rows}
		return target(err)
	})
}

func fleetAction(c *cli.Context, stderr io.Writer) error {
	root, err := oneArg(c, "ROOT")
	if err != nil {
		return err
	}
	n, mem, err := resources(c)
	if err != nil {
		return err
	}
	if c.Int("max-rows") < 1 {
		return command.Usagef("--max-rows must be at least 1")
	}
	opt := report.FleetOptions{MaxRows: c.Int("max-rows"), IncludeOverlap: c.Bool("include-overlap"), Threads: n,
		MemoryLimit: mem, Log: logger(c, stderr, false)}
	return command.Record(c.String("log"), "sql-fleet", func(rec *stagelog.Record) error {
		res, err := report.RunFleet(context.Background(), root, opt)
		rec.Rows = int64(res.Partitions)
		return target(err)
	})
}

func queryAction(c *cli.Context, stdout, stderr io.Writer) error {
	if c.NArg() < 1 || c.NArg() > 2 {
		return command.Usagef("query: want TARGET [SQL], got %d arguments", c.NArg())
	}
	sources := 0
	text := ""
	if c.NArg() == 2 {
		sources, text = sources+1, c.Args().Get(1)
	}
	if c.IsSet("sql") {
		sources, text = sources+1, c.String("sql")
	}
	if c.IsSet("file") {
		b, err := os.ReadFile(c.String("file"))
		if err != nil {
			return command.Usagef("query: %v", err)
		}
		sources, text = sources+1, string(b)
	}
	switch {
	case sources > 1:
		return command.Usagef("query: give the SQL once (argument, --sql or --file)")
	case sources == 0 && !c.Bool("schema"):
		return command.Usagef("query: no SQL (give it as an argument, with --sql or --file, or ask for --schema)")
	}
	format := c.String("format")
	if format != "md" && format != "csv" && format != "json" {
		return command.Usagef("query: --format %q: want md, csv or json", format)
	}
	if c.Int("limit") < 0 {
		return command.Usagef("query: --limit must not be negative")
	}
	n, mem, err := resources(c)
	if err != nil {
		return err
	}
	return target(report.Query(context.Background(), c.Args().First(), report.QueryOptions{SQL: text, Format: format,
		Limit: c.Int("limit"), Schema: c.Bool("schema"), IncludeOverlap: c.Bool("include-overlap"), Threads: n,
		MemoryLimit: mem, Out: stdout, Log: logger(c, stderr, false)}))
}
