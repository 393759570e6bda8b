# integ_cli_config: a cmsh script (cmsh -f) configures an instance through every configuring
# process (cmdmgr: hostname, log; pifmgr: interface settings; ribmgr: static routes; vrrpd: track
# and a VRRP group); `show running-config` is exactly the expected text (written by hand from the
# rendering rules: n2os-system, then each module, then interface blocks; `!` between them) and
# the kernel has what was configured; `write memory` saves that text to CONFDIR/n2os.conf;
# `n2os stop` + `n2os start`: the configuration is back (show running-config identical, the
# kernel again), `n2os start` said how many lines it applied, and `show startup-config` prints
# the file.
source "$(dirname "${BASH_SOURCE[0]}")/cli_lib.sh"
n2t_init "$@"

inst_create a
add_veth a eth1 eth2
inst_start a
assert_up a

script=$N2T_TMP/config.cmsh
cat >"$script" <<'EOF'
configure terminal
hostname Router-1
log vrrp priority debug
log pifmgr priority info
track 1 interface eth2 line-protocol
ip route 203.0.113.0/24 192.0.2.254
ip route 198.51.100.128/25 eth2 20
interface eth1
 description Uplink to core
 mtu 1400
 ip address 192.0.2.10/24
 ip address 192.0.2.11/24 secondary
 vrrp 1 ip 192.0.2.1
 vrrp 1 priority 150
interface eth2
 shutdown
 ip address 198.51.100.1/24
end
EOF
# Global lines by module (n2os-system first, then n2os-routing, n2os-vrrp), each in the order
# configured; interface blocks in natural order, the interface settings before VRRP's.
want='!
hostname Router-1
log vrrp priority debug
log pifmgr priority info
!
ip route 203.0.113.0/24 192.0.2.254
ip route 198.51.100.128/25 eth2 20
!
track 1 interface eth2 line-protocol
!
interface eth1
 description Uplink to core
 mtu 1400
 ip address 192.0.2.10/24
 ip address 192.0.2.11/24 secondary
 vrrp 1 ip 192.0.2.1
 vrrp 1 priority 150
!
interface eth2
 shutdown
 ip address 198.51.100.1/24
!
end'

say "configure with cmsh -f"
run cmsh a -f "$script"
[ "$RUN_RC" -eq 0 ] || fail "cmsh -f $script exited $RUN_RC: $RUN_ERR"
show_run a
assert_text "$SHOWRUN" "$want" "show running-config after the script"

# What pifmgr applied is in the kernel.
check_kernel() {
	local ns=${N2T_NS[a]} out
	out=$(ip -n "$ns" -o addr show dev eth1)
	assert_contains "$out" "inet 192.0.2.10/24" "eth1 addresses ($1)"
	assert_contains "$out" "inet 192.0.2.11/24" "eth1 addresses ($1)"
	out=$(ip -n "$ns" -o link show dev eth1)
	assert_contains "$out" "mtu 1400" "eth1 link ($1)"
	out=$(ip -n "$ns" -o link show dev eth2)
	[[ $out != *"state UP"* && $out != *",UP"* ]] || fail "eth2 is up ($1): $out"
	out=$(ip -n "$ns" -o addr show dev eth2)
	assert_contains "$out" "inet 198.51.100.1/24" "eth2 addresses ($1)"
}
check_kernel "after the script"

say "write memory"
run cmsh a -c 'write memory'
[ "$RUN_RC" -eq 0 ] || fail "write memory exited $RUN_RC: $RUN_ERR"
assert_text "$RUN_OUT" $'Building configuration...\n[OK]' "write memory output"
conf=${N2T_CONF[a]}/n2os.conf
[ -f "$conf" ] || fail "write memory did not create $conf"
assert_text "$(cat "$conf")" "$want" "$conf"
left=$(cd "${N2T_CONF[a]}" && echo *.tmp)
[ -z "$left" ] || fail "temporary files left in the confdir: $left"

inst_stop a
# a stopped instance starts from the startup configuration, not from the old running.json
[ ! -e "${N2T_RUN[a]}/running.json" ] || fail "running.json survived n2os stop"
# the kernel keeps what it had; reset it, so that the restart has to apply everything again
ip -n "${N2T_NS[a]}" addr flush dev eth1
ip -n "${N2T_NS[a]}" addr flush dev eth2
ip -n "${N2T_NS[a]}" link set eth1 mtu 1500
inst_start a
assert_contains "$RUN_OUT" "startup configuration $conf: 17 of 17 lines applied" "n2os start output"
[ -z "$RUN_ERR" ] || fail "n2os start complained: $RUN_ERR"
assert_up a
show_run a
assert_text "$SHOWRUN" "$want" "show running-config after stop and start"
check_kernel "after stop and start"
run cmsh a -c 'show startup-config'
[ "$RUN_RC" -eq 0 ] || fail "show startup-config exited $RUN_RC: $RUN_ERR"
assert_text "$RUN_OUT" "$(cat "$conf")" "show startup-config"

inst_stop a
n2t_pass
