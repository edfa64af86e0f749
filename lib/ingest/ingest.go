package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"

	"sp/lib/atomicfile"
	"sp/lib/obs"
	"sp/lib/progress"
)

// Source is one raw file to convert.
type Source struct {
	Path    string // to open
	Display string // as recorded in the report (relative to raw_dir), default Path
}

// Options control a conversion.
type Options struct {
	Converter Converter
	FailFast  bool // ingest.on_error: fail
	Threads   int
	// BufferBytes bounds the encoded signals that workers ahead of the
	// writer may hold (default 32 MiB).
	BufferBytes int64
	Progress    *progress.Meter // counts files; may be nil
}

// Run converts sources, in order, into the observations file out and
// writes the report to reportPath ("" for none). Both are written
// atomically, the report first. It returns the report, also on failure
// (files that all fail, or the first failure with FailFast).
func Run(sources []Source, out, reportPath string, opt Options) (*Report, error) {
	for _, p := range []string{out, reportPath} {
		if p != "" {
			if err := atomicfile.RemoveStale(p); err != nil {
				return nil, err
			}
		}
	}
	if opt.Threads < 1 {
		opt.Threads = 1
	}
	if opt.BufferBytes <= 0 {
		opt.BufferBytes = 32 << 20
	}
	excluded := map[int]string{}
	for {
		f, err := atomicfile.Create(out)
		if err != nil {
			return nil, err
		}
		rep, restart, err := convert(sources, f, excluded, opt)
		if restart >= 0 {
			f.Abort() // a file failed after some of its rows were written: start over without it
			continue
		}
		if err == nil && rep.Rows == 0 {
			err = fmt.Errorf("no signal in any of the %d files (%d skipped)", len(sources), len(rep.SkippedFiles))
		}
		if reportPath != "" {
			if werr := writeReport(reportPath, rep); werr != nil && err == nil {
				err = werr
			}
		}
		if err != nil {
			f.Abort()
			return rep, err
		}
		return rep, f.Commit()
	}
}

func writeReport(path string, rep *Report) error {
	data, err := json.MarshalIndent(rep, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, append(data, '\n'))
}

// convert is one attempt. If file i fails after some of its rows were
// written, it records i in excluded and returns restart = i.
func convert(sources []Source, sink io.Writer, excluded map[int]string, opt Options) (*Report, int, error) {
	w, err := obs.NewWriter(sink, obs.WriterOptions{})
	if err != nil {
		return nil, -1, err
	}
	rep := &Report{Files: []FileReport{}, SkippedFiles: []SkippedFile{}, SamplingRate: opt.Converter.SamplingRate}
	pipe := startWorkers(sources, excluded, opt)
	defer pipe.stop()
	for i, src := range sources {
		name := display(src)
		if reason, ok := excluded[i]; ok {
			rep.SkippedFiles = append(rep.SkippedFiles, SkippedFile{Path: name, Error: reason})
			opt.Progress.Add(1)
			continue
		}
		fr, wrote, err := writeFile(w, i, pipe.results(i), pipe.budget)
		opt.Progress.Add(1)
		switch {
		case err == nil:
			rep.Files = append(rep.Files, *fr)
		case errors.Is(err, errWrite):
			return rep, -1, err
		case opt.FailFast:
			return rep, -1, err
		case wrote:
			excluded[i] = err.Error()
			return rep, i, err
		default:
			rep.SkippedFiles = append(rep.SkippedFiles, SkippedFile{Path: name, Error: err.Error()})
		}
	}
	if err := w.Close(); err != nil {
		return rep, -1, fmt.Errorf("%w: %v", errWrite, err)
	}
	rep.Rows = w.Rows()
	summarise(rep, w.Samples())
	return rep, -1, nil
}

var errWrite = errors.New("write observations")

// writeFile writes one file's signals as they arrive.
func writeFile(w *obs.Writer, file int, results <-chan result, b *budget) (fr *FileReport, wrote bool, err error) {
	for r := range results {
		switch {
		case r.err != nil:
			return nil, wrote, r.err
		case r.file != nil:
			return r.file, wrote, nil
		}
		err := w.WriteEncoded(obs.Key{Cohort: r.cohort, SignalID: r.signal}, r.values)
		b.release(file, r.values.Bytes())
		r.values.Release()
		if err != nil {
			return nil, wrote, fmt.Errorf("%w: %v", errWrite, err)
		}
		wrote = true
	}
	return nil, wrote, errors.New("internal: worker ended without a result")
}

// summarise fills the per-signal totals and each file's missing signals.
func summarise(rep *Report, counts []obs.SignalCount) {
	files := map[obs.Key]int{}
	perCohort := map[string][]string{}
	for _, f := range rep.Files {
		for _, s := range f.Signals {
			files[obs.Key{Cohort: f.Cohort, SignalID: s.SignalID}]++
		}
	}
	for _, c := range counts {
		rep.Signals = append(rep.Signals, SignalReport{Cohort: c.Key.Cohort, SignalID: c.Key.SignalID,
			Samples: c.Samples, Files: files[c.Key]})
		perCohort[c.Key.Cohort] = append(perCohort[c.Key.Cohort], c.Key.SignalID)
	}
	sort.Slice(rep.Signals, func(i, j int) bool {
		a, b := rep.Signals[i], rep.Signals[j]
		return a.Cohort < b.Cohort || (a.Cohort == b.Cohort && a.SignalID < b.SignalID)
	})
	for i := range rep.Files {
		f := &rep.Files[i]
		for _, id := range perCohort[f.Cohort] {
			if !slices.ContainsFunc(f.Signals, func(s FileSignal) bool { return s.SignalID == id }) {
				f.MissingSignals = append(f.MissingSignals, id)
			}
		}
		sort.Strings(f.MissingSignals)
	}
}

func display(s Source) string {
	if s.Display != "" {
		return s.Display
	}
	return s.Path
}
