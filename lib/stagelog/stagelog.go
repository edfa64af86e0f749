// Package stagelog keeps the per-partition stage log (pipeline.md §6):
// one JSON line per stage run, appended by the stage binaries and read by
// status. Wall-clock values live here and never in the outputs, which stay
// byte-identical across runs.
package stagelog

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"
)

// FileName of the log in a partition folder.
const FileName = "stages.log"

// Record is one run of one stage.
type Record struct {
	Stage   string           `json:"stage"`
	Start   time.Time        `json:"start"`
	Seconds float64          `json:"seconds"`
	Rows    int64            `json:"rows"`
	Exit    int              `json:"exit"`
	Error   string           `json:"error,omitempty"`
	Counts  map[string]int64 `json:"counts,omitempty"` // stage-specific tallies: files skipped, windows skipped...
}

// Append adds r to the log at path with a single write, so concurrent
// appenders (parallel make) never interleave within a line.
func Append(path string, r Record) error {
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fmt.Errorf("stage log: %w", err)
	}
	_, err = f.Write(append(line, '\n'))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("stage log %s: %w", path, err)
	}
	return nil
}

// Read returns the records of the log at path in order. A missing log is
// empty; a torn last line (a killed writer) is ignored.
func Read(path string) ([]Record, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Record
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		var r Record
		if json.Unmarshal(sc.Bytes(), &r) == nil && r.Stage != "" {
			out = append(out, r)
		}
	}
	return out, sc.Err()
}

// Last returns the most recent record of stage.
func Last(records []Record, stage string) (Record, bool) {
	for i := len(records) - 1; i >= 0; i-- {
		if records[i].Stage == stage {
			return records[i], true
		}
	}
	return Record{}, false
}
