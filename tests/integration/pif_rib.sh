#!/usr/bin/env bash
# integ_pif_rib: pifmgr and ribmgr on real links. Router r (an n2os instance) between hosts h1
# (192.0.2.0/24) and h2 (198.51.100.0/24, with 203.0.113.1 behind it). Configured from cmsh:
# addresses, description, MTU and shutdown reach the kernel and pifmgr's subscribers (pifctl
# monitor); a static route to 203.0.113.0/24 is installed with protocol 234 and carries h1's ping;
# its next hop going down withdraws it, coming back reinstalls it; kill -9 of ribmgr and of
# pifmgr leaves exactly one copy of each route and address; n2os stop leaves r's links as found.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
n2t_init "$@"

inst_create r
inst_create h1
inst_create h2
R=$(inst_ns r) H1=$(inst_ns h1) H2=$(inst_ns h2) RUN=$(inst_rundir r)
ip -n "$H1" link add eth0 type veth peer name eth1 netns "$R"
ip -n "$H2" link add eth0 type veth peer name eth2 netns "$R"
ip -n "$H1" addr add 192.0.2.1/24 dev eth0
ip -n "$H1" link set eth0 up
ip -n "$H1" route add default via 192.0.2.254
ip -n "$H2" addr add 198.51.100.1/24 dev eth0
ip -n "$H2" addr add 203.0.113.1/32 dev lo
ip -n "$H2" link set eth0 up
ip -n "$H2" route add default via 198.51.100.254
ip -n "$H1" addr add 2001:db8:1::1/64 dev eth0 nodad
ip -n "$H1" route add default via 2001:db8:1::254
ip -n "$H2" addr add 2001:db8:2::1/64 dev eth0 nodad
ip -n "$H2" addr add 2001:db8:99::1/128 dev lo
ip -n "$H2" route add default via 2001:db8:2::254

inst_start r
cmsh() { ip netns exec "$R" "$N2T_BIN/cmsh" --rundir "$RUN" "$@"; }
conf() {
	local args=(-c 'configure terminal') l
	for l in "$@"; do args+=(-c "$l"); done
	run cmsh "${args[@]}"
	[ "$RUN_RC" -eq 0 ] || fail "cmsh $*: exit $RUN_RC: $RUN_OUT $RUN_ERR"
}

# subscribers' view (pifctl monitor) and the kernel's route changes, both followed as files
EV=$N2T_TMP/pif.events
RT=$N2T_TMP/routes
ip netns exec "$R" "$N2T_BIN/pifctl" --rundir "$RUN" monitor >"$EV" 2>&1 &
N2T_BG+=($!)
ip -N -n "$R" monitor route >"$RT" 2>&1 &
N2T_BG+=($!)
AD=$N2T_TMP/addrs
ip -n "$R" monitor address >"$AD" 2>&1 &
N2T_BG+=($!)
expect_line "$EV" '^synced$'

say "forwarding commands"
conf 'ip forwarding' 'ipv6 forwarding'
assert_eq "$(ip netns exec "$R" sysctl -n net.ipv4.ip_forward)" 1 "ip forwarding in the kernel"
assert_eq "$(ip netns exec "$R" sysctl -n net.ipv6.conf.all.forwarding)" 1 "ipv6 forwarding"
conf 'no ipv6 forwarding'
assert_eq "$(ip netns exec "$R" sysctl -n net.ipv6.conf.all.forwarding)" 0 "no ipv6 forwarding"
run cmsh -c 'show running-config'
assert_contains "$RUN_OUT" $'ip forwarding\nno ipv6 forwarding' "forwarding in running-config"
conf 'ipv6 forwarding'

say "addresses, description, mtu"
conf 'interface eth1' 'ip address 192.0.2.254/24' 'description to h1' 'mtu 1400' 'exit' \
	'interface eth2' 'ip address 198.51.100.254/24' 'ip address 198.51.100.253/24 secondary'
expect_line "$EV" '^addr add eth1 192.0.2.254/24 origin=config$'
expect_line "$EV" '^addr add eth2 198.51.100.253/24 secondary origin=config$'
expect_line "$EV" '^link eth2 oper=up admin=up'
out=$(ip -n "$R" addr show dev eth1)
assert_contains "$out" "inet 192.0.2.254/24" "eth1 address in the kernel"
assert_contains "$out" "mtu 1400" "eth1 MTU in the kernel"
assert_contains "$(ip -n "$R" -d link show dev eth1)" "alias to h1" "eth1 description"
run cmsh -c 'show ip interface brief'
assert_match "$RUN_OUT" 'eth1 +192.0.2.254/24 +up +up' "show ip interface brief"
run cmsh -c 'configure terminal' -c 'interface eth1' -c 'ip address 192.0.2.9/24'
[ "$RUN_RC" -ne 0 ] || fail "a second primary in one subnet was accepted"
assert_contains "$RUN_OUT$RUN_ERR" "mark one 'secondary'" "refusal reason"

say "IPv6 address requests with and without DAD"
# pifctl's addresses are its own: pifmgr removes them when it exits, so the kernel's own
# announcement of the new address is what says whether it started tentative
mark=$(line_count "$AD")
run ip netns exec "$R" "$N2T_BIN/pifctl" --rundir "$RUN" addr add eth1 2001:db8:1::99/64 nodad
[ "$RUN_RC" -eq 0 ] || fail "pifctl addr add nodad: $RUN_OUT $RUN_ERR"
expect_line "$AD" 'eth1 +inet6 2001:db8:1::99/64 scope global nodad *$' "$mark"
mark=$(line_count "$AD")
run ip netns exec "$R" "$N2T_BIN/pifctl" --rundir "$RUN" addr add eth1 2001:db8:1::98/64
expect_line "$AD" 'eth1 +inet6 2001:db8:1::98/64 scope global tentative *$' "$mark"

say "shutdown / no shutdown"
mark=$(line_count "$EV")
conf 'interface eth1' 'shutdown'
expect_line "$EV" '^link eth1 oper=down admin=down' "$mark"
assert_match "$(ip -n "$R" link show dev eth1)" '<BROADCAST,MULTICAST>' "eth1 down in the kernel"
conf 'interface eth1' 'no shutdown'
expect_line "$EV" '^link eth1 oper=up admin=up' "$WAIT_LINENO"

say "static route and traffic"
mark=$(line_count "$RT")
conf 'ip route 203.0.113.0/24 198.51.100.1'
expect_line "$RT" '^203\.0\.113\.0/24 via 198\.51\.100\.1 dev eth2 proto 234 metric 20' "$mark"
run ip netns exec "$H1" ping -c 3 -i 0.2 -w 10 203.0.113.1
assert_match "$RUN_OUT" ' [1-9][0-9]* received' "ping from h1 to 203.0.113.1 through r"
run cmsh -c 'show ip route'
assert_match "$RUN_OUT" 'S>\* 203\.0\.113\.0/24 \[1/0\] via 198\.51\.100\.1, eth2' "show ip route"

say "IPv6: connected and static routes, traffic"
expect_line "$EV" '^addr add eth2 fe80::' # the kernel's own, once eth2 is up
mark=$(line_count "$RT")
conf 'interface eth1' 'ipv6 address 2001:db8:1::254/64' 'exit' \
	'interface eth2' 'ipv6 address 2001:db8:2::254/64' 'exit' \
	'ipv6 route 2001:db8:99::/48 2001:db8:2::1'
expect_line "$RT" '^2001:db8:99::/48 via 2001:db8:2::1 dev eth2 proto 234 metric 20' "$mark"
run cmsh -c 'show ipv6 route'
assert_match "$RUN_OUT" 'C>\* 2001:db8:1::/64 is directly connected, eth1' "show ipv6 route: connected"
assert_match "$RUN_OUT" 'S>\* 2001:db8:99::/48 \[1/0\] via 2001:db8:2::1, eth2' "show ipv6 route: static"
assert_match "$RUN_OUT" 'C>\* fe80::/64 is directly connected, eth2' "show ipv6 route: link-local"
run cmsh -c 'show ip route'
[[ $RUN_OUT != *2001:db8* ]] || fail "show ip route shows IPv6 routes: $RUN_OUT"
run cmsh -c 'show interface eth1'
assert_match "$RUN_OUT" 'inet6 2001:db8:1::254/64 \(config\)' "show interface: IPv6 address"
run cmsh -c 'show interface eth1 json'
assert_contains "$RUN_OUT" '"prefix":"2001:db8:1::254/64","family":"ipv6"' "show interface json: IPv6"
run cmsh -c 'show ipv6 route 2001:db8:99::1 json'
assert_contains "$RUN_OUT" '"gateway":"2001:db8:2::1","interface":"eth2","active":true' "show ipv6 route ADDR json"
run cmsh -c 'show running-config'
assert_contains "$RUN_OUT" "ipv6 route 2001:db8:99::/48 2001:db8:2::1" "running-config"
run cmsh -c 'configure terminal' -c 'ipv6 route 2001:db8:98::/48 fe80::1'
[ "$RUN_RC" -ne 0 ] || fail "a link-local gateway without an interface was accepted"
run ip netns exec "$H1" ping -6 -c 3 -i 0.2 -w 10 2001:db8:99::1
assert_match "$RUN_OUT" ' [1-9][0-9]* received' "ping6 from h1 to 2001:db8:99::1 through r"

say "next hop down, then up"
mark=$(line_count "$RT")
ip -n "$H2" link set eth0 down
expect_line "$RT" '^Deleted 203\.0\.113\.0/24 via 198\.51\.100\.1 dev eth2 proto 234' "$mark"
run cmsh -c 'show ip route 203.0.113.0/24'
assert_contains "$RUN_OUT" "inactive" "route inactive while its next hop is down"
mark=$(line_count "$RT")
ip -n "$H2" link set eth0 up
expect_line "$RT" '^203\.0\.113\.0/24 via 198\.51\.100\.1 dev eth2 proto 234' "$mark"
ip -n "$H2" route replace default via 198.51.100.254 # h2 lost it with its link

monitor_start r
mon=${N2T_MON[r]}
for victim in ribmgr pifmgr; do
	old=$(pidfile_pid r "$victim")
	mark=$(line_count "$mon")
	evmark=$(line_count "$EV")
	say "kill -9 $victim (pid $old)"
	kill -KILL "$old"
	wait_pid_gone "$old" "$N2T_WAIT" || fail "$victim survived SIGKILL"
	expect_line "$mon" "^$victim running pid=[0-9]+ restarts=1$" "$mark"
	# a subscriber resynchronises with the new pifmgr
	[ "$victim" != pifmgr ] || expect_line "$EV" '^synced$' "$evmark"
	run cmsh -c 'show ip route 203.0.113.0/24'
	assert_contains "$RUN_OUT" "installed" "route after the restart of $victim"
	assert_eq "$(ip -n "$R" route show proto 234 | grep -c '^203.0.113.0/24')" 1 "copies of the route"
	assert_eq "$(ip -n "$R" -4 addr show dev eth1 | grep -c 'inet 192.0.2.254/24')" 1 "copies of eth1's address"
	assert_eq "$(ip -n "$R" -4 addr show dev eth2 | grep -c 'inet 198.51.100.25[34]/24')" 2 "eth2's addresses"
done
run ip netns exec "$H1" ping -c 2 -i 0.2 -w 10 203.0.113.1
assert_match "$RUN_OUT" ' [1-9][0-9]* received' "ping after the restarts"
monitor_stop r

inst_stop r
assert_eq "$(ip -n "$R" route show proto 234)" "" "n2os routes left after stop"
assert_eq "$(ip -n "$R" -4 addr show dev eth1)" "" "addresses left on eth1 after stop"
assert_contains "$(ip -n "$R" link show dev eth1)" "mtu 1500" "eth1 MTU restored"
assert_eq "$(ip netns exec "$R" sysctl -n net.ipv4.ip_forward)" 0 "ip forwarding restored"
assert_eq "$(ip netns exec "$R" sysctl -n net.ipv6.conf.all.forwarding)" 0 "ipv6 forwarding restored"
n2t_pass
