#!/usr/bin/env bash
# integ_vrrp_badpkt: bad advertisements from the LAN (RFC 3768 7.1 receive checks). r1 (200) is
# Master, r2 (100) Backup. The host sends, with scapy, advertisements for VRID 1 at priority 250
# (each would take mastership from r1 were it accepted) that are wrong in one way each: bad
# checksum, TTL 64, version 3, type 2, too short, VRID 7 (not configured), interval 3 s, another
# address list, auth type 1. Each router counts each exactly once under its RFC 8347 name in
# `show ip vrrp statistics json`, and neither changes state. A last, valid one at 250 does make
# r1 step down (so the others were dropped by the checks, not ignored for another reason), and
# r1 takes over again after its Master_Down_Interval.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
PY=/usr/bin/python3 # Debian's, with python3-scapy
"$PY" -c 'import scapy' 2>/dev/null || fail "scapy not found for $PY (run packaging/setup-deps.sh)"

vt_pair host
cm_if r1 eth1 'vrrp 1 priority 200' "vrrp 1 ip $VT_VIP"
wait_state r1 Master
cm_if r2 eth1 "vrrp 1 ip $VT_VIP"
wait_state r2 Backup

# craft KIND...: sends one advertisement of each KIND from h1's eth1 (vrrp_craft.py).
craft() { vt_craft h1 eth1 192.0.2.100 "$@"; }

# shellcheck disable=SC2034 # read by vt_counted
declare -A expect=(
	[checksum-errors]=1 [ip-ttl-errors]=1 [version-errors]=1 [invalid-type-pkts-rcvd]=1
	[packet-length-errors]=1 [vrid-errors]=1 [interval-errors]=1 [address-list-errors]=1
	[auth-type-mismatch]=1
)
declare -A before1 before2
vt_counters_save r1 before1
vt_counters_save r2 before2
m1=$(log_mark r1)
m2=$(log_mark r2)
say "h1 sends nine bad advertisements at priority 250"
craft checksum ttl version type short vrid interval addrlist authtype
# processed in order: the last one counted means all were
wait_stat r1 auth-type-mismatch $((before1[auth-type-mismatch] + 1))
wait_stat r2 auth-type-mismatch $((before2[auth-type-mismatch] + 1))
vt_counted r1 before1 expect
vt_counted r2 before2 expect
assert_no_transition r1 "$m1"
assert_no_transition r2 "$m2"
assert_roles r1 r2
for why in checksum-errors ip-ttl-errors version-errors invalid-type-pkts-rcvd packet-length-errors; do
	grep -q "advertisement from 192.0.2.100 dropped: $why" <(tail -n "+$((m1 + 1))" "$(vlog r1)") ||
		fail "r1: no log line for the $why drop"
done
for why in 'advertisement interval 3 s from 192.0.2.100' 'address list from 192.0.2.100 differs' \
	'auth type 1 from 192.0.2.100'; do
	grep -q "$why" <(tail -n "+$((m1 + 1))" "$(vlog r1)") || fail "r1: no log line '$why'"
done

say "a valid advertisement at 250 does take mastership from r1"
vt_craft_takes_over valid "$m1"
inst_stop r1
inst_stop r2
n2t_pass
