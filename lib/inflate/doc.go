// Package inflate decompresses zlib streams (RFC 1950/1951) with libdeflate,
// vendored as C source in third_party/libdeflate and compiled by cgo, so no
// system library is needed.
//
// libdeflate decodes a whole stream into a buffer whose size the caller
// knows in advance; it is several times faster than the streaming Go
// decoders (compress/zlib, klauspost/compress) because it never has to stop
// at a buffer boundary. Callers that do not know the decompressed size
// learn it from the container (a MAT-file element tag, for instance) and
// bound it before allocating.
//
// Built without cgo (CGO_ENABLED=0), Zlib falls back to klauspost/compress
// with the same results and errors, at about a third of the speed.
//
// libdeflate is slightly more lenient than zlib (and compress/zlib) on
// malformed Huffman tables that no compressor writes: an empty or
// single-symbol distance code that a match then uses, distance symbols
// 30-31 and length symbols 286-287 decode (as distance 1 or the nearest
// valid symbol) where zlib reports an invalid code. The Adler-32 of the
// output is always checked, so such a stream is accepted only if its
// output matches the checksum it carries; data corrupted after writing
// still fails. FuzzZlib checks both halves of that statement.
//
// Zlib is safe for concurrent use: each call takes a decompressor from a
// small free list (or allocates one) and returns it afterwards, so
// goroutines never share decoder state.
package inflate
