// Package features turns a manifest into the signal_vector computation of
// manifold.md §5: the schema (the canonical columns produced by the
// manifest's engines), and per signal the distinct (implementation, L_e)
// runs with the column each run supplies after the name-collision rule of
// §5.1. A Computer evaluates one window of one signal: it drops the
// non-finite values of each engine window and runs each engine set once.
//
// Engines come through the Catalog interface (the core set is package
// sp/lib/manifold/engine, adapted by manifold.CoreEngines), so tests can
// use small engines with hand-checkable outputs.
//
// A Plan is read-only once built and may be shared; a Computer belongs to
// one goroutine.
package features
