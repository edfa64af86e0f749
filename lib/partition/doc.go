// Package partition plans a run: it finds the raw files under raw_dir,
// assigns each to a partition (ISO week by default), and keeps the plan on
// disk (pipeline.md §4–§5): one files.txt per partition and one parameter
// file per stage under <output_dir>/.params, each rewritten only when its
// content changes, so that make's timestamps redo exactly the work that a
// new raw file or a changed config value invalidates.
//
// It also knows where every stage writes (Layout), which is what the
// Makefile generator, status and clean share.
package partition
