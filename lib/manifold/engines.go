package manifold

import (
	"sp/lib/manifold/engine"
	"sp/lib/manifold/features"
)

// CoreEngines is the core engine set of manifold.md §5.5 (package engine).
func CoreEngines() features.Catalog { return coreCatalog{} }

type coreCatalog struct{}

func (coreCatalog) Lookup(name string) (features.Spec, bool) {
	s, ok := engine.Lookup(name)
	return features.Spec{Name: s.Name, Impl: s.Impl, Columns: s.Columns}, ok
}

func (coreCatalog) CanonicalColumns() []string { return engine.CanonicalColumns() }

func (coreCatalog) NewSet(impls []string) (features.Set, error) { return engine.NewSet(impls) }
