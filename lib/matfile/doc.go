// Package matfile reads MATLAB MAT files (v4, v5 and v7, little- and
// big-endian) one variable at a time, and writes them.
//
// Reading follows scipy.io.loadmat(path, squeeze_me=True), the reference
// implementation's loader: numeric variables of every class load as the
// class's values (whatever smaller type MATLAB stored them in), logical
// arrays as 0/1, names starting with "__" and non-numeric, complex and
// one-element variables are skipped with a reason (Var.Skip). MAT v7.3
// (HDF5) files and non-MAT files are refused (ErrHDF5, ErrNotMAT).
//
//	f, err := matfile.Open(path)
//	defer f.Close()
//	for {
//		v, err := f.Next() // metadata only; io.EOF after the last variable
//		...
//		if v.Skip != "" {
//			continue // not read: skipping costs nothing
//		}
//		data, err = f.ReadFloat64(v, data) // column-major float64
//		signals, err := matfile.Signals(v, data, matfile.Columns)
//	}
//
// Where scipy's result depends on malformed input, this reader refuses or
// normalises instead, and says so: a duplicate variable name is an error
// (scipy keeps the last value); a class stored in a type that MATLAB never
// uses for it and that would need a lossy conversion (int8 stored as
// miINT16, single as miDOUBLE, ...) is an error (scipy returns the stored
// values); a logical array storing values other than 0 and 1 loads as 0/1
// (scipy returns the stored bytes); a data element whose size is not
// exactly what the dimensions need is an error.
//
// Memory is bounded by the largest variable, never by the file: Next reads
// one variable's header, ReadFloat64 one variable's data. Every size read
// from the file is checked against what the file (or, for a compressed
// variable, its decompressed stream) holds before anything is allocated,
// so corrupt input gives a FormatError naming the file, variable and byte
// offset, never a panic or a huge allocation.
//
// Compressed (v7) variables are decompressed with libdeflate (package
// inflate) in one call into a buffer of the size the element's inner tag
// declares, read from the first bytes of the stream with compress/zlib.
// A Decoder keeps those buffers for reuse across variables and files.
// Nothing here starts goroutines: a caller decoding files in parallel
// gives each goroutine its own Decoder, and passes its own dst buffers to
// ReadFloat64 so that decoded data can travel to another goroutine.
//
// Writer writes numeric (and for tests char, complex and logical) arrays
// in any of the formats, deterministically; V7 compresses with
// klauspost/compress.
package matfile
