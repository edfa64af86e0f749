// Command sp-synth writes a synthetic, LUMO-like raw dataset.
//
// Synopsis:
//
//	sp-synth --out DIR [--weeks N] [--files-per-week N] [--channels N] [--rate HZ]
//	         [--seconds S] [--seed N] [--format v7|v5|v4] [--corrupt] [--start DATE]
//
// Description:
//
// Each file is a MAT file of column vectors ch1..chN, --seconds long at
// --rate Hz, named DIR/YYYY/MM/synth_YYYYMMDD_hhmmss.mat after its
// recording time, which is also its mtime; files are spread evenly over
// the weeks. The content exercises every pipeline stage: structural modes
// with a slow thermal frequency drift, noise, a slow trend on ch2, a step
// on ch3 (and a drop of mode 1) from the middle week on, an impulsive ch4,
// a dead last channel, and with --corrupt one truncated file in the last
// week. The output is a deterministic function of the flags.
//
// Options:
//
//	--out DIR            where to write (created)
//	--weeks N            weeks of recordings (default 3)
//	--files-per-week N   files per week (default 4)
//	--channels N         channels per file (default 6)
//	--rate HZ            samples per second (default 100)
//	--seconds S          length of each file (default 600)
//	--seed N             random seed (default 1)
//	--format F           v7 (compressed, default), v5 or v4
//	--corrupt            truncate one file of the last week
//	--zlib-level N       v7 compression level 1..9 (default fastest; MATLAB saves with 6)
//	--start DATE         first recording, YYYY-MM-DD (default 2023-01-02)
//	--threads N          files generated in parallel
//
// Exit status: 0 success, 1 failure, 2 bad usage.
package main

import (
	"fmt"
	"io"
	"time"

	"github.com/urfave/cli/v2"

	"sp/lib/command"
	"sp/lib/matfile"
	"sp/lib/synth"
)

func main() { command.Main(run) }

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	d := synth.Defaults()
	app := command.NewApp("sp-synth", "write a synthetic LUMO-like raw dataset of MAT files", "", stdout, stderr)
	app.Flags = []cli.Flag{
		&cli.StringFlag{Name: "out", Required: true, Usage: "output `DIR`"},
		&cli.IntFlag{Name: "weeks", Value: d.Weeks},
		&cli.IntFlag{Name: "files-per-week", Value: d.FilesPerWeek},
		&cli.IntFlag{Name: "channels", Value: d.Channels},
		&cli.Float64Flag{Name: "rate", Value: d.Rate, Usage: "samples per second"},
		&cli.Float64Flag{Name: "seconds", Value: d.Seconds, Usage: "length of each file"},
		&cli.Uint64Flag{Name: "seed", Value: d.Seed},
		&cli.StringFlag{Name: "format", Value: "v7", Usage: "v7, v5 or v4"},
		&cli.BoolFlag{Name: "corrupt", Usage: "truncate one file of the last week"},
		&cli.IntFlag{Name: "zlib-level", Usage: "v7 compression level 1..9 (default: fastest; MATLAB uses 6)"},
		&cli.StringFlag{Name: "start", Value: d.Start.Format("2006-01-02"), Usage: "first recording `DATE`"},
		command.ThreadsFlag(),
	}
	app.Action = func(c *cli.Context) error {
		start, err := time.Parse("2006-01-02", c.String("start"))
		if err != nil {
			return command.Usagef("--start %q: want YYYY-MM-DD", c.String("start"))
		}
		format, ok := map[string]matfile.Format{"v7": matfile.V7, "v5": matfile.V5, "v4": matfile.V4}[c.String("format")]
		if !ok {
			return command.Usagef("--format %q: want v7, v5 or v4", c.String("format"))
		}
		o := synth.Options{Weeks: c.Int("weeks"), FilesPerWeek: c.Int("files-per-week"), Channels: c.Int("channels"),
			Rate: c.Float64("rate"), Seconds: c.Float64("seconds"), Seed: c.Uint64("seed"), Start: start, Corrupt: c.Bool("corrupt"),
			ZlibLevel: c.Int("zlib-level")}
		if err := o.Check(); err != nil {
			return command.UsageError{Err: err}
		}
		threads, err := command.Threads(c)
		if err != nil {
			return err
		}
		files, err := o.Write(c.String("out"), format, threads)
		if err != nil {
			return err
		}
		n := int64(o.Rate * o.Seconds)
		fmt.Fprintf(stdout, "wrote %d files (%d weeks x %d) of %d channels x %d samples under %s\n",
			len(files), o.Weeks, o.FilesPerWeek, o.Channels, n, c.String("out"))
		return nil
	}
	return app.Run(args)
}
