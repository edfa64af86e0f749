package command

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"sp/lib/stagelog"
)

func TestExitCode(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, 0},
		{errors.New("boom"), 1},
		{Usagef("bad flag"), 2},
		{fmt.Errorf("wrapped: %w", Usagef("bad")), 2},
	} {
		if got := ExitCode(tc.err); got != tc.want {
			t.Errorf("ExitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
	if got := OneLine(errors.New("a\nb   c")); got != "a b c" {
		t.Errorf("OneLine = %q", got)
	}
}

func TestAppFlagErrorsAreUsage(t *testing.T) {
	var out, errb bytes.Buffer
	app := NewApp("sp-x", "test", "", &out, &errb)
	app.Flags = []cli.Flag{ThreadsFlag()}
	app.Action = func(c *cli.Context) error { _, err := Threads(c); return err }
	if code := ExitCode(app.Run([]string{"sp-x", "--nope"})); code != 2 {
		t.Errorf("unknown flag: exit %d", code)
	}
	if code := ExitCode(app.Run([]string{"sp-x", "--threads", "0"})); code != 2 {
		t.Errorf("--threads 0: exit %d", code)
	}
}

func TestRecord(t *testing.T) {
	log := filepath.Join(t.TempDir(), stagelog.FileName)
	err := Record(log, "ingest", func(r *stagelog.Record) error { r.Rows = 42; return nil })
	if err != nil {
		t.Fatal(err)
	}
	err = Record(log, "typology", func(*stagelog.Record) error { return errors.New("bad\ninput") })
	if err == nil {
		t.Fatal("the work's error was lost")
	}
	recs, _ := stagelog.Read(log)
	if len(recs) != 2 || recs[0].Rows != 42 || recs[0].Exit != 0 || recs[1].Exit != 1 || recs[1].Error != "bad input" {
		t.Fatalf("records %+v", recs)
	}
	if !strings.Contains(recs[1].Start.String(), "UTC") {
		t.Errorf("start not in UTC: %v", recs[1].Start)
	}
}
