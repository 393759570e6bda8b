# integ_limits: the limits a local client can reach (docs/limits.md), each from outside with a
# raw client (rawclient.py) or cmsh: the client is told which limit, the daemon keeps running
# with the same pid and the same configuration, and the counter moves.
# - a cmsh line over CLI_LINE_MAX: "% Line too long: N characters (at most 1024)", exit 1; TAB
#   and '?' on such a line say the same; a startup file line over it is reported, the rest applies
# - CLI_MAX_SESSIONS cmsh connections held open: the next cmsh is refused, "too many cmsh
#   sessions (at most 32)"; once they close, cmsh works again
# - BUS_MAX_CLIENTS bus connections: the next one is refused "too many bus clients (at most
#   64)", `n2os status` says so; once they close, everything is running as before and
#   `show ipc` counts the refusals
# - a frame over N2_FRAME_MAX on ipc.sock and on cmd.sock: "frame of N bytes is over the limit
#   of 4194304 bytes", then the hang-up; counted in `show ipc`
# - `log NAME priority LEVEL` entries up to CMDMGR_MAX_LEVELS (64): the 65th is refused at commit
#   by the YANG max-elements, its line named; the 64 stay
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"
RAW=$(dirname "${BASH_SOURCE[0]}")/rawclient.py

inst_create a
run_dir=${N2T_RUN[a]}
long=$(printf 'x%.0s' $(seq 1 3000))
cat >"${N2T_CONF[a]}/n2os.conf" <<CONF
hostname Limits-1
log vrrpd priority $long
log ribmgr priority debug
CONF
inst_start a
assert_contains "$RUN_ERR" "line 2: log vrrpd priority x" "n2os start: the long startup line"
assert_contains "$RUN_ERR" "...: % Line too long: 3019 characters (at most 1024)" \
	"n2os start: the long startup line"
assert_contains "$RUN_OUT$RUN_ERR" "2 of 3 lines applied" "n2os start: the other lines"
assert_all_running a
declare -A pids0
save_pids pids0
show_run a
assert_contains "$SHOWRUN" "hostname Limits-1" "running configuration"
assert_contains "$SHOWRUN" "log ribmgr priority debug" "running configuration"
running_json a
json0=$RJSON

say "a cmsh line over the limit"
run cmsh a -c "show $long"
[ "$RUN_RC" -eq 1 ] || fail "a 3005-character line exited $RUN_RC, expected 1"
assert_contains "$RUN_ERR" "% Line too long: 3005 characters (at most 1024)" "a long line"
printf 'configure terminal\nhostname %s\n' "$long" >"$N2T_TMP/long.cmsh"
run cmsh a -f "$N2T_TMP/long.cmsh"
[ "$RUN_RC" -eq 1 ] || fail "cmsh -f with a long line exited $RUN_RC, expected 1"
assert_contains "$RUN_ERR" "% Line too long: 3009 characters (at most 1024)" "cmsh -f"
assert_contains "$RUN_ERR" "long.cmsh:2: 'hostname x" "cmsh -f names the line"

say "32 cmsh sessions held open, then one more"
coproc HOLD { python3 "$RAW" hold "$run_dir/cmd.sock" 32 cmsh-hold; }
read -r -t "$N2T_WAIT" held <&"${HOLD[0]}" || fail "rawclient hold gave no answer"
assert_eq "$held" "held 32" "cmsh sessions held"
run cmsh a -c 'show version'
[ "$RUN_RC" -eq 1 ] || fail "cmsh beyond the session limit exited $RUN_RC, expected 1"
assert_contains "$RUN_ERR" "too many cmsh sessions (at most 32)" "cmsh beyond the session limit"
eval "exec ${HOLD[1]}>&-"
wait "$HOLD_PID" || fail "rawclient hold (cmsh) failed"
run cmsh a -c 'show version'
[ "$RUN_RC" -eq 0 ] || fail "cmsh after the sessions closed exited $RUN_RC: $RUN_ERR"

say "bus connections up to the limit, then one more"
coproc HOLD { python3 "$RAW" hold "$run_dir/ipc.sock" 64 bus-hold; }
read -r -t "$N2T_WAIT" held <&"${HOLD[0]}" || fail "rawclient hold gave no answer"
assert_match "$held" '^refused after [0-9]+: too many bus clients \(at most 64\)$' "bus hold"
run n2 a status --timeout 5
[ "$RUN_RC" -ne 0 ] || fail "n2os status reached a full bus"
assert_contains "$RUN_ERR" "too many bus clients (at most 64)" "n2os status on a full bus"
eval "exec ${HOLD[1]}>&-"
wait "$HOLD_PID" || fail "rawclient hold (bus) failed"

say "frames over the size"
run python3 "$RAW" oversized "$run_dir/ipc.sock" 5242880
assert_eq "$RUN_OUT" "frame of 5242880 bytes is over the limit of 4194304 bytes" "ipc.sock"
run python3 "$RAW" oversized "$run_dir/cmd.sock" 4194305
assert_eq "$RUN_OUT" "frame of 4194305 bytes is over the limit of 4194304 bytes" "cmd.sock"

say "log levels up to the limit, then one more"
# the startup file set one (ribmgr); 63 more fit CMDMGR_MAX_LEVELS (64)
{
	echo 'configure terminal'
	for k in $(seq 64); do echo "log lim$k priority debug"; done
} >"$N2T_TMP/levels.cmsh"
run cmsh a -f "$N2T_TMP/levels.cmsh"
[ "$RUN_RC" -eq 1 ] || fail "cmsh -f of 65 log levels exited $RUN_RC, expected 1"
assert_contains "$RUN_ERR" "levels.cmsh:65: 'log lim64 priority debug'" "the 65th log level names its line"
assert_contains "$RUN_ERR" 'Too many "process" instances' "the 65th log level"
show_run a
assert_eq "$(grep -c '^log ' <<<"$SHOWRUN")" 64 "log levels configured"
{
	echo 'configure terminal'
	for k in $(seq 63); do echo "no log lim$k priority"; done
} >"$N2T_TMP/levels.cmsh"
run cmsh a -f "$N2T_TMP/levels.cmsh"
[ "$RUN_RC" -eq 0 ] || fail "removing the log levels exited $RUN_RC: $RUN_ERR"

say "everything as it was"
assert_all_running a
assert_pids_unchanged a pids0
running_json a
assert_text "$RJSON" "$json0" "running.json after the limits"
run cmsh a -c 'show ipc'
[ "$RUN_RC" -eq 0 ] || fail "show ipc exited $RUN_RC: $RUN_ERR"
assert_match "$RUN_OUT" 'Rejected frames: 1 oversized, .* [1-9][0-9]* connections over the client limit' \
	"show ipc counters"
inst_stop a
n2t_pass
