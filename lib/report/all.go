package report

import (
	"context"
	"fmt"
	"path/filepath"
)

// PartitionDir resolves a partition argument (a path ending in /output
// means its parent); a missing folder is ErrTarget.
func PartitionDir(arg string) (string, error) {
	dir, err := partitionDir(arg)
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrTarget, err)
	}
	return dir, nil
}

// RunAll runs the per-partition reports of every partition under root in
// name order, each through record (which keeps the partition's stage
// log), then the fleet reports (sql.md §6.2 run --all). A failing
// partition is reported and skipped; the error at the end counts the
// failures. done is called after each partition (progress).
func RunAll(ctx context.Context, root string, opt Options, fopt FleetOptions,
	record func(dir string, work func() error) error, done func()) error {
	dirs, err := Partitions(root)
	if err != nil {
		return fmt.Errorf("%w: root %s not found", ErrTarget, root)
	}
	failed := 0
	for _, dir := range dirs {
		err := record(dir, func() error {
			_, err := RunPartition(ctx, dir, opt)
			return err
		})
		if err != nil {
			failed++
			opt.Log.Errorf("%s: %v", filepath.Base(dir), err)
		}
		if done != nil {
			done()
		}
	}
	_, ferr := RunFleet(ctx, root, fopt)
	switch {
	case failed > 0 && ferr != nil:
		return fmt.Errorf("%d of %d partitions failed; %w", failed, len(dirs), ferr)
	case failed > 0:
		return fmt.Errorf("%d of %d partitions failed", failed, len(dirs))
	}
	return ferr
}
