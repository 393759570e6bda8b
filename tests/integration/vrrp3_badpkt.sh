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

# IPv6 (RFC 9568 7.1 over IPv6): both routers add an IPv6 group to VRID 1 (2001:db8:1::1, so
# the list is the virtual link-local address first, then it: RFC 9568 5.2.9). h1 sends, from its
# link-local address to ff02::12, v6 advertisements at 250 wrong in one way each: bad checksum
# (over the IPv6 pseudo-header, which RFC 9568 5.2.8 always requires), hop limit 64, version 2,
# type 2, too short, an IPv4 address in the list (a length error), another global address and
# one address too few (address-list errors), interval 0, and VRID 7 last. r2 (the IPv6
# Backup) counts each once under `show ipv6 vrrp statistics json`, its IPv4 counters do not
# move, neither router changes state; a valid one is then taken: r2 names h1 as its master.
say "IPv6: both routers add 2001:db8:1::1 to VRID 1"
cm_if r1 eth1 'vrrp 1 ipv6 2001:db8:1::1'
cm_if r2 eth1 'vrrp 1 ipv6 2001:db8:1::1'
# v6_is L FIELD VALUE: L's IPv6 group's FIELD in `show ipv6 vrrp status json` is VALUE. Polled
# with wait_cmd, not wait_state: the IPv6 log line is to say "ipv6" (wait_state matches IPv4's)
# shellcheck disable=SC2317 # called through wait_cmd
v6_is() { [ "$(vj "$1" "$2" eth1 1 ipv6)" = "$3" ]; }
wait_cmd "r1 IPv6 Master" v6_is r1 state Master
wait_cmd "r2 IPv6 Backup" v6_is r2 state Backup
h1_ll() { nsx h1 ip -6 addr show dev eth1 scope link | grep -v tentative | sed -n 's/.*inet6 \(fe80[^/]*\).*/\1/p'; }
# shellcheck disable=SC2317 # called through wait_cmd
h1_has_ll() { [ -n "$(h1_ll)" ]; }
wait_cmd "h1's link-local address (after DAD)" h1_has_ll
ll=$(h1_ll)
r1ll=$(vj r2 master eth1 1 ipv6)
# shellcheck disable=SC2034 # read by vt_counted
declare -A expect6=(
	[checksum-errors]=1 [ip-ttl-errors]=1 [version-errors]=1 [invalid-type-pkts-rcvd]=1
	[packet-length-errors]=2 [address-list-errors]=2 [interval-errors]=1 [vrid-errors]=1
) none=()
# shellcheck disable=SC2034 # b4 is read by vt_counted
declare -A b6 b4
vt_counters_save r2 b6 ipv6
vt_counters_save r2 b4 ip
m1=$(log_mark r1)
m2=$(log_mark r2)
say "h1 ($ll) sends ten bad v6 advertisements at priority 250"
vt_craft h1 eth1 "$ll" v6checksum v6hlim v6version v6type v6short v6family v6addrlist v6count \
	v6interval0 v6vrid
wait_stat r2 vrid-errors $((b6[vrid-errors] + 1)) eth1 1 ipv6
vt_counted r2 b6 expect6 ipv6
vt_counted r2 b4 none ip
assert_no_transition r1 "$m1"
assert_no_transition r2 "$m2"
assert_eq "$(vj r1 state eth1 1 ipv6)" Master "r1: IPv6 state"
assert_eq "$(vj r2 state eth1 1 ipv6)" Backup "r2: IPv6 state"
assert_eq "$(vj r2 master eth1 1 ipv6)" "$r1ll" "r2: IPv6 master unchanged"

say "a valid v6 advertisement at 250 is accepted"
rcvd=$(vstat r2 advertisement-rcvd eth1 1 ipv6)
vt_craft h1 eth1 "$ll" v6valid
wait_cmd "r2 names h1 its IPv6 master" v6_is r2 master "$ll"
assert_eq "$(($(vstat r2 advertisement-rcvd eth1 1 ipv6) > rcvd))" 1 "r2: IPv6 advertisement-rcvd rose"
inst_stop r1
inst_stop r2
n2t_pass
