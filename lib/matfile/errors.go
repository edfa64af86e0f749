package matfile

import (
	"errors"
	"fmt"
	"strings"
)

// ErrHDF5 is the cause of the error for MAT v7.3 files, which are HDF5
// files rather than MAT streams.
var ErrHDF5 = errors.New("MAT v7.3 (HDF5) files are not supported; save with -v7")

// ErrNotMAT is the cause of the error for files that are not MAT files.
var ErrNotMAT = errors.New("not a MAT file")

// FormatError reports a file that cannot be read: corrupt, truncated,
// unsupported or not a MAT file. Its message names the file, the variable
// (when known) and the byte offset of the problem, for example
//
//	data/x.mat: variable "acc3" at byte 4096: dims 990600x1 need 7924800 bytes of miDOUBLE, element holds 7924792
type FormatError struct {
	File   string // file name as given to Open or NewReader
	Var    string // variable name, "" if not known
	Offset int64  // byte offset in the file, -1 if not applicable
	Msg    string // what is wrong
	Err    error  // underlying cause (ErrHDF5, ErrNotMAT, inflate.ErrBadData, ...), may be nil
}

func (e *FormatError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	b.WriteString(": ")
	switch {
	case e.Var != "" && e.Offset >= 0:
		fmt.Fprintf(&b, "variable %q at byte %d: ", e.Var, e.Offset)
	case e.Var != "":
		fmt.Fprintf(&b, "variable %q: ", e.Var)
	case e.Offset >= 0:
		fmt.Fprintf(&b, "at byte %d: ", e.Offset)
	}
	b.WriteString(e.Msg)
	if e.Err != nil {
		if e.Msg != "" {
			b.WriteString(": ")
		}
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *FormatError) Unwrap() error { return e.Err }
