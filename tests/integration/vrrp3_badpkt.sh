#!/usr/bin/env bash
# integ_vrrp3_badpkt: bad VRRPv3 advertisements over IPv4 from the LAN (the receive checks of
# RFC 9568 7.1). r1 (200) is Master, r2 (100) Backup, both `vrrp 1 version 3`. The host sends,
# with scapy (vrrp_craft.py), v3 advertisements for VRID 1 at priority 250 (each would take
# mastership from r1 were it accepted) that are wrong in one way each: bad checksum, a checksum
# over the IPv4 pseudo-header (keepalived's and FRR's reading of RFC 5798, which the default
# RFC 9568 5.2.8 rule refuses), TTL 64, version 2, type 2, too short, another address list,
# interval 0, an IPv6 address in the list (the wrong family: the length is not that of the
# count of IPv4 addresses, so a length error), and one for VRID 7, which neither has. Each
# router counts each exactly once under its
# RFC 8347 name in `show ip vrrp statistics json` and neither changes state. A last, valid one at
# 250 does make r1 step down, and r1 takes over again after its Master_Down_Interval (adopting
# the 1 s the advertisement carried: RFC 9568 6.4.2). On the way, the operator's view of a v3
# backup: `show ip vrrp status` in milliseconds with the master's interval, `show ipv6 vrrp`
# empty and its global counters untouched by IPv4 packets, `show vrrp brief` with the family.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
"$N2T_PY" -c 'import scapy' 2>/dev/null || fail "scapy not found for $N2T_PY (run packaging/setup-deps.sh)"

vt_pair host
cm_if r1 eth1 'vrrp 1 version 3' 'vrrp 1 priority 200' "vrrp 1 ip $VT_VIP"
wait_state r1 Master
cm_if r2 eth1 'vrrp 1 version 3' "vrrp 1 ip $VT_VIP"
wait_state r2 Backup

craft() { vt_craft h1 eth1 192.0.2.100 "$@"; }

# shellcheck disable=SC2034 # read by vt_counted
declare -A expect=(
	[checksum-errors]=2 [ip-ttl-errors]=1 [version-errors]=1 [invalid-type-pkts-rcvd]=1
	[packet-length-errors]=2 [address-list-errors]=1 [interval-errors]=1 [vrid-errors]=1
)
declare -A before1 before2
vt_counters_save r1 before1
vt_counters_save r2 before2
m1=$(log_mark r1)
m2=$(log_mark r2)
say "h1 sends ten bad v3 advertisements at priority 250"
craft v3checksum v3pseudock v3ttl v3version v3type v3short v3addrlist v3interval0 v3family v3vrid
# processed in order: the last one counted means all were
wait_stat r1 vrid-errors $((before1[vrid-errors] + 1))
wait_stat r2 vrid-errors $((before2[vrid-errors] + 1))
vt_counted r1 before1 expect
vt_counted r2 before2 expect
assert_no_transition r1 "$m1"
assert_no_transition r2 "$m2"
assert_roles r1 r2

say "r2's show commands: VRRPv3 in milliseconds, per family"
cm r2 'show ip vrrp status'
assert_match "$CM_OUT" 'VRID 1 \(VRRPv3, IPv4\)' "r2: show ip vrrp status"
assert_match "$CM_OUT" 'Advertisement interval: 1000 ms \(master.s: 1000 ms\)' "r2: interval"
assert_match "$CM_OUT" 'Master down interval  : 3609\.375 ms \(skew 609\.375 ms\)' "r2: timers"
assert_eq "$(vj r2 master_adver_interval_ms)" 1000 "r2: master_adver_interval_ms"
assert_eq "$(vj r2 family)" ipv4 "r2: family"
cm r2 'show ipv6 vrrp status'
assert_eq "$CM_OUT" "No VRRP group is configured." "r2: show ipv6 vrrp status"
assert_eq "$(vstat r2 vrid-errors eth1 1 ipv6)" 0 "r2: IPv6 vrid-errors after IPv4 packets"
cm r2 'show vrrp brief'
assert_match "$CM_OUT" 'eth1 +1 IPv4 +Backup +100 192\.0\.2\.1 +192\.0\.2\.10' "r2: show vrrp brief"
cm r2 'show vrrp statistics json'
assert_eq "$(json_get "$CM_OUT" 'd["vrid-errors"]')" "$((before2[vrid-errors] + 1))" \
	"r2: show vrrp statistics json"

say "a valid v3 advertisement at 250 does take mastership from r1"
vt_craft_takes_over v3valid "$m1"
inst_stop r1
inst_stop r2
n2t_pass
