// Package ingest converts raw MAT files into one observations.parquet
// (pipeline.md §4, §6, §7.6) and reports what it read and skipped
// (ingest_report.json).
//
// Goroutines: a dispatcher hands files, in order, to Threads workers.
// Each worker walks its file's variables (which finds truncated and
// malformed files before anything is emitted), decodes the selected ones
// one at a time with its own matfile.Decoder and encodes each signal's
// value column with its own obs.Encoder: the expensive work (inflate,
// byte-stream-split, zstd) runs in parallel. The calling goroutine writes
// the encoded signals in file order, so the output is byte-identical
// whatever the thread count. Workers ahead of the writer may hold encoded
// signals up to a byte budget; the worker of the file being written never
// waits on it, so memory is bounded by the budget plus one variable per
// worker, never by the partition.
//
// A file contributes all of its rows or none: a file that fails before
// its first signal is written is simply skipped; one that fails later
// (corruption deep inside a compressed variable) makes the conversion
// start over without it, which gives the same bytes as if it had been
// skipped from the start.
package ingest
