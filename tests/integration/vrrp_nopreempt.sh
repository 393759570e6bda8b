#!/usr/bin/env bash
# integ_vrrp_nopreempt: `no vrrp 1 preempt` on the backup. r1 (200) is Master, r2 (100,
# preemption off) Backup; r2's priority is raised to 210: r2 must keep accepting r1's
# advertisements and stay Backup - checked over more than its Master_Down_Interval (five more
# advertisements accepted from r1, i.e. > 4 s against 3.18 s) with no state change on either
# router. `vrrp 1 preempt` then makes r2 take over, so it was the setting that held it back.
# Then the preempt delay (`vrrp 1 preempt delay 1`, IOS's and keepalived's "a router that just
# came up waits before it preempts"), with VRRPv3 at 100 ms adverts so that the delay is much
# longer than Master_Down_Interval (about 0.33 s at 220): r2 goes v3; r1's group is made again,
# v3 at 220 with the delay; it comes up Backup under r2 (210) and takes r2's advertisements for
# 1 s before it preempts: its Master transition comes at least 1 s after its start (a lower
# bound, not a timing race), where without the delay it comes after about 0.33 s.
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

say "preempt delay: r1's v3 group at 220 waits 1 s after its start before preempting"
cm_if r1 eth1 'no vrrp 1'
m2=$(log_mark r2)
cm_if r2 eth1 'vrrp 1 version 3' 'vrrp 1 timers advertise msec 100'
transition_after r2 "$m2" Master
# configured while eth1 is down, so that the group starts (Initialize -> Backup) with all of
# it at `no shutdown`: its first Master_Down_Interval is then the 100 ms one
cm_if r1 eth1 shutdown "vrrp 1 ip $VT_VIP" 'vrrp 1 version 3' 'vrrp 1 timers advertise msec 100' \
	'vrrp 1 priority 220' 'vrrp 1 preempt delay 1'
cm r1 'show ip vrrp status'
assert_match "$CM_OUT" 'Preempt +: on, delay 1 s' "r1: show ip vrrp status"
assert_eq "$(vj r1 preempt_delay_s)" 1 "r1: preempt_delay_s in json"
m1=$(log_mark r1)
m2=$(log_mark r2)
cm_if r1 eth1 'no shutdown'
transition_after r1 "$m1" Backup
t_up=$TR_MS
assert_contains "$TR_LINE" "Initialize -> Backup" "r1 starts as Backup"
transition_after r1 "$m1" Master
say "r1 preempted $((TR_MS - t_up)) ms after its start (delay 1000 ms)"
[ $((TR_MS - t_up)) -ge 1000 ] ||
	fail "r1 preempted $((TR_MS - t_up)) ms after its start, within its 1 s preempt delay"
transition_after r2 "$m2" Backup
assert_contains "$TR_LINE" "advertisement from 192.0.2.10 priority 220" "r2 steps down"
inst_stop r2
inst_stop r1
n2t_pass
