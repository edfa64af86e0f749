package obs

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"

	"sp/lib/pqfile"
)

// A parsed footer costs about 2.4 KB per row group (a Go object per column
// chunk, its statistics and encodings); sp-ingest writes one row group per
// raw file and signal, so the footer of a long recording is thousands of
// row groups. A Reader does not keep it: Open builds its own index of the
// row groups (groupInfo), remembers where each row group's entry lies in
// the serialized footer, and keeps only the footer's other fields (schema,
// key/value metadata, created_by: the same for every row group). To read a
// row group it re-reads that one entry from the file and parses a footer
// of a single row group: about 20 µs per row group, next to the ~10 ms of
// decoding one of sp-ingest's (a 10-minute file of one signal).
type footer struct {
	size   int64    // of the file (arrow-go's source size)
	start  int64    // file offset of the serialized FileMetaData
	prefix []byte   // fields before the row groups, through the list's field header
	suffix []byte   // fields after the row groups, through the struct's end
	bounds []uint32 // row group g is footer bytes [bounds[g], bounds[g+1])

	// full is set instead when the footer could not be split (encrypted
	// footers): the Reader then keeps arrow-go's parse, as before.
	full *metadata.FileMetaData
}

// splitFooter locates the row groups of f's footer, already parsed by
// arrow-go into md. Any surprise (a footer this package's small Thrift
// reader does not understand exactly as arrow-go did) keeps md whole.
func splitFooter(f *os.File, md *metadata.FileMetaData) *footer {
	ft, err := readFooterLayout(f, md)
	if err != nil {
		return &footer{full: md}
	}
	return ft
}

func readFooterLayout(f *os.File, md *metadata.FileMetaData) (*footer, error) {
	if md.IsSetEncryptionAlgorithm() {
		return nil, errors.New("encrypted")
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return nil, err
	}
	var tail [8]byte
	if size < 8 {
		return nil, errors.New("short file")
	}
	if _, err := f.ReadAt(tail[:], size-8); err != nil {
		return nil, err
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if string(tail[4:]) != "PAR1" || n+8 > size {
		return nil, errors.New("no plain footer")
	}
	buf := make([]byte, n)
	if _, err := f.ReadAt(buf, size-8-n); err != nil {
		return nil, err
	}
	sp, err := pqfile.SplitFooter(buf)
	if err != nil {
		return nil, err
	}
	if len(sp.Bounds)-1 != md.NumRowGroups() || sp.End != md.Size() {
		return nil, errors.New("footer layout differs from arrow-go's parse")
	}
	return &footer{
		size:   size,
		start:  size - 8 - n,
		prefix: append([]byte(nil), buf[:sp.ListAt]...),
		suffix: append([]byte(nil), buf[sp.ElemsEnd:sp.End]...),
		bounds: sp.Bounds,
	}, nil
}

// rowGroup returns a reader of row group g.
func (r *Reader) rowGroup(g int) (*file.RowGroupReader, error) {
	if r.pr != nil {
		return r.pr.RowGroup(g), nil
	}
	ft := r.ft
	lo, hi := ft.bounds[g], ft.bounds[g+1]
	b := append(r.entry[:0], ft.prefix...)
	b = append(b, 1<<4|pqfile.ElemStruct) // a list of one struct
	at := len(b)
	b = append(b, make([]byte, hi-lo)...)
	if _, err := r.f.ReadAt(b[at:], ft.start+int64(lo)); err != nil {
		return nil, fmt.Errorf("%s: row group %d: reading its footer entry: %w", r.path, g, err)
	}
	b = append(b, ft.suffix...)
	r.entry = b
	md, err := metadata.NewFileMetaData(b, nil)
	if err != nil {
		return nil, fmt.Errorf("%s: row group %d: %w", r.path, g, err)
	}
	md.SetSourceFileSize(ft.size)
	pr, err := file.NewParquetReader(r.f, file.WithReadProps(r.props), file.WithMetadata(md))
	if err != nil {
		return nil, fmt.Errorf("%s: row group %d: %w", r.path, g, err)
	}
	return pr.RowGroup(0), nil
}
