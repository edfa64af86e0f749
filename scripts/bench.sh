#!/usr/bin/env bash
# Prints the figures the issues ask for, each beside a peer measured in the
# same run (medians of several runs; machines are shared and noisy).
#
#   scripts/bench.sh [ingest|stages|typology|manifold|sql|all]     (default: all)
#
#   ingest    sp-ingest vs scipy.io.loadmat and the libdeflate ceiling; v5; peak RSS 5 vs 200 files
#   stages    every stage on one LUMO-like partition (22 x ~10^7 samples): wall time and peak RSS each
#   typology  sp-typology vs a plain read of the same column (bench/typology.sh; SAMPLES to scale)
#   manifold  signal-windows per second per core, whole stage and engines alone (Prime base set)
#   sql       reports of a small partition and the fleet report
#
# BENCH_DIR (default /tmp/sp-bench) keeps the generated raw files between
# runs; the big outputs are deleted as soon as they are measured.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$here/bin
dir=${BENCH_DIR:-/tmp/sp-bench}
runs=${RUNS:-5}
what=${1:-all}
mkdir -p "$dir"
cd "$here"

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# gobench PATTERN PKG: median MB/s of each benchmark matching PATTERN.
gobench() {
	go test -run '^$' -bench "$1" -count "$runs" -benchtime 1x "$2" |
		awk '/MB\/s/ {for (i = 1; i <= NF; i++) if ($i == "MB/s") print $1, $(i-1)}' |
		sort | awk '{v[$1] = v[$1] " " $2} END {for (k in v) print k, v[k]}' |
		while read -r name values; do
			printf '%s %s\n' "$name" "$(printf '%s\n' $values | median)"
		done
}

lumo_files() { # LUMO-like raw files: 22 channels x 990,600 samples (10 min at 1651 Hz)
	local format=$1 out=$dir/lumo-$1
	if [ ! -f "$out/.complete" ]; then
		rm -rf "$out"
		"$bin/sp-synth" --out "$out" --weeks 1 --files-per-week 5 --channels 22 --rate 1651 --seconds 600 \
			--format "$format" --zlib-level 6 >/dev/null
		touch "$out/.complete"
	fi
	ls "$out"/*/*/*.mat
}

ingest() {
	echo "== sp-ingest: LUMO-like files, 22 x 990,600 float64 each, 2 cores"
	local v7 v5
	v7=$(lumo_files v7)
	v5=$(lumo_files v5)
	local bytes=$((5 * 22 * 990600 * 8))
	local r
	r=$(SP_BENCH_FILES="$dir/lumo-v7/*/*/*.mat" gobench 'BenchmarkRun$|BenchmarkInflateCeiling' ./lib/ingest)
	local run ceil
	run=$(awk '/BenchmarkRun/ {print $2}' <<<"$r")
	ceil=$(awk '/BenchmarkInflateCeiling/ {print $2}' <<<"$r")
	local scipy
	scipy=$(for i in $(seq 3); do
		/usr/bin/python3 -c '
import sys, time, scipy.io
t = time.perf_counter()
for f in sys.argv[1:]:
    scipy.io.loadmat(f, squeeze_me=True)
print(time.perf_counter() - t)' $v7
	done | median)
	local scipy_mbs
	scipy_mbs=$(awk -v b=$bytes -v s="$scipy" 'BEGIN {printf "%.0f", b / s / 1e6}')
	printf '  v7 (zlib 6) -> parquet:   %6.0f MB/s decoded float64 (target >= 300)\n' "$run"
	printf '  scipy.io.loadmat alone:   %6.0f MB/s (decode only)   sp-ingest / scipy = %.2fx (target >= 1.5x)\n' "$scipy_mbs" "$(awk -v a="$run" -v b="$scipy_mbs" 'BEGIN {print a/b}')"
	printf '  libdeflate inflate only:  %6.0f MB/s (ceiling)       sp-ingest / ceiling = %.0f%%\n' "$ceil" "$(awk -v a="$run" -v b="$ceil" 'BEGIN {print 100*a/b}')"
	r=$(SP_BENCH_FILES="$dir/lumo-v5/*/*/*.mat" gobench 'BenchmarkRun$' ./lib/ingest)
	printf '  v5 uncompressed -> parquet: %4.0f MB/s (target >= 600)\n' "$(awk '{print $2}' <<<"$r")"

	# Peak RSS: 5 files vs 200 (the same 5, linked 40 times each).
	local many=$dir/lumo-200 out=$dir/out.parquet
	rm -rf "$many"
	mkdir -p "$many"
	local k=0
	for i in $(seq 40); do for f in $v7; do k=$((k + 1)); ln -s "$f" "$many/$(printf %03d $k).mat"; done; done
	local rss5 rss200
	rss5=$( { /usr/bin/time -f %M "$bin/sp-ingest" -q -o "$out" $v7 >/dev/null; } 2>&1 | tail -1)
	local size=$(stat -c %s "$out") insize=$(cat $v7 | wc -c)
	rss200=$( { /usr/bin/time -f %M "$bin/sp-ingest" -q -o "$out" "$many"/*.mat >/dev/null; } 2>&1 | tail -1)
	rm -rf "$out" "$dir/ingest_report.json" "$dir/stages.log" "$many"
	printf '  peak RSS: 5 files %d MB, 200 files %d MB (+%.1f%%; target <= 10%%, < 300 MB)\n' \
		$((rss5 / 1024)) $((rss200 / 1024)) "$(awk -v a=$rss5 -v b=$rss200 'BEGIN {print 100*(b-a)/a}')"
	printf '  size: parquet %.2f bytes/sample vs v7 input %.2f bytes/sample\n' \
		"$(awk -v s=$size 'BEGIN {print s / (5*22*990600)}')" "$(awk -v s=$insize 'BEGIN {print s / (5*22*990600)}')"
}

# stages: the whole pipeline on one partition, stage by stage, with
# /usr/bin/time, so each stage's wall time and peak RSS stand side by side.
stages() {
	local v7 p=$dir/partition n=0
	v7=$(lumo_files v7)
	rm -rf "$p"
	mkdir -p "$p/raw"
	for i in 1 2; do for f in $v7; do n=$((n + 1)); ln -s "$f" "$p/raw/$(printf %02d $n).mat"; done; done
	echo "== one partition: 22 signals x $((n * 990600)) samples (LUMO-like), all cores"
	timed() { # name, command...
		local name=$1
		shift
		/usr/bin/time -f "%e %M" -o "$p/time" "$@" >/dev/null 2>"$p/err" || { cat "$p/err"; return 1; }
		read -r secs kb <"$p/time"
		printf '  %-12s %7.1f s  peak RSS %5d MB\n' "$name" "$secs" $((kb / 1024))
	}
	timed sp-ingest "$bin/sp-ingest" -q -o "$p/observations.parquet" "$p"/raw/*.mat
	timed sp-typology "$bin/sp-typology" -q -o "$p/typology_raw.parquet" "$p/observations.parquet"
	timed sp-classify "$bin/sp-classify" -q -o "$p/typology.parquet" "$p/typology_raw.parquet"
	timed sp-manifest "$bin/sp-manifest" -q -o "$p/manifest.yaml" "$p/typology.parquet"
	timed sp-manifold "$bin/sp-manifold" -q --manifest "$p/manifest.yaml" -o "$p/output" "$p/observations.parquet"
	timed sp-sql "$bin/sp-sql" run -q "$p"
	awk '/^system:/ {s=1} s && /window|stride/ {printf "  (system grid: %s)\n", $0} /^[a-z]/ && !/^system:/ {s=0}' "$p/manifest.yaml"
	du -b "$p/observations.parquet" "$p/output" | awk '{printf "  %-30s %8.2f GB\n", substr($2, length("'"$p"'")+2), $1/1e9}'
	rm -rf "$p"
}

typology() { SAMPLES=${SAMPLES:-10000000} RUNS=3 bench/typology.sh; }

manifold() {
	# 22 x 2^20 samples (360k signal-windows per run): the per-run costs
	# (opening files, first buffers, encoder tables) no longer count
	echo "== sp-manifold: Prime base engines, W=128, S=64 (CPU per signal-window is the steady figure)"
	SP_BENCH_SAMPLES=${SP_BENCH_SAMPLES:-1048576} go test -run '^$' -benchtime 1x \
		-bench 'BenchmarkStage$|BenchmarkStageWithoutEngines|BenchmarkEnginesOnly|BenchmarkStageBootstrap' \
		-count 3 ./lib/manifold | grep -E '^Benchmark'
}

sql() {
	echo "== sp-sql: reports of a small partition, fleet of 12 partitions"
	go test -run '^$' -bench 'BenchmarkPartitionSmall|BenchmarkFleet' -count 3 ./lib/report | grep -E '^Benchmark'
}

case $what in
ingest | stages | typology | manifold | sql) $what ;;
all) ingest && stages && typology && manifold && sql ;;
*) echo "unknown benchmark $what" >&2; exit 2 ;;
esac
