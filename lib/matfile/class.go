package matfile

import "fmt"

// Class is a MATLAB array class, numbered as in the MAT v5 array flags
// (mxDOUBLE_CLASS = 6 and so on). MAT v4 files know only full numeric
// matrices (ClassDouble), text (ClassChar) and sparse (ClassSparse).
type Class uint8

// The MAT v5 array classes.
const (
	ClassCell     Class = 1
	ClassStruct   Class = 2
	ClassObject   Class = 3
	ClassChar     Class = 4
	ClassSparse   Class = 5
	ClassDouble   Class = 6
	ClassSingle   Class = 7
	ClassInt8     Class = 8
	ClassUint8    Class = 9
	ClassInt16    Class = 10
	ClassUint16   Class = 11
	ClassInt32    Class = 12
	ClassUint32   Class = 13
	ClassInt64    Class = 14
	ClassUint64   Class = 15
	ClassFunction Class = 16 // function handle
	ClassOpaque   Class = 17 // MCOS objects, e.g. string, datetime, table
	// ClassObjectH is the object class code of MATLAB's matrix.h (18); it
	// appears in some files in place of ClassObject.
	ClassObjectH Class = 18
)

var classNames = [...]string{
	ClassCell: "cell", ClassStruct: "struct", ClassObject: "object",
	ClassChar: "char", ClassSparse: "sparse", ClassDouble: "double",
	ClassSingle: "single", ClassInt8: "int8", ClassUint8: "uint8",
	ClassInt16: "int16", ClassUint16: "uint16", ClassInt32: "int32",
	ClassUint32: "uint32", ClassInt64: "int64", ClassUint64: "uint64",
	ClassFunction: "function_handle", ClassOpaque: "opaque",
	ClassObjectH: "object",
}

// String returns MATLAB's name of the class ("double", "cell", ...).
func (c Class) String() string {
	if int(c) < len(classNames) && classNames[c] != "" {
		return classNames[c]
	}
	return fmt.Sprintf("class(%d)", uint8(c))
}

// Numeric reports whether c is one of the ten numeric classes.
func (c Class) Numeric() bool { return c >= ClassDouble && c <= ClassUint64 }

func (c Class) valid() bool { return c >= ClassCell && c <= ClassObjectH }

// Kind groups the classes by what a reader can do with them.
type Kind uint8

// The kinds of variables. Only KindNumeric variables (logical ones
// included) hold signals.
const (
	KindNumeric Kind = iota
	KindChar
	KindCell
	KindStruct
	KindObject
	KindSparse
	KindFunction
	KindOpaque
)

var kindNames = [...]string{
	KindNumeric: "numeric", KindChar: "char", KindCell: "cell",
	KindStruct: "struct", KindObject: "object", KindSparse: "sparse",
	KindFunction: "function handle", KindOpaque: "opaque",
}

// String returns the kind's name ("numeric", "cell", "function handle", ...).
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", uint8(k))
}

// Kind returns the kind of the class.
func (c Class) Kind() Kind {
	switch c {
	case ClassCell:
		return KindCell
	case ClassStruct:
		return KindStruct
	case ClassObject, ClassObjectH:
		return KindObject
	case ClassChar:
		return KindChar
	case ClassSparse:
		return KindSparse
	case ClassFunction:
		return KindFunction
	case ClassOpaque:
		return KindOpaque
	}
	return KindNumeric
}

// dataType is a MAT v5 data type (miINT8 ...), the storage type of an
// element. MAT v4 type codes are mapped onto these.
type dataType uint32

const (
	miINT8       dataType = 1
	miUINT8      dataType = 2
	miINT16      dataType = 3
	miUINT16     dataType = 4
	miINT32      dataType = 5
	miUINT32     dataType = 6
	miSINGLE     dataType = 7
	miDOUBLE     dataType = 9
	miINT64      dataType = 12
	miUINT64     dataType = 13
	miMATRIX     dataType = 14
	miCOMPRESSED dataType = 15
	miUTF8       dataType = 16
	miUTF16      dataType = 17
	miUTF32      dataType = 18
)

var dataTypeNames = map[dataType]string{
	miINT8: "miINT8", miUINT8: "miUINT8", miINT16: "miINT16",
	miUINT16: "miUINT16", miINT32: "miINT32", miUINT32: "miUINT32",
	miSINGLE: "miSINGLE", miDOUBLE: "miDOUBLE", miINT64: "miINT64",
	miUINT64: "miUINT64", miMATRIX: "miMATRIX", miCOMPRESSED: "miCOMPRESSED",
	miUTF8: "miUTF8", miUTF16: "miUTF16", miUTF32: "miUTF32",
}

func (t dataType) String() string {
	if s, ok := dataTypeNames[t]; ok {
		return s
	}
	return fmt.Sprintf("data type %d", uint32(t))
}

// size returns the bytes per value of a numeric data type, 0 for others.
func (t dataType) size() int {
	switch t {
	case miINT8, miUINT8:
		return 1
	case miINT16, miUINT16:
		return 2
	case miINT32, miUINT32, miSINGLE:
		return 4
	case miDOUBLE, miINT64, miUINT64:
		return 8
	}
	return 0
}

// storedLosslessly reports whether every value of storage type t is a
// value of class c, so that data stored as t loads as c unchanged. MATLAB
// writes numeric data in its class's type, except that it stores the
// values of a double array in the smallest integer type that holds them
// all; logical arrays may be stored in any integer or float type (a
// nonzero value is true). Other combinations never come from MATLAB and
// would need a lossy conversion, so the reader refuses them.
func storedLosslessly(t dataType, c Class, logical bool) bool {
	if logical {
		return t.size() > 0
	}
	switch c {
	case ClassDouble:
		return t != miINT64 && t != miUINT64 && t.size() > 0
	case ClassSingle:
		return t == miSINGLE || t == miINT8 || t == miUINT8 || t == miINT16 || t == miUINT16
	case ClassInt8:
		return t == miINT8
	case ClassUint8:
		return t == miUINT8
	case ClassInt16:
		return t == miINT16 || t == miINT8 || t == miUINT8
	case ClassUint16:
		return t == miUINT16 || t == miUINT8
	case ClassInt32:
		return t == miINT32 || t == miINT16 || t == miUINT16 || t == miINT8 || t == miUINT8
	case ClassUint32:
		return t == miUINT32 || t == miUINT16 || t == miUINT8
	case ClassInt64:
		return t == miINT64 || t == miINT32 || t == miUINT32 || t == miINT16 || t == miUINT16 || t == miINT8 || t == miUINT8
	case ClassUint64:
		return t == miUINT64 || t == miUINT32 || t == miUINT16 || t == miUINT8
	}
	return false
}
