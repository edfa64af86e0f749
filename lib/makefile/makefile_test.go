package makefile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sp/lib/config"
	"sp/lib/filelist"
	"sp/lib/partition"
)

func plan(t *testing.T, out string, names ...string) (*partition.Plan, Options) {
	t.Helper()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "c.yaml")
	os.WriteFile(cfgPath, []byte("x"), 0o644)
	cfg := config.Default()
	cfg.File, cfg.Paths.OutputDir = cfgPath, out
	p := &partition.Plan{Config: &cfg, Layout: partition.Layout{Out: out}}
	for _, n := range names {
		p.Partitions = append(p.Partitions, partition.Partition{Name: n, Files: []filelist.Entry{{Path: "a.mat", ModTime: time.Unix(0, 0)}}})
	}
	return p, Options{BinDir: "/opt/sp/bin", ConfigPath: cfgPath, Makefile: "Makefile.pipeline"}
}

func TestRender(t *testing.T) {
	p, opt := plan(t, "/data/out", "2023-W01", "2023-W02")
	text, err := Render(p, opt)
	if err != nil {
		t.Fatal(err)
	}
	s := string(text)
	for _, want := range []string{
		"SP_BIN ?= /opt/sp/bin\n", "OUT ?= /data/out\n", "LAUNCH ?=\n", ".DELETE_ON_ERROR:\n", "MAKEFLAGS += --keep-going\n",
		".PHONY: all ingest typology compute sql fleet status clean plan\n",
		// bootstrap reuse: W02's typology is a copy of W01's
		"$(P)/2023-W02/typology_raw.parquet: $(P)/2023-W01/typology_raw.parquet $(PARAMS)/typology\n\tcp '$<'",
		// the overlap edge: W02's compute reads W01's observations
		"$(P)/2023-W02/output/.done: $(P)/2023-W02/manifest.yaml $(P)/2023-W02/observations.parquet $(P)/2023-W01/observations.parquet $(PARAMS)/manifold\n",
		"--prev '$(P)/2023-W01/observations.parquet' --overlap 2048",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("Makefile lacks %q", want)
		}
	}
	if strings.Contains(s, "a.mat") {
		t.Error("a raw file name appears in the Makefile")
	}
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, "\t$(LAUNCH) ") && !strings.HasPrefix(line, "\tcp ") && !strings.HasPrefix(line, "\t@") && !strings.HasPrefix(line, "\t'$(SP_BIN)") {
			t.Errorf("recipe line without $(LAUNCH): %q", line)
		}
	}
	again, _ := Render(p, opt)
	if string(again) != s {
		t.Error("rendering is not deterministic")
	}
}

func TestUnsafePaths(t *testing.T) {
	for _, out := range []string{"/data/my out", "/data/$HOME", "/data/a#b", "/data/c:d", "/data/it's", "/data/x\ny"} {
		p, opt := plan(t, out, "2023-W01")
		if _, err := Render(p, opt); err == nil || !strings.Contains(err.Error(), "make cannot hold safely") {
			t.Errorf("%q: err = %v", out, err)
		}
	}
	p, opt := plan(t, "/data/ünï-çode_1.2+3@x", "2023-W01")
	if _, err := Render(p, opt); err != nil {
		t.Errorf("a safe non-ASCII path was refused: %v", err)
	}
}
