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

// result is one message from a file's worker: an encoded signal, or the
// file's final report, or its error.
type result struct {
	cohort, signal string
	values         *obs.EncodedValues
	file           *FileReport
	err            error
}

// pipeline runs the workers of one conversion attempt.
type pipeline struct {
	sources  []Source
	excluded map[int]string
	opt      Options
	chans    []chan result
	budget   *budget
	next     int // next file to hand out
	mu       sync.Mutex
	cancel   chan struct{}
	wg       sync.WaitGroup
}

func startWorkers(sources []Source, excluded map[int]string, opt Options) *pipeline {
	p := &pipeline{sources: sources, excluded: excluded, opt: opt, cancel: make(chan struct{}),
		chans: make([]chan result, len(sources)), budget: newBudget(opt.BufferBytes)}
	for i := range p.chans {
		p.chans[i] = make(chan result, 16)
	}
	for range opt.Threads {
		p.wg.Add(1)
		go p.worker()
	}
	return p
}

// results is the channel of file i, read by the writer.
func (p *pipeline) results(i int) <-chan result {
	p.budget.setHead(i)
	return p.chans[i]
}

// stop cancels the workers and waits for them.
func (p *pipeline) stop() {
	close(p.cancel)
	p.budget.cancel()
	p.wg.Wait()
}

func (p *pipeline) take() (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for p.next < len(p.sources) {
		i := p.next
		p.next++
		if _, skip := p.excluded[i]; !skip {
			return i, true
		}
	}
	return 0, false
}

func (p *pipeline) worker() {
	defer p.wg.Done()
	var dec matfile.Decoder
	enc := obs.NewEncoder()
	var buf []float64
	for {
		i, ok := p.take()
		if !ok {
			return
		}
		out := p.chans[i]
		send := func(r result) bool {
			select {
			case out <- r:
				return true
			case <-p.cancel:
				return false
			}
		}
		fr, err := p.convertFile(i, &dec, enc, &buf, send)
		if err == errCancelled {
			return
		}
		if !send(result{file: fr, err: err}) {
			return
		}
	}
}

var errCancelled = fmt.Errorf("cancelled")

// convertFile walks file i's variables (finding a truncated or malformed
// file before anything is sent), then decodes, encodes and sends its
// selected signals one variable at a time.
func (p *pipeline) convertFile(i int, dec *matfile.Decoder, enc *obs.Encoder, buf *[]float64, send func(result) bool) (*FileReport, error) {
	src, conv := p.sources[i], p.opt.Converter
	osf, err := os.Open(src.Path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", display(src), unwrapPath(err))
	}
	defer osf.Close()
	st, err := osf.Stat()
	if err != nil {
		return nil, err
	}
	// Errors name the file as the report does (relative to raw_dir), so a
	// partition folder never records an absolute path.
	f, err := dec.NewReader(osf, st.Size(), display(src))
	if err != nil {
		return nil, err
	}
	var vars []*matfile.Var
	for {
		v, err := f.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		vars = append(vars, v)
	}
	fr := &FileReport{Path: display(src), Cohort: conv.Cohort(src.Path), Signals: []FileSignal{}}
	seen := map[string]string{}
	for _, v := range conv.order(vars) {
		if reason := conv.variableSkip(v); reason != "" {
			fr.SkippedVariables = append(fr.SkippedVariables, SkippedVar{Name: v.Name, Class: v.ClassName(), Shape: v.Shape(), Reason: reason})
			continue
		}
		data, err := f.ReadFloat64(v, *buf)
		if err != nil {
			return nil, err
		}
		*buf = data
		signals, err := matfile.Signals(v, data, conv.Layout)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", src.Path, err)
		}
		for _, s := range signals {
			if reason := conv.signalSkip(v.Name, s.Name); reason != "" {
				fr.SkippedVariables = append(fr.SkippedVariables, SkippedVar{Name: s.Name, Class: v.ClassName(), Shape: fmt.Sprintf("%dx1", len(s.Values)), Reason: reason})
				continue
			}
			if from, dup := seen[s.Name]; dup {
				fr.Warnings = append(fr.Warnings, fmt.Sprintf("signal %q of variable %q repeats one of variable %q; dropped", s.Name, v.Name, from))
				continue
			}
			seen[s.Name] = v.Name
			ev := enc.EncodeValues(s.Values)
			if !p.budget.acquire(i, ev.Bytes()) || !send(result{cohort: fr.Cohort, signal: s.Name, values: ev}) {
				return nil, errCancelled
			}
			fr.Signals = append(fr.Signals, FileSignal{SignalID: s.Name, Samples: int64(len(s.Values))})
		}
	}
	return fr, nil
}

// budget bounds the bytes of encoded signals waiting for the writer: all
// workers together hold at most limit, and the worker of the head file
// (the one being written), which must never wait on the others lest the
// writer stall, at most headLimit of its own.
type budget struct {
	mu        sync.Mutex
	cond      *sync.Cond
	limit     int64
	headLimit int64
	used      int64
	perFile   map[int]int64
	head      int
	cancelled bool
}

func newBudget(limit int64) *budget {
	b := &budget{limit: limit, headLimit: max(limit/4, 1), perFile: map[int]int64{}}
	b.cond = sync.NewCond(&b.mu)
	return b
}

func (b *budget) acquire(file int, n int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	for !b.cancelled && !b.fits(file, n) {
		b.cond.Wait()
	}
	b.used += n
	b.perFile[file] += n
	return !b.cancelled
}

// fits says whether file may hold n more bytes; a file holding nothing
// may always take one signal, however large.
func (b *budget) fits(file int, n int64) bool {
	own := b.perFile[file]
	if file == b.head {
		return own == 0 || own+n <= b.headLimit
	}
	return b.used == 0 || b.used+n <= b.limit
}

func (b *budget) release(file int, n int64) {
	b.mu.Lock()
	b.used -= n
	if b.perFile[file] -= n; b.perFile[file] == 0 {
		delete(b.perFile, file)
	}
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) setHead(i int) {
	b.mu.Lock()
	b.head = i
	b.mu.Unlock()
	b.cond.Broadcast()
}

func (b *budget) cancel() {
	b.mu.Lock()
	b.cancelled = true
	b.mu.Unlock()
	b.cond.Broadcast()
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
