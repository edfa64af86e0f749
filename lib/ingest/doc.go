// Package ingest converts raw MAT files into one observations.parquet
// (pipeline.md §4, §6, §7.6) and reports what it read and skipped
// (ingest_report.json).
//
// Goroutines: a walker reads each file's variable headers in order (which
// finds truncated and malformed files before anything of them is
// written) and queues one job per selected variable; Threads workers take
// the jobs, from any file, and each decodes its variable with its own
// matfile.Decoder and encodes the signals' value columns with its own
// obs.Encoder: the expensive work (inflate, byte-stream-split, zstd) runs
// in parallel even within one file. The calling goroutine writes the
// encoded signals in file and variable order, so the output is
// byte-identical whatever the thread count. The walker runs a bounded
// number of variables ahead of the writer, so memory is a few variables'
// worth, never a file's or a partition's.
//
// A file contributes all of its rows or none: a file that fails before
// its first signal is written is simply skipped; one that fails later
// (corruption deep inside a compressed variable) makes the conversion
// start over without it, which gives the same bytes as if it had been
// skipped from the start.
package ingest
