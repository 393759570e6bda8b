#!/usr/bin/env bash
# integ_vrrp_auth: text authentication (RFC 3768 type 1). r1 (200, password "secret1") and r2
# (100, "secret2") drop each other's advertisements, so each is Master of its own virtual router,
# and both count auth-failures; with r2 unauthenticated both count auth-type-mismatch instead;
# neither changes state meanwhile. With the same password r2 accepts r1 and steps down.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

vt_pair
cm_if r1 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 priority 200' 'vrrp 1 authentication text secret1'
cm_if r2 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 authentication text secret2'
wait_state r1 Master
wait_state r2 Master
assert_eq "$(vj r1 authentication)" text "r1: authentication"
m1=$(log_mark r1)
m2=$(log_mark r2)
for r in r1 r2; do
	wait_stat "$r" auth-failures 3
	assert_eq "$(vstat "$r" advertisement-rcvd)" 0 "$r: advertisements accepted"
done
expect_line "$(vlog r2)" 'eth1 vrid 1: wrong password from 192.0.2.10'
assert_no_transition r1 "$m1"
assert_no_transition r2 "$m2"
assert_eq "$(vj r1 state)" Master "r1: state"
assert_eq "$(vj r2 state)" Master "r2: state"

say "r2 without authentication: auth type mismatch"
cm_if r2 eth1 'no vrrp 1 authentication'
assert_eq "$(vj r2 authentication)" none "r2: authentication"
for r in r1 r2; do
	wait_stat "$r" auth-type-mismatch 3
done
expect_line "$(vlog r1)" 'eth1 vrid 1: auth type 0 from 192.0.2.20, we use 1'
expect_line "$(vlog r2)" 'eth1 vrid 1: auth type 1 from 192.0.2.10, we use 0'
assert_no_transition r1 "$m1"
assert_no_transition r2 "$m2"
assert_eq "$(vj r1 state)" Master "r1: state"
assert_eq "$(vj r2 state)" Master "r2: state"
cm r1 'show ip vrrp statistics'
assert_match "$CM_OUT" 'auth-type-mismatch +[1-9]' "r1: show ip vrrp statistics"
assert_match "$CM_OUT" 'auth-failures +[1-9]' "r1: show ip vrrp statistics"

say "same password: r2 accepts r1's advertisements"
cm_if r2 eth1 'vrrp 1 authentication text secret1'
transition_after r2 "$m2" Backup
assert_contains "$TR_LINE" "advertisement from 192.0.2.10 priority 200" "r2 steps down"
wait_state r2 Backup
assert_eq "$(vj r1 state)" Master "r1: state"
base=$(vstat r2 advertisement-rcvd)
wait_stat r2 advertisement-rcvd $((base + 3))
assert_eq "$(vj r2 state)" Backup "r2: state"
inst_stop r1
inst_stop r2
n2t_pass
