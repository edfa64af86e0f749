// Package manifest reads the part of manifest.yaml that the manifold stage
// uses (manifold.md §1.3): the system window and stride, the per-signal
// engine lists and window overrides, the global engine windows, the paths
// and the optional Go `geometry` section. Every other key is ignored, as in
// the reference. Errors name the file, the line and the key.
//
// Cohort and signal keys are taken as their literal YAML text, so a key
// that YAML would load as a number or a boolean still matches the
// observations' string keys (a manifold.md §1.3 decision).
package manifest
