#!/usr/bin/env bash
# integ_vrrp_track: object tracking moves mastership. r1 (200) tracks its uplink eth2
# (`track 1 interface eth2 line-protocol`, `vrrp 1 track 1 decrement 20`) and is Master over
# r2 (190). The uplink is cut on the far side of its veth (`ip link set ... down` in the switch
# namespace, so only the line protocol tells r1): track 1 goes down, r1 runs at 180, r2 preempts
# and r1 steps down. The uplink comes back: 200 again, r1 preempts back. show object and
# show ip vrrp status report the object's state, changes, and the priorities.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

vt_switch
vt_router r1 192.0.2.10
vt_router r2 192.0.2.20
# r1's uplink: eth2, its peer r1up in the switch namespace (not in the bridge)
ip link add eth2 netns "${N2T_NS[r1]}" type veth peer name r1up netns "${N2T_NS[sw]}"
ip -n "${N2T_NS[sw]}" link set r1up up
ip -n "${N2T_NS[r1]}" addr add 198.51.100.1/24 dev eth2
ip -n "${N2T_NS[r1]}" link set eth2 up
inst_start r1
inst_start r2

cm r1 'configure terminal' 'track 1 interface eth2 line-protocol'
cm_if r1 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 priority 200' 'vrrp 1 track 1 decrement 20'
cm_if r2 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 priority 190'
wait_state r1 Master
wait_state r2 Backup

cm r1 'show object json'
assert_eq "$(json_get "$CM_OUT" 'd["objects"][0]["interface"]')" eth2 "show object: interface"
assert_eq "$(json_get "$CM_OUT" 'd["objects"][0]["up"]')" true "show object: up"
assert_eq "$(json_get "$CM_OUT" 'd["objects"][0]["groups"]')" 1 "show object: groups using it"
changes0=$(json_get "$CM_OUT" 'd["objects"][0]["changes"]')
cm r1 'show object'
assert_match "$CM_OUT" 'Track 1' "show object"
assert_match "$CM_OUT" 'State: up' "show object"
assert_match "$CM_OUT" 'eth1 vrid 1, decrement 20' "show object"
assert_eq "$(vj r1 priority)" 200 "r1: priority with eth2 up"

say "cut r1's uplink on the far side"
m1=$(log_mark r1)
m2=$(log_mark r2)
ip -n "${N2T_NS[sw]}" link set r1up down
expect_line "$(vlog r1)" 'track 1: interface eth2 line protocol down' "$m1"
expect_line "$(vlog r1)" 'eth1 vrid 1: priority 200 -> 180' "$m1"
transition_after r2 "$m2" Master
transition_after r1 "$m1" Backup
assert_contains "$TR_LINE" "advertisement from 192.0.2.20 priority 190" "r1 steps down"
wait_state r2 Master
wait_state r1 Backup
assert_eq "$(vj r1 priority)" 180 "r1: priority with eth2 down"
assert_eq "$(vj r1 configured_priority)" 200 "r1: configured priority"
cm r1 'show ip vrrp status json'
assert_eq "$(json_get "$CM_OUT" 'd["groups"][0]["tracks"][0]["up"]')" false "r1: track state in status"
cm r1 'show ip vrrp status'
assert_match "$CM_OUT" 'track 1: eth2 line-protocol down, decrement 20' "r1: show ip vrrp status"
cm r1 'show object json'
assert_eq "$(json_get "$CM_OUT" 'd["objects"][0]["up"]')" false "show object: up after the cut"
assert_eq "$(json_get "$CM_OUT" 'd["objects"][0]["changes"]')" $((changes0 + 1)) "show object: changes"

say "restore r1's uplink"
m1=$(log_mark r1)
m2=$(log_mark r2)
ip -n "${N2T_NS[sw]}" link set r1up up
expect_line "$(vlog r1)" 'track 1: interface eth2 line protocol up' "$m1"
expect_line "$(vlog r1)" 'eth1 vrid 1: priority 180 -> 200' "$m1"
transition_after r1 "$m1" Master
transition_after r2 "$m2" Backup
wait_state r1 Master
wait_state r2 Backup
assert_eq "$(vj r1 priority)" 200 "r1: priority with eth2 up again"

say "no vrrp 1 track 1: the group no longer follows eth2"
cm_if r1 eth1 'no vrrp 1 track 1'
m1=$(log_mark r1)
ip -n "${N2T_NS[sw]}" link set r1up down
expect_line "$(vlog r1)" 'track 1: interface eth2 line protocol down' "$m1"
assert_eq "$(vj r1 priority)" 200 "r1: priority once untracked"
cm r1 'configure terminal' 'no track 1'
cm r1 'show object'
assert_contains "$CM_OUT" 'No track object is configured.' "show object after no track 1"
inst_stop r1
inst_stop r2
n2t_pass
