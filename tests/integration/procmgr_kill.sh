#!/usr/bin/env bash
# integ_procmgr_kill: kill -9 of procmgr makes every managed process exit on its own (they follow
# procmgr's death); `n2os status` then says "not running"; `n2os stop` cleans the run directory;
# `n2os start` works again.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n2t_init "$@"

inst_create a
inst_start a
assert_all_running a
declare -A before
save_pids before

say "kill -9 procmgr (pid ${before[procmgr]})"
kill -KILL "${before[procmgr]}"
wait_pid_gone "${before[procmgr]}" "$N2T_WAIT" || fail "procmgr still there after SIGKILL"
for p in "${N2T_PROCS[@]}"; do
	wait_pid_gone "${before[$p]}" "$N2T_WAIT" ||
		fail "$p (pid ${before[$p]}) still runs ${N2T_WAIT}s after procmgr was killed"
done
say "every managed process has exited"
left=$(ip netns pids "$(inst_ns a)" | tr '\n' ' ')
[ -z "$left" ] || fail "processes still in the namespace after procmgr was killed: $left"
for p in "${N2T_PROCS[@]}"; do
	# a clean exit removes its own pid file; SIGKILL would have left it
	[ ! -e "$(inst_rundir a)/$p.pid" ] || fail "$p did not exit cleanly: $p.pid is still there"
done
assert_rc 3 "n2os status after procmgr was killed" n2 a status

inst_stop a
assert_contains "$RUN_OUT" "not running" "n2os stop output after procmgr was killed"
assert_stopped_clean a "${before[@]}"

inst_start a
assert_all_running a
save_pids before
inst_stop a
assert_stopped_clean a "${before[@]}"
n2t_pass
