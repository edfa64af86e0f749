package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sp/lib/command"
	"sp/lib/filelist"
	"sp/lib/matfile"
)

func call(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(append([]string{"sp-ingest"}, args...), strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), command.ExitCode(err)
}

func writeMat(t *testing.T, path string) {
	t.Helper()
	var buf bytes.Buffer
	w, _ := matfile.NewWriter(&buf, matfile.V7, binary.LittleEndian)
	w.WriteFloat64("acc", []int{4, 2}, []float64{1, 2, 3, 4, 5, 6, 7, 8})
	w.WriteFloat64("fs", []int{1, 1}, []float64{1651})
	os.MkdirAll(filepath.Dir(path), 0o755)
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestConvertFromList(t *testing.T) {
	dir := t.TempDir()
	writeMat(t, filepath.Join(dir, "raw", "x", "a.mat"))
	list := filelist.Format([]filelist.Entry{{Path: "x/a.mat", Size: 1, ModTime: time.Unix(0, 0)}})
	out := filepath.Join(dir, "p", "observations.parquet")
	os.MkdirAll(filepath.Dir(out), 0o755)

	if _, _, code := call(t, string(list), "--files-from", "-", "-o", out); code != 2 {
		t.Fatalf("relative list without --raw-dir: exit %d, want 2", code)
	}
	if _, stderr, code := call(t, string(list), "--files-from", "-", "--raw-dir", filepath.Join(dir, "raw"), "-o", out, "--cohort-value", "tower"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rep struct {
		Files []struct {
			Path    string
			Cohort  string
			Signals []struct {
				SignalID string `json:"signal_id"`
			}
		}
		Rows int64
	}
	data, _ := os.ReadFile(filepath.Join(dir, "p", "ingest_report.json"))
	json.Unmarshal(data, &rep)
	if rep.Rows != 8 || len(rep.Files) != 1 || rep.Files[0].Path != "x/a.mat" || rep.Files[0].Cohort != "tower" || len(rep.Files[0].Signals) != 2 {
		t.Fatalf("report %+v", rep)
	}
	if _, err := os.Stat(filepath.Join(dir, "p", "stages.log")); err != nil {
		t.Error("no stage log beside the output")
	}
}

func TestUsageErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("paths:\n  raw_dir: r\n  output_dir: o\nconverter:\n  matrx: flatten\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"a.mat"}, "-o OUT.parquet is required"},
		{[]string{"-o", "x.parquet"}, "no raw files"},
		{[]string{"--config", bad, "-o", "x.parquet", "a.mat"}, `converter.matrx: unknown key (did you mean "matrix"?)`},
		{[]string{"--matrix", "diagonal", "-o", "x.parquet", "a.mat"}, `converter.matrix: "diagonal" is not one of columns, flatten`},
		{[]string{"--list"}, "--list needs at least one FILE"},
	} {
		err := run(append([]string{"sp-ingest"}, tc.args...), nil, &bytes.Buffer{}, &bytes.Buffer{})
		if code := command.ExitCode(err); code != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: exit %d, err %v; want 2 and %q", tc.args, command.ExitCode(err), err, tc.want)
		}
	}
}

func TestListJSON(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.mat")
	writeMat(t, path)
	out, _, code := call(t, "", "--list", "--json", path)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var listings []struct {
		Variables []struct {
			Name    string
			Ingest  bool
			Signals []string
		}
	}
	if err := json.Unmarshal([]byte(out), &listings); err != nil || len(listings) != 1 {
		t.Fatalf("%v: %s", err, out)
	}
	v := listings[0].Variables
	if len(v) != 2 || v[0].Name != "acc" || !v[0].Ingest || strings.Join(v[0].Signals, ",") != "acc_1,acc_2" || v[1].Ingest {
		t.Fatalf("variables %+v", v)
	}
	if _, _, code := call(t, "", "--list", filepath.Join(t.TempDir(), "missing.mat")); code != 1 {
		t.Errorf("listing a missing file: exit %d, want 1", code)
	}
}
