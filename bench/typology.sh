#!/bin/sh
# Benchmark of sp-typology against a plain read of the same observations
# (lib/typology BenchmarkTypology, BenchmarkPlainRead) and its peak RSS,
# for 22 LUMO-like signals of each size in SAMPLES (samples per signal).
#
#   bench/typology.sh                       # 10^7 and 10^8 samples per signal
#   SAMPLES=1000000 RUNS=5 bench/typology.sh
#   VALUES=continuous bench/typology.sh     # full-precision doubles instead of a 24-bit grid
#
# The observations file (about 3 bytes per sample) is written to a
# temporary folder and deleted after each size. Prints, per run, wall
# seconds and peak RSS of the command, then the benchmarks' rates.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sp-typology-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
go build -o "$tmp/sp-typology" ./cmd/sp-typology
go test -c -o "$tmp/typology.test" ./lib/typology
obs="$tmp/observations.parquet"
for n in ${SAMPLES:-10000000 100000000}; do
	echo "== 22 signals x $n samples (${VALUES:-quantised})"
	SP_BENCH_WRITE="$obs" SP_BENCH_SAMPLES="$n" SP_BENCH_VALUES="${VALUES:-quantised}" \
		"$tmp/typology.test" -test.run TestWriteBenchObservations >/dev/null
	ls -l "$obs" | awk '{printf "file: %.2f GB\n", $5/1e9}'
	for i in $(seq "${RUNS:-3}"); do
		/usr/bin/time -v "$tmp/sp-typology" -q -o "$tmp/typology_raw.parquet" "$obs" 2>"$tmp/time.txt"
		awk -F': ' '/Elapsed/ {t=$2} /Maximum resident/ {r=$2} END {printf "sp-typology: wall %s, peak RSS %.0f MB\n", t, r/1024}' "$tmp/time.txt"
	done
	SP_BENCH_FILE="$obs" "$tmp/typology.test" -test.run '^$' -test.bench 'Typology$|PlainRead$' \
		-test.benchtime 1x -test.count "${RUNS:-3}" | grep -E '^Benchmark'
	rm -f "$obs"
done
