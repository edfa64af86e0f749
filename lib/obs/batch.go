package obs

// batch is the pair of buffers a row group is decoded into, batchRows
// rows each.
type batch struct{ idx, val []float64 }

// batches recycles the batch buffers of readGroup and readGroupRange: a
// stage that reads many signals (the manifold stage opens one reader per
// signal) would otherwise allocate and zero 1 MiB per signal and row
// group. A bounded free list rather than a sync.Pool, as for blobs: the
// pool drops its buffers at every GC. Buffers in use are still one per
// open signal; idle ones are at most cap(batches).
var batches = make(chan *batch, 16)

// getBatch returns a batch from the free list, or a new one.
func getBatch() *batch {
	select {
	case b := <-batches:
		return b
	default:
		return &batch{idx: make([]float64, batchRows), val: make([]float64, batchRows)}
	}
}

// putBatch hands b back; it must not be used afterwards.
func putBatch(b *batch) {
	select {
	case batches <- b:
	default: // the list is full: let the GC have it
	}
}
