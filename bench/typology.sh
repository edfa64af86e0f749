#!/bin/sh
# Benchmark of sp-typology against a plain read of the same observations
# (lib/typology BenchmarkTypology, BenchmarkPlainRead) and its peak RSS,
# for LUMO-like signals of each size in SAMPLES (samples per signal).
#
#   bench/typology.sh                       # 22 signals, 10^7 and 10^8 samples per signal
#   SAMPLES=1000000 RUNS=5 bench/typology.sh
#   VALUES=continuous bench/typology.sh     # full-precision doubles instead of a 24-bit grid
#   SIGNALS=2 SAMPLES=1000000000 bench/typology.sh   # a week at 1,651 Hz, one signal per core
#   COLD=1 bench/typology.sh                # drop the file from the page cache before every run
#   FILE=obs.parquet bench/typology.sh      # an existing observations file instead
#
# The observations file (about 3 bytes per sample) is written to a
# temporary folder and deleted after each size. Each of RUNS rounds runs
# the command (wall seconds, peak RSS), the plain read and the stage's
# benchmark one after the other, so the peers share the machine's mood.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sp-typology-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
go build -o "$tmp/sp-typology" ./cmd/sp-typology
go test -c -o "$tmp/typology.test" ./lib/typology

# evict drops a file from the page cache (GNU dd), when COLD is set.
evict() {
	if [ -n "${COLD:-}" ]; then dd if="$1" iflag=nocache count=0 2>/dev/null; fi
}

bench() { # file
	ls -l "$1" | awk '{printf "file: %.2f GB\n", $5/1e9}'
	for i in $(seq "${RUNS:-3}"); do
		evict "$1"
		/usr/bin/time -v "$tmp/sp-typology" -q -o "$tmp/typology_raw.parquet" "$1" 2>"$tmp/time.txt"
		awk -F': ' '/Elapsed/ {t=$2} /Maximum resident/ {r=$2} END {printf "sp-typology: wall %s, peak RSS %.0f MB\n", t, r/1024}' "$tmp/time.txt"
		for b in PlainRead Typology; do
			evict "$1"
			SP_BENCH_FILE="$1" "$tmp/typology.test" -test.run '^$' -test.bench "^Benchmark$b\$" \
				-test.benchtime 1x | grep -E '^Benchmark'
		done
	done
}

if [ -n "${FILE:-}" ]; then
	bench "$FILE"
	exit
fi
obs="$tmp/observations.parquet"
for n in ${SAMPLES:-10000000 100000000}; do
	echo "== ${SIGNALS:-22} signals x $n samples (${VALUES:-quantised})"
	SP_BENCH_WRITE="$obs" SP_BENCH_SAMPLES="$n" SP_BENCH_SIGNALS="${SIGNALS:-22}" SP_BENCH_VALUES="${VALUES:-quantised}" \
		"$tmp/typology.test" -test.run TestWriteBenchObservations >/dev/null
	bench "$obs"
	rm -f "$obs"
done
