#!/usr/bin/env bash
# integ_vrrp_owner: the address owner. r2 (priority 254) is Master for 192.0.2.10 alone; r1,
# whose eth1 address is 192.0.2.10, then configures the group: it runs at priority 255 whatever
# its configured priority, goes Initialize -> Master at once (no Backup, no Master_Down wait),
# does not add the address (it owns it), and r2 steps down on its priority-255 advertisement.
# Then a running Backup that becomes the owner: r1 is Backup in group 2 (192.0.2.11, r2 Master
# at 254) until `ip address 192.0.2.11/32` on its eth1 makes it the owner: priority 100 -> 255
# and Master at once, without waiting for its Master_Down_Timer.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

vt_pair host
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

say "group 2: r1 becomes the owner while it is Backup"
cm_if r2 eth1 'vrrp 2 ip 192.0.2.11' 'vrrp 2 priority 254'
wait_state r2 Master eth1 2
cm_if r1 eth1 'vrrp 2 ip 192.0.2.11'
wait_state r1 Backup eth1 2
m1=$(log_mark r1)
m2=$(log_mark r2)
t0=$(($(date +%s%N) / 1000000))
cm_if r1 eth1 'ip address 192.0.2.11/32'
transition_after r1 "$m1" Master eth1 2
assert_contains "$TR_LINE" "Backup -> Master (priority change), priority 255" "r1's transition"
say "owner master $((TR_MS - t0)) ms after the address was added"
[ $((TR_MS - t0)) -lt 1000 ] || fail "the new owner took $((TR_MS - t0)) ms to become master"
assert_contains "$(tail -n "+$((m1 + 1))" "$(vlog r1)")" "eth1 vrid 2: priority 100 -> 255" "r1's log"
transition_after r2 "$m2" Backup eth1 2
wait_state r2 Backup eth1 2
assert_eq "$(vj r1 owner eth1 2)" true "r1 group 2: owner"
inst_stop r1
inst_stop r2
n2t_pass
