#!/usr/bin/env bash
# integ_start_stop: one instance in a fresh namespace starts with all six processes running; a
# second start is harmless; stop leaves no process, socket or pid file behind; status then says
# "not running" (3); a second stop is harmless too.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n2t_init "$@"

inst_create a
assert_rc 3 "n2os status before start" n2 a status

inst_start a
assert_contains "$RUN_OUT" "started in $(inst_rundir a)" "n2os start output"
assert_all_running a
declare -A pids
save_pids pids
say "running: $(for p in "${N2T_ALL[@]}"; do printf '%s=%s ' "$p" "${pids[$p]}"; done)"
[ -S "$(inst_rundir a)/ipc.sock" ] || fail "no bus socket $(inst_rundir a)/ipc.sock"

say "start again"
assert_rc 0 "second n2os start" n2 a start --confdir "$(inst_confdir a)" --timeout "$N2T_WAIT"
assert_contains "$RUN_ERR" "already running" "second n2os start message"
assert_all_running a
assert_pids_unchanged a pids

inst_stop a
assert_stopped_clean a "${pids[@]}"

say "stop again"
assert_rc 0 "second n2os stop" n2 a stop --timeout "$N2T_WAIT"
assert_stopped_clean a
n2t_pass
