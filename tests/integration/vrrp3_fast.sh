#!/usr/bin/env bash
# integ_vrrp3_fast: VRRPv3 (RFC 9568) at its shortest interval, 10 ms adverts, over IPv4 and
# IPv6 on one VRID (two virtual routers, each with its own state machine). r1 (200) Master and r2
# (100) Backup in `vrrp 1 version 3` / `timers advertise msec 10`, virtual addresses 192.0.2.1
# and 2001:db8:1::1 (the virtual link-local address derived: fe80::200:5eff:fe00:201); r2's
# Skew_Time is (256 - 100) x 10 ms / 256 = 6.09 ms and its Master_Down_Interval 3 x 10 ms +
# Skew_Time = 36.09 ms (RFC 9568 6.1).
#   1. r2 stays Backup while it accepts 100 of r1's IPv4 advertisements (one second).
#   2. r1's switch port disabled (vt_port: a failure r1 cannot see): both of r2's virtual
#      routers Master by their master down timers; port back: r1 (which never changed state)
#      makes both Backup again, naming 192.0.2.10 and r1's link-local address.
#   3. From a capture on the bridge, per family: the gap between r1's last advertisement before
#      the cut and r2's first is at least Master_Down_Interval (RFC 9568 6.4.2: a backup waits
#      that long) and below 3 x Master_Down_Interval (margin for a loaded 2-core machine: the
#      figure is printed; the benchmark is bench/failover_bench.sh); r2's first advertisement is
#      v3 at 1 cs, and is followed by its gratuitous ARP for 192.0.2.1 (IPv4) / its unsolicited
#      Neighbor Advertisements, Router flag set, for both virtual IPv6 addresses (RFC 9568 6.4.2),
#      from the virtual MACs 00:00:5e:00:01:01 / 00:00:5e:00:02:01.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
need_tools tcpdump tshark

VIP6=2001:db8:1::1
VLL6=fe80::200:5eff:fe00:201 # RFC 9568 7.3 / RFC 4291 modified EUI-64 of 00:00:5e:00:02:01

# both_to L MARK TO CAUSE4 CAUSE6: L's two virtual routers of VRID 1 both change to TO after
# line MARK, the IPv4 one for CAUSE4, the IPv6 one for CAUSE6.
both_to() {
	local l=$1 mark=$2 to=$3
	transition_after "$l" "$mark" "$to" eth1 1 ip
	assert_contains "$TR_LINE" "$4" "$l: IPv4 to $to"
	transition_after "$l" "$mark" "$to" eth1 1 ipv6
	assert_contains "$TR_LINE" "$5" "$l: IPv6 to $to"
}

vt_pair
pcap=$N2T_TMP/fast.pcap
capture_start "$pcap" 'proto 112 or arp or icmp6'
fast=('vrrp 1 version 3' 'vrrp 1 timers advertise msec 10' "vrrp 1 ip $VT_VIP" "vrrp 1 ipv6 $VIP6")
cm_if r1 eth1 "${fast[@]}" 'vrrp 1 priority 200'
wait_state r1 Master
wait_state r1 Master eth1 1 ipv6
cm_if r2 eth1 "${fast[@]}"
wait_state r2 Backup
wait_state r2 Backup eth1 1 ipv6
mdi=$(vj r2 master_down_interval_us)
skew=$(vj r2 skew_time_us)
say "r2: Master_Down_Interval $mdi us, Skew_Time $skew us"
assert_eq "$skew" 6093 "r2: Skew_Time (us) at 10 ms and priority 100"
assert_eq "$mdi" $((30000 + skew)) "r2: Master_Down_Interval (us)"
ll1=$(ll6 r1)
ll2=$(ll6 r2)
if [ -z "$ll1" ] || [ -z "$ll2" ]; then
	fail "no link-local address on eth1 (r1 '$ll1', r2 '$ll2')"
fi

say "1. r2 Backup over 100 of r1's advertisements"
m2=$(log_mark r2)
base=$(vstat r2 advertisement-rcvd)
wait_stat r2 advertisement-rcvd $((base + 100))
assert_no_transition r2 "$m2"

say "2. r1's switch port down: r2 takes over; up again: r2 Backup"
m1=$(log_mark r1)
m2=$(log_mark r2)
vt_port r1 down
both_to r2 "$m2" Master "Backup -> Master (master down timer expired)" \
	"Backup -> Master (master down timer expired)"
base=$(vstat r2 advertisement-sent)
wait_stat r2 advertisement-sent $((base + 5)) # its first ones, its GARP and NAs on the wire
m2=$(log_mark r2)
vt_port r1 up
both_to r2 "$m2" Backup "advertisement from 192.0.2.10 priority 200" \
	"advertisement from $ll1 priority 200"
assert_no_transition r1 "$m1" # r1 heard nothing and advertised into the void
base=$(vstat r2 advertisement-rcvd)
wait_stat r2 advertisement-rcvd $((base + 10)) # r1's return is in the capture
capture_stop

say "3. the takeover on the wire"
tshark -r "$pcap" -T fields -E separator='|' -e frame.time_epoch -e eth.src -e ip.src \
	-e ipv6.src -e vrrp.version -e vrrp.prio -e vrrp.short_adver_int -e arp.src.proto_ipv4 \
	-e icmpv6.type -e icmpv6.nd.na.target_address -e icmpv6.nd.na.flag.r \
	>"$N2T_TMP/fast.txt" 2>/dev/null || fail "tshark cannot read $pcap"
"$N2T_PY" - "$N2T_TMP/fast.txt" "$mdi" "$ll1" "$ll2" "$VT_VIP" "$VIP6" "$VLL6" <<'PY' ||
import statistics, sys
f, mdi, ll1, ll2, vip, vip6, vll6 = sys.argv[1:]
mdi = int(mdi) / 1e6
rows = [l.rstrip("\n").split("|") for l in open(f) if l.strip()]
bad = []
for fam, old, new, mac, wanted in (("IPv4", "192.0.2.10", "192.0.2.20", "00:00:5e:00:01:01", [vip]),
                                   ("IPv6", ll1, ll2, "00:00:5e:00:02:01", [vll6, vip6])):
    adv = [(float(r[0]), r[2] or r[3], r[4], int(r[5]), r[6]) for r in rows if r[5]]
    mine = [a for a in adv if a[1] == new and a[3] > 0]
    if not mine:
        bad.append(f"{fam}: no advertisement from r2 ({new})")
        continue
    first = mine[0]
    before = [a[0] for a in adv if a[1] == old and a[0] < first[0]]
    if len(before) < 2:
        bad.append(f"{fam}: no advertisements from r1 ({old}) before r2's first")
        continue
    gap = first[0] - before[-1]
    steady = [b - a for a, b in zip(before, before[1:])]
    print(f"{fam}: r1's last advertisement -> r2's first {gap * 1e3:.2f} ms (Master_Down_Interval "
          f"{mdi * 1e3:.2f}, bound {3 * mdi * 1e3:.2f}); r1's interval before: median "
          f"{statistics.median(steady) * 1e3:.2f} ms, max {max(steady) * 1e3:.2f} ms")
    if first[2] != "3" or first[4] != "1":
        bad.append(f"{fam}: r2's first advertisement is version {first[2]} at {first[4]} cs")
    if gap < mdi - 0.002:
        bad.append(f"{fam}: r2 took over {gap * 1e3:.2f} ms after r1's last advertisement, before "
                   "its Master_Down_Interval")
    if gap > 3 * mdi:
        bad.append(f"{fam}: r2 took over {gap * 1e3:.2f} ms after r1's last advertisement, over "
                   "3 x Master_Down_Interval")
    for a in wanted:
        if fam == "IPv4":
            ann = [float(r[0]) for r in rows if r[1] == mac and r[7] == a]
        else:  # an unsolicited NA, Router flag set (RFC 9568 6.4.2)
            ann = [float(r[0]) for r in rows if r[1] == mac and r[8] == "136" and r[9] == a
                   and r[10] in ("1", "True")]
        ann = [t for t in ann if t >= first[0]]
        if not ann:
            bad.append(f"{fam}: no {'gratuitous ARP' if fam == 'IPv4' else 'NA (R set)'} for {a} "
                       f"from {mac} after r2's first advertisement")
        else:
            print(f"{fam}: r2's first advertisement -> its announcement of {a}: "
                  f"{(ann[0] - first[0]) * 1e3:.2f} ms")
if bad:
    sys.exit("\n".join(bad))
PY
	fail "the capture does not show the takeover as it should ($pcap, $N2T_TMP/fast.txt)"
inst_stop r1
inst_stop r2
n2t_pass
