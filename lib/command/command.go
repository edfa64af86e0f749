// Package command holds what every sp-* binary shares: exit statuses (0
// success, 1 failed work, 2 bad usage or config; pipeline.md §2), the
// urfave/cli setup that returns errors instead of exiting, the common
// flags, and the stage-log record written around a stage's work.
//
// Each cmd/sp-*/main.go has a run(args, stdin, stdout, stderr) error that
// tests call directly; main is Main(run).
package command

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"sp/lib/progress"
	"sp/lib/stagelog"
)

// UsageError marks bad usage or a bad config: exit status 2.
type UsageError struct{ Err error }

func (e UsageError) Error() string { return e.Err.Error() }
func (e UsageError) Unwrap() error { return e.Err }

// Usagef returns a UsageError.
func Usagef(format string, a ...any) error { return UsageError{fmt.Errorf(format, a...)} }

// ExitCode maps an error to the process exit status.
func ExitCode(err error) int {
	var u UsageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &u):
		return 2
	}
	return 1
}

// RunFunc is the testable body of a command.
type RunFunc func(args []string, stdin io.Reader, stdout, stderr io.Writer) error

// Main runs run on the process's arguments and streams, prints a failure
// as one line "prog: reason" on stderr and exits with ExitCode.
func Main(run RunFunc) {
	err := run(os.Args, os.Stdin, os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %s\n", filepath.Base(os.Args[0]), OneLine(err))
	}
	os.Exit(ExitCode(err))
}

// OneLine flattens an error message onto one line.
func OneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", " ")), " ")
}

// NewApp returns a cli.App writing to the given streams that reports flag
// errors as usage errors and never calls os.Exit itself.
func NewApp(name, usage, argsUsage string, stdout, stderr io.Writer) *cli.App {
	return &cli.App{
		Name:            name,
		Usage:           usage,
		ArgsUsage:       argsUsage,
		Writer:          stdout,
		ErrWriter:       stderr,
		HideHelpCommand: true,
		ExitErrHandler:  func(*cli.Context, error) {},
		OnUsageError: func(_ *cli.Context, err error, _ bool) error {
			return UsageError{err}
		},
	}
}

// Common flags. Each call returns fresh flags: urfave/cli keeps state in them.
func ThreadsFlag() cli.Flag {
	return &cli.IntFlag{Name: "threads", Aliases: []string{"j"}, Value: runtime.NumCPU(),
		Usage: "worker goroutines (default: all cores)"}
}

func QuietFlag() cli.Flag {
	return &cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "no progress on stderr, even on a terminal"}
}

func ProgressFlag() cli.Flag {
	return &cli.BoolFlag{Name: "progress", Usage: "progress on stderr even when it is not a terminal"}
}

func LogFlag() cli.Flag {
	return &cli.StringFlag{Name: "log", Usage: "append this run's record to `FILE` (default: " + stagelog.FileName + " in the partition folder)"}
}

// LogPath is --log, or the stage log in the partition folder dir.
func LogPath(c *cli.Context, dir string) string {
	if p := c.String("log"); p != "" {
		return p
	}
	return filepath.Join(dir, stagelog.FileName)
}

// ProgressMode reads --quiet and --progress.
func ProgressMode(c *cli.Context) progress.Mode {
	switch {
	case c.Bool("quiet"):
		return progress.Never
	case c.Bool("progress"):
		return progress.Always
	}
	return progress.Auto
}

// Threads reads --threads, refusing values below 1.
func Threads(c *cli.Context) (int, error) {
	n := c.Int("threads")
	if n < 1 {
		return 0, Usagef("--threads must be at least 1, not %d", n)
	}
	return n, nil
}

// Record runs work as one run of stage and appends its record (start,
// duration, rows and counts the work filled in, exit status, error) to the
// stage log at logPath; "" keeps no log. The work's error is returned
// unchanged; a failure to write the log is returned only if the work
// succeeded.
func Record(logPath, stage string, work func(rec *stagelog.Record) error) error {
	rec := stagelog.Record{Stage: stage, Start: time.Now().UTC().Truncate(time.Millisecond)}
	err := work(&rec)
	if logPath == "" {
		return err
	}
	rec.Seconds = float64(time.Since(rec.Start).Milliseconds()) / 1000
	rec.Exit = ExitCode(err)
	if err != nil {
		rec.Error = OneLine(err)
	}
	if lerr := stagelog.Append(logPath, rec); lerr != nil && err == nil {
		return lerr
	}
	return err
}

// TightGC sets the garbage collector's target to percent unless the user
// set GOGC. Stages whose live heap is a bounded set of buffers use it so
// that peak memory stays flat however long the run: at Go's default of
// 100 the heap may double the live set, and how close a long run comes to
// that depends on timing.
func TightGC(percent int) {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	}
}
