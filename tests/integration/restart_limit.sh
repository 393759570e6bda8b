#!/usr/bin/env bash
# integ_restart_limit: a process killed more than 5 times within 60 s (waiting for each restart)
# ends "failed" with a reason; the others keep running with the same pids; status exits 1 and
# says why; stop still stops everything cleanly.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n2t_init "$@"

victim=vrrpd
inst_create a
inst_start a
assert_all_running a
declare -A before
save_pids before
monitor_start a
mon=${N2T_MON[a]}

pid=${before[$victim]}
for n in 1 2 3 4 5 6; do
	mark=$(line_count "$mon")
	say "kill -9 $victim (pid $pid), kill $n"
	kill -KILL "$pid"
	wait_pid_gone "$pid" "$N2T_WAIT" || fail "$victim (pid $pid) still there after SIGKILL"
	if [ "$n" -le 5 ]; then
		expect_line "$mon" "^$victim restarting pid=0 restarts=$n reason=killed by signal 9" "$mark"
		expect_line "$mon" "^$victim running pid=[0-9]+ restarts=$n$" "$WAIT_LINENO"
		pid=${WAIT_LINE#*pid=}
		pid=${pid%% *}
		expect_line "$mon" '^all running$' "$WAIT_LINENO"
		assert_eq "$(pidfile_pid a "$victim")" "$pid" "$victim.pid after restart $n"
	else
		expect_line "$mon" "^$victim failed pid=0 restarts=5 reason=.+" "$mark"
		say "monitor: $WAIT_LINE"
	fi
done

status_read a
assert_eq "$ST_RC" 1 "n2os status exit status with $victim failed"
assert_eq "$ST_ALL" false "all_running with $victim failed"
assert_eq "${ST_STATE[$victim]}" failed "state of $victim"
assert_eq "${ST_PID[$victim]}" 0 "pid of $victim"
assert_eq "${ST_RESTARTS[$victim]}" 5 "restarts of $victim"
assert_contains "${ST_REASON[$victim]}" "killed by signal 9" "reason of $victim"
assert_contains "${ST_REASON[$victim]}" "giving up" "reason of $victim"
for p in "${N2T_ALL[@]}"; do
	[ "$p" != "$victim" ] || continue
	assert_eq "${ST_STATE[$p]}" running "state of $p"
	pid_alive "${ST_PID[$p]}" || fail "$p (pid ${ST_PID[$p]}) is not running"
done
assert_pids_unchanged a before "$victim"
run n2 a status
assert_eq "$RUN_RC" 1 "n2os status (table) exit status"
assert_match "$RUN_OUT" "$victim +- +failed" "n2os status table line of $victim"

monitor_stop a
inst_stop a
assert_stopped_clean a "${before[@]}"
n2t_pass
