package matfile

import (
	"fmt"
	"strconv"
	"strings"
)

// Var describes one variable of a file: its metadata, and where its data
// is. Next returns it without reading the data; File.ReadFloat64 reads it.
type Var struct {
	Name  string
	Class Class
	// Dims are the MATLAB dimensions as stored; nil for opaque values,
	// and for MAT v4 sparse matrices those of the stored (nnz+1)x3 (or x4)
	// triplet matrix.
	Dims    []int
	Complex bool
	Logical bool
	Global  bool
	// ObjectClass is the class name of an object or opaque value (for
	// example "string" or "datetime"), "" for other variables.
	ObjectClass string
	// Compressed reports a MAT v7 variable stored in a zlib-compressed
	// (miCOMPRESSED) element.
	Compressed bool
	Offset     int64 // byte offset of the variable in the file
	Size       int64 // bytes the variable occupies in the file
	// Skip says why the variable holds no signal, "" if it does: a name
	// starting with "__", a class other than numeric, a complex array, or
	// fewer than 2 elements.
	Skip string

	file      *File
	n         int      // number of elements: the product of Dims
	stored    dataType // storage type of the real part
	dataOff   int64    // file offset of the real part's data; for a compressed variable, its offset in the decompressed element
	dataLen   int64    // bytes of the real part
	small     bool     // the real part is a small data element, held in smallData
	smallData [4]byte
	rawLen    int64 // decompressed size of a compressed element (tag included)
}

// Len returns the number of elements, the product of Dims.
func (v *Var) Len() int { return v.n }

// Kind returns the kind of the variable's class.
func (v *Var) Kind() Kind { return v.Class.Kind() }

// ClassName returns the name MATLAB's class() would give the variable:
// "logical" for logical arrays, the class name of objects and opaque
// values (such as "string"), otherwise the Class name.
func (v *Var) ClassName() string {
	switch {
	case v.Logical:
		return "logical"
	case v.ObjectClass != "":
		return v.ObjectClass
	}
	return v.Class.String()
}

// Shape returns the dimensions as MATLAB prints them, e.g. "990600x22";
// "" for opaque values, whose size the file does not record.
func (v *Var) Shape() string {
	s := make([]string, len(v.Dims))
	for i, d := range v.Dims {
		s[i] = strconv.Itoa(d)
	}
	return strings.Join(s, "x")
}

// skipReason returns why v holds no signal, "" if it does.
func skipReason(v *Var) string {
	switch {
	case strings.HasPrefix(v.Name, "__"):
		return "name starts with __ (MATLAB internal)"
	case v.Name == "":
		return "unnamed variable"
	}
	switch v.Kind() {
	case KindNumeric:
	case KindObject:
		return fmt.Sprintf("object of class %q", v.ObjectClass)
	case KindOpaque:
		return fmt.Sprintf("opaque value of class %q", v.ObjectClass)
	case KindSparse:
		return "sparse matrix"
	case KindChar:
		return "char array"
	case KindCell:
		return "cell array"
	case KindStruct:
		return "struct array"
	case KindFunction:
		return "function handle"
	}
	switch {
	case v.Complex:
		return "complex array (skipped, not reduced to its real part)"
	case v.n == 0:
		return "empty array"
	case v.n < 2:
		return "fewer than 2 elements"
	}
	return ""
}
