# integ_cli_sessions: several cmsh sessions at once.
# - 4 cmsh -f run at the same time, each configuring 15 log levels of its own: every one
#   succeeds and the 60 lines (at most 64 levels: CMDMGR_MAX_LEVELS) are all in show
#   running-config and running.json (commits are queued, none is lost or mixed up).
# - two interactive sessions (tmux), both in the config node: a change made in one is seen at
#   once by the other (`do show running-config`), and the other's prompt follows a new hostname.
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"

inst_create a
add_veth a eth1
inst_start a

say "4 cmsh -f at once"
pids=()
for s in 1 2 3 4; do
	{
		echo 'configure terminal'
		for k in $(seq -w 1 15); do echo "log s${s}p$k priority debug"; done
	} >"$N2T_TMP/s$s.cmsh"
done
for s in 1 2 3 4; do
	cmsh a -f "$N2T_TMP/s$s.cmsh" >"$N2T_TMP/s$s.out" 2>&1 &
	pids+=($!)
done
for i in 0 1 2 3; do
	rc=0
	wait "${pids[$i]}" || rc=$?
	[ "$rc" -eq 0 ] || fail "session $((i + 1)) exited $rc: $(cat "$N2T_TMP/s$((i + 1)).out")"
done
show_run a
for s in 1 2 3 4; do
	n=$(grep -cE "^log s${s}p[0-9]{2} priority debug$" <<<"$SHOWRUN" || true)
	assert_eq "$n" 15 "log lines of session $s in show running-config"
done
n=$(python3 -c '
import json, sys
print(len(json.load(open(sys.argv[1]))["n2os-system:system"]["logging"]["process"]))
' "${N2T_RUN[a]}/running.json")
assert_eq "$n" 60 "log entries in running.json"

say "two interactive sessions"
run cmsh a -c 'configure terminal' -c 'hostname Shared-0'
[ "$RUN_RC" -eq 0 ] || fail "hostname Shared-0 failed: $RUN_ERR"
tmux_start a A
tmux_start a B
for w in A B; do
	tmux_expect "$w" '^Shared-0>$'
	tmux_line "$w" 'enable'
	tmux_expect "$w" '^Shared-0\(exec\)#$'
	tmux_line "$w" 'terminal length 0' # the configuration is longer than the window
	tmux_expect "$w" '^Shared-0\(exec\)#terminal length 0$'
	tmux_line "$w" 'configure terminal'
	tmux_expect "$w" '^Shared-0\(config\)#$'
done
tmux_line A 'hostname Shared-1'
tmux_expect A '^Shared-1\(config\)#$'
mark=$(tmux_lines B)
tmux_line B 'do show running-config'
tmux_expect B '^hostname Shared-1$' "$mark"
tmux_expect B '^Shared-1\(config\)#$' "$TM_LINENO"
tmux_line B 'interface eth1'
tmux_expect B '^Shared-1\(interface\)#$' "$TM_LINENO"
tmux_line B 'description set in B'
tmux_expect B '^Shared-1\(interface\)#description set in B$' "$((TM_LINENO - 1))" # the prompt's line
tmux_expect B '^Shared-1\(interface\)#$' "$TM_LINENO"
mark=$(tmux_lines A)
tmux_line A 'do show running-config'
tmux_expect A '^ description set in B$' "$mark"
tmux_line A 'exit'
tmux_line B 'end'
tmux_expect B '^Shared-1\(exec\)#$' "$TM_LINENO"
tmux_stop

inst_stop a
n2t_pass
