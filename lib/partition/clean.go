package partition

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"sp/lib/atomicfile"
	"sp/lib/stagelog"
)

// stageOutputs are the names a stage writes in a partition folder.
var stageOutputs = []string{
	"observations.parquet", "ingest_report.json", "typology_raw.parquet", "typology.parquet",
	"manifest.yaml", "output", stagelog.FileName,
}

// Clean removes what the stages wrote under the output folder (the
// reference's --reset): every partition's outputs, stage log and stale
// temporaries, and the fleet reports. The plan (files.txt, .params) stays,
// so `make` afterwards recomputes everything; withPlan removes it too.
// Only names the pipeline writes are removed, never a folder holding
// raw_dir, and a half-finished run is fine. It returns what it removed.
func Clean(l Layout, rawDir string, withPlan bool) ([]string, error) {
	var removed []string
	rawDir = filepath.Clean(rawDir)
	remove := func(path string) error {
		if within(rawDir, path) {
			return fmt.Errorf("refusing to remove %s: it holds paths.raw_dir %s", path, rawDir)
		}
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err := os.RemoveAll(path); err != nil {
			return err
		}
		removed = append(removed, path)
		return nil
	}
	dirs, err := os.ReadDir(l.PartitionsDir())
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		dir := filepath.Join(l.PartitionsDir(), d.Name())
		names := stageOutputs
		if withPlan {
			names = append(names[:len(names):len(names)], "files.txt")
		}
		for _, name := range names {
			if err := remove(filepath.Join(dir, name)); err != nil {
				return removed, err
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if atomicfile.IsTemp(e.Name()) {
				if err := remove(filepath.Join(dir, e.Name())); err != nil {
					return removed, err
				}
			}
		}
		if withPlan {
			os.Remove(dir) // only if now empty
		}
	}
	if err := remove(l.FleetDir()); err != nil {
		return removed, err
	}
	if withPlan {
		if err := remove(l.ParamsDir()); err != nil {
			return removed, err
		}
		os.Remove(l.PartitionsDir())
	}
	return removed, nil
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}
