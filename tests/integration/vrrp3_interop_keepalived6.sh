#!/usr/bin/env bash
# integ_vrrp3_interop_keepalived6: n2os and keepalived (Debian's 2.2.7) in one VRRPv3 group
# over IPv6 (RFC 9568): VRID 1, virtual address 2001:db8:1::1, 1 s adverts. r1 runs n2os
# (`vrrp 1 ipv6 2001:db8:1::1`, which advertises the virtual link-local address
# fe80::200:5eff:fe00:201 first: RFC 9568 5.2.9), k2 keepalived (priority 150, an IPv6
# vrrp_instance: ka_conf with an IPv6 VIP). Both roles and a silent failover each way (vt_port):
#   1. n2os higher (200): r1 Master, keepalived stays BACKUP.
#   2. r1's port down: keepalived MASTER; up: keepalived BACKUP, r1 Master throughout.
#   3. r1 `vrrp 1 priority 100`: keepalived preempts, r1 Backup naming k2's link-local address.
#   4. k2's port down: r1 Master; up: keepalived preempts again, r1 Backup.
# A capture on the bridge decoded by tshark: every advertisement of either side is version 3
# with a Good checksum (IPv6 pseudo-header), hop limit 255, to ff02::12, from a link-local
# source; r1 counts no checksum, version, interval, address-list or length error.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
need_tools keepalived tcpdump tshark
VT_FAM=ipv6 # vj, vstat and vt_counters read `show ipv6 vrrp`
VIP6=2001:db8:1::1
VLL6=fe80::200:5eff:fe00:201 # RFC 9568 7.3: from the virtual MAC 00:00:5e:00:02:01

vt_switch
vt_router r1 192.0.2.10
vt_host k2 192.0.2.20
inst_start r1
pcap=$N2T_TMP/vrrp3v6.pcap
capture_start "$pcap" 'ip6 proto 112'
conf=$N2T_TMP/k2.conf
ka_conf "$conf" 150 "" 1 "$VIP6" 3
# keepalived 2.2.7 advertises only the addresses it is given and drops a list of another count
# ("received an unexpected ip number count 2, expected 1!"): given the virtual link-local
# address first, its list is n2os's (RFC 9568 5.2.9), and n2os's list, which always has it, is
# keepalived's
sed -i "s|^    $VIP6/128|    $VLL6/64\n&|" "$conf"

say "1. n2os at 200, keepalived at 150"
cm_if r1 eth1 'vrrp 1 version 3' 'vrrp 1 priority 200' "vrrp 1 ipv6 $VIP6"
wait_state r1 Master eth1 1 ipv6
ka_start k2 "$conf"
ka_wait k2 BACKUP 0
ka_stays_backup

say "2. r1's switch port down: keepalived takes over; up again: r1 Master, keepalived BACKUP"
ka_r1_port_cut

say "3. keepalived higher: r1 priority 100"
m1=$(log_mark r1)
km=$(ka_mark k2)
cm_if r1 eth1 'vrrp 1 priority 100'
ka_wait k2 MASTER "$km"
transition_after r1 "$m1" Backup
wait_state r1 Backup eth1 1 ipv6
kll=$(vj r1 master)
assert_match "$kll" '^fe80:' "r1: master is k2's link-local address"

say "4. k2's switch port down: r1 takes over; up again: keepalived preempts"
m1=$(log_mark r1)
vt_port k2 down
transition_after r1 "$m1" Master
m1=$(log_mark r1)
vt_port k2 up
transition_after r1 "$m1" Backup
wait_state r1 Backup eth1 1 ipv6
assert_eq "$(vj r1 master)" "$kll" "r1: master after k2's return"
base=$(vstat r1 advertisement-rcvd)
wait_stat r1 advertisement-rcvd $((base + 2)) eth1 1 ipv6
capture_stop

for c in checksum-errors version-errors interval-errors address-list-errors packet-length-errors \
	invalid-type-pkts-rcvd ip-ttl-errors; do
	assert_eq "$(vstat r1 "$c")" 0 "r1: $c with keepalived"
done
adv=$(tshark -r "$pcap" -Y vrrp -T fields -E separator='|' \
	-e ipv6.src -e ipv6.dst -e ipv6.hlim -e vrrp.version -e vrrp.checksum.status 2>/dev/null)
[ -n "$adv" ] || fail "tshark decoded no advertisement from $pcap"
say "tshark: $(wc -l <<<"$adv") advertisements"
bad=$(grep -v -E '^fe80:[^|]*\|ff02::12\|255\|3\|1$' <<<"$adv" || true)
[ -z "$bad" ] || fail "advertisements not v3 from link-local to ff02::12, hop limit 255, Good checksum:
$(sort <<<"$bad" | uniq -c | head)"
[ "$(cut -d'|' -f1 <<<"$adv" | sort -u | wc -l)" -ge 2 ] || fail "advertisements from one source only: $adv"
ka_stop k2
inst_stop r1
n2t_pass
