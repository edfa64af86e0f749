package obs

// batch is the pair of buffers a row group is decoded into, batchRows
// rows each.
type batch struct{ idx, val []float64 }

// takeBatch returns the Reader's batch buffers, allocating them on first
// use; putBatch gives them back for the Reader's next row group. A Reader
// thus decodes every row group into the same 1 MiB instead of allocating
// (and zeroing) it per row group, and holds it until it is closed: one
// batch per open signal, as before. A nested read (from a callback) finds
// none and allocates its own.
func (r *Reader) takeBatch() *batch {
	b := r.batch
	r.batch = nil
	if b == nil {
		b = &batch{idx: make([]float64, batchRows), val: make([]float64, batchRows)}
	}
	return b
}

func (r *Reader) putBatch(b *batch) { r.batch = b }
