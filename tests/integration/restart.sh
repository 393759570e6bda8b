#!/usr/bin/env bash
# integ_restart: kill -9 each managed process in turn (ipcmgr, pifmgr, ribmgr, cmdmgr, vrrpd) with
# `n2os monitor` running. After each kill: the monitor reports the restart and then "all running";
# the process has a new pid (in status and its pid file) and restarts=1; no other process was
# restarted; status exits 0. Each kill after the first is "a second kill of a different process".
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n2t_init "$@"

inst_create a
inst_start a
assert_all_running a
declare -A before
save_pids before
monitor_start a

for victim in "${N2T_PROCS[@]}"; do
	old=${before[$victim]}
	kill9_wait a "$victim" 1
	assert_eq "$KW_OLD" "$old" "pid of $victim in its pid file and in status"
	new_mon_pid=$KW_NEW
	say "$victim is back as pid $new_mon_pid; all running"

	assert_all_running a
	new=${ST_PID[$victim]}
	assert_ne "$new" "$old" "pid of $victim after kill -9"
	assert_eq "$new" "$new_mon_pid" "pid of $victim in status and in the monitor"
	assert_eq "${ST_RESTARTS[$victim]}" 1 "restarts of $victim"
	assert_pids_unchanged a before "$victim"
	before[$victim]=$new
done

status_read a
for p in "${N2T_PROCS[@]}"; do
	assert_eq "${ST_RESTARTS[$p]}" 1 "restarts of $p at the end"
done
monitor_stop a
inst_stop a
assert_stopped_clean a "${before[@]}"
n2t_pass
