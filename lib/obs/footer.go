package obs

import "sp/lib/pqfile"

// fileColumns are the columns of the file, in order; all four are REQUIRED.
var fileColumns = [4]pqfile.Column{
	{Name: ColCohort, Kind: pqfile.Key},
	{Name: ColSignalID, Kind: pqfile.Key},
	{Name: ColSignal0, Kind: pqfile.Double},
	{Name: ColValue, Kind: pqfile.Double},
}

// footer is the file's end: its FileMetaData, length and magic.
func (w *Writer) footer() []byte {
	return pqfile.Footer(fileColumns[:], w.rows, w.groups, "sp",
		[]pqfile.KeyValue{{Key: metaLayout, Value: layoutContiguous}})
}
