// Package e2e tests the pipeline as a user runs it: the sp-* binaries,
// built once per test run, driven by the generated Makefile.pipeline and
// GNU make, on datasets written by sp-synth.
package e2e
