package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"sp/lib/filelist"
	"sp/lib/obs"
)

const smallSynth = "--weeks 3 --files-per-week 2 --channels 3 --rate 50 --seconds 60"

func TestPlanAndIngest(t *testing.T) {
	dir := dataset(t, strings.Fields(smallSynth), "")
	out := mustSp(t, dir, "sp-partition", "config.yaml")
	if !strings.Contains(out, "6 raw files in 3 partitions (2023-W01 .. 2023-W03)") {
		t.Fatalf("plan output: %s", out)
	}
	for _, p := range []string{"2023-W01", "2023-W02", "2023-W03"} {
		f, err := os.Open(filepath.Join(dir, "out/partitions", p, "files.txt"))
		if err != nil {
			t.Fatal(err)
		}
		entries, err := filelist.Parse(p, f)
		f.Close()
		if err != nil || len(entries) != 2 {
			t.Fatalf("%s/files.txt: %v %v", p, entries, err)
		}
		for _, e := range entries {
			if y, w := e.ModTime.ISOWeek(); filepath.IsAbs(e.Path) || fmt.Sprintf("%d-W%02d", y, w) != p {
				t.Errorf("%s lists %s (mtime %v)", p, e.Path, e.ModTime)
			}
		}
	}
	mustMake(t, dir, "-j2", "ingest")
	for _, p := range []string{"2023-W01", "2023-W02", "2023-W03"} {
		r, err := obs.Open(filepath.Join(dir, "out/partitions", p, "observations.parquet"))
		if err != nil {
			t.Fatal(err)
		}
		sigs := r.Signals()
		r.Close()
		if len(sigs) != 3 {
			t.Fatalf("%s: %d signals", p, len(sigs))
		}
		for _, s := range sigs {
			if s.Rows != 2*50*60 { // two files of 60 s at 50 Hz
				t.Errorf("%s %s: %d samples, want 6000", p, s.Key, s.Rows)
			}
		}
	}
	if out, err := makeCmd(dir, "-q", "ingest").CombinedOutput(); err != nil {
		t.Fatalf("make -q ingest after a complete run: %v\n%s", err, out)
	}
	// Re-planning with nothing new rewrites nothing.
	before := mtimes(t, dir)
	out = mustSp(t, dir, "sp-partition", "config.yaml")
	if !strings.Contains(out, "0 plan files changed") || !strings.Contains(out, "unchanged") {
		t.Errorf("re-plan: %s", out)
	}
	if after := mtimes(t, dir); !equalTimes(before, after) {
		t.Error("re-planning with nothing changed touched files")
	}
}

func mtimes(t *testing.T, dir string) map[string]time.Time {
	out := map[string]time.Time{}
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			out[path] = info.ModTime()
		}
		return nil
	})
	return out
}

func equalTimes(a, b map[string]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !b[k].Equal(v) {
			return false
		}
	}
	return true
}

// TestResumeAfterKill kills make and its stages at several moments; a
// second run completes, leaves no temporary, and gives the bytes of an
// uninterrupted run.
func TestResumeAfterKill(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and reruns the pipeline several times")
	}
	synth := strings.Fields("--weeks 3 --files-per-week 3 --channels 6 --rate 200 --seconds 300")
	checkResumeAfterKill(t, synth, "", "ingest", []float64{0.15, 0.5, 0.85})
}

// TestIncremental: a new raw file in one week reruns that week and, by the
// overlap, the next week's compute; nothing else.
func TestIncremental(t *testing.T) {
	dir := dataset(t, strings.Fields(smallSynth), "")
	mustSp(t, dir, "sp-partition", "config.yaml")
	mustMake(t, dir, "-j2", "ingest")
	markAllDone(t, dir) // later stages' outputs, as if they had run

	if out, err := makeCmd(dir, "-q", "all").CombinedOutput(); err != nil {
		t.Fatalf("make -q all with everything done: %v\n%s", err, out)
	}
	// One more recording in week 2.
	src := filepath.Join(dir, "raw/2023/01/synth_20230109_000000.mat")
	extra := filepath.Join(dir, "raw/2023/01/synth_20230111_000000.mat")
	data, _ := os.ReadFile(src)
	os.WriteFile(extra, data, 0o644)
	when := time.Date(2023, 1, 11, 0, 0, 0, 0, time.UTC)
	os.Chtimes(extra, when, when)
	mustSp(t, dir, "sp-partition", "config.yaml")

	out, err := makeCmd(dir, "-n", "all").CombinedOutput()
	if err != nil {
		t.Fatalf("make -n all: %v\n%s", err, out)
	}
	var got []string
	for _, line := range strings.Split(string(out), "\n") {
		for _, stage := range []string{"sp-ingest", "sp-typology", "sp-classify", "sp-manifest", "sp-manifold", "sp-sql' run", "sp-sql' fleet", "cp "} {
			if strings.Contains(line, stage) {
				got = append(got, strings.Trim(stage, "' ")+" "+partitionOf(line))
			}
		}
	}
	want := []string{"sp-ingest 2023-W02", "sp-manifest 2023-W02", "sp-manifold 2023-W02", "sp-manifold 2023-W03",
		"sp-sql' run 2023-W02", "sp-sql' run 2023-W03", "sp-sql' fleet "}
	if strings.Join(sortedCopy(got), "|") != strings.Join(sortedCopy(want), "|") {
		t.Fatalf("make -n all after a new file in week 2:\n got %v\nwant %v\n%s", got, want, out)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

// partitionOf finds the partition a recipe line's output belongs to.
func partitionOf(line string) string {
	i := strings.LastIndex(line, "/partitions/")
	if i < 0 {
		return ""
	}
	rest := line[i+len("/partitions/"):]
	if j := strings.IndexAny(rest, "/'"); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// markAllDone creates every later-stage target in DAG order, each newer
// than what it depends on, so that make takes the run as complete.
func markAllDone(t *testing.T, dir string) {
	t.Helper()
	out, err := makeCmd(dir, "-n", "all").CombinedOutput()
	if err != nil {
		t.Fatalf("make -n all: %v\n%s", err, out)
	}
	// Everything so far moves two hours back; the made-up outputs follow
	// one second apart, all in the past (make warns about future times).
	past := time.Now().Add(-2 * time.Hour)
	filepath.Walk(filepath.Join(dir, "out"), func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			os.Chtimes(path, past, past)
		}
		return nil
	})
	stamp := past.Add(time.Hour)
	for _, line := range strings.Split(string(out), "\n") {
		var target string
		switch {
		case strings.Contains(line, " -o '"):
			target = between(line, " -o '", "'")
			if strings.Contains(line, "sp-manifold") {
				target += "/.done"
			}
		case strings.Contains(line, "sp-sql' run"):
			target = strings.Trim(line[strings.LastIndex(line, " ")+1:], "'") + "/output/sql/.done"
		case strings.Contains(line, "sp-sql' fleet"):
			target = strings.Trim(line[strings.LastIndex(line, " ")+1:], "'") + "/fleet/sql/.done"
		case strings.HasPrefix(line, "cp "):
			target = strings.Trim(line[strings.LastIndex(line, " ")+1:], "'")
		default:
			continue
		}
		os.MkdirAll(filepath.Dir(target), 0o755)
		os.WriteFile(target, nil, 0o644)
		stamp = stamp.Add(time.Second)
		os.Chtimes(target, stamp, stamp)
	}
}

func between(s, open, close string) string {
	i := strings.Index(s, open) + len(open)
	return s[i : i+strings.Index(s[i:], close)]
}

func TestCorruptFileIsSkippedAndReported(t *testing.T) {
	dir := dataset(t, append(strings.Fields(smallSynth), "--corrupt"), "")
	mustSp(t, dir, "sp-partition", "config.yaml")
	mustMake(t, dir, "-j2", "ingest") // the partition still completes
	rep, err := os.ReadFile(filepath.Join(dir, "out/partitions/2023-W03/ingest_report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		SkippedFiles []struct{ Path, Error string } `json:"skipped_files"`
	}
	json.Unmarshal(rep, &report)
	if len(report.SkippedFiles) != 1 || report.SkippedFiles[0].Path != "2023/01/synth_20230119_120000.mat" ||
		!strings.Contains(report.SkippedFiles[0].Error, "truncated") {
		t.Fatalf("report: %+v", report.SkippedFiles)
	}
	status := mustSp(t, dir, "sp-partition", "--status", "config.yaml")
	if !strings.Contains(status, "2023/01/synth_20230119_120000.mat") || !strings.Contains(status, "(1 skipped)") {
		t.Fatalf("status does not name the skipped file:\n%s", status)
	}
	var js struct {
		Ingested     int `json:"ingested"`
		SkippedFiles int `json:"skipped_files"`
	}
	if err := json.Unmarshal([]byte(mustSp(t, dir, "sp-partition", "--status", "--json", "config.yaml")), &js); err != nil || js.Ingested != 3 || js.SkippedFiles != 1 {
		t.Fatalf("status --json: %+v %v", js, err)
	}
}

func TestConfigErrors(t *testing.T) {
	dir := dataset(t, strings.Fields("--weeks 1 --files-per-week 1 --channels 1 --rate 10 --seconds 10"), "")
	os.WriteFile(filepath.Join(dir, "blocker"), nil, 0o644)
	os.MkdirAll(filepath.Join(dir, "empty"), 0o755)
	base := "dataset:\n  name: e2e\n"
	for _, tc := range []struct{ name, config, want string }{
		{"unknown key", base + "paths:\n  raw_dir: raw\n  output_dir: out\n  file_patern: x\n", `paths.file_patern: unknown key (did you mean "file_pattern"?)`},
		{"wrong type", base + "paths:\n  raw_dir: raw\n  output_dir: out\ncompute:\n  overlap_samples: many\n", `compute.overlap_samples: want an integer, got "many"`},
		{"missing raw_dir", base + "paths:\n  output_dir: out\n", "paths.raw_dir: required key is missing"},
		{"no matching files", base + "paths:\n  raw_dir: empty\n  output_dir: out\n", `paths.file_pattern: no file under`},
		{"unwritable output_dir", base + "paths:\n  raw_dir: raw\n  output_dir: blocker/out\n", "paths.output_dir: "},
		{"unsafe output_dir", base + "paths:\n  raw_dir: raw\n  output_dir: 'my out'\n", "which make cannot hold safely"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.WriteFile(filepath.Join(dir, "bad.yaml"), []byte(tc.config), 0o644)
			_, stderr, code := sp(t, dir, "sp-partition", "bad.yaml")
			if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, "bad.yaml") {
				t.Fatalf("exit %d, stderr %q; want exit 2 and one line naming bad.yaml and %q", code, stderr, tc.want)
			}
		})
	}
}

// checkResumeAfterKill runs make target on a dataset once uninterrupted,
// then, for each fraction of that run's time, on a fresh copy killed
// (make and every stage it started) at that moment and run again: the
// rerun must leave no temporary and give the uninterrupted run's bytes.
func checkResumeAfterKill(t *testing.T, synth []string, config, target string, fracs []float64) {
	t.Helper()
	ref := dataset(t, synth, config)
	mustSp(t, ref, "sp-partition", "config.yaml")
	start := time.Now()
	mustMake(t, ref, "-j2", target)
	full := time.Since(start)
	want := snapshot(t, filepath.Join(ref, "out"))

	for _, frac := range fracs {
		dir := dataset(t, synth, config)
		mustSp(t, dir, "sp-partition", "config.yaml")
		cmd := makeCmd(dir, "-j2", target)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(frac * float64(full)))
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // make and every stage it started
		cmd.Wait()
		mustMake(t, dir, "-j2", target)
		if tmp := temporaries(dir); len(tmp) > 0 {
			t.Errorf("kill at %.0f%%: temporaries left: %v", frac*100, tmp)
		}
		got := snapshot(t, filepath.Join(dir, "out"))
		if len(got) != len(want) {
			t.Fatalf("kill at %.0f%%: %d files, want %d", frac*100, len(got), len(want))
		}
		for name, b := range want {
			if strings.HasPrefix(name, ".params/") {
				continue // records the absolute raw_dir, which differs between the two runs
			}
			if !bytes.Equal(got[name], b) {
				t.Errorf("kill at %.0f%%: %s differs from an uninterrupted run", frac*100, name)
			}
		}
	}
}
