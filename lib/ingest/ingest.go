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
	// Lookahead bounds the variables decoded ahead of the writer (default
	// 2·Threads+2): memory holds that many variables' encoded signals.
	Lookahead int
	Progress  *progress.Meter // counts files; may be nil
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
	fw := &fileWriter{w: w, rep: rep, sources: sources, opt: opt}
	for u := range pipe.seq {
		if u.start != nil {
			err = fw.begin(u.file, u.start)
		} else if restart, verr := fw.variable(u.v); restart {
			excluded[u.file] = verr.Error()
			return rep, u.file, verr
		} else {
			err = verr
		}
		if err != nil {
			return rep, -1, err
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

// fileWriter writes the units of one file after another and keeps the
// report.
type fileWriter struct {
	w       *obs.Writer
	rep     *Report
	sources []Source
	opt     Options

	file   int
	report *FileReport       // the file in progress; nil when none (or it failed)
	left   int               // its variable units still to come
	wrote  bool              // some of its rows are written
	seen   map[string]string // signal name -> variable, to drop repeats
}

// begin starts a file, or records why it is skipped.
func (fw *fileWriter) begin(file int, s *fileStart) error {
	fw.file, fw.report, fw.left, fw.wrote, fw.seen = file, nil, 0, false, map[string]string{}
	switch {
	case s.excluded != "":
		fw.skip(s.excluded)
	case s.err != nil && fw.opt.FailFast:
		return s.err
	case s.err != nil:
		fw.skip(s.err.Error())
	default:
		fw.report, fw.left = s.report, s.vars
		fw.finishIfDone()
	}
	return nil
}

func (fw *fileWriter) skip(reason string) {
	fw.rep.SkippedFiles = append(fw.rep.SkippedFiles, SkippedFile{Path: display(fw.sources[fw.file]), Error: reason})
	fw.report = nil
	fw.opt.Progress.Add(1)
}

func (fw *fileWriter) finishIfDone() {
	if fw.report != nil && fw.left == 0 {
		fw.rep.Files = append(fw.rep.Files, *fw.report)
		fw.report = nil
		fw.opt.Progress.Add(1)
	}
}

// variable writes one variable's signals. A variable that failed fails
// its whole file: skipped if none of its rows is written yet, otherwise
// restart is true and the attempt starts over without the file.
func (fw *fileWriter) variable(job *varJob) (restart bool, err error) {
	<-job.done
	defer func() {
		for _, s := range job.signals {
			s.values.Release()
		}
	}()
	if fw.report == nil {
		return false, nil // the rest of a file that failed
	}
	fw.left--
	switch {
	case job.err != nil && fw.opt.FailFast:
		return false, job.err
	case job.err != nil && fw.wrote:
		return true, job.err
	case job.err != nil:
		fw.skip(job.err.Error())
		return false, nil
	}
	r := fw.report
	r.SkippedVariables = append(r.SkippedVariables, job.skipped...)
	for _, s := range job.signals {
		if from, dup := fw.seen[s.name]; dup {
			r.Warnings = append(r.Warnings, fmt.Sprintf("signal %q of variable %q repeats one of variable %q; dropped", s.name, job.name, from))
			continue
		}
		fw.seen[s.name] = job.name
		if err := fw.w.WriteEncoded(obs.Key{Cohort: r.Cohort, SignalID: s.name}, s.values); err != nil {
			return false, fmt.Errorf("%w: %v", errWrite, err)
		}
		fw.wrote = true
		r.Signals = append(r.Signals, FileSignal{SignalID: s.name, Samples: s.samples})
	}
	fw.finishIfDone()
	return false, nil
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
