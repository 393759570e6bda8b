# tests/integration/lib.sh: the harness every integration test sources.
#
# A test is a bash script run as `bash TEST.sh BUILD_BIN_DIR` (ctest does that, see
# CMakeLists.txt). It sources this file, calls `n2t_init "$@"`, creates instances (an instance is
# one n2os --rundir inside its own network namespace), drives them with the n2os command, checks
# with the assert_* helpers and ends with `n2t_pass`.
#
# Whatever happens (an assertion fails, a command errors, Ctrl-C, SIGTERM, the deadline), the EXIT
# trap stops every instance the test started (`n2os stop`, then SIGKILL by pid file), deletes the
# test's namespaces and temporary directory, and fails the test if it had to kill anything or if
# a sanitizer reported an error in any process's log.
#
# Synchronisation is event-driven only: wait_for_line follows a file (the output of
# `n2os monitor`) until a line matches, wait_pid_gone waits for a process to exit. Nothing sleeps
# to let something happen.
#
# Names: namespaces are n2t-<pid of the test>-<label>; run directories are $N2T_TMP/<namespace>.
# The only addresses a test may use are 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24.
#
# Environment: N2T_KEEP=1 keeps the temporary directory (logs) after the run; N2T_DEADLINE (s,
# default 270) is when the test stops itself so that cleanup runs before ctest's TIMEOUT (300 s).

# shellcheck disable=SC2034 # ST_*, WAIT_* and others are set here for the tests to read
set -Eeuo pipefail
shopt -s nullglob
# vrrp_lib.sh and cli_lib.sh both source this file: a test may source both
[ -z "${N2T_SRC:-}" ] || return 0
N2T_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd) # this directory (helpers such as *.py)

N2T_NAME=$(basename "${0%.sh}")
N2T_PREFIX="n2t-$$-"
N2T_WAIT=${N2T_WAIT:-60}       # bound of every wait; generous for sanitizer builds
N2T_PROCS=() # the processes of the built-in table, in its order: `procmgr --list` (n2t_init)
N2T_ALL=()   # procmgr and N2T_PROCS
N2T_BIN=
N2T_TMP=
N2T_T0=${EPOCHREALTIME/./}
N2T_WATCHDOG=
N2T_LABELS=()
N2T_BG=()
# Debian's python3 (with python3-scapy) when there is one: a python3 earlier in PATH may be a
# version manager's shim, which costs a large part of a second per call
N2T_PY=$(command -v /usr/bin/python3 || command -v python3 || echo python3)
N2T_REPLAY= # printed when the test fails: how to run it again the same way (randomised tests)
declare -A N2T_NS=() N2T_RUN=() N2T_CONF=() N2T_MON=() N2T_MONPID=()

# ---------------------------------------------------------------------------------------------
# Messages and failure

n2t_elapsed() {
	local us=$((${EPOCHREALTIME/./} - N2T_T0))
	printf '%d.%03d' $((us / 1000000)) $((us / 1000 % 1000))
}

# Progress line, with the time since the test started.
say() { printf '[%7ss] %s\n' "$(n2t_elapsed)" "$*"; }

# Fails the test with a precise message.
fail() {
	printf 'FAIL: %s: %s\n' "$N2T_NAME" "$*" >&2
	exit 1
}

# need_tools TOOL...: fail unless every TOOL is on PATH (packaging/setup-deps.sh installs them).
need_tools() {
	local t
	for t in "$@"; do
		command -v "$t" >/dev/null || fail "'$t' not found (run packaging/setup-deps.sh)"
	done
}

n2t_on_err() {
	printf 'FAIL: %s: unexpected error (status %s) at %s line %s: %s\n' "$N2T_NAME" "$1" \
		"${BASH_SOURCE[1]##*/}" "$2" "$3" >&2
}

# ---------------------------------------------------------------------------------------------
# Set-up and cleanup

# n2t_init BUILD_BIN_DIR: checks the environment, creates the temporary directory, installs the
# cleanup trap and the deadline.
n2t_init() {
	[ $# -eq 1 ] || fail "usage: bash $N2T_NAME.sh BUILD_BIN_DIR"
	N2T_BIN=$(cd "$1" && pwd) || fail "no such directory: $1"
	[ -x "$N2T_BIN/n2os" ] || fail "$N2T_BIN/n2os is missing (build first)"
	mapfile -t N2T_PROCS < <("$N2T_BIN/procmgr" --confdir /nonexistent --list)
	[ "${#N2T_PROCS[@]}" -gt 0 ] || fail "$N2T_BIN/procmgr --list printed no process"
	N2T_ALL=(procmgr "${N2T_PROCS[@]}")
	if [ "$(id -u)" -ne 0 ]; then
		# ctest reports 77 as skipped (SKIP_RETURN_CODE); CI must not skip silently
		[ -z "${CI:-}" ] || fail "integration tests need root (network namespaces)"
		echo "SKIP: $N2T_NAME: needs root (network namespaces)"
		exit 77
	fi
	local tool
	for tool in ip timeout tail grep python3; do
		command -v "$tool" >/dev/null || fail "'$tool' not found (run packaging/setup-deps.sh)"
	done
	n2t_reap_stale
	N2T_TMP=$(mktemp -d "/tmp/n2t-$$.XXXXXX")
	# errors in subshells (command substitutions) surface in the shell that runs them
	trap '[ "$BASHPID" -ne $$ ] || n2t_on_err $? $LINENO "$BASH_COMMAND"' ERR
	trap n2t_cleanup EXIT
	trap 'say "interrupted"; exit 130' INT
	trap 'say "terminated (deadline or signal)"; exit 143' TERM
	trap 'exit 141' PIPE # our output went away: still clean up
	n2t_start_watchdog "${N2T_DEADLINE:-270}"
	say "$N2T_NAME: binaries in $N2T_BIN, files in $N2T_TMP"
}

# The deadline: SIGTERM ourselves so that cleanup runs before ctest kills us for good. The
# watchdog ends by itself when the test does (tail --pid), even when the test was SIGKILLed.
n2t_start_watchdog() {
	local secs=$1 me=$$
	(
		trap 'kill "$tp" 2>/dev/null; exit 0' TERM
		timeout "$secs" tail -s 0.5 --pid="$me" -f /dev/null >/dev/null 2>&1 &
		tp=$!
		wait "$tp" && exit 0
		echo "FAIL: $N2T_NAME: deadline of ${secs}s passed" >&2
		kill -TERM "$me"
	) &
	N2T_WATCHDOG=$!
}

# Namespaces left by an earlier run that was killed outright (n2t-<pid>- where <pid> is gone):
# kill what runs inside them (by pid, from `ip netns pids`) and delete them.
n2t_reap_stale() {
	local ns owner pid
	for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
		[[ $ns =~ ^n2t-([0-9]+)- ]] || continue
		owner=${BASH_REMATCH[1]}
		kill -0 "$owner" 2>/dev/null && continue
		echo "note: deleting stale namespace $ns (its test, pid $owner, is gone)"
		for pid in $(ip netns pids "$ns" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null || true
		done
		ip netns del "$ns" 2>/dev/null || true
		rm -rf "/tmp/n2t-$owner".*
	done
}

# True when pid runs (a zombie has exited: it does not count).
pid_alive() {
	local stat
	[ -n "${1:-}" ] && [ "$1" -gt 0 ] 2>/dev/null || return 1
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1 # a builtin: no fork per check
	stat=${stat##*) }
	[[ ${stat:0:1} != [ZX] ]]
}

# Program name (comm) of pid, "" when there is none.
pid_comm() {
	local c=
	read -r c 2>/dev/null <"/proc/$1/comm" || true
	echo "$c"
}

# Resident set size of pid in KiB, "" when there is none. From /proc/PID/statm, one short line
# that one read() returns whole: bash reads /proc/PID/status in chunks and seeks back between
# them, so when a line before VmRSS changes length in between (VmSize, FDSize) it reads a torn
# line and finds no VmRSS (chaos failed so in CI with the process running).
N2T_PAGE_KB=$(($(getconf PAGESIZE) / 1024))
pid_rss_kb() {
	local _ pages
	read -r _ pages _ 2>/dev/null <"/proc/$1/statm" || return 0
	[ -z "$pages" ] || echo $((pages * N2T_PAGE_KB))
}

# True when the binaries were built with the sanitizers (cmake -DN2OS_SANITIZE=ON).
n2t_sanitized() { grep -q '^N2OS_SANITIZE:BOOL=ON' "$N2T_BIN/../CMakeCache.txt" 2>/dev/null; }

# Kills, by pid file only, every process of an instance that is still alive. Prints what it killed.
n2t_kill_by_pidfiles() {
	local run=$1 f name pid
	for f in "$run"/*.pid; do
		name=$(basename "$f" .pid)
		pid=$(head -c 20 "$f" 2>/dev/null | tr -dc 0-9)
		if [ -z "$pid" ] || ! pid_alive "$pid"; then continue; fi
		[ "$(pid_comm "$pid")" = "${name:0:15}" ] || continue # a reused pid: not ours
		echo "cleanup: killing $name (pid $pid) by its pid file"
		kill -KILL "$pid" 2>/dev/null || true
		wait_pid_gone "$pid" 10 || echo "cleanup: $name (pid $pid) survived SIGKILL"
	done
}

# Prints the sanitizer reports found in an instance's logs; returns 1 when there are some.
n2t_sanitizer_reports() {
	local run=$1 found=0 f
	for f in "$run"/*.log; do
		if grep -qE 'ERROR: (Address|Leak|Memory|Thread)Sanitizer|runtime error:' "$f"; then
			echo "cleanup: sanitizer report in $f:"
			grep -E -A 30 'ERROR: [A-Za-z]+Sanitizer|runtime error:' "$f" | head -60 | sed 's/^/  | /'
			found=1
		fi
	done
	return $found
}

n2t_diagnostics() {
	local l run f
	echo "---- diagnostics ----"
	for l in "${N2T_LABELS[@]}"; do
		run=${N2T_RUN[$l]}
		echo "== instance $l (namespace ${N2T_NS[$l]}, rundir $run)"
		if pid_alive "$(cat "$run/procmgr.pid" 2>/dev/null)"; then
			timeout 10 ip netns exec "${N2T_NS[$l]}" "$N2T_BIN/n2os" status --rundir "$run" \
				--timeout 5 2>&1 | sed 's/^/  /' || true
		fi
		echo "   files: $(cd "$run" && echo *)"
		for f in "$run"/*.log; do
			echo "-- last lines of $f"
			tail -n 15 "$f" | sed 's/^/  | /'
		done
		if [ -n "${N2T_MON[$l]:-}" ]; then
			echo "-- monitor output ${N2T_MON[$l]}"
			tail -n 40 "${N2T_MON[$l]}" | sed 's/^/  | /'
		fi
	done
	echo "---- end of diagnostics ----"
}

# EXIT trap: stops everything this test started, removes its namespaces and files.
n2t_cleanup() {
	local rc=$? l ns run pid killed left
	trap '' INT TERM PIPE
	trap - ERR
	set +eE
	[ -n "$N2T_WATCHDOG" ] && kill "$N2T_WATCHDOG" 2>/dev/null && wait "$N2T_WATCHDOG" 2>/dev/null
	for pid in "${N2T_BG[@]}"; do
		kill -TERM "$pid" 2>/dev/null && { wait_pid_gone "$pid" 10 || kill -KILL "$pid" 2>/dev/null; }
	done
	[ "$rc" -eq 0 ] || n2t_diagnostics
	for l in "${N2T_LABELS[@]}"; do
		ns=${N2T_NS[$l]}
		run=${N2T_RUN[$l]}
		if pid_alive "$(cat "$run/procmgr.pid" 2>/dev/null)"; then
			[ "$rc" -ne 0 ] || echo "cleanup: instance $l was still running"
			timeout 90 ip netns exec "$ns" "$N2T_BIN/n2os" stop --rundir "$run" --timeout 60 >/dev/null
		fi
		killed=$(n2t_kill_by_pidfiles "$run")
		if [ -n "$killed" ]; then
			echo "$killed"
			rc=$((rc ? rc : 1))
		fi
		left=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
		if [ -n "$left" ]; then
			# only this test's processes can be in this namespace: kill them by pid
			echo "cleanup: processes left in $ns without a pid file: $left; killing them"
			for pid in $left; do
				echo "  $pid $(pid_comm "$pid")"
				kill -KILL "$pid" 2>/dev/null
			done
			rc=$((rc ? rc : 1))
		fi
		n2t_sanitizer_reports "$run" || rc=$((rc ? rc : 1))
		ip netns del "$ns" 2>/dev/null || echo "cleanup: cannot delete namespace $ns"
	done
	if [ -n "$N2T_TMP" ] && [ -d "$N2T_TMP" ]; then
		if [ -n "${N2T_KEEP:-}" ]; then
			echo "cleanup: keeping $N2T_TMP (N2T_KEEP)"
		else
			rm -rf "$N2T_TMP"
		fi
	fi
	if [ "$rc" -eq 0 ]; then
		say "PASS: $N2T_NAME"
	else
		say "FAILED: $N2T_NAME (status $rc)"
		[ -z "$N2T_REPLAY" ] || say "replay: $N2T_REPLAY"
	fi
	exit "$rc"
}

# Ends a test that got this far.
n2t_pass() { exit 0; }

# ---------------------------------------------------------------------------------------------
# Instances

# inst_create LABEL: a new namespace n2t-<pid>-LABEL (loopback up), its run directory and its
# configuration directory (empty: the built-in process table; a test may write files there).
inst_create() {
	local l=$1 ns="$N2T_PREFIX$1"
	[ -z "${N2T_NS[$l]:-}" ] || fail "instance $l created twice"
	ip netns add "$ns" || fail "cannot create network namespace $ns"
	N2T_LABELS+=("$l")
	N2T_NS[$l]=$ns
	N2T_RUN[$l]=$N2T_TMP/$ns
	N2T_CONF[$l]=$N2T_TMP/$ns.conf
	mkdir -p "${N2T_RUN[$l]}" "${N2T_CONF[$l]}"
	ip -n "$ns" link set lo up
}

inst_ns() { echo "${N2T_NS[$1]}"; }
inst_rundir() { echo "${N2T_RUN[$1]}"; }
inst_confdir() { echo "${N2T_CONF[$1]}"; }

# n2 LABEL COMMAND [ARGS]: runs `n2os COMMAND --rundir RUNDIR ARGS` inside the instance's namespace.
n2() {
	local l=$1 cmd=$2
	shift 2
	ip netns exec "${N2T_NS[$l]}" "$N2T_BIN/n2os" "$cmd" --rundir "${N2T_RUN[$l]}" "$@"
}

# run CMD...: runs a command that may fail; sets RUN_RC, RUN_OUT (stdout), RUN_ERR (stderr).
run() {
	local o="$N2T_TMP/run.out" e="$N2T_TMP/run.err"
	RUN_RC=0
	"$@" >"$o" 2>"$e" || RUN_RC=$?
	RUN_OUT=$(cat "$o")
	RUN_ERR=$(cat "$e")
}

# inst_start LABEL [ARGS]: `n2os start` with the instance's confdir, which must succeed.
inst_start() {
	local l=$1
	shift
	say "start instance $l"
	run n2 "$l" start --confdir "${N2T_CONF[$l]}" --timeout "$N2T_WAIT" "$@"
	[ "$RUN_RC" -eq 0 ] ||
		fail "n2os start of instance $l exited $RUN_RC: ${RUN_ERR:-$RUN_OUT}"
}

# inst_stop LABEL: `n2os stop`, which must succeed.
inst_stop() {
	say "stop instance $1"
	run n2 "$1" stop --timeout "$N2T_WAIT"
	[ "$RUN_RC" -eq 0 ] || fail "n2os stop of instance $1 exited $RUN_RC: ${RUN_ERR:-$RUN_OUT}"
}

# pidfile_pid LABEL NAME: the pid in RUNDIR/NAME.pid ("" when there is none).
pidfile_pid() {
	local p=
	read -r -n 20 p 2>/dev/null <"${N2T_RUN[$1]}/$2.pid" || true
	echo "${p//[^0-9]/}"
}

# status_read LABEL: runs `n2os status --json` and parses it into ST_RC (exit status), ST_ALL
# (true/false), ST_NAMES (in order), and ST_PID, ST_STATE, ST_RESTARTS, ST_REASON by name.
status_read() {
	local l=$1 kind name pid state restarts reason parsed
	run n2 "$l" status --json --timeout "$N2T_WAIT"
	ST_RC=$RUN_RC
	ST_ALL=false
	ST_NAMES=()
	ST_JSON=$RUN_OUT
	declare -gA ST_PID=() ST_STATE=() ST_RESTARTS=() ST_REASON=()
	[ -n "$RUN_OUT" ] || return 0
	parsed=$("$N2T_PY" -c '
import json, sys
d = json.loads(sys.stdin.read())
print("all\t" + ("true" if d.get("all_running") else "false"))
for p in d.get("processes", []):
    r = str(p["reason"]).replace("\t", " ").replace("\n", " ")
    print("\t".join(["proc", p["name"], str(p["pid"]), p["state"], str(p["restarts"]), r]))
' <<<"$RUN_OUT") || fail "n2os status --json of instance $l printed malformed JSON: $RUN_OUT"
	while IFS=$'\t' read -r kind name pid state restarts reason; do
		if [ "$kind" = all ]; then
			ST_ALL=$name
			continue
		fi
		ST_NAMES+=("$name")
		ST_PID[$name]=$pid
		ST_STATE[$name]=$state
		ST_RESTARTS[$name]=$restarts
		ST_REASON[$name]=$reason
	done <<<"$parsed"
}

# assert_all_running LABEL: status exits 0, says all_running, lists the six processes running,
# each alive in the instance's namespace with the pid its pid file holds.
assert_all_running() {
	local l=$1 p pid
	status_read "$l"
	[ "$ST_RC" -eq 0 ] || fail "instance $l: n2os status exited $ST_RC, expected 0: $RUN_OUT $RUN_ERR"
	[ "$ST_ALL" = true ] || fail "instance $l: all_running is $ST_ALL: $ST_JSON"
	assert_eq "${ST_NAMES[*]}" "${N2T_ALL[*]}" "instance $l: processes listed by status"
	for p in "${N2T_ALL[@]}"; do
		pid=${ST_PID[$p]}
		assert_eq "${ST_STATE[$p]}" running "instance $l: state of $p"
		pid_alive "$pid" || fail "instance $l: $p pid $pid reported running but does not exist"
		assert_eq "$(pid_comm "$pid")" "$p" "instance $l: program of pid $pid"
		assert_eq "$(pidfile_pid "$l" "$p")" "$pid" "instance $l: $p.pid"
		# the same namespace: the same nsfs inode (test -ef, no fork per process)
		[ "/proc/$pid/ns/net" -ef "/run/netns/${N2T_NS[$l]}" ] ||
			fail "instance $l: $p (pid $pid) runs in namespace '$(ip netns identify "$pid")', not ${N2T_NS[$l]}"
	done
}

# assert_stopped_clean LABEL [PIDS...]: the instance is gone: none of PIDS runs, nothing runs in its
# namespace, no *.sock or *.pid is left in its run directory, and status exits 3.
assert_stopped_clean() {
	local l=$1 pid left
	shift
	for pid in "$@"; do
		! pid_alive "$pid" || fail "instance $l: pid $pid ($(pid_comm "$pid")) still runs"
	done
	left=$(ip netns pids "${N2T_NS[$l]}" | tr '\n' ' ')
	[ -z "$left" ] || fail "instance $l: processes still in its namespace: $left"
	left=$(cd "${N2T_RUN[$l]}" && echo *.sock *.pid)
	[ -z "$left" ] || fail "instance $l: left in ${N2T_RUN[$l]}: $left"
	run n2 "$l" status
	[ "$RUN_RC" -eq 3 ] || fail "instance $l: n2os status exited $RUN_RC after stop, expected 3"
}

# ---------------------------------------------------------------------------------------------
# Waiting, event-driven

# wait_for_line FILE REGEX TIMEOUT [AFTER]: follows FILE until a line after line AFTER (default 0)
# matches the extended REGEX. Sets WAIT_LINENO (its line number in FILE) and WAIT_LINE. Returns 1
# when no line matched within TIMEOUT seconds.
wait_for_line() {
	local file=$1 re=$2 t=$3 after=${4:-0} out
	out=$(timeout "$t" tail -n "+$((after + 1))" -f -- "$file" 2>/dev/null |
		grep -n -m1 -E -- "$re") || true
	[ -n "$out" ] || return 1
	WAIT_LINENO=$((after + ${out%%:*}))
	WAIT_LINE=${out#*:}
}

# expect_line FILE REGEX [AFTER]: wait_for_line within N2T_WAIT seconds, or fail the test.
expect_line() {
	local file=$1 re=$2 after=${3:-0}
	wait_for_line "$file" "$re" "$N2T_WAIT" "$after" ||
		fail "no line matching /$re/ after line $after of $file within ${N2T_WAIT}s; it holds:
$(tail -n +"$((after + 1))" "$file" | head -n 40 | sed 's/^/  | /')"
}

# line_count FILE: number of complete lines in FILE.
line_count() { wc -l <"$1"; }

# wait_pid_gone PID TIMEOUT: waits until PID has exited. A zombie counts as gone (it has exited;
# whoever inherited it reaps it), so the check is repeated each second on top of tail --pid.
wait_pid_gone() {
	local pid=$1 t=$2 slice
	while pid_alive "$pid"; do
		[ "$t" -gt 0 ] || return 1
		slice=$((t < 1 ? t : 1))
		timeout "$slice" tail -s 0.1 --pid="$pid" -f /dev/null 2>/dev/null || true
		t=$((t - slice))
	done
}

# monitor_start LABEL: runs `n2os monitor` for the instance in the background, writing to
# N2T_MON[LABEL]; returns once it says "monitoring".
monitor_start() {
	local l=$1 f="$N2T_TMP/$1.monitor"
	: >"$f"
	ip netns exec "${N2T_NS[$l]}" "$N2T_BIN/n2os" monitor --rundir "${N2T_RUN[$l]}" >"$f" 2>&1 &
	N2T_MONPID[$l]=$!
	N2T_BG+=($!)
	N2T_MON[$l]=$f
	expect_line "$f" '^monitoring '
}

# monitor_stop LABEL: stops the instance's monitor (SIGTERM), which must exit 0 (it also ends by
# itself, "instance stopped", when the instance's procmgr has gone).
monitor_stop() {
	local pid=${N2T_MONPID[$1]} rc=0
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" || rc=$?
	[ "$rc" -eq 0 ] || fail "n2os monitor of instance $1 exited $rc"
}

# kill9_wait LABEL NAME RESTARTS: kill -9 process NAME of the instance (the pid of its pid file)
# and wait until the instance's monitor (monitor_start) has reported its restart, its being
# running again with RESTARTS restarts in all, and then "all running". For ipcmgr, the bus
# itself, the monitor sees the bus go and come back instead of the restart. Sets KW_OLD and
# KW_NEW, the pids before and after (KW_NEW as the monitor reported it).
kill9_wait() {
	local l=$1 p=$2 n=$3 mon=${N2T_MON[$1]} mark
	KW_OLD=$(pidfile_pid "$l" "$p")
	[ -n "$KW_OLD" ] || fail "instance $l: no pid file for $p"
	mark=$(line_count "$mon")
	say "$l: kill -9 $p (pid $KW_OLD)"
	kill -KILL "$KW_OLD"
	wait_pid_gone "$KW_OLD" "$N2T_WAIT" || fail "$p (pid $KW_OLD) still there after SIGKILL"
	if [ "$p" = ipcmgr ]; then
		# procmgr cannot publish until the bus is back; the monitor follows it
		expect_line "$mon" '^bus lost, reconnecting$' "$mark"
		expect_line "$mon" '^bus connected$' "$WAIT_LINENO"
	else
		expect_line "$mon" "^$p restarting pid=0 restarts=$n reason=killed by signal 9" "$mark"
	fi
	expect_line "$mon" "^$p running pid=[0-9]+ restarts=$n$" "$WAIT_LINENO"
	KW_NEW=${WAIT_LINE#*pid=}
	KW_NEW=${KW_NEW%% *}
	expect_line "$mon" '^all running$' "$WAIT_LINENO"
}

# ---------------------------------------------------------------------------------------------
# Assertions: each fails the test with a message saying what was expected and what was found.

assert_eq() { [ "$1" = "$2" ] || fail "$3: expected '$2', got '$1'"; }
assert_ne() { [ "$1" != "$2" ] || fail "$3: expected something other than '$2'"; }
assert_match() { [[ $1 =~ $2 ]] || fail "$3: '$1' does not match /$2/"; }
assert_contains() { [[ $1 == *"$2"* ]] || fail "$3: '$1' does not contain '$2'"; }
# assert_text GOT WANT WHAT: fails with a diff when two texts differ.
assert_text() {
	local got=$1 want=$2 what=$3
	[ "$got" = "$want" ] && return 0
	fail "$what differs (- expected, + got):
$(diff -u <(printf '%s\n' "$want") <(printf '%s\n' "$got") | tail -n +3)"
}
# assert_rc EXPECTED WHAT CMD...: runs CMD (see run) and checks its exit status.
assert_rc() {
	local want=$1 what=$2
	shift 2
	run "$@"
	[ "$RUN_RC" -eq "$want" ] ||
		fail "$what: exit status $RUN_RC, expected $want; stdout: '$RUN_OUT' stderr: '$RUN_ERR'"
}

# save_pids ARRAY: copies ST_PID (from the last status_read) into ARRAY, an associative array
# the caller has declared (declare -A ARRAY).
save_pids() {
	local -n _dst=$1
	local p
	_dst=()
	# shellcheck disable=SC2004 # _dst is associative: the key is a name, not arithmetic
	for p in "${!ST_PID[@]}"; do _dst[$p]=${ST_PID[$p]}; done
}

# assert_pids_unchanged LABEL ARRAY [EXCEPT]: status of the instance lists the pids in ARRAY
# (saved by save_pids), except for process EXCEPT.
assert_pids_unchanged() {
	local l=$1 except=${3:-} p
	local -n _old=$2
	status_read "$l"
	for p in "${N2T_ALL[@]}"; do
		[ "$p" != "$except" ] || continue
		assert_eq "${ST_PID[$p]:-}" "${_old[$p]}" "instance $l: pid of $p (it must not have restarted)"
	done
}
