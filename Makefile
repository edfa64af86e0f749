# sp: build the binaries, run the tests, the demo and the benchmarks.
#   make demo    build, synthesise a demo dataset, run the whole pipeline on it
#   make test    the test suite (what CI runs)
#   make bench   throughput and memory benchmarks (minutes; prints figures)

GO ?= go
BIN := $(CURDIR)/bin
export CGO_ENABLED := 1

.PHONY: build test demo bench fuzz vet clean

build:
	$(GO) build -o $(BIN)/ ./cmd/...

test:
	$(GO) vet ./...
	$(GO) test ./...

demo: build
	scripts/demo.sh $(CURDIR)/demo

bench: build
	scripts/bench.sh

# Each parser of outside input, fuzzed briefly (longer: FUZZTIME=10m make fuzz).
# A short minimisation keeps a new interesting input from using up the
# whole budget (the default minimises for 60 s).
FUZZTIME ?= 30s
FUZZ_TARGETS = \
	./lib/matfile:FuzzReader ./lib/matfile:FuzzMatrixElement ./lib/inflate:FuzzZlib \
	./lib/obs:FuzzOpen ./lib/filelist:FuzzParse ./lib/config:FuzzParse \
	./lib/classify:FuzzReadRaw ./lib/manifest:FuzzReadTypology ./lib/manifold/manifest:FuzzParse
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "== $${t#*:} ($${t%%:*}, $(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 3s "$${t%%:*}"; \
	done

clean:
	rm -rf $(BIN) demo
