#!/usr/bin/env bash
# integ_vrrp3_election: the VRRPv3 (RFC 9568) election rules over IPv4 and over IPv6, on one VRID
# that carries both virtual routers (192.0.2.1 and 2001:db8:1::1), 100 ms adverts:
#   1. election (6.4.1, 6.4.2): r1 (200) Master, r2 (100) Backup in both families; r2 names r1
#      as master (192.0.2.10 / r1's link-local address) and has adopted its 100 ms interval.
#   2. preemption (6.4.2): r2 raised to 250 takes both over from r1; r1 with `no vrrp 1 preempt`
#      stays Backup while r2 (lowered to 150) advertises a lower priority; `vrrp 1 preempt`
#      again and r1 takes both back.
#   3. priority 0 (6.4.3): r1's eth1 `shutdown` sends a priority-0 advertisement per family,
#      r2 takes both over and counts it; `no shutdown` and r1 preempts back.
#   4. tracking: eth2 down lowers both of r1's virtual routers by 100 (to 100 < 150), r2 takes
#      both over; eth2 up and r1 returns.
#   5. the address owner (priority 255): VRID 2 for 192.0.2.10 (r1's eth1 address) and VRID 3
#      for 2001:db8:1::10 (r1's `ipv6 address`, put back after the shutdown): r1 Master at 255 over r2 at 254.
#   6. the capture: every VRRP packet is version 3 with a Good checksum, priority 0 from r1 in
#      both families, 255 for VRIDs 2 and 3.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
need_tools tcpdump tshark

VIP6=2001:db8:1::1
OWN6=2001:db8:1::10

# both L STATE: both of L's virtual routers of VRID 1 are in STATE.
both() {
	wait_state "$1" "$2" eth1 1 ip
	wait_state "$1" "$2" eth1 1 ipv6
}
# both_to L MARK TO: both of L's virtual routers of VRID 1 change to TO after line MARK.
both_to() {
	transition_after "$1" "$2" "$3" eth1 1 ip
	transition_after "$1" "$2" "$3" eth1 1 ipv6
}

vt_switch
vt_router r1 192.0.2.10
vt_router r2 192.0.2.20
ip link add eth2 netns "${N2T_NS[r1]}" type veth peer name r1up netns "${N2T_NS[sw]}"
ip -n "${N2T_NS[sw]}" link set r1up up
ip -n "${N2T_NS[r1]}" link set eth2 up
inst_start r1
inst_start r2
pcap=$N2T_TMP/election.pcap
capture_start "$pcap" 'proto 112 or (ip6 and ip6[6] == 112)'

v3=('vrrp 1 version 3' 'vrrp 1 timers advertise msec 100' "vrrp 1 ip $VT_VIP" "vrrp 1 ipv6 $VIP6")
cm r1 'configure terminal' 'track 1 interface eth2 line-protocol'
cm_if r1 eth1 "ipv6 address $OWN6/64" "${v3[@]}" 'vrrp 1 priority 200' 'vrrp 1 track 1 decrement 100'
both r1 Master
cm_if r2 eth1 "${v3[@]}"
both r2 Backup
ll1=$(ll6 r1)
[ -n "$ll1" ] || fail "r1 has no link-local address on eth1"

say "1. election"
assert_eq "$(vj r2 master eth1 1 ip)" 192.0.2.10 "r2 IPv4: master"
assert_eq "$(vj r2 master eth1 1 ipv6)" "$ll1" "r2 IPv6: master"
for fam in ip ipv6; do
	assert_eq "$(vj r2 master_adver_interval_ms eth1 1 $fam)" 100 "r2 $fam: master's interval"
	assert_eq "$(vj r1 priority eth1 1 $fam)" 200 "r1 $fam: priority"
	assert_eq "$(vj r2 priority eth1 1 $fam)" 100 "r2 $fam: priority"
done

say "2. preemption"
m1=$(log_mark r1)
m2=$(log_mark r2)
cm_if r2 eth1 'vrrp 1 priority 250'
both_to r2 "$m2" Master
assert_contains "$TR_LINE" "Backup -> Master" "r2 IPv6 preempts"
both_to r1 "$m1" Backup
assert_contains "$TR_LINE" "advertisement from $(ll6 r2) priority 250" "r1 IPv6 steps down"
cm_if r1 eth1 'no vrrp 1 preempt'
assert_eq "$(vj r1 preempt eth1 1 ipv6)" false "r1 IPv6: preempt"
m1=$(log_mark r1)
cm_if r2 eth1 'vrrp 1 priority 150'
for fam in ip ipv6; do
	base=$(vstat r1 advertisement-rcvd eth1 1 $fam)
	wait_stat r1 advertisement-rcvd $((base + 10)) eth1 1 $fam # r2's at 150, r1 is at 200
done
assert_no_transition r1 "$m1"
both r1 Backup
m1=$(log_mark r1)
m2=$(log_mark r2)
cm_if r1 eth1 'vrrp 1 preempt'
both_to r1 "$m1" Master
both_to r2 "$m2" Backup

say "3. priority 0"
m1=$(log_mark r1)
m2=$(log_mark r2)
cm_if r1 eth1 shutdown
both_to r2 "$m2" Master
for fam in ip ipv6; do
	assert_eq "$(vstat r1 priority-zero-pkts-sent eth1 1 $fam)" 1 "r1 $fam: priority-zero-pkts-sent"
	assert_eq "$(vstat r2 priority-zero-pkts-rcvd eth1 1 $fam)" 1 "r2 $fam: priority-zero-pkts-rcvd"
done
assert_eq "$(vj r1 state eth1 1 ipv6)" Initialize "r1 IPv6 (eth1 shut down): state"
m2=$(log_mark r2)
cm_if r1 eth1 'no shutdown'
both r1 Master
both_to r2 "$m2" Backup

say "4. tracking"
# uplink UP|DOWN MASTER BACKUP PRIO: r1's eth2 set UP or DOWN at the switch; both virtual routers
# of MASTER and BACKUP move there, r1's at priority PRIO.
uplink() {
	local fam
	local -A mark=([r1]=$(log_mark r1) [r2]=$(log_mark r2))
	ip -n "${N2T_NS[sw]}" link set r1up "$1"
	both_to "$2" "${mark[$2]}" Master
	both_to "$3" "${mark[$3]}" Backup
	for fam in ip ipv6; do
		assert_eq "$(vj r1 priority eth1 1 $fam)" "$4" "r1 $fam: priority with eth2 $1"
	done
}
uplink down r2 r1 100
uplink up r1 r2 200

say "5. the address owner"
own=('vrrp 2 version 3' 'vrrp 2 timers advertise msec 100' 'vrrp 2 ip 192.0.2.10'
	'vrrp 3 version 3' 'vrrp 3 timers advertise msec 100' "vrrp 3 ipv6 $OWN6")
cm_if r2 eth1 "${own[@]}" 'vrrp 2 priority 254' 'vrrp 3 priority 254'
wait_state r2 Master eth1 2 ip
wait_state r2 Master eth1 3 ipv6
m2=$(log_mark r2)
cm_if r1 eth1 "${own[@]}"
wait_state r1 Master eth1 2 ip
wait_state r1 Master eth1 3 ipv6
transition_after r2 "$m2" Backup eth1 2 ip
assert_contains "$TR_LINE" "advertisement from 192.0.2.10 priority 255" "r2 VRID 2 steps down"
transition_after r2 "$m2" Backup eth1 3 ipv6
assert_contains "$TR_LINE" "advertisement from $ll1 priority 255" "r2 VRID 3 steps down"
assert_eq "$(vj r1 priority eth1 2 ip)" 255 "r1 VRID 2: priority"
assert_eq "$(vj r1 owner eth1 2 ip)" true "r1 VRID 2: owner"
assert_eq "$(vj r1 priority eth1 3 ipv6)" 255 "r1 VRID 3: priority"
assert_eq "$(vj r1 owner eth1 3 ipv6)" true "r1 VRID 3: owner"
wait_stat r2 advertisement-rcvd 5 eth1 3 ipv6 # the owner's advertisements are in the capture
capture_stop

say "6. the capture"
tshark -r "$pcap" -o vrrp.v3_checksum_as_in_v2:TRUE -T fields -E separator='|' -e ip.src \
	-e ipv6.src -e vrrp.version -e vrrp.virt_rtr_id -e vrrp.prio -e vrrp.checksum.status \
	>"$N2T_TMP/election.txt" 2>/dev/null || fail "tshark cannot read $pcap"
"$N2T_PY" - "$N2T_TMP/election.txt" "$ll1" <<'PY' || fail "the capture is wrong"
import sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1]) if l.strip()]
ll1 = sys.argv[2]
bad = [r for r in rows if r[2] != "3" or r[5] != "1"]  # checksum status: 0 Bad, 1 Good, 2 unverified
for r in bad[:5]:
    print("not v3 or checksum not Good:", r)
def seen(src, vrid, prio):
    return any((r[0] or r[1]) == src and r[3] == vrid and r[4] == prio for r in rows)
need = [("192.0.2.10", "1", "0"), (ll1, "1", "0"), ("192.0.2.10", "2", "255"), (ll1, "3", "255")]
missing = [n for n in need if not seen(*n)]
for n in missing:
    print("no advertisement from %s VRID %s priority %s" % n)
print(f"{len(rows)} advertisements, {len(bad)} bad")
sys.exit(1 if bad or missing or not rows else 0)
PY
n2t_pass
