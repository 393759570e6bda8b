#!/usr/bin/env bash
# integ_interop_keepalived: n2os and keepalived (Debian's) in one VRRPv2 group: VRID 1, virtual IP
# 192.0.2.1, text authentication (keepalived `auth_type PASS`), 1 s adverts. r1 runs n2os
# (192.0.2.10), k2 runs keepalived (192.0.2.20, priority 150, use_vmac: see ka_conf in
# vrrp_lib.sh). Elections and failovers both ways:
#   1. n2os higher (200): r1 Master, keepalived stays BACKUP over several Master_Down_Intervals.
#   2. r1 `shutdown` eth1: keepalived takes over (r1's priority-0 advertisement); the host reaches
#      the virtual IP through keepalived.
#   3. r1 `no shutdown`: r1 preempts keepalived, keepalived goes BACKUP.
#   4. keepalived higher: r1 `vrrp 1 priority 100`: keepalived preempts, r1 Backup naming it.
#   5. keepalived stopped (SIGTERM, its priority-0 advertisement): r1 Master within about its
#      Skew_Time (609 ms at 100).
# Throughout, r1 counts no authentication, interval, address-list, checksum or length error:
# each implementation parses the other's packets as valid.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
command -v keepalived >/dev/null || fail "'keepalived' not found (run packaging/setup-deps.sh)"

vt_switch
vt_router r1 192.0.2.10
vt_host k2 192.0.2.20
vt_host h1 192.0.2.100
inst_start r1
conf=$N2T_TMP/k2.conf
ka_conf "$conf" 150 secret

say "1. n2os at 200, keepalived at 150"
cm_if r1 eth1 'vrrp 1 priority 200' "vrrp 1 ip $VT_VIP" 'vrrp 1 authentication text secret'
wait_state r1 Master
ka_start k2 "$conf"
ka_wait k2 BACKUP 0
ka_stays_backup
assert_rc 0 "h1: ping $VT_VIP (n2os master)" nsx h1 ping -c 1 -w "$N2T_WAIT" "$VT_VIP"

say "2. r1 shutdown: keepalived takes over"
m1=$(log_mark r1)
km=$(ka_mark k2)
cm_if r1 eth1 shutdown
ka_wait k2 MASTER "$km"
assert_eq "$(vstat r1 priority-zero-pkts-sent)" 1 "r1: priority-zero-pkts-sent"
grep -q 'Master -> Initialize' <(tail -n "+$((m1 + 1))" "$(vlog r1)") || fail "r1 did not resign"
assert_rc 0 "h1: ping $VT_VIP (keepalived master)" nsx h1 ping -c 1 -w "$N2T_WAIT" "$VT_VIP"
assert_match "$(nsx k2 ip -4 -br addr)" "$VT_VIP/32" "keepalived holds the virtual IP"

say "3. r1 no shutdown: n2os preempts keepalived"
m1=$(log_mark r1)
km=$(ka_mark k2)
rcvd=$(vstat r1 advertisement-rcvd)
cm_if r1 eth1 'no shutdown'
transition_after r1 "$m1" Master
ka_wait k2 BACKUP "$km"
assert_contains "$KA_LINE" "BACKUP" "keepalived"
[ "$(vstat r1 advertisement-rcvd)" -gt "$rcvd" ] || fail "r1 accepted none of keepalived's advertisements"
wait_state r1 Master

say "4. keepalived higher: r1 priority 100"
ka_preempts_r1
base=$(vstat r1 advertisement-rcvd)
wait_stat r1 advertisement-rcvd $((base + 4))
assert_eq "$(vj r1 state)" Backup "r1: state under keepalived"

say "5. keepalived stops: n2os takes over"
m1=$(log_mark r1)
zeros=$(vstat r1 priority-zero-pkts-rcvd)
t0=$(($(date +%s%N) / 1000000))
ka_stop k2
transition_after r1 "$m1" Master
dt=$((TR_MS - t0))
say "r1 master $dt ms after SIGTERM to keepalived (Skew_Time 609 ms, Master_Down_Interval 3609 ms)"
if [ "$dt" -lt 500 ] || [ "$dt" -gt 2500 ]; then
	fail "r1 took over $dt ms after keepalived was stopped: not through its priority-0 advertisement"
fi
wait_state r1 Master
assert_eq "$(vstat r1 priority-zero-pkts-rcvd)" $((zeros + 1)) "r1: priority-zero-pkts-rcvd"
assert_rc 0 "h1: ping $VT_VIP (n2os master again)" nsx h1 ping -c 1 -w "$N2T_WAIT" "$VT_VIP"

for c in auth-failures auth-type-mismatch interval-errors address-list-errors checksum-errors \
	packet-length-errors version-errors invalid-type-pkts-rcvd; do
	assert_eq "$(vstat r1 "$c")" 0 "r1: $c with keepalived"
done
inst_stop r1
n2t_pass
