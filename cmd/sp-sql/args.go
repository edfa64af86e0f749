package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// withDefaultCommand makes "run" the default subcommand (sp-sql P is
// sp-sql run P) and moves a subcommand's flags before its positional
// arguments, so that "sp-sql run P --max-rows 5" works as sql.md §4.1
// writes it (urfave/cli stops reading flags at the first argument).
// After "--" every argument is positional.
func withDefaultCommand(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	first := args[1]
	if first == "-h" || first == "--help" || first == "help" {
		return args
	}
	rest := args[1:]
	cmd := findCommand(app, first)
	if cmd == nil {
		cmd = findCommand(app, "run")
	} else {
		rest = rest[1:]
	}
	out := append([]string{args[0], cmd.Name}, flagsFirst(cmd, rest)...)
	return out
}

func findCommand(app *cli.App, name string) *cli.Command {
	for _, c := range app.Commands {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// flagsFirst reorders args: flags (with their values) first, in order,
// then the positional arguments, in order.
func flagsFirst(cmd *cli.Command, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if takesValue(cmd, name) && i+1 < len(args) {
			i++
			flags = append(flags, args[i])
		}
	}
	if len(pos) > 0 {
		flags = append(flags, "--")
	}
	return append(flags, pos...)
}

func takesValue(cmd *cli.Command, name string) bool {
	for _, f := range cmd.Flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	return false
}
