#!/usr/bin/env bash
# Runs fuzz targets of a -DN2OS_FUZZ=ON build for a bounded time each, one after the other, and
# prints one line per target with libFuzzer's final statistics. Exits 1 when a target crashed,
# leaked, timed out or broke an invariant; the input that did it is then in
# BUILD/fuzz/artifacts/TARGET/ (crash-*, leak-*, timeout-*, oom-*) and the log in
# BUILD/fuzz/TARGET.log. New inputs go to BUILD/fuzz/corpus/TARGET, never to the seed corpus
# in the tree (tests/fuzz/corpus/TARGET), which is only read.
#
# Usage: tests/fuzz/run.sh [-t SECONDS] BUILD [TARGET...]
#   -t SECONDS  how long each target runs (default 30, or $N2OS_FUZZ_TIME)
#   TARGET      vrrp_rx, ipc_frame, ... (default: every fuzz_* program in BUILD/tests)
# Extra libFuzzer options can be given in $N2OS_FUZZ_ARGS (e.g. "-jobs=2 -workers=2").
set -uo pipefail

seconds=${N2OS_FUZZ_TIME:-30}
if [ "${1:-}" = -t ]; then
	seconds=$2
	shift 2
fi
if [ $# -lt 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
	awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
	exit 2
fi
build=$(cd "$1" && pwd) || exit 2
shift
seeds=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/corpus

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for exe in "$build"/tests/fuzz_*; do
		[ -x "$exe" ] && targets+=("${exe##*/fuzz_}")
	done
fi
if [ ${#targets[@]} -eq 0 ]; then
	echo "run.sh: no fuzz targets in $build/tests (configure with CC=clang -DN2OS_FUZZ=ON, then make fuzz)" >&2
	exit 2
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# stat NAME LOG: the value of libFuzzer's final "stat::NAME: N" line.
stat() {
	sed -n "s/^stat::$1: *//p" "$2" | tail -n 1
}

failed=0
for t in "${targets[@]}"; do
	exe=$build/tests/fuzz_$t
	work=$build/fuzz/corpus/$t
	art=$build/fuzz/artifacts/$t
	log=$build/fuzz/$t.log
	if [ ! -x "$exe" ]; then
		echo "fuzz_$t: no such program ($exe)"
		failed=1
		continue
	fi
	mkdir -p "$work" "$art"
	touch "$build/fuzz/.start-$t" # the inputs of this run are newer
	dirs=("$work")
	[ -d "$seeds/$t" ] && dirs+=("$seeds/$t")
	rc=0
	# shellcheck disable=SC2086 # N2OS_FUZZ_ARGS is a list of options
	"$exe" -max_total_time="$seconds" -print_final_stats=1 -timeout=25 -rss_limit_mb=2048 \
		-artifact_prefix="$art/" ${N2OS_FUZZ_ARGS:-} "${dirs[@]}" >"$log" 2>&1 || rc=$?
	execs=$(stat number_of_executed_units "$log")
	secs=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -n 1)
	cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1)
	corpus=$(find "$work" -type f | wc -l)
	rate=""
	[ -n "$execs" ] && [ -n "$secs" ] && [ "$secs" -gt 0 ] && rate=" ($((execs / secs))/s)"
	line=$(printf 'fuzz_%-12s %10s executions in %3ss%s, %s, %s inputs in the corpus' "$t" \
		"${execs:-?}" "${secs:-?}" "$rate" "${cov:-cov: ?}" "$corpus")
	if [ "$rc" -eq 0 ]; then
		echo "$line: ok"
	else
		failed=1
		echo "$line: FAILED (exit $rc)"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant broken|.*runtime error)' "$log" | head -n 5 | sed 's/^/    /'
		find "$art" -type f -newer "$build/fuzz/.start-$t" | sed 's|^|    input: |'
		echo "    log: $log; replay: $exe INPUT"
	fi
done
exit "$failed"
