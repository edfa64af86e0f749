package obs

import (
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// WriterOptions tunes the encoder. The zero value is the pipeline's default.
type WriterOptions struct {
	// ZstdLevel is the ZSTD level of every column (0: fastest, 1).
	ZstdLevel int
}

// Writer writes observations.parquet one signal of one raw file at a time.
// It numbers samples itself: signal_0 continues per signal across calls.
type Writer struct {
	fw      *file.Writer
	next    map[Key]int64
	order   []Key
	zeros   []byte // little-endian int32 zeros: dictionary index 0 for every row
	index   []float64
	written int64
}

// Batch of rows handed to one WriteBatch call of the column writers; large
// enough to amortise per-batch overhead, small enough to keep pages ~1 MiB.
const batchRows = 1 << 16

// NewWriter starts an observations file on w.
func NewWriter(w io.Writer, opt WriterOptions) (*Writer, error) {
	level := opt.ZstdLevel
	if level == 0 {
		level = 1
	}
	props := parquet.NewWriterProperties(
		parquet.WithCreatedBy("sp"),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(level),
		parquet.WithDictionaryDefault(false),
		parquet.WithDictionaryFor(ColCohort, true),
		parquet.WithDictionaryFor(ColSignalID, true),
		parquet.WithEncodingFor(ColSignal0, parquet.Encodings.ByteStreamSplit),
		parquet.WithEncodingFor(ColValue, parquet.Encodings.ByteStreamSplit),
		parquet.WithBatchSize(batchRows),
		parquet.WithStats(true),
	)
	meta := metadata.NewKeyValueMetadata()
	meta.Append(metaLayout, layoutContiguous)
	fw, err := file.NewParquetWriterWithError(writerOnly{w}, canonicalSchema(),
		file.WithWriterProps(props), file.WithWriteMetadata(meta))
	if err != nil {
		return nil, err
	}
	return &Writer{fw: fw, next: map[Key]int64{}}, nil
}

func canonicalSchema() *schema.GroupNode {
	str := func(name string) schema.Node {
		return schema.MustPrimitive(schema.NewPrimitiveNodeLogical(name, parquet.Repetitions.Required,
			schema.StringLogicalType{}, parquet.Types.ByteArray, -1, -1))
	}
	dbl := func(name string) schema.Node {
		return schema.NewFloat64Node(name, parquet.Repetitions.Required, -1)
	}
	return schema.MustGroup(schema.NewGroupNode("schema", parquet.Repetitions.Required,
		schema.FieldList{str(ColCohort), str(ColSignalID), dbl(ColSignal0), dbl(ColValue)}, -1))
}

// WriteSignal appends one row group: values of signal k, numbered on from
// the samples of k already written. Empty values write nothing.
func (w *Writer) WriteSignal(k Key, values []float64) error {
	if len(values) == 0 {
		return nil
	}
	if k.NullCohort {
		return fmt.Errorf("obs: %s: sp-ingest never writes a null cohort", k)
	}
	first, seen := w.next[k]
	if !seen {
		w.order = append(w.order, k)
	}
	rg, err := w.fw.AppendRowGroupChecked()
	if err != nil {
		return err
	}
	n := len(values)
	if err := w.writeConstantString(rg, k.Cohort, n); err != nil {
		return fmt.Errorf("obs: write %s column: %w", ColCohort, err)
	}
	if err := w.writeConstantString(rg, k.SignalID, n); err != nil {
		return fmt.Errorf("obs: write %s column: %w", ColSignalID, err)
	}
	if err := w.writeIndex(rg, first, n); err != nil {
		return fmt.Errorf("obs: write %s column: %w", ColSignal0, err)
	}
	if err := writeDoubles(rg, values); err != nil {
		return fmt.Errorf("obs: write %s column: %w", ColValue, err)
	}
	if err := rg.Close(); err != nil {
		return err
	}
	w.next[k] = first + int64(n)
	w.written += int64(n)
	return nil
}

// dictEncoder is the part of arrow-go's internal dictionary encoder used to
// seed a one-entry dictionary (the same calls pqarrow makes for arrow
// dictionary arrays).
type dictEncoder interface {
	PutDictionary(arrow.Array) error
	NumEntries() int
}

// writeConstantString writes n copies of s as dictionary index 0 into the
// next column, updating the column statistics from the dictionary, so no
// per-row hashing or copying of the string happens.
func (w *Writer) writeConstantString(rg file.SerialRowGroupWriter, s string, n int) error {
	col, err := rg.NextColumn()
	if err != nil {
		return err
	}
	cw := col.(*file.ByteArrayColumnChunkWriter)
	enc, ok := cw.CurrentEncoder().(dictEncoder)
	if !ok {
		return fmt.Errorf("column writer is not dictionary-encoding")
	}
	dict := array.NewStringBuilder(memory.DefaultAllocator)
	dict.Append(s)
	dictArr := dict.NewArray()
	defer dictArr.Release()
	if err := enc.PutDictionary(dictArr); err != nil {
		return err
	}
	if stats := cw.PageStatistics(); stats != nil {
		stats.IncNumValues(int64(n))
		if err := stats.UpdateFromArrow(dictArr, false); err != nil {
			return err
		}
	}
	if need := 4 * n; len(w.zeros) < need {
		w.zeros = make([]byte, need)
	}
	idx := array.NewInt32Data(array.NewData(arrow.PrimitiveTypes.Int32, n,
		[]*memory.Buffer{nil, memory.NewBufferBytes(w.zeros[:4*n])}, nil, 0, 0))
	defer idx.Release()
	if err := cw.WriteDictIndices(idx, nil, nil); err != nil {
		return err
	}
	return cw.Close()
}

func (w *Writer) writeIndex(rg file.SerialRowGroupWriter, first int64, n int) error {
	if cap(w.index) < batchRows {
		w.index = make([]float64, batchRows)
	}
	col, err := rg.NextColumn()
	if err != nil {
		return err
	}
	cw := col.(*file.Float64ColumnChunkWriter)
	for off := 0; off < n; off += batchRows {
		m := min(batchRows, n-off)
		buf := w.index[:m]
		base := float64(first + int64(off))
		for i := range buf {
			buf[i] = base + float64(i)
		}
		if _, err := cw.WriteBatch(buf, nil, nil); err != nil {
			return err
		}
	}
	return cw.Close()
}

func writeDoubles(rg file.SerialRowGroupWriter, values []float64) error {
	col, err := rg.NextColumn()
	if err != nil {
		return err
	}
	cw := col.(*file.Float64ColumnChunkWriter)
	for off := 0; off < len(values); off += batchRows {
		if _, err := cw.WriteBatch(values[off:min(off+batchRows, len(values))], nil, nil); err != nil {
			return err
		}
	}
	return cw.Close()
}

// Samples returns, per signal in first-written order, how many samples
// have been written.
func (w *Writer) Samples() []SignalCount {
	out := make([]SignalCount, len(w.order))
	for i, k := range w.order {
		out[i] = SignalCount{Key: k, Samples: w.next[k]}
	}
	return out
}

// SignalCount is a signal and its number of samples.
type SignalCount struct {
	Key     Key
	Samples int64
}

// Rows written so far.
func (w *Writer) Rows() int64 { return w.written }

// Close writes the footer. It does not close the underlying io.Writer.
func (w *Writer) Close() error { return w.fw.Close() }

// writerOnly hides an io.Closer from the parquet writer, which would
// otherwise close the caller's file.
type writerOnly struct{ io.Writer }

