package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sp/lib/command"
)

func call(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	wd, _ := os.Getwd()
	os.Chdir(dir)
	defer os.Chdir(wd)
	var out bytes.Buffer
	err := run(append([]string{"sp-partition"}, args...), nil, &out, &bytes.Buffer{})
	return out.String(), err
}

func TestPlanStatusClean(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "raw"), 0o755)
	os.WriteFile(filepath.Join(dir, "raw", "rec_20230104.mat"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.yaml"), []byte("paths:\n  raw_dir: raw\n  output_dir: out\npartitioning:\n"+
		"  time_source: filename\n  time_regex: '(\\d{8})'\n  time_layout: '20060102'\n"), 0o644)

	if _, err := call(t, dir); command.ExitCode(err) != 2 {
		t.Fatalf("no CONFIG: %v", err)
	}
	out, err := call(t, dir, "--bin", "/opt/sp", "c.yaml")
	if err != nil || !strings.Contains(out, "1 raw files in 1 partitions (2023-W01 .. 2023-W01)") {
		t.Fatalf("plan: %v %s", err, out)
	}
	mk, _ := os.ReadFile(filepath.Join(dir, "Makefile.pipeline"))
	if !strings.Contains(string(mk), "SP_BIN ?= /opt/sp\n") {
		t.Errorf("Makefile does not use --bin")
	}
	out, err = call(t, dir, "--status", "--json", "c.yaml")
	var o struct{ Partitions, Ingested int }
	if err != nil || json.Unmarshal([]byte(out), &o) != nil || o.Partitions != 1 || o.Ingested != 0 {
		t.Fatalf("status: %v %s", err, out)
	}
	os.WriteFile(filepath.Join(dir, "out", "partitions", "2023-W01", "observations.parquet"), nil, 0o644)
	if out, err = call(t, dir, "--clean", "c.yaml"); err != nil || !strings.Contains(out, "removed 1 outputs") {
		t.Fatalf("clean: %v %s", err, out)
	}
	// Editing the config after planning is noticed by status.
	f, _ := os.OpenFile(filepath.Join(dir, "c.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("compute:\n  overlap_samples: 100\n")
	f.Close()
	if out, _ = call(t, dir, "--status", "c.yaml"); !strings.Contains(out, "changed since the plan") {
		t.Errorf("status did not notice the edited config:\n%s", out)
	}
}
