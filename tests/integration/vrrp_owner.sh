#!/usr/bin/env bash
# integ_vrrp_owner: the address owner. r2 (priority 254) is Master for 192.0.2.10 alone; r1,
# whose eth1 address is 192.0.2.10, then configures the group: it runs at priority 255 whatever
# its configured priority, goes Initialize -> Master at once (no Backup, no Master_Down wait),
# does not add the address (it owns it), and r2 steps down on its priority-255 advertisement.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

vt_switch
vt_router r1 192.0.2.10
vt_router r2 192.0.2.20
vt_host h1 192.0.2.100
inst_start r1
inst_start r2
cm_if r2 eth1 'vrrp 1 ip 192.0.2.10' 'vrrp 1 priority 254'
wait_state r2 Master

m1=$(log_mark r1)
m2=$(log_mark r2)
t0=$(($(date +%s%N) / 1000000))
cm_if r1 eth1 'vrrp 1 ip 192.0.2.10' 'vrrp 1 priority 50'
transition_after r1 "$m1" Master
assert_contains "$TR_LINE" "Initialize -> Master (startup), priority 255" "r1's transition"
say "owner master $((TR_MS - t0)) ms after its configuration"
[ $((TR_MS - t0)) -lt 1000 ] || fail "the owner took $((TR_MS - t0)) ms to become master"
assert_no_transition r1 "$WAIT_LINENO"
grep -n ' -> Backup' <(tail -n "+$((m1 + 1))" "$(vlog r1)") && fail "the owner went through Backup"
transition_after r2 "$m2" Backup
assert_contains "$TR_LINE" "advertisement from 192.0.2.10 priority 255" "r2 steps down"
wait_state r2 Backup
assert_eq "$(vj r1 priority)" 255 "r1: priority"
assert_eq "$(vj r1 configured_priority)" 50 "r1: configured priority"
assert_eq "$(vj r1 owner)" true "r1: owner"
assert_eq "$(vj r1 state)" Master "r1: state"
assert_eq "$(vj r2 master)" 192.0.2.10 "r2: master address"
cm r1 'show ip vrrp status'
assert_match "$CM_OUT" '192.0.2.10 \(address owner\)' "r1: show ip vrrp status"
# the owner's address stays where it is, on eth1 only
wait_cmd_fails "r2 releases 192.0.2.10" bash -c "ip -n ${N2T_NS[r2]} -4 -br addr | grep -q '192.0.2.10/32'"
[[ $(nsx r1 ip -4 -o addr show to 192.0.2.10) == *" eth1 "* ]] || fail "r1: 192.0.2.10 not on eth1"
[ "$(nsx r1 ip -4 -o addr show to 192.0.2.10 | wc -l)" -eq 1 ] ||
	fail "r1: 192.0.2.10 installed twice: $(nsx r1 ip -4 -o addr show to 192.0.2.10)"
assert_rc 0 "h1: ping 192.0.2.10" nsx h1 ping -c 1 -w "$N2T_WAIT" 192.0.2.10
inst_stop r1
inst_stop r2
n2t_pass
