package pqfile

import (
	"math/bits"
	"slices"
)

// column is one column's page being filled and its chunk so far.
type column struct {
	Column
	// the page: values as appended (nulls only in defs)
	keys   []int32
	strs   []string
	ints   []int64
	floats []float64
	defs   []uint8
	// key columns: the dictionary, and the last value for repeated keys
	vocab []string
	index map[string]int32
	last  string
	lastI int32
	used  []bool // vocabulary entries used in the chunk
	// the chunk: encoded pages and what its metadata needs
	chunk               []byte
	uncompressed        int64
	dictUncompressedLen int64
	stats               Stats
}

func newColumn(c Column) *column {
	col := &column{Column: c, lastI: -1}
	if c.Kind == Key {
		col.vocab = slices.Compact(slices.Sorted(slices.Values(c.Vocab)))
		col.index = make(map[string]int32, len(col.vocab))
		for i, v := range col.vocab {
			col.index[v] = int32(i)
		}
		col.used = make([]bool, len(col.vocab))
	}
	return col
}

// key appends s, looking it up only when it differs from the last one.
func (c *column) key(s string) {
	if c.lastI < 0 || s != c.last {
		i, ok := c.index[s]
		if !ok {
			i = int32(len(c.vocab))
			c.vocab = append(c.vocab, s)
			c.index[s] = i
			c.used = append(c.used, false)
		}
		c.last, c.lastI = s, i
	}
	c.keys = append(c.keys, c.lastI)
}

// bitWidth is the width of dictionary indices (at least 1).
func (c *column) bitWidth() int { return max(1, bits.Len32(uint32(len(c.vocab)-1))) }

// pageValues is the number of rows in the page so far.
func (c *column) pageValues() int {
	switch c.Kind {
	case Key:
		return len(c.keys)
	case String:
		return len(c.strs)
	case Int32, Int64:
		return len(c.ints)
	case NullableDouble:
		return len(c.defs)
	}
	return len(c.floats)
}

// observe adds the page's values to the chunk statistics.
func (c *column) observe() {
	s := &c.stats
	switch c.Kind {
	case Key:
		for _, k := range c.keys {
			c.used[k] = true
		}
	case String:
		for _, v := range c.strs {
			s.addString(v)
		}
	case Int32, Int64:
		for _, v := range c.ints {
			if !s.HasMinMax {
				s.MinI, s.MaxI, s.HasMinMax = v, v, true
			}
			s.MinI, s.MaxI = min(s.MinI, v), max(s.MaxI, v)
		}
	case Double, NullableDouble:
		if c.Kind == NullableDouble {
			s.Nulls += int64(len(c.defs) - len(c.floats))
		}
		s.AddDoubles(c.floats)
	}
}

// keyStats sets a key chunk's min and max from the entries it used.
func (c *column) keyStats() {
	for i, u := range c.used {
		if u {
			c.stats.addString(c.vocab[i])
		}
	}
}

func (c *column) resetPage() {
	c.keys, c.strs, c.ints, c.floats, c.defs = c.keys[:0], c.strs[:0], c.ints[:0], c.floats[:0], c.defs[:0]
}

func (c *column) resetChunk() {
	c.chunk, c.uncompressed, c.dictUncompressedLen, c.stats = c.chunk[:0], 0, 0, Stats{}
	clear(c.used)
}
