package classify

import (
	"testing"

	"sp/lib/typology"
)

// TestRawSchemaMatchesStage2 pins the contract between the stages:
// typology_raw.parquet as stage 2 writes it is the file stage 3 reads
// (typology.md §5), column for column.
func TestRawSchemaMatchesStage2(t *testing.T) {
	written, read := typology.Schema(), RawSchema()
	if written.NumFields() != read.NumFields() {
		t.Fatalf("stage 2 writes %d columns, stage 3 knows %d", written.NumFields(), read.NumFields())
	}
	for i := range written.Fields() {
		w, r := written.Field(i), read.Field(i)
		if w.Name != r.Name || w.Type.String() != r.Type.String() || w.Nullable != r.Nullable {
			t.Errorf("column %d: stage 2 writes %s %s nullable=%v, stage 3 expects %s %s nullable=%v",
				i+1, w.Name, w.Type, w.Nullable, r.Name, r.Type, r.Nullable)
		}
	}
}
