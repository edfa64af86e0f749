package typology

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"

	"sp/lib/obs"
	"sp/lib/progress"
	"sp/lib/table"
)

// Options configure one run of the stage.
type Options struct {
	Input    string        // observations.parquet
	Output   string        // typology_raw.parquet
	Threads  int           // signals analysed at once (≥ 1)
	Progress progress.Mode // meter on Stderr counting signals
	Stderr   io.Writer     // progress and warnings; nil: discard
}

// Report summarises a run.
type Report struct {
	Signals    int // rows written
	SecondPass int // signals read twice
}

// Run computes one typology row per signal of opt.Input and writes
// typology_raw.parquet atomically, rows sorted by (cohort, signal_id)
// with a null cohort first. The bytes written do not depend on the number
// of threads: each worker has its own reader and analyzer and results are
// placed by signal index.
func Run(opt Options) (Report, error) {
	if opt.Stderr == nil {
		opt.Stderr = io.Discard
	}
	in, err := obs.Open(opt.Input) // its errors name the file
	if err != nil {
		return Report{}, err
	}
	signals := in.Signals()
	rows := make([]Row, len(signals))
	stats := make([]Stats, len(signals))
	meter := progress.New(opt.Stderr, opt.Progress, "sp-typology", "signals", int64(len(signals)))
	err = analyzeAll(in, opt, signals, rows, stats, meter)
	in.Close()
	meter.Finish()
	if err != nil {
		return Report{}, err
	}
	rep := Report{Signals: len(rows)}
	for _, st := range stats {
		if st.Warning != "" {
			fmt.Fprintf(opt.Stderr, "warning: %s\n", st.Warning)
		}
		if st.Passes > 1 {
			rep.SecondPass++
		}
	}
	rec := Record(rows)
	defer rec.Release()
	if err := table.WriteFile(opt.Output, rec, nil); err != nil {
		return Report{}, err
	}
	return rep, nil
}

// analyzeAll runs opt.Threads workers over the signals; worker 0 uses
// first, the others clone it (a reader each, one parsed footer). The first error (by signal
// index, so the message does not depend on scheduling) stops the run.
func analyzeAll(first *obs.Reader, opt Options, signals []obs.Signal, rows []Row, stats []Stats, meter *progress.Meter) error {
	workers := max(1, min(opt.Threads, len(signals)))
	errs := make([]error, len(signals))
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	openErr := make([]error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			r := first
			if w > 0 {
				var err error
				if r, err = first.Clone(); err != nil { // shares the parsed footer

					openErr[w] = err
					failed.Store(true)
					return
				}
				defer r.Close()
			}
			var an Analyzer
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(signals) {
					return
				}
				s := signals[i]
				row, st, err := an.Analyze(s.Key, s.Rows, ReaderSource(r, s.Key))
				if err != nil {
					errs[i] = fmt.Errorf("signal %s: %w", s.Key, err)
					failed.Store(true)
					return
				}
				rows[i], stats[i] = row, st
				meter.Add(1)
			}
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	for _, err := range openErr {
		if err != nil {
			return err
		}
	}
	return nil
}
