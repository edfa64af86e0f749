package main

import (
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

func TestWithDefaultCommand(t *testing.T) {
	cases := []struct{ in, want []string }{
		{[]string{"sp-sql", "P"}, []string{"sp-sql", "run", "--", "P"}},
		{[]string{"sp-sql", "P", "--max-rows", "5", "-q"}, []string{"sp-sql", "run", "--max-rows", "5", "-q", "--", "P"}},
		{[]string{"sp-sql", "query", "T", "SELECT 1", "--format=csv"}, []string{"sp-sql", "query", "--format=csv", "--", "T", "SELECT 1"}},
		{[]string{"sp-sql", "query", "T", "--", "-- a comment\nSELECT 1"}, []string{"sp-sql", "query", "--", "T", "-- a comment\nSELECT 1"}},
		{[]string{"sp-sql", "--help"}, []string{"sp-sql", "--help"}},
		{[]string{"sp-sql"}, []string{"sp-sql"}},
	}
	for _, c := range cases {
		if got := withDefaultCommand(appForTest(), c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q -> %q, want %q", c.in, got, c.want)
		}
	}
}

// appForTest builds the real command tree without running it.
func appForTest() *cli.App { return buildApp(io.Discard, io.Discard) }

// FuzzFlagsFirst: reordering keeps every argument, and the positional ones
// in their order.
func FuzzFlagsFirst(f *testing.F) {
	f.Add("P --max-rows 5 -q --all X")
	f.Add("-- -x y")
	f.Add("--sample-cap")
	f.Fuzz(func(t *testing.T, line string) {
		args := strings.Fields(line)
		app := appForTest()
		cmd := findCommand(app, "run")
		out := flagsFirst(cmd, args)
		var pos []string
		for i := 0; i < len(args); i++ {
			if args[i] == "--" {
				pos = append(pos, args[i+1:]...)
				break
			}
			if !strings.HasPrefix(args[i], "-") || args[i] == "-" {
				pos = append(pos, args[i])
			} else if !strings.Contains(args[i], "=") && takesValue(cmd, strings.TrimLeft(args[i], "-")) {
				i++
			}
		}
		var gotPos []string
		for i, a := range out {
			if a == "--" {
				gotPos = out[i+1:]
				break
			}
		}
		if len(pos) > 0 && !reflect.DeepEqual(gotPos, pos) {
			t.Errorf("%q -> %q: positional %q, want %q", args, out, gotPos, pos)
		}
		n := len(out)
		if len(pos) > 0 {
			n-- // the added "--"
		}
		dropped := 0
		for _, a := range args {
			if a == "--" {
				dropped = 1
				break
			}
		}
		if n != len(args)-dropped {
			t.Errorf("%q -> %q: lost or added arguments", args, out)
		}
	})
}
