package e2e

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// bin holds the binaries built for this test run.
var bin string

func TestMain(m *testing.M) {
	if _, err := exec.LookPath("make"); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: GNU make is required")
		os.Exit(1)
	}
	dir, err := os.MkdirTemp("", "sp-e2e-bin-")
	if err != nil {
		panic(err)
	}
	bin = dir
	build := exec.Command("go", "build", "-o", dir+"/", "../cmd/...")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: build failed:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// has reports whether a stage binary was built (later stages arrive later).
func has(name string) bool {
	_, err := os.Stat(filepath.Join(bin, name))
	return err == nil
}

// sp runs a binary and returns stdout, stderr and the exit status.
func sp(t *testing.T, dir, name string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out.String(), errb.String(), code
}

func mustSp(t *testing.T, dir, name string, args ...string) string {
	t.Helper()
	out, errOut, code := sp(t, dir, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, errOut)
	}
	return out
}

func makeCmd(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("make", append([]string{"-f", "Makefile.pipeline"}, args...)...)
	cmd.Dir = dir
	return cmd
}

func mustMake(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := makeCmd(dir, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("make %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// dataset writes a synthetic raw dataset and a config into a new folder.
func dataset(t *testing.T, synthArgs []string, configExtra string) string {
	t.Helper()
	dir := t.TempDir()
	mustSp(t, dir, "sp-synth", append([]string{"--out", "raw"}, synthArgs...)...)
	config := "dataset:\n  name: e2e\npaths:\n  raw_dir: raw\n  output_dir: out\n" + configExtra
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot maps every regular file under root (relative path) to its bytes,
// leaving out the stage logs, which hold wall-clock times by design.
func snapshot(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || info.Name() == "stages.log" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		out[rel] = b
		return nil
	})
	return out
}

func temporaries(root string) []string {
	var out []string
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err == nil && strings.Contains(info.Name(), ".tmp-") {
			out = append(out, path)
		}
		return nil
	})
	return out
}
