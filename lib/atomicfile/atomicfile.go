// Package atomicfile writes files so that a reader (or make) never sees a
// partial one: data goes to a temporary name in the destination folder, is
// fsynced, renamed over the final name, and the folder is fsynced after the
// rename. A process killed at any instant leaves either the old complete file
// or no file, plus at most a stale temporary that RemoveStale deletes.
//
// Temporary names are ".<base>.tmp-<random>", hidden and distinct from every
// final name, so globs like "*.parquet" never match them.
package atomicfile

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// File is an output being written under a temporary name.
type File struct {
	*os.File
	final string
	done  bool
}

// Create opens a temporary file in path's folder that Commit renames to path.
func Create(path string) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, tempPrefix(base)+"*")
	if err != nil {
		return nil, fmt.Errorf("create temporary file for %s: %w", path, err)
	}
	if err := f.Chmod(0o644); err != nil { // CreateTemp's 0600 would hide outputs from the team
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return &File{File: f, final: path}, nil
}

// Name of the final destination (File.Name() is the temporary name).
func (f *File) FinalName() string { return f.final }

// Commit fsyncs and closes the temporary file, renames it to the final name
// and fsyncs the folder. After Commit, Abort is a no-op.
func (f *File) Commit() error {
	if f.done {
		return errors.New("atomicfile: commit after commit or abort")
	}
	f.done = true
	tmp := f.File.Name()
	err := f.File.Sync()
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, f.final)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", f.final, err)
	}
	return SyncDir(filepath.Dir(f.final))
}

// Abort closes and removes the temporary file. Safe to call after Commit,
// so `defer f.Abort()` is the idiom.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.File.Close()
	os.Remove(f.File.Name())
}

// WriteFile writes data to path atomically.
func WriteFile(path string, data []byte) error {
	f, err := Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Commit()
}

// WriteFileIfChanged writes data to path atomically unless the file already
// holds exactly data, in which case it is left alone (its mtime too, which is
// what keeps make from redoing work). It reports whether it wrote.
func WriteFileIfChanged(path string, data []byte) (bool, error) {
	old, err := os.ReadFile(path)
	if err == nil && bytes.Equal(old, data) {
		return false, nil
	}
	return true, WriteFile(path, data)
}

// RemoveStale deletes temporaries that an interrupted writer of path left
// behind. Call it when a stage starts, before it creates its outputs.
func RemoveStale(path string) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	prefix := tempPrefix(base)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), prefix) {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// IsTemp reports whether a file name is one of this package's temporaries.
func IsTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// SyncDir fsyncs a folder so that a rename in it survives a crash.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}

func tempPrefix(base string) string { return "." + base + ".tmp-" }
