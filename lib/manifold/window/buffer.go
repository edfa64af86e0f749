package window

// Buffer keeps the most recent samples of one signal, contiguous, so that
// every window's engine input is a slice without copying. Appending past
// the capacity first drops the positions the caller released, moving the
// rest to the front; its size is therefore bounded by the longest window
// plus one appended chunk.
type Buffer struct {
	start int64     // position of values[0]
	index []float64 // signal_0
	value []float64
}

// Reset empties the buffer; the next appended sample has position start.
func (b *Buffer) Reset(start int64) {
	b.start, b.index, b.value = start, b.index[:0], b.value[:0]
}

// Start is the position of the oldest sample held.
func (b *Buffer) Start() int64 { return b.start }

// End is the position after the newest sample held.
func (b *Buffer) End() int64 { return b.start + int64(len(b.value)) }

// Append adds samples at the next positions.
func (b *Buffer) Append(index, value []float64) {
	b.index = append(b.index, index...)
	b.value = append(b.value, value...)
}

// Release drops the samples before position keep (when that frees at
// least half of the buffer, so the copying stays linear overall).
func (b *Buffer) Release(keep int64) {
	drop := int(min(keep-b.start, int64(len(b.value))))
	if drop <= 0 || 2*drop < len(b.value) {
		return
	}
	n := copy(b.value, b.value[drop:])
	copy(b.index, b.index[drop:])
	b.value, b.index = b.value[:n], b.index[:n]
	b.start += int64(drop)
}

// Values returns the values at positions [from, to] (inclusive); the
// caller makes sure they are held.
func (b *Buffer) Values(from, to int64) []float64 {
	return b.value[from-b.start : to-b.start+1]
}

// Index returns signal_0 at position p.
func (b *Buffer) Index(p int64) float64 { return b.index[p-b.start] }

// Indexes returns signal_0 at positions [from, to] (inclusive).
func (b *Buffer) Indexes(from, to int64) []float64 {
	return b.index[from-b.start : to-b.start+1]
}
