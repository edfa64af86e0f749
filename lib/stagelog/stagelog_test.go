package stagelog

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestAppendReadLast(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	Append(path, Record{Stage: "ingest", Start: start, Seconds: 1.5, Rows: 10})
	Append(path, Record{Stage: "typology", Start: start, Exit: 1, Error: "boom"})
	Append(path, Record{Stage: "ingest", Start: start, Rows: 20, Counts: map[string]int64{"files_skipped": 1}})
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"stage":"manif`) // torn line of a killed writer
	f.Close()

	recs, err := Read(path)
	if err != nil || len(recs) != 3 {
		t.Fatalf("Read = %v, %v", recs, err)
	}
	last, ok := Last(recs, "ingest")
	if !ok || last.Rows != 20 || last.Counts["files_skipped"] != 1 || !last.Start.Equal(start) {
		t.Fatalf("Last(ingest) = %+v", last)
	}
	if r, _ := Last(recs, "typology"); r.Error != "boom" || r.Exit != 1 {
		t.Fatalf("Last(typology) = %+v", r)
	}
	if _, ok := Last(recs, "sql"); ok {
		t.Fatal("Last(sql) found a record")
	}
	if recs, err := Read(filepath.Join(t.TempDir(), "none")); err != nil || recs != nil {
		t.Fatalf("missing log: %v %v", recs, err)
	}
}
