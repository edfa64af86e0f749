package obs

import (
	"fmt"
	"os"
	"slices"

	"github.com/apache/arrow-go/v18/parquet/file"
)

// Clone opens another Reader of the same file for another goroutine,
// sharing this one's row group index and signal list (both read-only after
// Open). A stage that reads many signals at once (one cursor per signal)
// then reads the footer, which grows with the file's row groups, once
// rather than once per signal.
func (r *Reader) Clone() (*Reader, error) {
	f, err := os.Open(r.path)
	if err != nil {
		return nil, err
	}
	c := &Reader{path: r.path, f: f, ft: r.ft, props: readProps(), numRows: r.numRows,
		col: r.col, contiguous: r.contiguous, groups: r.groups, signals: r.signals}
	if r.ft.full != nil {
		c.pr, err = file.NewParquetReader(f, file.WithReadProps(c.props), file.WithMetadata(r.ft.full))
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", r.path, err)
		}
	}
	return c, nil
}

// positional reports whether the rows of signal k can be addressed by
// position (their rank in ReadSignal order) straight from the footer: the
// file declares sp-ingest's layout (one signal per row group, signal_0
// contiguous in row order) and every row group that may hold k holds only
// k. ReadTail then skips whole row groups by their row counts and decodes
// nothing before the first wanted row; otherwise it streams the signal.
func (r *Reader) positional(k Key) bool { return r.contiguous && r.allSingle(k) }

// ReadTail calls fn with the last n rows of signal k in ReadSignal order
// (all of them if it has fewer; nothing if the file lacks k). Memory: one
// batch on the positional path, a ring of n rows otherwise.
func (r *Reader) ReadTail(k Key, n int64, fn func(Chunk) error) error {
	if n <= 0 {
		return nil
	}
	if r.positional(k) {
		var rows int64
		for _, s := range r.signals {
			if s.Key == k {
				rows = s.Rows
			}
		}
		return r.readPositional(k, max(0, rows-n), n, fn)
	}
	return r.streamTail(k, n, fn)
}

// readPositional reads rows [from, from+n) of k from its single-signal row
// groups, skipping the row groups before from by their row counts and the
// leading rows of the first one inside the column reader.
func (r *Reader) readPositional(k Key, from, n int64, fn func(Chunk) error) error {
	var pos int64 // position of the current group's first row
	for g, info := range r.groups {
		if !info.single || info.key != k {
			continue
		}
		start, end := max(from, pos), min(from+n, pos+info.rows)
		if start < end {
			if err := r.readGroupRange(g, info, start-pos, end-start, fn); err != nil {
				return err
			}
		}
		pos += info.rows
		if pos >= from+n {
			break
		}
	}
	return nil
}

// readGroupRange emits rows [skip, skip+n) of single-signal row group g of
// a contiguous file; signal_0 comes from the footer's minimum.
func (r *Reader) readGroupRange(g int, info groupInfo, skip, n int64, fn func(Chunk) error) error {
	rg, err := r.rowGroup(g)
	if err != nil {
		return err
	}
	cr, err := rg.Column(r.col.value)
	if err != nil {
		return fmt.Errorf("%s: row group %d, column %s: %w", r.path, g, ColValue, err)
	}
	if skip > 0 {
		sk, ok := cr.(interface{ Skip(int64) (int64, error) })
		if !ok {
			return fmt.Errorf("%s: row group %d: column %s cannot skip rows", r.path, g, ColValue)
		}
		if _, err := sk.Skip(skip); err != nil {
			return r.rowErr(g, 0, ColValue, err)
		}
	}
	col := newFloatColumn(cr)
	buf := r.takeBatch()
	defer r.putBatch(buf)
	idx, val := buf.idx, buf.val
	for done := int64(0); done < n; {
		m := int(min(int64(batchRows), n-done))
		if err := col.read(val[:m]); err != nil {
			return r.rowErr(g, skip+done, ColValue, err)
		}
		base := info.firstIdx + float64(skip+done)
		for i := range m {
			idx[i] = base + float64(i)
		}
		if err := fn(Chunk{Index: idx[:m], Value: val[:m]}); err != nil {
			return err
		}
		done += int64(m)
	}
	return nil
}

// streamTail is ReadTail for any layout: a ring of the last n rows.
func (r *Reader) streamTail(k Key, n int64, fn func(Chunk) error) error {
	var idx, val []float64
	var seen int64
	err := r.ReadSignal(k, func(c Chunk) error {
		for i := range c.Index {
			if int64(len(idx)) < n {
				idx, val = append(idx, c.Index[i]), append(val, c.Value[i])
			} else {
				slot := seen % n
				idx[slot], val[slot] = c.Index[i], c.Value[i]
			}
			seen++
		}
		return nil
	})
	if err != nil || len(idx) == 0 {
		return err
	}
	if seen > n { // unroll the ring: the oldest row is at seen mod n
		cut := seen % n
		idx = slices.Concat(idx[cut:], idx[:cut])
		val = slices.Concat(val[cut:], val[:cut])
	}
	return fn(Chunk{Index: idx, Value: val})
}
