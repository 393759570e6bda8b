#!/usr/bin/env bash
# tests/run-all.sh: the one command that sets up, builds and runs every test from a clean
# checkout (as root on Debian 12; CI runs it through .ci/run).
#
#   1. packaging/setup-deps.sh          installs the Debian packages that are missing
#   2. build/       RelWithDebInfo      configure, build, ctest (unit and integration tests)
#   3. build-asan/  -DN2OS_SANITIZE=ON  configure, build, ctest under ASan + UBSan
#   4. build-fuzz/  -DN2OS_FUZZ=ON      configure with clang, build the fuzz targets, run each for
#                                       N2OS_FUZZ_TIME seconds (default 30; 0 skips the step); a
#                                       crash fails the run and leaves its input in
#                                       build-fuzz/fuzz/artifacts/ (tests/fuzz/run.sh)
#
# Usage: tests/run-all.sh [CTEST ARGUMENTS...]   e.g. tests/run-all.sh -L unit
# A failing step does not stop the later ones (a build that fails in one target still runs the
# tests it could build); the run ends with a summary and exits 1 when anything failed. Each
# ctest log is kept in its build directory (ctest.log).
set -uo pipefail
exec </dev/null

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
jobs=$(nproc 2>/dev/null || echo 2)
ctest_args=("$@")

if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
	awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
	exit 0
fi

summary=()
failed=0

# step NAME CMD...: runs one step, timing it and recording its result.
step() {
	local name=$1 t0=$SECONDS rc=0
	shift
	printf '\n========== %s\n' "$name"
	"$@" || rc=$?
	local verdict="ok"
	[ "$rc" -eq 0 ] || { verdict="FAILED (exit $rc)"; failed=1; }
	summary+=("$(printf '%-34s %-16s %5ss%s' "$name" "$verdict" $((SECONDS - t0)) "${STEP_NOTE:-}")")
	STEP_NOTE=
	return "$rc"
}

skip() {
	summary+=("$(printf '%-34s %-16s %5s' "$1" "skipped" "-")  ($2)")
}

# A build directory configured for another source tree (a moved or re-cloned checkout) cannot be
# reused: CMake refuses it. Start it afresh.
fresh_if_foreign() {
	local dir=$1 home
	[ -f "$dir/CMakeCache.txt" ] || return 0
	home=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$dir/CMakeCache.txt")
	if [ "$home" != "$root" ]; then
		echo "run-all: $dir was configured for '$home'; removing it"
		rm -rf "$dir"
	fi
}

configure() {
	local dir=$1
	shift
	fresh_if_foreign "$dir"
	cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
}

# Keeps going after an error, so that one broken target does not keep every test from running.
build() {
	local dir=$1 keep_going=()
	grep -q '^CMAKE_GENERATOR:INTERNAL=Unix Makefiles' "$dir/CMakeCache.txt" && keep_going=(-- -k)
	cmake --build "$dir" -j "$jobs" "${keep_going[@]}"
}

# build_and_test DIR LABEL CMAKE_ARGS...: the tests run even when some target failed to build,
# as long as the build produced the programs and ctest's files.
build_and_test() {
	local dir=$1 label=$2
	shift 2
	if ! step "$dir/ configure" configure "$dir" "$@"; then
		skip "$dir/ build" "configure failed"
		skip "$dir/ ctest$label" "configure failed"
		return
	fi
	step "$dir/ build" build "$dir"
	if [ -x "$dir/bin/n2os" ]; then
		step "$dir/ ctest$label" run_ctest "$dir"
	else
		skip "$dir/ ctest$label" "the build made no bin/n2os"
	fi
}

run_ctest() {
	local dir=$1 rc=0 line
	ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$jobs" \
		"${ctest_args[@]}" 2>&1 | tee "$dir/ctest.log" || rc=$?
	line=$(grep -E '^[0-9]+% tests passed' "$dir/ctest.log" | tail -n 1)
	[ -z "$line" ] || STEP_NOTE="  ($line)"
	return "$rc"
}

start=$SECONDS
echo "run-all: n2os in $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')), $jobs jobs"

step "dependencies (setup-deps.sh)" packaging/setup-deps.sh

build_and_test build "" -DN2OS_SANITIZE=OFF

ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	build_and_test build-asan " (ASan+UBSan)" -DN2OS_SANITIZE=ON

# The fuzz targets, each for a bounded time (docs/fuzzing.md); their own build directory, since
# every library is built there with clang, libFuzzer's coverage and the sanitizers. CC is read
# at the first configure only: a directory configured with another compiler starts afresh.
configure_fuzz() {
	if [ -f build-fuzz/CMakeCache.txt ] &&
		! grep -q '^CMAKE_C_COMPILER:[A-Z]*=.*clang' build-fuzz/CMakeCache.txt; then
		echo "run-all: build-fuzz/ was not configured with clang; removing it"
		rm -rf build-fuzz
	fi
	CC=clang configure build-fuzz -DN2OS_FUZZ=ON
}
fuzz_time=${N2OS_FUZZ_TIME:-30}
if [ "$fuzz_time" = 0 ]; then
	skip "build-fuzz/ fuzz" "N2OS_FUZZ_TIME=0"
elif ! command -v clang >/dev/null; then
	step "build-fuzz/ fuzz" false
	echo "run-all: clang not found (packaging/setup-deps.sh installs it)"
elif step "build-fuzz/ configure" configure_fuzz &&
	step "build-fuzz/ build" cmake --build build-fuzz -j "$jobs" --target fuzz; then
	step "build-fuzz/ fuzz (${fuzz_time}s each)" bash tests/fuzz/run.sh -t "$fuzz_time" build-fuzz
fi

printf '\n========== summary (%ss in all)\n' $((SECONDS - start))
printf '%s\n' "${summary[@]}"
if [ "$failed" -ne 0 ]; then
	echo "run-all: FAILED"
	exit 1
fi
echo "run-all: all passed"
