package status

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sp/lib/config"
	"sp/lib/filelist"
	"sp/lib/partition"
	"sp/lib/stagelog"
)

// touch creates files in order, each a second newer than the last.
func touch(t *testing.T, at time.Time, paths ...string) time.Time {
	t.Helper()
	for _, p := range paths {
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte("{}"), 0o644)
		at = at.Add(time.Second)
		os.Chtimes(p, at, at)
	}
	return at
}

func TestCollect(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Paths.OutputDir = dir
	plan := &partition.Plan{Config: &cfg, Layout: partition.Layout{Out: dir}}
	for _, n := range []string{"2023-W01", "2023-W02", "2023-W03"} {
		plan.Partitions = append(plan.Partitions, partition.Partition{Name: n, Files: []filelist.Entry{{Path: "a.mat"}, {Path: "b.mat"}}})
	}
	l := plan.Layout
	at := time.Now().Add(-time.Hour)
	var params []string
	for _, s := range []string{"ingest", "typology", "manifest", "manifold"} {
		params = append(params, l.Params(s))
	}
	at = touch(t, at, params...)
	for _, p := range plan.Partitions {
		at = touch(t, at, l.Files(p.Name))
	}
	// W01 complete; W02 ingested and typed, its compute failed; W03 ingested, then re-planned.
	for i, p := range []string{"2023-W01", "2023-W02", "2023-W03"} {
		at = touch(t, at, l.Observations(p))
		if i < 2 {
			at = touch(t, at, l.TypologyRaw(p), l.Typology(p), l.Manifest(p))
		}
	}
	at = touch(t, at, l.OutputStamp("2023-W01"), l.SQLStamp("2023-W01"))
	touch(t, at, l.Files("2023-W03")) // newer than its observations: stale
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	stagelog.Append(l.StageLog("2023-W01"), stagelog.Record{Stage: "ingest", Start: start, Seconds: 2})
	stagelog.Append(l.StageLog("2023-W01"), stagelog.Record{Stage: "manifold", Start: start.Add(time.Minute), Seconds: 30})
	stagelog.Append(l.StageLog("2023-W02"), stagelog.Record{Stage: "manifold", Start: start.Add(2 * time.Minute), Seconds: 1, Exit: 1, Error: "manifest.yaml: bad key"})

	o, err := Collect(plan, "c.yaml", "")
	if err != nil {
		t.Fatal(err)
	}
	if o.Ingested != 2 || o.Typed != 2 || o.Computed != 1 || o.Reported != 1 || o.Errors != 1 || o.RawFiles != 6 {
		t.Fatalf("counts: %+v", o)
	}
	if o.Rows[1].Error != "manifold: manifest.yaml: bad key" || o.Rows[2].Ingested {
		t.Errorf("rows: %+v", o.Rows)
	}
	if o.IngestSeconds != 2 || o.ComputeSeconds != 30 || !o.Started.Equal(start) || o.Bootstrap != "2023-W01" {
		t.Errorf("times: ingest %v compute %v started %v", o.IngestSeconds, o.ComputeSeconds, o.Started)
	}
	var buf bytes.Buffer
	WriteText(&buf, o)
	for _, want := range []string{"ingested:      2/3", "errors:        1", "manifold: manifest.yaml: bad key"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("text lacks %q:\n%s", want, buf.String())
		}
	}
	buf.Reset()
	if err := WriteJSON(&buf, o); err != nil || !strings.Contains(buf.String(), `"computed": 1`) {
		t.Errorf("json: %v %s", err, buf.String())
	}
}
