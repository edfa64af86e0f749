package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.parquet")

	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("partial")
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("final name exists before commit: %v", err)
	}
	f.Abort()
	assertEntries(t, dir)

	if err := WriteFile(path, []byte("complete")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "complete" {
		t.Fatalf("got %q", got)
	}
	assertEntries(t, dir, "out.parquet")
}

func TestWriteFileIfChangedKeepsMtime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "files.txt")
	if changed, err := WriteFileIfChanged(path, []byte("a\n")); err != nil || !changed {
		t.Fatalf("first write: changed=%v err=%v", changed, err)
	}
	old := time.Unix(1_000_000, 0)
	os.Chtimes(path, old, old)
	if changed, err := WriteFileIfChanged(path, []byte("a\n")); err != nil || changed {
		t.Fatalf("same content: changed=%v err=%v", changed, err)
	}
	if st, _ := os.Stat(path); !st.ModTime().Equal(old) {
		t.Fatalf("mtime changed to %v", st.ModTime())
	}
	if changed, _ := WriteFileIfChanged(path, []byte("b\n")); !changed {
		t.Fatal("new content not written")
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.parquet")
	f, _ := Create(path) // simulate a killed writer: never committed
	f.File.Close()
	os.WriteFile(filepath.Join(dir, "other.parquet"), nil, 0o644)
	if err := RemoveStale(path); err != nil {
		t.Fatal(err)
	}
	assertEntries(t, dir, "other.parquet")
	if !IsTemp(filepath.Base(f.File.Name())) {
		t.Fatalf("IsTemp(%s) = false", f.File.Name())
	}
}

func assertEntries(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if len(got) != len(want) {
		t.Fatalf("entries %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("entries %v, want %v", got, want)
		}
	}
}
