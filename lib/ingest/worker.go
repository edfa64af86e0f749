package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sync"

	"sp/lib/matfile"
	"sp/lib/obs"
)

// unit is one step of the sequence the writer consumes in order: the start
// of a file (the walk of its variables: what will follow, or why the file
// cannot be read), or one variable's encoded signals.
type unit struct {
	file  int
	start *fileStart
	v     *varJob
}

// fileStart opens a file's units.
type fileStart struct {
	report   *FileReport // cohort and the variables skipped by the walk
	vars     int         // variable units that follow
	err      error       // the file cannot be read: no variable units follow
	excluded string      // an earlier attempt found the file bad
}

// varJob is one variable to decode and encode, and, once done is closed,
// its result.
type varJob struct {
	name    string // the variable, once read
	src     Source
	offset  int64
	done    chan struct{}
	signals []encodedSignal
	skipped []SkippedVar
	err     error
}

type encodedSignal struct {
	name    string
	values  *obs.EncodedValues
	samples int64
}

// pipeline runs one conversion attempt's goroutines: a walker that reads
// each file's variable headers in order and queues one job per selected
// variable, and Threads workers that decode and encode the variables, any
// file, any order. The writer takes units in sequence; the walker runs at
// most lookahead units ahead of it, which bounds memory to that many
// variables' encoded signals plus one decoded variable per worker.
type pipeline struct {
	sources  []Source
	excluded map[int]string
	opt      Options
	seq      chan *unit
	jobs     chan *varJob
	cancel   chan struct{}
	wg       sync.WaitGroup
}

func startWorkers(sources []Source, excluded map[int]string, opt Options) *pipeline {
	look := opt.Lookahead
	if look < 1 {
		look = 2*opt.Threads + 2
	}
	p := &pipeline{sources: sources, excluded: excluded, opt: opt, cancel: make(chan struct{}),
		seq: make(chan *unit, look), jobs: make(chan *varJob, look)}
	p.wg.Add(1 + opt.Threads)
	go p.walk()
	for range opt.Threads {
		go p.work()
	}
	return p
}

// stop cancels the goroutines and waits for them.
func (p *pipeline) stop() {
	close(p.cancel)
	p.wg.Wait()
}

func (p *pipeline) send(u *unit) bool {
	select {
	case p.seq <- u:
	case <-p.cancel:
		return false
	}
	if u.v == nil {
		return true
	}
	select {
	case p.jobs <- u.v:
		return true
	case <-p.cancel:
		return false
	}
}

// walk queues every file's units in order.
func (p *pipeline) walk() {
	defer p.wg.Done()
	defer close(p.jobs)
	defer close(p.seq)
	var dec matfile.Decoder
	for i, src := range p.sources {
		if reason, ok := p.excluded[i]; ok {
			if !p.send(&unit{file: i, start: &fileStart{excluded: reason}}) {
				return
			}
			continue
		}
		start, offsets := p.walkFile(&dec, src)
		if !p.send(&unit{file: i, start: start}) {
			return
		}
		for _, off := range offsets {
			job := &varJob{src: src, offset: off, done: make(chan struct{})}
			if !p.send(&unit{file: i, v: job}) {
				return
			}
		}
	}
}

// walkFile reads a file's variable headers (which finds a truncated or
// malformed file before any of its rows is written) and returns the
// offsets of the variables to read, in the reference converter's order.
func (p *pipeline) walkFile(dec *matfile.Decoder, src Source) (*fileStart, []int64) {
	conv := p.opt.Converter
	f, closeFile, err := openMat(dec, src)
	if err != nil {
		return &fileStart{err: err}, nil
	}
	defer closeFile()
	var vars []*matfile.Var
	for {
		v, err := f.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return &fileStart{err: err}, nil
		}
		vars = append(vars, v)
	}
	start := &fileStart{report: &FileReport{Path: display(src), Cohort: conv.Cohort(src.Path), Signals: []FileSignal{}}}
	var offsets []int64
	for _, v := range conv.order(vars) {
		if reason := conv.variableSkip(v); reason != "" {
			start.report.SkippedVariables = append(start.report.SkippedVariables,
				SkippedVar{Name: v.Name, Class: v.ClassName(), Shape: v.Shape(), Reason: reason})
			continue
		}
		offsets = append(offsets, v.Offset)
	}
	start.vars = len(offsets)
	return start, offsets
}

// openMat opens a raw file, naming it in errors as the report does
// (relative to raw_dir), so a partition folder never records an absolute path.
func openMat(dec *matfile.Decoder, src Source) (*matfile.File, func(), error) {
	osf, err := os.Open(src.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", display(src), unwrapPath(err))
	}
	st, err := osf.Stat()
	if err != nil {
		osf.Close()
		return nil, nil, err
	}
	f, err := dec.NewReader(osf, st.Size(), display(src))
	if err != nil {
		osf.Close()
		return nil, nil, err
	}
	return f, func() { osf.Close() }, nil
}

// work decodes and encodes variables until the jobs run out.
func (p *pipeline) work() {
	defer p.wg.Done()
	var dec matfile.Decoder
	enc := obs.NewEncoder()
	var buf []float64
	var cur struct {
		path  string
		f     *matfile.File
		close func()
		err   error
	}
	defer func() {
		if cur.close != nil {
			cur.close()
		}
	}()
	for job := range p.jobs {
		select {
		case <-p.cancel:
			return
		default:
		}
		if job.src.Path != cur.path {
			if cur.close != nil {
				cur.close()
			}
			cur.path = job.src.Path
			cur.f, cur.close, cur.err = openMat(&dec, job.src)
		}
		if job.err = cur.err; job.err == nil {
			buf, job.err = p.encodeVar(cur.f, job, enc, buf)
		}
		close(job.done)
	}
}

// encodeVar decodes the variable at job.offset into buf and encodes each
// of its selected signals.
func (p *pipeline) encodeVar(f *matfile.File, job *varJob, enc *obs.Encoder, buf []float64) ([]float64, error) {
	conv := p.opt.Converter
	v, err := f.At(job.offset)
	if err != nil {
		return buf, err
	}
	job.name = v.Name
	data, err := f.ReadFloat64(v, buf)
	if err != nil {
		return buf, err
	}
	signals, err := matfile.Signals(v, data, conv.Layout)
	if err != nil {
		return data, fmt.Errorf("%s: %w", display(job.src), err)
	}
	for _, s := range signals {
		if reason := conv.signalSkip(v.Name, s.Name); reason != "" {
			job.skipped = append(job.skipped, SkippedVar{Name: s.Name, Class: v.ClassName(),
				Shape: fmt.Sprintf("%dx1", len(s.Values)), Reason: reason})
			continue
		}
		job.signals = append(job.signals, encodedSignal{name: s.Name, values: enc.EncodeValues(s.Values),
			samples: int64(len(s.Values))})
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
