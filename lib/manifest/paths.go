package manifest

import (
	"fmt"
	"path/filepath"
	"strings"
)

// RelPath writes target relative to the manifest's folder with '/'
// separators (§12, D15); both are resolved against the working directory
// first. A path that leaves the folder, or one that cannot be made
// relative, comes with a warning: the partition is then not self-contained.
func RelPath(manifestDir, target string) (string, string, error) {
	dir, err := filepath.Abs(manifestDir)
	if err != nil {
		return "", "", err
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return "", "", err
	}
	rel, err := filepath.Rel(dir, abs)
	if err != nil {
		return filepath.ToSlash(abs), fmt.Sprintf("%s has no path relative to %s: written as absolute, the partition is not relocatable", abs, dir), nil
	}
	rel = filepath.ToSlash(rel)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return rel, fmt.Sprintf("%s lies outside %s: the partition is not self-contained", abs, dir), nil
	}
	return rel, "", nil
}
