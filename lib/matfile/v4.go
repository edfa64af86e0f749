package matfile

import (
	"encoding/binary"
	"strings"
)

// MAT v4 variable header: five int32 in the file's byte order.
const v4HeaderSize = 20

// maxNameLen bounds variable, field and class names (MATLAB allows 63
// characters); longer ones are taken for corruption.
const maxNameLen = 4096

// v4Types maps the P digit of a v4 type code to a storage type.
var v4Types = [...]dataType{0: miDOUBLE, 1: miSINGLE, 2: miINT32, 3: miINT16, 4: miUINT16, 5: miUINT8}

// openV4 sets up a v4 file: the byte order is the one in which the first
// type code reads as a number below 5000 (as scipy guesses it), and the
// first variable header must be valid, or the file is not a MAT file.
func (f *File) openV4(head []byte) error {
	f.Version = 4
	if mopt := int32(binary.LittleEndian.Uint32(head)); mopt >= 0 && mopt < 5000 {
		f.ByteOrder, f.le = binary.LittleEndian, true
	} else {
		f.ByteOrder = binary.BigEndian
	}
	if _, err := f.nextV4(0); err != nil {
		// A header that makes no sense means another kind of file; one
		// that does (its name was read) means a damaged v4 file.
		if fe, ok := err.(*FormatError); ok && fe.Err == nil && fe.Var == "" {
			fe.Msg = "not a MAT v5 file, nor a valid MAT v4 file: " + fe.Msg
			fe.Err = ErrNotMAT
		}
		return err
	}
	return nil
}

// nextV4 reads the header of the v4 variable at off.
func (f *File) nextV4(off int64) (*Var, error) {
	v := &Var{Offset: off}
	if rem := f.size - off; rem < v4HeaderSize {
		return nil, f.errorf(off, nil, "truncated variable header: %d bytes left, a MAT v4 header needs %d", rem, v4HeaderSize)
	}
	var h [v4HeaderSize]byte
	if err := f.readAt(h[:], off, ""); err != nil {
		return nil, err
	}
	get := func(i int) int32 { return int32(f.ByteOrder.Uint32(h[4*i:])) }
	mopt, mrows, ncols, imagf, namlen := get(0), get(1), get(2), get(3), get(4)
	if mopt < 0 || mopt >= 5000 {
		return nil, f.errorf(off, nil, "type code %d is not a MAT v4 type code (0..4999)", mopt)
	}
	m, o, p, t := mopt/1000, mopt/100%10, mopt/10%10, mopt%10
	switch {
	case m > 1:
		return nil, f.errorf(off, nil, "type code %d: VAX and Cray number formats are not supported", mopt)
	case o != 0:
		return nil, f.errorf(off, nil, "type code %d: third digit must be 0", mopt)
	case int(p) >= len(v4Types):
		return nil, f.errorf(off, nil, "type code %d: unknown data type %d", mopt, p)
	case t > 2:
		return nil, f.errorf(off, nil, "type code %d: unknown matrix type %d", mopt, t)
	case mrows < 0 || ncols < 0:
		return nil, f.errorf(off, nil, "negative dimensions %dx%d", mrows, ncols)
	case imagf != 0 && imagf != 1:
		return nil, f.errorf(off, nil, "complex flag is %d, not 0 or 1", imagf)
	case namlen < 1 || namlen > maxNameLen:
		return nil, f.errorf(off, nil, "name length %d out of range 1..%d", namlen, maxNameLen)
	case int64(namlen) > f.size-off-v4HeaderSize:
		return nil, f.errorf(off, nil, "name of %d bytes runs past the end of the file", namlen)
	}
	name := make([]byte, namlen)
	if err := f.readAt(name, off+v4HeaderSize, ""); err != nil {
		return nil, err
	}
	v.Name = latin1(strings.Trim(string(name), "\x00"))
	v.Class = [...]Class{ClassDouble, ClassChar, ClassSparse}[t]
	v.Dims = []int{int(mrows), int(ncols)}
	v.Complex = imagf == 1
	n := int64(mrows) * int64(ncols) // both below 2^31: no overflow
	v.stored = v4Types[p]
	v.dataOff = off + v4HeaderSize + int64(namlen)
	v.dataLen = n * int64(v.stored.size())
	total := v.dataLen
	if v.Complex && v.Class != ClassSparse { // scipy: sparse data sizes ignore the flag
		total *= 2
	}
	if rem := f.size - v.dataOff; total > rem {
		return nil, f.varErrorf(v, off, nil, "dims %s need %d bytes of %v, only %d remain in the file (truncated?)", v.Shape(), total, v.stored, rem)
	}
	v.n = int(n) // at most the file size
	v.Size = v.dataOff + total - off
	return v, nil
}

// latin1 decodes ISO 8859-1 text (scipy's decoding of names) to UTF-8.
func latin1(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			r := make([]rune, len(s))
			for j := 0; j < len(s); j++ {
				r[j] = rune(s[j])
			}
			return string(r)
		}
	}
	return s
}
