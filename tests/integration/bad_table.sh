#!/usr/bin/env bash
# integ_bad_table: `n2os start` refuses a broken process table (CONFDIR/processes.conf) with a
# message naming the file and the line, and fails naming the process when a table's program does
# not exist. Nothing is left running or lying in the run directory afterwards.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n2t_init "$@"

inst_create a
conf="$(inst_confdir a)/processes.conf"

# start_fails WHAT EXPECTED_TEXT...: n2os start must fail, its error naming each EXPECTED_TEXT,
# and leave nothing behind.
start_fails() {
	local what=$1 text
	shift
	say "start with $what"
	run n2 a start --confdir "$(inst_confdir a)" --timeout "$N2T_WAIT"
	[ "$RUN_RC" -ne 0 ] || fail "n2os start with $what succeeded"
	say "  exit $RUN_RC: $RUN_ERR"
	for text in "$@"; do
		assert_contains "$RUN_ERR" "$text" "error of n2os start with $what"
	done
	assert_stopped_clean a
}

# one broken table per case: "LINE|TEXT"; each must be refused naming the file and that line
cases=(
	"3|ipcmgr ipcmgr -\n# a comment line\npifmgr pifmgr ipcmgr heartbeat=soon\n"
	"2|ipcmgr ipcmgr -\nvrrpd vrrpd pifmgr\npifmgr pifmgr ipcmgr\n"
	"1|pifmgr pifmgr -\nipcmgr ipcmgr -\n"
	"4|ipcmgr ipcmgr -\npifmgr pifmgr ipcmgr\n\npifmgr pifmgr ipcmgr\n"
	"2|ipcmgr ipcmgr -\nribmgr\n"
	"2|ipcmgr ipcmgr -\ncmdmgr cmdmgr ipcmgr colour=blue\n"
)
for c in "${cases[@]}"; do
	line=${c%%|*}
	printf '%b' "${c#*|}" >"$conf"
	start_fails "an error on line $line of processes.conf" "$conf" "line $line:"
done

say "table whose program does not exist"
cat >"$conf" <<'TABLE'
# name  program                  after   options
ipcmgr  ipcmgr                   -       heartbeat=1000
ghostd  n2t-no-such-program      ipcmgr
TABLE
start_fails "a program that does not exist" "ghostd"
assert_contains "$(cat "$(inst_rundir a)/ghostd.log")" "n2t-no-such-program" "ghostd.log"

say "the same instance starts with a good table"
rm "$conf"
inst_start a
assert_all_running a
declare -A pids
save_pids pids
inst_stop a
assert_stopped_clean a "${pids[@]}"
n2t_pass
