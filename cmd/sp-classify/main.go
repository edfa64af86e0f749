// sp-classify classifies the signals of a partition (pipeline stage 3).
//
// Synopsis:
//
//	sp-classify [-o typology.parquet] [--log FILE] [-q] typology_raw.parquet
//
// Description:
//
//	Reads the per-signal measures of typology_raw.parquet (sp-typology's
//	output) and writes typology.parquet: the same rows and columns, plus
//	the dual temporal classification, nine further dimensions, window
//	fields and the engine list of each signal (typology.md §6). Each row is
//	classified on its own, by fixed rules; the output is byte-identical for
//	the same input.
//
//	A file written by the reference (without the extension columns
//	n_analysis and acf_decayed) is accepted: the two are derived. Other
//	missing measure columns are read as null, with a warning.
//
//	The run is recorded in the stage log (stage "classify", rows = signals).
//
// Options:
//
//	-o, --output FILE  typology.parquet to write (default: beside the input)
//	--log FILE         stage log (default: stages.log beside the output)
//	-q, --quiet        no summary on stderr (warnings are still printed)
package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"sp/lib/classify"
	"sp/lib/command"
	"sp/lib/stagelog"
)

func main() { command.Main(run) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	app := command.NewApp("sp-classify", "classify each signal of typology_raw.parquet into typology.parquet",
		"typology_raw.parquet", stdout, stderr)
	app.Flags = []cli.Flag{
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "write typology.parquet to `FILE` (default: beside the input)"},
		command.LogFlag(),
		command.QuietFlag(),
	}
	app.Action = func(c *cli.Context) error {
		if c.NArg() != 1 {
			return command.Usagef("want one typology_raw.parquet argument, got %d", c.NArg())
		}
		in := c.Args().First()
		out := c.String("output")
		if out == "" {
			out = filepath.Join(filepath.Dir(in), "typology.parquet")
		}
		if same, _ := samePath(in, out); same {
			return command.Usagef("output %s would overwrite the input", out)
		}
		logPath := command.LogPath(c, filepath.Dir(out))
		return command.Record(logPath, "classify", func(rec *stagelog.Record) error {
			sum, err := classify.Run(in, out)
			if err != nil {
				return err
			}
			rec.Rows = int64(sum.Rows)
			rec.Counts = map[string]int64{}
			for _, lc := range sum.PatternCounts() {
				rec.Counts[lc.Label] = int64(lc.Rows)
			}
			report(stderr, in, out, sum, c.Bool("quiet"))
			return nil
		})
	}
	return app.Run(args)
}

// report prints warnings about the input and, unless quiet, one summary line.
func report(w io.Writer, in, out string, sum classify.Summary, quiet bool) {
	if len(sum.Derived) > 0 {
		fmt.Fprintf(w, "sp-classify: warning: %s lacks %s (written by the reference?): derived from n_samples and acf_half_life\n",
			in, strings.Join(sum.Derived, ", "))
	}
	if len(sum.Missing) > 0 {
		fmt.Fprintf(w, "sp-classify: warning: %s lacks columns %s: read as null, so no rule can use them\n",
			in, strings.Join(sum.Missing, ", "))
	}
	if quiet {
		return
	}
	var parts []string
	for _, lc := range sum.PatternCounts() {
		parts = append(parts, fmt.Sprintf("%s %d", lc.Label, lc.Rows))
	}
	fmt.Fprintf(w, "sp-classify: %d signals -> %s", sum.Rows, out)
	if len(parts) > 0 {
		fmt.Fprintf(w, " (%s)", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
}

// samePath reports whether a and b name the same file path.
func samePath(a, b string) (bool, error) {
	aa, err := filepath.Abs(a)
	if err != nil {
		return false, err
	}
	bb, err := filepath.Abs(b)
	return aa == bb, err
}
