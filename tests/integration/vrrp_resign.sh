#!/usr/bin/env bash
# integ_vrrp_resign: a master that leaves sends an advertisement with priority 0, and the backup
# takes over after its Skew_Time instead of its Master_Down_Interval. r1 (200) is Master, r2
# (100: Skew_Time 609 ms, Master_Down_Interval 3609 ms) Backup. Three ways to leave, each timed
# from r1's own "Master -> Initialize" log line to r2's "Backup -> Master" (same clock):
#   `no vrrp 1` (delete the group), `shutdown` on eth1 (the paper's step, through pifmgr's
#   going-down hook), `n2os stop`.
# Each must land in [Skew_Time - 50 ms, Skew_Time + 700 ms] (the upper slack is for sanitizer
# builds; the Master_Down path would take 3 s more), and r2 counts one more priority-0
# advertisement received.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

SKEW=609

vt_pair
cm_if r2 eth1 "vrrp 1 ip $VT_VIP"

r1_master() {
	cm_if r1 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 priority 200'
	wait_state r1 Master
	wait_state r2 Backup
}

# resign_check WHAT ZEROS: r1 left (the action ran just before); times r2's takeover.
resign_check() {
	local what=$1 zeros=$2 m1=$3 m2=$4 dt
	transition_after r1 "$m1" Initialize
	local t1=$TR_MS
	transition_after r2 "$m2" Master
	dt=$((TR_MS - t1))
	say "$what: r2 master $dt ms after r1 resigned (Skew_Time $SKEW ms)"
	if [ "$dt" -lt $((SKEW - 50)) ] || [ "$dt" -gt $((SKEW + 700)) ]; then
		fail "$what: r2 took over $dt ms after r1 resigned, expected about $SKEW ms"
	fi
	assert_eq "$(vstat r2 priority-zero-pkts-rcvd)" "$zeros" "$what: r2 priority-zero-pkts-rcvd"
	wait_state r2 Master
	echo "$what $dt" >>"$N2T_TMP/figures"
}

r1_master
m1=$(log_mark r1)
m2=$(log_mark r2)
cm_if r1 eth1 'no vrrp 1'
resign_check "no vrrp 1" 1 "$m1" "$m2"
assert_contains "$(tail -n "+$((m1 + 1))" "$(vlog r1)")" "Master -> Initialize (group deleted)" "r1's log"
cm r1 'show ip vrrp brief'
assert_contains "$CM_OUT" "No VRRP group is configured." "r1: show ip vrrp brief"
cm r1 'show running-config'
[[ $CM_OUT != *"vrrp 1"* ]] || fail "r1: running-config still has the group: $CM_OUT"
wait_cmd_fails "r1's virtual-MAC interface removed" bash -c "ip -n ${N2T_NS[r1]} -br link | grep -q '^vrrp'"

r1_master
m1=$(log_mark r1)
m2=$(log_mark r2)
cm_if r1 eth1 shutdown
resign_check "shutdown" 2 "$m1" "$m2"
assert_contains "$(tail -n "+$((m1 + 1))" "$(vlog r1)")" "Master -> Initialize (eth1 going down" "r1's log"
assert_eq "$(vj r1 state)" Initialize "r1 (eth1 shut down): state"
assert_match "$(vj r1 reason)" "interface down|going down" "r1: why it is in Initialize"
cm_if r1 eth1 'no shutdown'
wait_state r1 Master
wait_state r2 Backup

m1=$(log_mark r1)
m2=$(log_mark r2)
inst_stop r1
resign_check "n2os stop" 3 "$m1" "$m2"
inst_stop r2
n2t_pass
