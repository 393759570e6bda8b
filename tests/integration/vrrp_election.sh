#!/usr/bin/env bash
# integ_vrrp_election: the paper's section IV steps 1 and 2 on a bridge. Router r1 (priority 200)
# and r2 (default 100) configure the same group: r1 is elected Master, r2 Backup naming r1; the
# virtual IP answers the host from r1's virtual-MAC interface only. Then r2 `vrrp 1 priority 210`
# (the paper's step 2): r2 preempts within its Master_Down_Interval, and r1, hearing r2's better
# advertisement, goes Backup at once - a master must hear the other's advertisements even though
# they carry its own virtual MAC as source (the macvlan mode matters, see protocols/vrrp/bus.c).
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

vt_pair host

cm_if r1 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 priority 200'
cm_if r2 eth1 "vrrp 1 ip $VT_VIP"
wait_state r1 Master
wait_state r2 Backup
assert_roles r1 r2
assert_eq "$(vj r2 master)" 192.0.2.10 "r2: master address"
assert_eq "$(vj r1 priority)" 200 "r1: priority"
assert_eq "$(vj r2 priority)" 100 "r2: default priority"
assert_eq "$(vj r1 virtual_mac)" "$VT_VMAC" "r1: virtual MAC"
assert_eq "$(vj r2 skew_time_us)" 609375 "r2: Skew_Time at priority 100"
assert_eq "$(vj r2 master_down_interval_us)" 3609375 "r2: Master_Down_Interval at priority 100"
! grep -q ' -> Master' "$(vlog r2)" || fail "r2 was Master at some point: $(grep ' -> Master' "$(vlog r2)")"

cm r1 'show ip vrrp status'
assert_match "$CM_OUT" 'State +: Master' "r1: show ip vrrp status"
assert_match "$CM_OUT" "Virtual IP +: $VT_VIP" "r1: show ip vrrp status"
assert_match "$CM_OUT" "Virtual MAC +: $VT_VMAC" "r1: show ip vrrp status"

say "the host reaches the virtual IP (held by r1)"
assert_rc 0 "h1: ping $VT_VIP" nsx h1 ping -c 1 -w "$N2T_WAIT" "$VT_VIP"
assert_match "$(nsx r1 ip -4 -br addr)" "$VT_VIP/32" "r1 holds the virtual IP"
[[ $(nsx r2 ip -4 -br addr) != *"$VT_VIP/"* ]] || fail "r2 (backup) holds the virtual IP"

say "paper IV-2: raise r2's priority above r1's"
m1=$(log_mark r1)
m2=$(log_mark r2)
t0=$(($(date +%s%N) / 1000000))
cm_if r2 eth1 'vrrp 1 priority 210'
transition_after r2 "$m2" Master
t2=$TR_MS
assert_contains "$TR_LINE" "Backup -> Master" "r2's takeover"
transition_after r1 "$m1" Backup
t1=$TR_MS
assert_contains "$TR_LINE" "advertisement from 192.0.2.20 priority 210" "r1 steps down on r2's advertisement"
say "r2 master $((t2 - t0)) ms after the change; r1 backup $((t1 - t2)) ms after that"
# r2 discards r1's lower advertisements and its Master_Down_Timer (3.18 s at 210, restarted by
# r1's last advertisement before the change) runs out; r1 hears r2's first advertisement
[ $((t2 - t0)) -le 4500 ] || fail "r2 took $((t2 - t0)) ms to preempt (Master_Down_Interval 3180 ms)"
[ $((t1 - t2)) -le 1500 ] || fail "r1 stepped down $((t1 - t2)) ms after r2 became master"
wait_state r2 Master
wait_state r1 Backup
assert_roles r2 r1
assert_eq "$(vj r1 master)" 192.0.2.20 "r1: master address"

say "the virtual IP moved to r2"
assert_rc 0 "h1: ping $VT_VIP" nsx h1 ping -c 1 -w "$N2T_WAIT" "$VT_VIP"
assert_match "$(nsx r2 ip -4 -br addr)" "$VT_VIP/32" "r2 holds the virtual IP"
wait_cmd_fails "r1 releases the virtual IP" bash -c "ip -n ${N2T_NS[r1]} -4 -br addr | grep -q '$VT_VIP/'"

# stable: both keep their roles while r2 keeps advertising
base=$(vstat r1 advertisement-rcvd)
wait_stat r1 advertisement-rcvd $((base + 4))
assert_roles r2 r1
inst_stop r2
inst_stop r1
n2t_pass
