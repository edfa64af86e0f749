package dynamics

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
)

// recordSize is the spilled size of a Point: five 8-byte fields.
const recordSize = 40

// Spill collects one series in a temporary file. The file is unlinked as
// soon as it is created (where the system allows it), so nothing is left
// behind even if the process is killed.
type Spill struct {
	f    *os.File
	w    *bufio.Writer
	n    int
	name string
	buf  [recordSize]byte
}

// NewSpill creates the temporary file in dir, named by pattern as
// os.CreateTemp does.
func NewSpill(dir, pattern string) (*Spill, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, fmt.Errorf("geometry_dynamics spill: %w", err)
	}
	s := &Spill{f: f, w: bufio.NewWriterSize(f, 1<<16), name: f.Name()}
	if os.Remove(f.Name()) == nil {
		s.name = ""
	}
	return s, nil
}

// Len is the number of points spilled since the last Reset.
func (s *Spill) Len() int { return s.n }

// Add appends a point.
func (s *Spill) Add(p Point) error {
	b := s.buf[:]
	binary.LittleEndian.PutUint64(b[0:], uint64(p.WindowIndex))
	binary.LittleEndian.PutUint64(b[8:], math.Float64bits(p.End))
	binary.LittleEndian.PutUint64(b[16:], math.Float64bits(p.EffectiveDim))
	binary.LittleEndian.PutUint64(b[24:], math.Float64bits(p.Eigenvalue1))
	binary.LittleEndian.PutUint64(b[32:], math.Float64bits(p.TotalVariance))
	if _, err := s.w.Write(b); err != nil {
		return s.fail(err)
	}
	s.n++
	return nil
}

// Derive computes the spilled series' rows in two passes over the file
// (see Derive for slices) and then empties the spill for the next series.
func (s *Spill) Derive(emit func(Row) error) error {
	if err := s.w.Flush(); err != nil {
		return s.fail(err)
	}
	var readErr error
	open := func() func() (Point, error) {
		if _, err := s.f.Seek(0, io.SeekStart); err != nil {
			readErr = err
		}
		r := bufio.NewReaderSize(s.f, 1<<16)
		var b [recordSize]byte
		return func() (Point, error) {
			if readErr != nil {
				return Point{}, s.fail(readErr)
			}
			if _, err := io.ReadFull(r, b[:]); err != nil {
				return Point{}, s.fail(err)
			}
			return Point{
				WindowIndex:   int64(binary.LittleEndian.Uint64(b[0:])),
				End:           math.Float64frombits(binary.LittleEndian.Uint64(b[8:])),
				EffectiveDim:  math.Float64frombits(binary.LittleEndian.Uint64(b[16:])),
				Eigenvalue1:   math.Float64frombits(binary.LittleEndian.Uint64(b[24:])),
				TotalVariance: math.Float64frombits(binary.LittleEndian.Uint64(b[32:])),
			}, nil
		}
	}
	if err := twoPass(s.n, open, emit); err != nil {
		return err
	}
	return s.reset()
}

func (s *Spill) reset() error {
	s.n = 0
	if err := s.f.Truncate(0); err != nil {
		return s.fail(err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return s.fail(err)
	}
	s.w.Reset(s.f)
	return nil
}

func (s *Spill) fail(err error) error {
	return fmt.Errorf("geometry_dynamics spill file in %s: %w", s.f.Name(), err)
}

// Close releases (and, if still linked, removes) the file.
func (s *Spill) Close() error {
	err := s.f.Close()
	if s.name != "" {
		if rerr := os.Remove(s.name); err == nil {
			err = rerr
		}
	}
	return err
}
