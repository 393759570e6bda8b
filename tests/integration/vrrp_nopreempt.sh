#!/usr/bin/env bash
# integ_vrrp_nopreempt: `no vrrp 1 preempt` on the backup. r1 (200) is Master, r2 (100,
# preemption off) Backup; r2's priority is raised to 210: r2 must keep accepting r1's
# advertisements and stay Backup - checked over more than its Master_Down_Interval (five more
# advertisements accepted from r1, i.e. > 4 s against 3.18 s) with no state change on either
# router. `vrrp 1 preempt` then makes r2 take over, so it was the setting that held it back.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

vt_pair
cm_if r1 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 priority 200'
cm_if r2 eth1 "vrrp 1 ip $VT_VIP" 'no vrrp 1 preempt'
wait_state r1 Master
wait_state r2 Backup
assert_eq "$(vj r2 preempt)" false "r2: preempt in show ip vrrp status json"
cm r2 'show ip vrrp status'
assert_match "$CM_OUT" 'Preempt +: off' "r2: show ip vrrp status"
cm r2 'show running-config'
assert_contains "$CM_OUT" 'no vrrp 1 preempt' "r2: running-config"

m1=$(log_mark r1)
m2=$(log_mark r2)
cm_if r2 eth1 'vrrp 1 priority 210'
assert_eq "$(vj r2 priority)" 210 "r2: priority"
base=$(vstat r2 advertisement-rcvd)
wait_stat r2 advertisement-rcvd $((base + 5))
assert_no_transition r1 "$m1"
assert_no_transition r2 "$m2"
assert_roles r1 r2
assert_eq "$(vj r2 master)" 192.0.2.10 "r2: master address"

say "preemption back on: r2 takes over"
cm_if r2 eth1 'vrrp 1 preempt'
transition_after r2 "$m2" Master
transition_after r1 "$m1" Backup
wait_state r2 Master
wait_state r1 Backup
inst_stop r2
inst_stop r1
n2t_pass
