// Package progress draws a one-line progress meter on stderr while a
// stage runs: shown when stderr is a terminal, silent otherwise (make
// logs, CI), forced either way by --progress / --quiet.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/sys/unix"
)

// Mode says when a meter draws.
type Mode int

const (
	Auto   Mode = iota // when the writer is a terminal
	Always             // --progress
	Never              // --quiet
)

// IsTerminal reports whether w is a terminal.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	_, err := unix.IoctlGetTermios(int(f.Fd()), unix.TCGETS)
	return err == nil
}

// Meter counts work done out of a total. Safe for concurrent Add.
type Meter struct {
	w     io.Writer
	on    bool
	label string
	unit  string
	total int64
	start time.Time

	mu   sync.Mutex
	done int64
	last time.Time
}

// New returns a meter for total units of work ("files", "signals").
func New(w io.Writer, mode Mode, label, unit string, total int64) *Meter {
	on := mode == Always || (mode == Auto && IsTerminal(w))
	return &Meter{w: w, on: on, label: label, unit: unit, total: total, start: time.Now()}
}

// Add records n more units done and redraws at most five times a second.
func (m *Meter) Add(n int64) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done += n
	if m.on && time.Since(m.last) >= 200*time.Millisecond {
		m.draw()
	}
}

// Finish draws the final state and ends the line.
func (m *Meter) Finish() {
	if m == nil || !m.on {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.draw()
	fmt.Fprintln(m.w)
}

func (m *Meter) draw() {
	m.last = time.Now()
	elapsed := time.Since(m.start).Round(time.Second)
	if m.total > 0 {
		fmt.Fprintf(m.w, "\r%s %s %d/%d %s (%.0f%%) %s ", m.label, Bar(float64(m.done)/float64(m.total), 20),
			m.done, m.total, m.unit, 100*float64(m.done)/float64(m.total), elapsed)
		return
	}
	fmt.Fprintf(m.w, "\r%s %d %s %s ", m.label, m.done, m.unit, elapsed)
}

// Bar renders a fraction in [0, 1] as a bar of width cells.
func Bar(frac float64, width int) string {
	frac = max(0, min(1, frac))
	full := int(frac*float64(width) + 0.5)
	b := make([]rune, width)
	for i := range b {
		if i < full {
			b[i] = '#'
		} else {
			b[i] = '.'
		}
	}
	return "[" + string(b) + "]"
}
