# integ_cli_kill: kill -9 loses no configuration.
# - cmdmgr: after procmgr restarts it (seen on `n2os monitor`), show running-config and
#   running.json are identical, the restored command tables work (a new change reaches pifmgr
#   and shows), and a cmsh connected before the kill gets a clear error, not a hang.
# - an owning process (vrrpd, ribmgr, pifmgr): once it is running again, its configuration has
#   been replayed: vrrpd's `show ip vrrp status` has the group as configured, ribmgr's
#   `show ip route` the static routes, pifmgr logs the applied configuration and the kernel
#   still has it; the datastore did not change.
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"

inst_create a
add_veth a eth1 eth2
inst_start a
run cmsh a -c 'configure terminal' -c 'hostname Kill-1' -c 'log vrrp priority info' \
	-c 'ip route 203.0.113.0/24 192.0.2.254' -c 'ip route 198.51.100.128/25 eth2 20' \
	-c 'interface eth1' -c 'description keep me' -c 'ip address 192.0.2.10/24' \
	-c 'vrrp 5 ip 192.0.2.1' -c 'vrrp 5 priority 150' -c 'vrrp 5 authentication text abc' \
	-c 'interface eth2' -c 'mtu 1400' -c 'ip address 198.51.100.1/24'
[ "$RUN_RC" -eq 0 ] || fail "configuration failed ($RUN_RC): $RUN_ERR"
show_run a
text0=$SHOWRUN
running_json a
json0=$RJSON
monitor_start a

# kill_and_wait NAME: kill -9 the process and wait until the monitor says it runs again and
# the instance is all running.
kill_and_wait() {
	kill9_wait a "$1" 1
	assert_up a
}

assert_config_unchanged() {
	show_run a
	assert_text "$SHOWRUN" "$text0" "show running-config after kill -9 $1"
	running_json a
	assert_text "$RJSON" "$json0" "running.json after kill -9 $1"
}

# ---- cmdmgr, with a cmsh session open across the kill
N2T_TMUX=
tmux_start a before
tmux_expect before '^Kill-1>$'
kill_and_wait cmdmgr
assert_config_unchanged cmdmgr
mark=$(tmux_lines before)
tmux_line before 'show version'
tmux_expect before '^cmsh: cmdmgr: ' "$((mark - 1))"
say "the cmsh opened before: $TM_LINE"
tmux_stop
# the tables came back with cmdmgr: a change of pifmgr's module is sent to pifmgr and shown
run cmsh a -c 'configure terminal' -c 'interface eth2' -c 'mtu 1450' -c 'end' \
	-c 'show running-config'
[ "$RUN_RC" -eq 0 ] || fail "a change after cmdmgr's restart failed ($RUN_RC): $RUN_ERR"
assert_contains "$RUN_OUT" $'interface eth2\n mtu 1450\n' "show running-config after mtu 1450"
assert_contains "$(ip -n "${N2T_NS[a]}" -o link show dev eth2)" "mtu 1450" "eth2 MTU in the kernel"
run cmsh a -c 'configure terminal' -c 'interface eth2' -c 'mtu 1400'
[ "$RUN_RC" -eq 0 ] || fail "mtu 1400 again failed ($RUN_RC): $RUN_ERR"
assert_config_unchanged "cmdmgr (after changing eth2's MTU and back)"

# ---- vrrpd: the group comes back from the replay
vrrp_config() {
	run cmsh a -c 'show ip vrrp status json'
	[ "$RUN_RC" -eq 0 ] || fail "show ip vrrp status json failed ($RUN_RC): $RUN_ERR"
	VRRP=$(python3 -c '
import json, sys
for g in json.loads(sys.stdin.read())["groups"]:
    print(g["interface"], g["vrid"], ",".join(g["virtual_ips"]), g["configured_priority"],
          g["preempt"], g["authentication"], g["advertise_interval_s"])
' <<<"$RUN_OUT") || fail "show ip vrrp status json is not what was expected: $RUN_OUT"
}
vrrp_config
vrrp0=$VRRP
assert_match "$vrrp0" '^eth1 5 192\.0\.2\.1 150 True ' "vrrp group before the kill"
kill_and_wait vrrpd
vrrp_config
assert_text "$VRRP" "$vrrp0" "vrrpd's groups after its restart"
assert_config_unchanged vrrpd

# ---- ribmgr: the static routes come back from the replay
static_routes() {
	run cmsh a -c 'show ip route'
	[ "$RUN_RC" -eq 0 ] || fail "show ip route failed ($RUN_RC): $RUN_ERR"
	ROUTES=$(grep -E '^S' <<<"$RUN_OUT" | sed -E 's/, [0-9:]+$//' | sort || true)
}
static_routes
routes0=$ROUTES
assert_contains "$routes0" "203.0.113.0/24" "static routes before the kill"
assert_contains "$routes0" "198.51.100.128/25" "static routes before the kill"
kill_and_wait ribmgr
static_routes
assert_text "$ROUTES" "$routes0" "ribmgr's static routes after its restart"
assert_config_unchanged ribmgr

# ---- pifmgr: it says it applied the replayed configuration; the kernel keeps it
logmark=$(line_count "${N2T_RUN[a]}/pifmgr.log")
kill_and_wait pifmgr
tail -n +"$((logmark + 1))" "${N2T_RUN[a]}/pifmgr.log" | grep -q 'configuration applied' ||
	fail "the restarted pifmgr did not log that it applied its configuration"
assert_contains "$(ip -n "${N2T_NS[a]}" -o link show dev eth2)" "mtu 1400" "eth2 MTU after pifmgr's restart"
assert_contains "$(ip -n "${N2T_NS[a]}" -o addr show dev eth1)" "inet 192.0.2.10/24" "eth1 address after pifmgr's restart"
assert_config_unchanged pifmgr

monitor_stop a
inst_stop a
n2t_pass
