// Package synth generates a synthetic, LUMO-like raw dataset: MAT files of
// column vectors ch1..chN, each a few minutes of a multi-channel
// accelerometer record, spread over weeks. The content is built to give
// every later stage something to find:
//
//   - structural modes: three sinusoids whose frequencies drift slowly
//     (a daily temperature cycle) with per-channel mode shapes;
//   - sensor noise on every channel;
//   - a slow linear trend on ch2 over the whole dataset;
//   - a step change on ch3 in the middle of the middle week's middle file,
//     where mode 1 also drops in frequency (a "damage" event), so that the
//     step shows inside one partition as well as across weeks;
//   - an impulsive channel (ch4: sparse spikes on noise);
//   - a dead channel (the last one: constant);
//   - optionally one corrupt (truncated) file.
//
// Everything is a deterministic function of the options and the seed.
package synth

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"time"

	"sp/lib/atomicfile"
	"sp/lib/matfile"
)

// Options describe the dataset.
type Options struct {
	Weeks        int
	FilesPerWeek int
	Channels     int
	Rate         float64 // samples per second
	Seconds      float64 // length of each file
	Seed         uint64
	Start        time.Time // first recording (default 2023-01-02, a Monday)
	Corrupt      bool      // truncate one file of the last week
	ZlibLevel    int       // v7 compression level (0: the writer's fastest; MATLAB uses 6)
}

// Defaults are small enough that the whole demo pipeline runs in seconds.
func Defaults() Options {
	return Options{Weeks: 3, FilesPerWeek: 4, Channels: 6, Rate: 100, Seconds: 600, Seed: 1,
		Start: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)}
}

// File is one raw file to write.
type File struct {
	Index    int       // 0-based over the dataset
	Week     int       // 0-based
	Time     time.Time // recording start; also the file's mtime
	RelPath  string    // e.g. 2023/01/synth_20230102_000000.mat
	Corrupt  bool      // write it truncated
	Channels [][]float64
}

// Check validates options.
func (o Options) Check() error {
	switch {
	case o.Weeks < 1, o.FilesPerWeek < 1:
		return fmt.Errorf("--weeks and --files-per-week must be at least 1")
	case o.Channels < 1:
		return fmt.Errorf("--channels must be at least 1")
	case o.Rate <= 0 || o.Seconds <= 0:
		return fmt.Errorf("--rate and --seconds must be positive")
	case o.Rate*o.Seconds < 2:
		return fmt.Errorf("--rate x --seconds gives fewer than 2 samples per file")
	case o.Rate*o.Seconds > 1<<31:
		return fmt.Errorf("--rate x --seconds is more than 2^31 samples per file")
	}
	return nil
}

// Files lists the dataset's files without their content.
func (o Options) Files() []File {
	week := 7 * 24 * time.Hour
	step := week / time.Duration(o.FilesPerWeek)
	var out []File
	for w := 0; w < o.Weeks; w++ {
		for k := 0; k < o.FilesPerWeek; k++ {
			t := o.Start.Add(time.Duration(w)*week + time.Duration(k)*step)
			out = append(out, File{
				Index:   len(out),
				Week:    w,
				Time:    t,
				RelPath: t.Format("2006/01/") + "synth_" + t.Format("20060102_150405") + ".mat",
				Corrupt: o.Corrupt && w == o.Weeks-1 && k == o.FilesPerWeek/2,
			})
		}
	}
	return out
}

// StepTime is when ch3 steps and mode 1 drops, in seconds after Start:
// half-way through the middle file of the middle week.
func (o Options) StepTime() float64 {
	week := 7 * 86400.0
	return float64(o.Weeks/2)*week + float64(o.FilesPerWeek/2)*week/float64(o.FilesPerWeek) + o.Seconds/2
}

// Fill computes f's channels.
func (o Options) Fill(f *File) {
	n := int(o.Rate * o.Seconds)
	rng := rand.New(rand.NewPCG(o.Seed, uint64(f.Index)+1))
	t0 := f.Time.Sub(o.Start).Seconds()
	total := float64(o.Weeks) * 7 * 86400
	// Mode frequencies of a tall structure, in Hz (kept below the Nyquist
	// frequency at low rates): windows then come out as long as on a real
	// tower record, a few hundred to a few thousand samples.
	modes := [3]float64{1.17, 3.4, 6.3}
	stepAt := o.StepTime()
	f.Channels = make([][]float64, o.Channels)
	for c := range f.Channels {
		x := make([]float64, n)
		for i := range x {
			t := t0 + float64(i)/o.Rate
			daily := 1 + 0.01*math.Sin(2*math.Pi*t/86400) // thermal drift of the modes
			var v float64
			for k, hz := range modes {
				freq := min(hz, (0.1+0.12*float64(k))*o.Rate) * daily
				if k == 0 && t >= stepAt {
					freq *= 0.97
				}
				shape := math.Sin(math.Pi * float64((k+1)*(c+1)) / float64(o.Channels+1))
				v += shape * math.Sin(2*math.Pi*freq*t+float64(k))
			}
			x[i] = v + 0.2*rng.NormFloat64()
		}
		o.special(c, x, t0, total, stepAt, rng)
		for i, v := range x { // a 24-bit ADC's grid: real records compress like this
			x[i] = math.Round(v*(1<<20)) / (1 << 20)
		}
		f.Channels[c] = x
	}
}

// special applies the per-channel features: trend, step, impulses, dead.
func (o Options) special(c int, x []float64, t0, total, stepAt float64, rng *rand.Rand) {
	switch {
	case c == o.Channels-1 && o.Channels >= 5:
		for i := range x {
			x[i] = 0.5 // dead sensor stuck at a constant
		}
	case c == 1:
		for i := range x {
			x[i] += 3 * (t0 + float64(i)/o.Rate) / total
		}
	case c == 2:
		for i := range x {
			if t0+float64(i)/o.Rate >= stepAt {
				x[i] += 4 // a sensor bias shift, large enough for the regime reports
			}
		}
	case c == 3:
		for i := range x {
			x[i] *= 0.1
			if rng.Float64() < 0.002 {
				x[i] += 8 * (1 + rng.Float64())
			}
		}
	}
}

// Write generates every file of the dataset under dir, in parallel over
// threads goroutines, each file written atomically and given its
// recording time as mtime. It returns the files written.
func (o Options) Write(dir string, format matfile.Format, threads int) ([]File, error) {
	files := o.Files()
	jobs := make(chan int)
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for range max(1, threads) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				errs[i] = o.writeFile(dir, &files[i], format)
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return files, errors.Join(errs...)
}

func (o Options) writeFile(dir string, f *File, format matfile.Format) error {
	o.Fill(f)
	path := filepath.Join(dir, filepath.FromSlash(f.RelPath))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	out, err := atomicfile.Create(path)
	if err != nil {
		return err
	}
	defer out.Abort()
	bw := bufio.NewWriterSize(out, 1<<20)
	mw, err := matfile.NewWriter(bw, format, binary.LittleEndian)
	if err != nil {
		return err
	}
	if o.ZlibLevel != 0 {
		if err := mw.SetCompressionLevel(o.ZlibLevel); err != nil {
			return err
		}
	}
	for c, x := range f.Channels {
		if err := mw.WriteFloat64(fmt.Sprintf("ch%d", c+1), []int{len(x), 1}, x); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if f.Corrupt { // a copy cut short: the last 40% is missing
		st, err := out.Stat()
		if err != nil {
			return err
		}
		if err := out.Truncate(st.Size() * 6 / 10); err != nil {
			return err
		}
	}
	f.Channels = nil
	if err := out.Commit(); err != nil {
		return err
	}
	return os.Chtimes(path, f.Time, f.Time)
}
