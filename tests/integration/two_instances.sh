#!/usr/bin/env bash
# integ_two_instances: two instances at once, each in its own namespace with its own run
# directory. Both run everything; a process killed in one restarts there while the other is not
# touched (same pids, no restarts); stopping one leaves the other running.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n2t_init "$@"

inst_create a
inst_create b
inst_start a
inst_start b
assert_all_running a
declare -A pa pb
save_pids pa
assert_all_running b
save_pids pb
for p in "${N2T_ALL[@]}"; do
	assert_ne "${pa[$p]}" "${pb[$p]}" "$p: instances a and b share a process"
done
monitor_start a
monitor_start b

victim=pifmgr
mark=$(line_count "${N2T_MON[a]}")
say "kill -9 $victim of instance a (pid ${pa[$victim]})"
kill -KILL "${pa[$victim]}"
expect_line "${N2T_MON[a]}" "^$victim restarting pid=0 restarts=1 " "$mark"
expect_line "${N2T_MON[a]}" "^$victim running pid=[0-9]+ restarts=1$" "$WAIT_LINENO"
expect_line "${N2T_MON[a]}" '^all running$' "$WAIT_LINENO"
assert_all_running a
assert_ne "${ST_PID[$victim]}" "${pa[$victim]}" "instance a: pid of $victim after kill -9"
assert_pids_unchanged a pa "$victim"
save_pids pa

assert_all_running b
assert_pids_unchanged b pb
for p in "${N2T_PROCS[@]}"; do
	assert_eq "${ST_RESTARTS[$p]}" 0 "instance b: restarts of $p"
done
assert_eq "$(line_count "${N2T_MON[b]}")" 1 "lines printed by the monitor of instance b"

monitor_stop a
inst_stop a
assert_stopped_clean a "${pa[@]}"
assert_all_running b
assert_pids_unchanged b pb
assert_eq "$(line_count "${N2T_MON[b]}")" 1 "lines printed by the monitor of instance b"

monitor_stop b
inst_stop b
assert_stopped_clean b "${pb[@]}"
n2t_pass
