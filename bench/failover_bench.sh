#!/usr/bin/env bash
# bench/failover_bench.sh: VRRP failover figures (docs/performance.md, "VRRP failover"). A
# benchmark, not a test: it prints figures.
#
#   bench/failover_bench.sh [BUILD_BIN_DIR] [RUNS] [VERSION]   (root; build/bin 5 2)
#
# VERSION 3 runs both pairs in VRRPv3 over IPv4 (n2os `vrrp 1 version 3`, keepalived
# vrrp_version 3); at 1 s its Skew_Time and Master_Down_Interval are v2's (RFC 9568 6.1).
#
# The paper's testbed (section IV) in network namespaces: a bridge (SW-1), a host h1 and two
# router pairs on the same LAN, each master at 210 and backup at 200 (Skew_Time of the backup
# 219 ms, Master_Down_Interval 3219 ms), 1 s advertisements:
#   n2os        r1 (master) 192.0.2.10, r2 192.0.2.20, VRID 1, virtual IP 192.0.2.1
#   keepalived  k1 (master) 192.0.2.11, k2 192.0.2.21, VRID 2, virtual IP 192.0.2.2 (use_vmac)
# h1 pings the pair's virtual IP every 10 ms (ping -i 0.01) while the master leaves, in two ways:
#   (a) graceful: n2os `interface eth1` / `shutdown` from cmsh (the paper's step; vrrpd sends
#       its priority-0 advertisement from pifmgr's going-down hook); keepalived has no such
#       command: SIGTERM, on which it sends its priority-0 advertisement
#   (b) a link cut the router cannot see coming: `ip link set PORT down` on the switch side of
#       the master's veth (no priority 0: the backup waits its Master_Down_Interval)
# RUNS times each, interleaved (n2os a, keepalived a, n2os b, keepalived b), the master restored
# (and re-elected by preemption) between runs. For each: lost pings (missing icmp_seq between the
# first and last reply) x 10 ms, and from a capture on the bridge the time from the cut to the
# new master's first advertisement and first gratuitous ARP, and how far the takeover is from
# its theoretical moment: (a) priority-0 advertisement + Skew_Time, (b) the old master's last
# advertisement + Master_Down_Interval. Prints the median, min and max of each.
# Everything it starts is stopped and its namespaces deleted on every exit path (lib.sh).
bin=${1:-build/bin}
RUNS=${2:-5}
VERSION=${3:-2}
export N2T_DEADLINE=${N2T_DEADLINE:-$((300 + RUNS * 120))}
# shellcheck source=../tests/integration/vrrp_lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tests/integration/vrrp_lib.sh"
n2t_init "$bin"
for tool in keepalived tcpdump tshark ping stdbuf; do
	command -v "$tool" >/dev/null || fail "'$tool' not found (run packaging/setup-deps.sh)"
done

SKEW_US=218750   # (256 - 200) / 256 s: Skew_Time of the backups (priority 200)
MDI_US=3218750   # 3 x 1 s + Skew_Time
RES=$N2T_TMP/results

vt_switch
vt_host h1 192.0.2.100
vt_router r1 192.0.2.10
vt_router r2 192.0.2.20
vt_host k1 192.0.2.11
vt_host k2 192.0.2.21
inst_start r1
inst_start r2
cm_if r1 eth1 "vrrp 1 version $VERSION" 'vrrp 1 priority 210' 'vrrp 1 ip 192.0.2.1'
wait_state r1 Master
cm_if r2 eth1 "vrrp 1 version $VERSION" 'vrrp 1 priority 200' 'vrrp 1 ip 192.0.2.1'
wait_state r2 Backup
ka_conf "$N2T_TMP/k1.conf" 210 "" 2 192.0.2.2 "$VERSION"
ka_conf "$N2T_TMP/k2.conf" 200 "" 2 192.0.2.2 "$VERSION"
ka_start k1 "$N2T_TMP/k1.conf"
ka_wait k1 MASTER 0
ka_start k2 "$N2T_TMP/k2.conf"
ka_wait k2 BACKUP 0

# ---------------------------------------------------------------------------------------------
# one measurement

PING_PID=
# ping_start VIP: h1 pings VIP every 10 ms; returns after 110 replies (1.1 s: the capture then
# holds at least one advertisement of the master from before the cut)
ping_start() {
	local out=$N2T_TMP/ping.out
	: >"$out"
	ip netns exec "${N2T_NS[h1]}" stdbuf -oL ping -D -n -i 0.01 "$1" >"$out" 2>&1 &
	PING_PID=$!
	N2T_BG+=("$PING_PID")
	expect_line "$out" 'icmp_seq=110 '
}

ping_stop() { # after 30 more lines (replies, or errors) than there are now, the last a reply
	local out=$N2T_TMP/ping.out
	expect_line "$out" 'bytes from' $(($(line_count "$out") + 29))
	kill -INT "$PING_PID"
	wait "$PING_PID" || true
}

# measure IMPL MODE NEWMASTER_IP OLDMASTER_IP VIP CUT_CMD...: one failover, appended to RES as
# "IMPL MODE lost gap_ms cut_to_adv_ms cut_to_garp_ms takeover_error_ms".
measure() {
	local impl=$1 mode=$2 new=$3 old=$4 vip=$5 pcap=$N2T_TMP/run.pcap t0
	shift 5
	capture_start "$pcap" 'vrrp or arp'
	ping_start "$vip"
	t0=$EPOCHREALTIME
	"$@"
	wait_master_"$impl"
	ping_stop
	capture_stop
	tshark -r "$pcap" -T fields -E separator='|' -e frame.time_epoch -e ip.src -e vrrp.prio \
		-e arp.src.proto_ipv4 >"$N2T_TMP/run.txt" 2>/dev/null
	python3 - "$impl" "$mode" "$t0" "$new" "$old" "$vip" "$N2T_TMP/ping.out" \
		"$([ "$mode" = a ] && echo $SKEW_US || echo $MDI_US)" "$N2T_TMP/run.txt" >>"$RES" \
		<<'PY' || fail "cannot analyse the run (capture $pcap, pings $N2T_TMP/ping.out)"
import re, sys
impl, mode, t0, new, old, vip, pingf, bound, capf = sys.argv[1:]
t0, bound = float(t0), int(bound) / 1e6
pk = [l.rstrip("\n").split("|") for l in open(capf) if l.strip()]
adv = [(float(t), s, int(p)) for t, s, p, a in pk if p]
arp = [float(t) for t, s, p, a in pk if a == vip]
first_adv = min(t for t, s, p in adv if s == new and p > 0 and t > t0)
first_garp = min(t for t in arp if t > t0)
if mode == "a":
    ref = min(t for t, s, p in adv if s == old and p == 0 and t > t0 - 0.05)
else:
    ref = max(t for t, s, p in adv if s == old and p > 0 and t < t0)
seqs = {}
for line in open(pingf):
    m = re.match(r"\[(\d+\.\d+)\] \d+ bytes from .*icmp_seq=(\d+)", line)
    if m:
        seqs[int(m.group(2))] = float(m.group(1))
lo, hi = min(seqs), max(seqs)
lost = (hi - lo + 1) - len(seqs)
times = sorted(seqs.values())
gap = max(b - a for a, b in zip(times, times[1:]))
# what ping really did: "N packets transmitted, M received, ..., time Tms"
m = re.search(r"(\d+) packets transmitted.* time (\d+)ms", open(pingf).read())
interval = int(m.group(2)) / (int(m.group(1)) - 1)
print(impl, mode, lost, round(gap * 1e3, 1), round((first_adv - t0) * 1e3, 1),
      round((first_garp - t0) * 1e3, 1), round((first_adv - ref - bound) * 1e3, 2),
      round(interval, 2))
PY
	say "$impl ($mode): $(tail -1 "$RES" | cut -d' ' -f3-)"
}

wait_master_n2os() { wait_state r2 Master; }
wait_master_ka() { ka_wait k2 MASTER "$KA2_MARK"; }

# the cuts, and the restorations (the old master preempts back after its Master_Down_Interval)
n2os_a() { cm_if r1 eth1 shutdown; }
n2os_a_undo() {
	local m1 m2
	m1=$(log_mark r1) m2=$(log_mark r2)
	cm_if r1 eth1 'no shutdown'
	transition_after r1 "$m1" Master
	transition_after r2 "$m2" Backup
}
n2os_b() { ip -n "${N2T_NS[sw]}" link set r1 down; }
n2os_b_undo() {
	local m1 m2
	m1=$(log_mark r1) m2=$(log_mark r2)
	ip -n "${N2T_NS[sw]}" link set r1 up
	transition_after r1 "$m1" Master
	transition_after r2 "$m2" Backup
}
ka_a() { kill -TERM "${VT_KA_PID[k1]}"; }
ka_a_undo() {
	local km2
	ka_stop k1 # reaps it
	km2=$(ka_mark k2)
	ka_start k1 "$N2T_TMP/k1.conf"
	ka_wait k1 MASTER 0
	ka_wait k2 BACKUP "$km2"
}
ka_b() { ip -n "${N2T_NS[sw]}" link set k1 down; }
ka_b_undo() {
	local km1 km2
	km1=$(ka_mark k1) km2=$(ka_mark k2)
	ip -n "${N2T_NS[sw]}" link set k1 up
	ka_wait k1 MASTER "$km1"
	ka_wait k2 BACKUP "$km2"
}

: >"$RES"
for ((i = 1; i <= RUNS; i++)); do
	say "---- run $i of $RUNS"
	measure n2os a 192.0.2.20 192.0.2.10 192.0.2.1 n2os_a
	n2os_a_undo
	KA2_MARK=$(ka_mark k2)
	measure ka a 192.0.2.21 192.0.2.11 192.0.2.2 ka_a
	ka_a_undo
	measure n2os b 192.0.2.20 192.0.2.10 192.0.2.1 n2os_b
	n2os_b_undo
	KA2_MARK=$(ka_mark k2)
	measure ka b 192.0.2.21 192.0.2.11 192.0.2.2 ka_b
	ka_b_undo
done
ka_stop k2
ka_stop k1
inst_stop r2
inst_stop r1

# ---------------------------------------------------------------------------------------------
# the figures

build=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$N2T_BIN/../CMakeCache.txt" 2>/dev/null)
san=$(sed -n 's/^N2OS_SANITIZE:BOOL=//p' "$N2T_BIN/../CMakeCache.txt" 2>/dev/null)
echo
echo "VRRPv$VERSION failover: $RUNS runs each; h1 pings the virtual IP every 10 ms; 1 s advertisements,"
echo "master 210, backup 200 (Skew_Time 218.75 ms, Master_Down_Interval 3218.75 ms)"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, Linux $(uname -r)"
echo "n2os build: ${build:-RelWithDebInfo (default)}, sanitizers ${san:-OFF}; $(keepalived --version 2>&1 | head -1)"
echo
python3 - "$RES" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
names = {("n2os", "a"): "n2os (a) cmsh shutdown", ("ka", "a"): "keepalived (a) SIGTERM",
         ("n2os", "b"): "n2os (b) link cut", ("ka", "b"): "keepalived (b) link cut"}
bounds = {"a": "prio-0 + 218.75", "b": "last adv + 3218.75"}
def f(vals):
    return f"{statistics.median(vals):.1f} [{min(vals):.1f}..{max(vals):.1f}]"
print(f"{'':26} {'lost pings x 10 ms':>22} {'lost x ping interval':>22} {'longest gap':>22} "
      f"{'cut -> 1st advert':>22} {'cut -> 1st GARP':>22} {'takeover - bound':>20}  bound")
for key, name in names.items():
    r = [x for x in rows if (x[0], x[1]) == key]
    if not r:
        continue
    cols = [f([int(x[2]) * 10 for x in r]), f([int(x[2]) * float(x[7]) for x in r])]
    cols += [f([float(x[k]) for x in r]) for k in (3, 4, 5, 6)]
    print(f"{name:26} " + " ".join(f"{c:>22}" for c in cols[:5]) + f" {cols[5]:>20}  "
          f"{bounds[key[1]]}")
iv = [float(x[7]) for x in rows]
print(f"(all in ms; median [min..max] of {len(rows) // 4} runs; ping -i 0.01 really sent every "
      f"{statistics.median(iv):.1f} ms [{min(iv):.1f}..{max(iv):.1f}])")
PY
n2t_pass
