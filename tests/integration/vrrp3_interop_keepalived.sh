#!/usr/bin/env bash
# integ_vrrp3_interop_keepalived: n2os and keepalived (Debian's) in one VRRPv3 group over IPv4
# (RFC 9568): VRID 1, virtual IP 192.0.2.1, 1 s adverts. r1 runs n2os (192.0.2.10, `vrrp 1
# version 3`), k2 runs keepalived (192.0.2.20, priority 150, vrrp_version 3, use_vmac: see ka_conf
# in vrrp_lib.sh). Both roles and a silent failover each way (the master's switch port disabled,
# vt_port: it sees nothing and keeps advertising into the void):
#   1. n2os higher (200): r1 Master, keepalived stays BACKUP over several Master_Down_Intervals.
#   2. r1's port down: keepalived MASTER (its master down timer); port up: keepalived hears r1's
#      higher advertisement and goes BACKUP, r1 stays Master throughout.
#   3. r1 `vrrp 1 priority 100`: keepalived preempts, r1 Backup naming 192.0.2.20.
#   4. k2's port down: r1 Master after its Master_Down_Interval (3.6 s at 100); port up:
#      keepalived (150) preempts again, r1 Backup.
#   5. keepalived stopped (SIGTERM, its priority-0 advertisement): r1 Master.
#   6. The checksum rules differ: r1 back to its default (`no vrrp 1 checksum-with-ipv4-
#      pseudoheader`, RFC 9568 5.2.8: none for IPv4), keepalived started again: each drops the
#      other's advertisements (r1 counts them in checksum-errors, keepalived logs them), so both
#      are Master, as with any peer of the other rule: why the switch exists.
# The checksum in 1-5: r1 has `vrrp 1 checksum-with-ipv4-pseudoheader`, the IPv4 pseudo-header
# included, keepalived's only rule (Debian's 2.2.7 has no v3_checksum_as_v2 switch; keepalived 2.3
# does). A capture on the bridge decoded by tshark (its default, vrrp.v3_checksum_as_in_v2 FALSE,
# is the same rule): every advertisement of either side is version 3 with a Good checksum, from
# both sources; r1 counts no checksum, version, interval, address-list or length error and
# keepalived logs no invalid checksum.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
need_tools keepalived tcpdump tshark

vt_switch
vt_router r1 192.0.2.10
vt_host k2 192.0.2.20
inst_start r1
pcap=$N2T_TMP/vrrp3.pcap
capture_start "$pcap" vrrp
conf=$N2T_TMP/k2.conf
ka_conf "$conf" 150 "" 1 "$VT_VIP" 3

say "1. n2os at 200, keepalived at 150"
cm_if r1 eth1 'vrrp 1 version 3' 'vrrp 1 priority 200' "vrrp 1 ip $VT_VIP" \
	'vrrp 1 checksum-with-ipv4-pseudoheader'
wait_state r1 Master
assert_eq "$(vj r1 version)" 3 "r1: version"
ka_start k2 "$conf"
ka_wait k2 BACKUP 0
ka_stays_backup

say "2. r1's switch port down: keepalived takes over; up again: r1 Master, keepalived BACKUP"
ka_r1_port_cut
grep -q 'received advert from 192.0.2.10 with higher priority 200' \
	<(tail -n "+$((KA_KM + 1))" "${VT_KA_OUT[k2]}") || fail "keepalived did not step down for r1"

say "3. keepalived higher: r1 priority 100"
ka_preempts_r1

say "4. k2's switch port down: r1 takes over; up again: keepalived preempts"
m1=$(log_mark r1)
vt_port k2 down
transition_after r1 "$m1" Master
assert_contains "$TR_LINE" "Backup -> Master (master down timer expired)" "r1 takes over"
m1=$(log_mark r1)
km=$(ka_mark k2)
vt_port k2 up
transition_after r1 "$m1" Backup
assert_contains "$TR_LINE" "advertisement from 192.0.2.20 priority 150" "r1 steps down again"
! grep -q 'Entering BACKUP STATE' <(tail -n "+$((km + 1))" "${VT_KA_OUT[k2]}") ||
	fail "keepalived (higher) went BACKUP: $(tail -n 20 "${VT_KA_OUT[k2]}")"
wait_state r1 Backup

say "5. keepalived stops: n2os takes over"
m1=$(log_mark r1)
zeros=$(vstat r1 priority-zero-pkts-rcvd)
ka_stop k2
transition_after r1 "$m1" Master
wait_state r1 Master
assert_eq "$(vstat r1 priority-zero-pkts-rcvd)" $((zeros + 1)) "r1: priority-zero-pkts-rcvd"
base=$(vstat r1 advertisement-sent)
wait_stat r1 advertisement-sent $((base + 2)) # the last of them in the capture
capture_stop

for c in checksum-errors version-errors interval-errors address-list-errors packet-length-errors \
	invalid-type-pkts-rcvd ip-ttl-errors; do
	assert_eq "$(vstat r1 "$c")" 0 "r1: $c with keepalived"
done
! grep -i 'invalid.*checksum' "${VT_KA_OUT[k2]}" || fail "keepalived refused n2os's checksum"
adv=$(tshark -r "$pcap" -o ip.check_checksum:TRUE -Y vrrp -T fields -E separator='|' \
	-e ip.src -e ip.ttl -e ip.checksum.status -e vrrp.version -e vrrp.checksum.status 2>/dev/null)
[ -n "$adv" ] || fail "tshark decoded no advertisement from $pcap"
say "tshark: $(wc -l <<<"$adv") advertisements"
bad=$(grep -v -E '^192\.0\.2\.(10|20)\|255\|1\|3\|1$' <<<"$adv" || true)
[ -z "$bad" ] || fail "advertisements not v3 from r1/k2 with TTL 255 and Good checksums (1):
$(sort <<<"$bad" | uniq -c | head)"
for src in 192.0.2.10 192.0.2.20; do
	grep -q "^$src|" <<<"$adv" || fail "no advertisement from $src in the capture"
done

say "6. r1 on the RFC 9568 rule, keepalived on its own: each refuses the other's checksum"
cm_if r1 eth1 'no vrrp 1 checksum-with-ipv4-pseudoheader'
assert_eq "$(vj r1 checksum_ipv4_pseudoheader)" false "r1: checksum rule"
m1=$(log_mark r1)
errs=$(vstat r1 checksum-errors)
ka_start k2 "$conf" # a new log
wait_stat r1 checksum-errors $((errs + 1))
ka_wait k2 MASTER 0 # it never heard r1: its own master down timer
grep -qi 'invalid.*checksum' "${VT_KA_OUT[k2]}" ||
	fail "keepalived took r1's RFC 9568 checksum: $(tail -n 20 "${VT_KA_OUT[k2]}")"
assert_no_transition r1 "$m1"
ka_stop k2
inst_stop r1
n2t_pass
