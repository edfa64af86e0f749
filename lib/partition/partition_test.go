package partition

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sp/lib/config"
)

func TestKeys(t *testing.T) {
	at := time.Date(2021, 1, 3, 23, 0, 0, 0, time.UTC) // a Sunday: ISO week 53 of 2020
	for _, tc := range []struct{ strategy, want string }{
		{"weekly", "2020-W53"}, {"daily", "2021-01-03"}, {"monthly", "2021-01"},
	} {
		if got := keyFunc(tc.strategy)(at); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.strategy, got, tc.want)
		}
	}
}

func tree(t *testing.T, files map[string]time.Time) string {
	t.Helper()
	dir := t.TempDir()
	for rel, when := range files {
		p := filepath.Join(dir, "raw", rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(rel), 0o644)
		os.Chtimes(p, when, when)
	}
	return dir
}

func load(t *testing.T, dir, extra string) *config.Config {
	t.Helper()
	path := filepath.Join(dir, "c.yaml")
	os.WriteFile(path, []byte("paths:\n  raw_dir: raw\n  output_dir: out\n"+extra), 0o644)
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestDiscover(t *testing.T) {
	day := func(d, h int) time.Time { return time.Date(2023, 1, d, h, 0, 0, 0, time.UTC) }
	dir := tree(t, map[string]time.Time{
		"b/late.mat": day(8, 23), // Sunday 23:00 UTC: still week 1 in UTC, week 2 in Oslo
		"a/x.mat":    day(2, 10),
		"a/y.mat":    day(2, 9),
		"c/z.mat":    day(9, 1),
		"notes.txt":  day(2, 0),
	})
	plan, err := Discover(load(t, dir, ""))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, p := range plan.Partitions {
		for _, f := range p.Files {
			got[p.Name] = append(got[p.Name], f.Path)
		}
	}
	if strings.Join(got["2023-W01"], ",") != "a/y.mat,a/x.mat,b/late.mat" || strings.Join(got["2023-W02"], ",") != "c/z.mat" {
		t.Fatalf("UTC weeks (files in time order): %v", got)
	}
	plan, _ = Discover(load(t, dir, "partitioning:\n  timezone: Europe/Oslo\n"))
	if len(plan.Partitions[1].Files) != 2 {
		t.Fatalf("Oslo weeks: %+v", plan.Partitions)
	}
	// From file names, ignoring mtimes.
	dir = tree(t, map[string]time.Time{"rec_20230131.mat": day(1, 0), "rec_20230201.mat": day(1, 0)})
	plan, err = Discover(load(t, dir, "partitioning:\n  strategy: monthly\n  time_source: filename\n  time_regex: '(\\d{8})'\n  time_layout: '20060102'\n"))
	if err != nil || len(plan.Partitions) != 2 || plan.Partitions[0].Name != "2023-01" || plan.Partitions[1].Name != "2023-02" {
		t.Fatalf("filename months: %+v %v", plan, err)
	}
	dir = tree(t, map[string]time.Time{"nodate.mat": day(1, 0)})
	_, err = Discover(load(t, dir, "partitioning:\n  time_source: filename\n  time_regex: '(\\d{8})'\n  time_layout: '20060102'\n"))
	if err == nil || !strings.Contains(err.Error(), "nodate.mat") {
		t.Fatalf("unparsable name: %v", err)
	}
}

func TestWriteOnlyChanges(t *testing.T) {
	dir := tree(t, map[string]time.Time{"a.mat": time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)})
	cfg := load(t, dir, "")
	plan, _ := Discover(cfg)
	wrote, err := plan.Write()
	if err != nil || len(wrote) != 5 { // files.txt and four params files
		t.Fatalf("first write: %v %v", wrote, err)
	}
	if wrote, _ = plan.Write(); len(wrote) != 0 {
		t.Fatalf("second write changed %v", wrote)
	}
	cfg.Compute.OverlapSamples = 100
	if wrote, _ = plan.Write(); len(wrote) != 1 || !strings.HasSuffix(wrote[0], "manifold") {
		t.Fatalf("overlap change rewrote %v; want only the manifold params", wrote)
	}
}

func TestCleanKeepsRawAndPlan(t *testing.T) {
	dir := tree(t, map[string]time.Time{"a.mat": time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)})
	cfg := load(t, dir, "")
	plan, _ := Discover(cfg)
	plan.Write()
	l := plan.Layout
	p := plan.Partitions[0].Name
	for _, f := range []string{l.Observations(p), l.Manifest(p), l.OutputStamp(p), l.StageLog(p),
		filepath.Join(l.Dir(p), ".typology.parquet.tmp-123"), filepath.Join(l.FleetDir(), "sql", "x.md"),
		filepath.Join(l.Dir(p), "my-notes.txt")} {
		os.MkdirAll(filepath.Dir(f), 0o755)
		os.WriteFile(f, nil, 0o644)
	}
	if _, err := Clean(l, cfg.Paths.RawDir, false); err != nil {
		t.Fatal(err)
	}
	var left []string
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if !info.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			left = append(left, rel)
		}
		return nil
	})
	want := "c.yaml,out/.params/ingest,out/.params/manifest,out/.params/manifold,out/.params/typology," +
		"out/partitions/2023-W01/files.txt,out/partitions/2023-W01/my-notes.txt,raw/a.mat"
	if strings.Join(left, ",") != want {
		t.Fatalf("left after clean:\n%s\nwant\n%s", strings.Join(left, ","), want)
	}
	// A raw_dir inside a folder clean would remove is refused.
	if _, err := Clean(Layout{Out: dir}, filepath.Join(dir, "fleet", "raw"), false); err == nil {
		t.Fatal("clean removed a folder holding raw_dir")
	}
}
