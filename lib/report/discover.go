package report

import (
	"os"
	"path/filepath"
	"sort"
)

// partitionInfo is one partition found under a streaming root.
type partitionInfo struct {
	name, dir string
	inputs    map[string]*input
	extra     map[string]string // stem -> file, the extra views (sql.md §3.1)
}

// partitionsDir is ROOT/partitions when that folder exists, else ROOT
// (sql.md §6.1).
func partitionsDir(root string) string {
	p := filepath.Join(root, "partitions")
	if st, err := os.Stat(p); err == nil && st.IsDir() {
		return p
	}
	return root
}

// discoverPartitions lists the immediate sub-folders of parts that hold
// observations.parquet or output/, by name.
func discoverPartitions(parts string) ([]string, error) {
	entries, err := os.ReadDir(parts)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(parts, e.Name())
		if isFile(filepath.Join(dir, "observations.parquet")) || isDir(filepath.Join(dir, "output")) {
			out = append(out, dir)
		}
	}
	sort.Strings(out)
	return out, nil
}

// Partitions lists the partition folders under a streaming root, in name
// order (sql.md §6.1); a missing root is ErrTarget.
func Partitions(root string) ([]string, error) {
	abs, err := filepath.Abs(root)
	if err != nil || !isDir(abs) {
		return nil, ErrTarget
	}
	return discoverPartitions(partitionsDir(abs))
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
