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
mon=${N2T_MON[a]}

for victim in "${N2T_PROCS[@]}"; do
	old=${before[$victim]}
	mark=$(line_count "$mon")
	say "kill -9 $victim (pid $old)"
	kill -KILL "$old"
	wait_pid_gone "$old" "$N2T_WAIT" || fail "$victim (pid $old) still there after SIGKILL"
	if [ "$victim" = ipcmgr ]; then
		# the bus itself: procmgr cannot publish until it is back; the monitor follows it
		expect_line "$mon" '^bus lost, reconnecting$' "$mark"
		expect_line "$mon" '^bus connected$' "$WAIT_LINENO"
	else
		expect_line "$mon" "^$victim restarting pid=0 restarts=1 reason=killed by signal 9" "$mark"
	fi
	expect_line "$mon" "^$victim running pid=[0-9]+ restarts=1$" "$WAIT_LINENO"
	new_mon_pid=${WAIT_LINE#*pid=}
	new_mon_pid=${new_mon_pid%% *}
	expect_line "$mon" '^all running$' "$WAIT_LINENO"
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
