#!/usr/bin/env bash
# integ_vrrp3_v2compat: RFC 9568 8.4.2, a VRRPv3 router in a group with a VRRPv2 one while a LAN
# moves from v2 to v3. r1 runs n2os (192.0.2.10, `vrrp 1 version 3`, `vrrp 1 v2-compatible`),
# k2 keepalived in VRRPv2 (192.0.2.20, priority 150, 1 s adverts), VRID 1, virtual IP 192.0.2.1:
#   1. r1 higher (200): Master, sending a v3 and a v2 advertisement each interval; keepalived,
#      which reads only v2, stays BACKUP over several of its Master_Down_Intervals.
#   2. r1 `vrrp 1 priority 100`: keepalived preempts, r1 Backup naming 192.0.2.20 (it took the
#      v2 advertisement in its v3 group, with the interval in seconds).
#   3. k2's switch port down: r1 Master after its Master_Down_Interval; up: keepalived preempts.
#   4. A capture read by tshark: r1's advertisements are of both versions, keepalived's v2 only,
#      all with TTL 255 and a Good checksum (v3 by RFC 9568 5.2.8: tshark told so); r1 counts no version, interval, checksum or
#      address-list error.
#   5. `no vrrp 1 v2-compatible`: keepalived's advertisements are version errors again.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
need_tools keepalived tcpdump tshark

vt_switch
vt_router r1 192.0.2.10
vt_host k2 192.0.2.20
inst_start r1
pcap=$N2T_TMP/v2compat.pcap
capture_start "$pcap" vrrp
conf=$N2T_TMP/k2.conf
ka_conf "$conf" 150 "" 1 "$VT_VIP" 2

say "1. n2os (v3, v2-compatible) at 200, keepalived (v2) at 150"
cm_if r1 eth1 'vrrp 1 version 3' 'vrrp 1 v2-compatible' 'vrrp 1 priority 200' "vrrp 1 ip $VT_VIP"
wait_state r1 Master
assert_eq "$(vj r1 version)" 3 "r1: version"
assert_eq "$(vj r1 v2_compatible)" true "r1: v2_compatible"
cm r1 'show ip vrrp status'
assert_match "$CM_OUT" 'VRRPv2 compatibility  : on' "r1: show ip vrrp status"
ka_start k2 "$conf"
ka_wait k2 BACKUP 0
ka_stays_backup

say "2. keepalived higher: r1 priority 100"
ka_preempts_r1

say "3. k2's switch port down: r1 takes over; up again: keepalived preempts"
m1=$(log_mark r1)
vt_port k2 down
transition_after r1 "$m1" Master
assert_contains "$TR_LINE" "Backup -> Master (master down timer expired)" "r1 takes over"
m1=$(log_mark r1)
vt_port k2 up
transition_after r1 "$m1" Backup
assert_contains "$TR_LINE" "advertisement from 192.0.2.20 priority 150" "r1 steps down again"
wait_state r1 Backup
capture_stop

say "4. the wire: both versions from r1, v2 from keepalived, no error counted"
for c in checksum-errors version-errors interval-errors address-list-errors packet-length-errors \
	invalid-type-pkts-rcvd ip-ttl-errors auth-type-mismatch auth-failures; do
	assert_eq "$(vstat r1 "$c")" 0 "r1: $c"
done
adv=$(tshark -r "$pcap" -o vrrp.v3_checksum_as_in_v2:TRUE -Y vrrp -T fields -E separator='|' \
	-e ip.src -e ip.ttl -e vrrp.version -e vrrp.checksum.status 2>/dev/null)
[ -n "$adv" ] || fail "tshark decoded no advertisement from $pcap"
say "tshark: $(sort <<<"$adv" | uniq -c | tr '\n' ';')"
for want in '192.0.2.10|255|3|1' '192.0.2.10|255|2|1' '192.0.2.20|255|2|1'; do
	grep -qxF "$want" <<<"$adv" || fail "no advertisement '$want' (source|TTL|version|checksum)"
done
bad=$(grep -v -x -E '192\.0\.2\.10\|255\|[23]\|1|192\.0\.2\.20\|255\|2\|1' <<<"$adv" || true)
[ -z "$bad" ] || fail "unexpected advertisements: $(sort <<<"$bad" | uniq -c | head)"

say "5. no vrrp 1 v2-compatible: keepalived's advertisements are version errors"
errs=$(vstat r1 version-errors)
cm_if r1 eth1 'no vrrp 1 v2-compatible'
assert_eq "$(vj r1 v2_compatible)" false "r1: v2_compatible"
wait_stat r1 version-errors $((errs + 1))
ka_stop k2
inst_stop r1
n2t_pass
