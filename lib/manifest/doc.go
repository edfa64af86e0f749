// Package manifest is stage 4 of the pipeline (manifest.md): from the
// classified typology of a partition it decides which engines run on each
// signal, the per-signal windows and the common system grid, and writes
// manifest.yaml for the compute stage.
//
// The stage is pure rules on one row per (cohort, signal): ReadTypology
// reads typology.parquet (ours, or the reference's with its string-or-list
// temporal_pattern), Build turns the rows into a Manifest (normalisation
// §4, engines §5, windows §6, the pipeline's cap on the system window and
// the compute.window/compute.stride overrides), Validate applies §10, and
// Encode writes the YAML of §11 with keys in the order of §8, no anchors,
// strings quoted where a YAML 1.1 loader would read another type, and no
// wall-clock value, so identical inputs give identical bytes.
// CompareObservations lists the signals present on only one side of the
// typology/observations pair (bootstrap reuse, pipeline.md §5). Run does
// the whole stage. No goroutines.
package manifest
