package report

import (
	"fmt"
	"io"
)

// Logger writes sp-sql's messages to stderr (sql.md §4.1): every line is
// prefixed "sp-sql: <partition>: "; informational lines can be silenced,
// warnings and errors cannot.
type Logger struct {
	W      io.Writer
	Prefix string
	Quiet  bool
}

// With returns a logger whose lines carry one more prefix element.
func (l *Logger) With(name string) *Logger {
	if l == nil {
		return nil
	}
	return &Logger{W: l.W, Prefix: l.Prefix + name + ": ", Quiet: l.Quiet}
}

func (l *Logger) Infof(format string, a ...any) {
	if l == nil || l.Quiet {
		return
	}
	fmt.Fprintf(l.W, l.Prefix+format+"\n", a...)
}

func (l *Logger) Warnf(format string, a ...any) {
	if l == nil {
		return
	}
	fmt.Fprintf(l.W, l.Prefix+"warning: "+format+"\n", a...)
}

func (l *Logger) Errorf(format string, a ...any) {
	if l == nil {
		return
	}
	fmt.Fprintf(l.W, l.Prefix+"error: "+format+"\n", a...)
}

// quiet returns the logger without informational lines.
func (l *Logger) quiet() *Logger {
	if l == nil {
		return nil
	}
	return &Logger{W: l.W, Prefix: l.Prefix, Quiet: true}
}
