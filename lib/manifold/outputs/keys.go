package outputs

import (
	"slices"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// keyColumn builds a string key column (cohort, signal_id, engine, kind,
// name) as int32 indices into a dictionary fixed for the whole file: its
// vocabulary, known from the layout before the first row. The parquet
// writer takes such a column's indices as they are, where it hashed every
// string of a plain column; since every record of a row group carries the
// same dictionary, the row group stays dictionary-encoded. Readers see
// the same strings (the file's stored arrow schema says string).
type keyColumn struct {
	index map[string]int32
	// The previous row's value and its index (−1 before the first row):
	// keys come in runs (cohort, engine and kind change rarely), which then
	// skip the map.
	last  string
	lastI int32
	vocab []string
	dict  arrow.Array // vocab as a string array; nil until needed
	b     *array.Int32Builder
}

// keyType is the arrow type of a key column in the written records.
var keyType = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// newKeyColumn returns a key column over vocab (sorted, duplicates
// dropped, so that the dictionary depends only on the set of values).
func newKeyColumn(vocab []string) *keyColumn {
	vocab = slices.Compact(slices.Sorted(slices.Values(vocab)))
	k := &keyColumn{index: make(map[string]int32, len(vocab)), vocab: vocab,
		lastI: -1, b: array.NewInt32Builder(memory.DefaultAllocator)}
	for i, v := range vocab {
		k.index[v] = int32(i)
	}
	return k
}

// Append adds one row.
func (k *keyColumn) Append(s string) {
	if k.lastI < 0 || s != k.last {
		i, ok := k.index[s]
		if !ok {
			i = k.add(s)
		}
		k.last, k.lastI = s, i
	}
	k.b.Append(k.lastI)
}

// add extends the vocabulary with a value the layout did not list. The
// dictionary then differs from the one the row group started with, so the
// parquet writer falls back to plain encoding for the rest of the row
// group: slower, and the same values.
func (k *keyColumn) add(s string) int32 {
	i := int32(len(k.vocab))
	k.vocab = append(k.vocab, s)
	k.index[s] = i
	if k.dict != nil {
		k.dict.Release()
		k.dict = nil
	}
	return i
}

// newArray returns the rows appended since the last call as a dictionary
// array, and starts the next batch.
func (k *keyColumn) newArray() arrow.Array {
	if k.dict == nil {
		b := array.NewStringBuilder(memory.DefaultAllocator)
		defer b.Release()
		b.AppendValues(k.vocab, nil)
		k.dict = b.NewArray()
	}
	idx := k.b.NewArray()
	defer idx.Release()
	return array.NewDictionaryArray(keyType, idx, k.dict)
}

// release frees the builder and the dictionary.
func (k *keyColumn) release() {
	k.b.Release()
	if k.dict != nil {
		k.dict.Release()
	}
}
