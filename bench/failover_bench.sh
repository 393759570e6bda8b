#!/usr/bin/env bash
# bench/failover_bench.sh: VRRP failover figures (docs/performance.md, "VRRP failover"). A
# benchmark, not a test: it prints figures (n2os and keepalived, and their ratio).
#
#   bench/failover_bench.sh [BUILD_BIN_DIR] [RUNS] [VERSION] [--family ipv4|ipv6]
#                           [--interval-ms N] [--modes shutdown,silent] [--ping-ms N]
#   bench/failover_bench.sh [BUILD_BIN_DIR] [RUNS] --all
#                           (root; defaults build/bin 5 2, ipv4, 1000 ms, both modes)
#
# VERSION 3 runs both pairs in VRRPv3 (RFC 9568: n2os `vrrp 1 version 3`, keepalived
# vrrp_version 3); --family ipv6 (always VRRPv3) gives each pair an IPv6 virtual address
# instead (n2os `vrrp 1 ipv6 2001:db8:1::1`, keepalived an IPv6 vrrp_instance); --interval-ms
# sets the advertisement interval (VRRPv3: n2os `vrrp 1 timers advertise msec N`, keepalived
# advert_int N/1000 s). --all runs the matrix of issue 11 in one command, one network per
# cell: VRRPv3, IPv4 and IPv6 x 1000, 100 and 10 ms x both modes, RUNS runs per cell at 100 and
# 10 ms and RUNS/3 (at least 2) at 1 s (about 7 minutes at RUNS 8), then one table of it all.
# --results FILE appends the result rows (see measure) to FILE too, for failover_summary.py.
#
# The paper's testbed (section IV) in network namespaces: a bridge (SW-1), a host h1 and two
# router pairs on the same LAN, each master at 210 and backup at 200:
#   n2os        r1 (master) 192.0.2.10, r2 192.0.2.20, VRID 1, virtual IP 192.0.2.1
#                                                        (IPv6: 2001:db8:1::1)
#   keepalived  k1 (master) 192.0.2.11, k2 192.0.2.21, VRID 2, virtual IP 192.0.2.2
#                                                        (IPv6: 2001:db8:1::2), use_vmac
# (with IPv6, each node also has 2001:db8:1::<its last byte>/64). h1 pings the pair's virtual
# IP (bench/echo_probe.py: echo requests on a fixed schedule, every 10 ms at 1 s adverts, every
# 2 ms at shorter intervals: --ping-ms) while the master
# leaves, in two ways (--modes):
#   shutdown  graceful: n2os `interface eth1` / `shutdown` from cmsh (the paper's step; vrrpd
#             sends its priority-0 advertisement from pifmgr's going-down hook); keepalived has
#             no such command: SIGTERM, on which it sends its priority-0 advertisement
#   silent    the master's switch port stops forwarding (bridge port state disabled, vt_port):
#             the master sees nothing, sends no priority 0, the backup waits its
#             Master_Down_Interval
# RUNS times each, interleaved (n2os shutdown, keepalived shutdown, n2os silent, keepalived
# silent), the master restored (and re-elected) between runs. For each, from a capture on the
# bridge: the takeover on the wire, from the old master's priority-0 advertisement (shutdown) or
# last advertisement (silent) to the backup's first advertisement (told apart by priority: 210
# and 200), against its bound from the configured interval as RFC 9568 6.1 defines them:
# Skew_Time = ((256 - 200) * Master_Adver_Interval) / 256 (shutdown, 6.4.2: the backup's
# Master_Down_Timer is set to Skew_Time on priority 0) and Master_Down_Interval = 3 *
# Master_Adver_Interval + Skew_Time (silent); the time from the cut to the new master's first
# advertisement and first gratuitous ARP (IPv6: unsolicited NA) for the virtual IP; and at h1,
# lost pings and the longest gap between two echo replies (the outage). Prints the median, min
# and max of each, and the ratio of the medians n2os / keepalived.
# Everything it starts is stopped and its namespaces deleted on every exit path (lib.sh).
pos=() FAM=ipv4 IVMS=1000 MODES=shutdown,silent PINGMS='' ALL='' RESULTS=''
while [ $# -gt 0 ]; do
	case $1 in
	--family) FAM=${2:?} && shift ;;
	--interval-ms) IVMS=${2:?} && shift ;;
	--modes) MODES=${2:?} && shift ;;
	--ping-ms) PINGMS=${2:?} && shift ;;
	--all) ALL=1 ;;
	--results) RESULTS=${2:?} && shift ;; # also append the result rows to this file (kept)
	-h | --help)
		awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
		exit 0
		;;
	-*) echo "failover_bench.sh: unknown option $1 (see --help)" >&2 && exit 2 ;;
	*) pos+=("$1") ;;
	esac
	shift
done
bin=${pos[0]:-build/bin}
RUNS=${pos[1]:-5}
VERSION=${pos[2]:-2}
usage_err() { echo "failover_bench.sh: $*" >&2 && exit 2; }
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || usage_err "RUNS must be a positive number, not '$RUNS'"
[[ $VERSION =~ ^[23]$ ]] || usage_err "VERSION is 2 or 3, not '$VERSION'"
[[ $FAM =~ ^ipv[46]$ ]] || usage_err "--family is ipv4 or ipv6, not '$FAM'"
[[ $MODES =~ ^(shutdown|silent)(,(shutdown|silent))?$ ]] || usage_err "--modes: shutdown, silent or both"
# RFC 9568 5.2.7: 12 bits of centiseconds
[[ $IVMS =~ ^[1-9][0-9]*0$ && $IVMS -le 40950 ]] || usage_err "--interval-ms: a multiple of 10 in 10..40950"
[ "$FAM" = ipv4 ] || VERSION=3 # an IPv6 virtual router is always VRRPv3
[ "$VERSION" = 3 ] || [ "$IVMS" = 1000 ] || usage_err "intervals other than 1000 ms need VERSION 3"
[ -n "$PINGMS" ] || PINGMS=$([ "$IVMS" -ge 1000 ] && echo 10 || echo 2)

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# summary FILE...: the table of the result rows (see measure) in FILE..., a block per
# (family, interval, mode) with n2os, keepalived and their ratio.
summary() {
	python3 "$HERE/failover_summary.py" "$@"
}

if [ -n "$ALL" ]; then
	[ "$(id -u)" -eq 0 ] || usage_err "needs root (network namespaces)"
	out=${RESULTS:-$(mktemp /tmp/failover-all.XXXXXX)}
	rc=0
	for fam in ipv4 ipv6; do
		for iv in 1000 100 10; do
			n=$RUNS
			[ "$iv" -lt 1000 ] || n=$(((RUNS + 2) / 3 > 2 ? (RUNS + 2) / 3 : 2))
			bash "$0" "$bin" "$n" 3 --family "$fam" --interval-ms "$iv" --modes "$MODES" \
				--results "$out" || rc=$?
		done
	done
	echo
	echo "==== the matrix: VRRPv3, IPv4 and IPv6, 1000/100/10 ms; load average $(cut -d' ' -f1-3 /proc/loadavg)"
	summary "$out"
	[ -n "$RESULTS" ] || rm -f "$out"
	exit "$rc"
fi

export N2T_DEADLINE=${N2T_DEADLINE:-$((300 + RUNS * (IVMS >= 1000 ? 120 : 60)))}
# shellcheck source=tests/integration/vrrp_lib.sh
source "$HERE/../tests/integration/vrrp_lib.sh"
n2t_init "$bin"
for tool in keepalived tcpdump tshark; do
	command -v "$tool" >/dev/null || fail "'$tool' not found (run packaging/setup-deps.sh)"
done

# RFC 9568 6.1, in microseconds, for the backups (priority 200)
SKEW_US=$(((256 - 200) * IVMS * 1000 / 256))
MDI_US=$((3 * IVMS * 1000 + SKEW_US))
RES=$N2T_TMP/results
if [ "$FAM" = ipv6 ]; then
	# shellcheck disable=SC2034 # vj, wait_state, transition_after read it: `show ipv6 vrrp`
	VT_FAM=ipv6
	VIP1=2001:db8:1::1 VIP2=2001:db8:1::2
else
	VIP1=192.0.2.1 VIP2=192.0.2.2
fi

vt_switch
vt_host h1 192.0.2.100
vt_router r1 192.0.2.10
vt_router r2 192.0.2.20
vt_host k1 192.0.2.11
vt_host k2 192.0.2.21
if [ "$FAM" = ipv6 ]; then
	# the hosts' replies to h1 need the prefix (the virtual addresses are /128); an address
	# kept over `shutdown` (Linux flushes them on down) and without DAD, so that a router that
	# comes back answers at once
	for l in h1 r1 r2 k1 k2; do
		nsx "$l" sysctl -qw net.ipv6.conf.eth1.keep_addr_on_down=1 net.ipv6.conf.eth1.accept_dad=0
		ip -n "${N2T_NS[$l]}" -6 addr add "2001:db8:1::$(ip -n "${N2T_NS[$l]}" -4 -o addr show dev eth1 |
			sed -n 's|.*inet [0-9.]*\.\([0-9]*\)/.*|\1|p')/64" dev eth1 nodad
	done
fi
inst_start r1
inst_start r2
n2conf=("vrrp 1 version $VERSION")
# VRRPv3: the master answers h1's pings for the virtual IP (RFC 9568 6.4.3 Accept_Mode; a
# VRRPv2 master does anyway, and so does keepalived without vrrp_strict)
[ "$VERSION" = 2 ] || n2conf+=("vrrp 1 timers advertise msec $IVMS" 'vrrp 1 accept-mode')
n2conf+=("vrrp 1 $([ "$FAM" = ipv6 ] && echo ipv6 || echo ip) $VIP1")
cm_if r1 eth1 'vrrp 1 priority 210' "${n2conf[@]}"
wait_state r1 Master
cm_if r2 eth1 'vrrp 1 priority 200' "${n2conf[@]}"
wait_state r2 Backup
kaiv=$(python3 -c "print($IVMS / 1000)")
ka_conf "$N2T_TMP/k1.conf" 210 "" 2 "$VIP2" "$VERSION" "$kaiv"
ka_conf "$N2T_TMP/k2.conf" 200 "" 2 "$VIP2" "$VERSION" "$kaiv"
ka_start k1 "$N2T_TMP/k1.conf"
ka_wait k1 MASTER 0
ka_start k2 "$N2T_TMP/k2.conf"
ka_wait k2 BACKUP 0

# ---------------------------------------------------------------------------------------------
# one measurement

PING_PID=
# ping_start VIP: h1 pings VIP every PINGMS (echo_probe.py: a fixed schedule, where ping slows
# down to one request per ~10 ms while unanswered, which blurs a 20 ms outage); returns after replies covering 1.2 advertisement
# intervals (at least 20): the capture then holds an advertisement of the master from before
# the cut
ping_start() {
	local out=$N2T_TMP/ping.out n=$((IVMS * 12 / 10 / PINGMS))
	[ "$n" -ge 20 ] || n=20
	: >"$out"
	ip netns exec "${N2T_NS[h1]}" "$N2T_PY" "$HERE/echo_probe.py" "$1" "$PINGMS" >"$out" 2>&1 &
	PING_PID=$!
	N2T_BG+=("$PING_PID")
	ping_replies "$n"
}

# ping_replies N: waits until h1's probe has N replies in all. (Not expect_line with a mark:
# `tail -n +M -f` on a file shorter than M lines prints what is appended from the start.)
ping_replies() {
	local out=$N2T_TMP/ping.out got
	got=$(timeout "$N2T_WAIT" tail -n +1 -f -- "$out" 2>/dev/null | grep -c -m "$1" 'bytes from' || true)
	[ "${got:-0}" -ge "$1" ] || fail "h1: $got echo replies, not $1, within ${N2T_WAIT}s: $(tail -n 5 "$out")"
}

ping_stop() { # after 30 more replies than there are now
	local out=$N2T_TMP/ping.out
	ping_replies $(($(grep -c 'bytes from' "$out" || true) + 30))
	kill -INT "$PING_PID"
	wait "$PING_PID" || true
}

# measure IMPL MODE VRID VIP CUT_CMD...: one failover, appended to RES as "FAMILY INTERVAL_MS
# IMPL MODE lost gap_ms cut_to_adv_ms cut_to_garp_ms takeover_ms bound_ms ping_interval_ms
# adv_to_reply_ms" (the last: from the new master's first advertisement to the reply that ends
# the longest gap, i.e. how long after taking over it answers for the virtual IP).
measure() {
	local impl=$1 mode=$2 vrid=$3 vip=$4 pcap=$N2T_TMP/run.pcap t0 bound
	shift 4
	bound=$([ "$mode" = shutdown ] && echo $SKEW_US || echo $MDI_US)
	# VRRP of either family, gratuitous ARPs, neighbour advertisements (not the pings)
	capture_start "$pcap" 'ip proto 112 or ip6 proto 112 or arp or (icmp6 and ip6[40] == 136)'
	ping_start "$vip"
	t0=$EPOCHREALTIME
	"$@"
	wait_master_"$impl"
	ping_stop
	capture_stop
	tshark -r "$pcap" -T fields -E separator='|' -e frame.time_epoch -e vrrp.virt_rtr_id \
		-e vrrp.prio -e arp.src.proto_ipv4 -e icmpv6.nd.na.target_address >"$N2T_TMP/run.txt" 2>/dev/null
	python3 - "$FAM $IVMS $impl $mode" "$t0" "$vrid" "$vip" "$N2T_TMP/ping.out" "$bound" \
		"$N2T_TMP/run.txt" >>"$RES" <<'PY' || fail "cannot analyse the run (capture $pcap, pings $N2T_TMP/ping.out)"
import re, sys
cell, t0, vrid, vip, pingf, bound, capf = sys.argv[1:]
t0, bound = float(t0), int(bound) / 1e6
pk = [l.rstrip("\n").split("|") for l in open(capf) if l.strip()]
# the pair's advertisements: (time, priority); the old master is at 210, the backup at 200
adv = [(float(t), int(p)) for t, v, p, a, n in pk if p and v == vrid]
ann = [float(t) for t, v, p, a, n in pk if vip in (a, n)]
first_adv = min(t for t, p in adv if p == 200 and t > t0)
first_ann = min(t for t in ann if t > t0)
if "shutdown" in cell:
    ref = min(t for t, p in adv if p == 0 and t > t0 - 0.05)
else:  # the last advertisement of the old master the switch let through
    ref = max(t for t, p in adv if p == 210 and t < first_adv)
seqs = {}
for line in open(pingf):
    m = re.match(r"\[(\d+\.\d+)\] \d+ bytes from .*icmp_seq=(\d+)", line)
    if m:
        seqs[int(m.group(2))] = float(m.group(1))
lo, hi = min(seqs), max(seqs)
lost = (hi - lo + 1) - len(seqs)
times = sorted(seqs.values())
gap, gap_end = max((b - a, b) for a, b in zip(times, times[1:]))
# what ping really did: "N packets transmitted, M received, ..., time Tms"
m = re.search(r"(\d+) packets transmitted.* time (\d+)ms", open(pingf).read())
interval = int(m.group(2)) / (int(m.group(1)) - 1)
print(cell, lost, round(gap * 1e3, 2), round((first_adv - t0) * 1e3, 2),
      round((first_ann - t0) * 1e3, 2), round((first_adv - ref) * 1e3, 3), bound * 1e3,
      round(interval, 2), round((gap_end - first_adv) * 1e3, 2))
PY
	say "$impl ($mode): $(tail -1 "$RES" | cut -d' ' -f5-)"
}

wait_master_n2os() { wait_state r2 Master; }
wait_master_ka() { ka_wait k2 MASTER "$KA2_MARK"; }

# the failures, and the restorations (the old master, higher, is Master again)
n2os_shutdown() { cm_if r1 eth1 shutdown; }
n2os_shutdown_undo() { # r1 comes back as Backup and preempts after its Master_Down_Interval
	local m1 m2
	m1=$(log_mark r1) m2=$(log_mark r2)
	cm_if r1 eth1 'no shutdown'
	transition_after r1 "$m1" Master
	transition_after r2 "$m2" Backup
}
n2os_silent() { vt_port r1 down; }
n2os_silent_undo() { # r1 was Master all along; r2 hears it (higher) and steps down
	local m2
	m2=$(log_mark r2)
	vt_port r1 up
	transition_after r2 "$m2" Backup
	wait_state r1 Master
}
ka_shutdown() { kill -TERM "${VT_KA_PID[k1]}"; }
ka_shutdown_undo() {
	local km2
	ka_stop k1 # reaps it
	km2=$(ka_mark k2)
	ka_start k1 "$N2T_TMP/k1.conf"
	ka_wait k1 MASTER 0
	ka_wait k2 BACKUP "$km2"
}
ka_silent() { vt_port k1 down; }
ka_silent_undo() {
	local km2
	km2=$(ka_mark k2)
	vt_port k1 up
	ka_wait k2 BACKUP "$km2"
}

say "VRRPv$VERSION $FAM, ${IVMS} ms adverts, $MODES, $RUNS runs; h1 pings every $PINGMS ms"
: >"$RES"
for ((i = 1; i <= RUNS; i++)); do
	say "---- run $i of $RUNS"
	for mode in ${MODES//,/ }; do
		measure n2os "$mode" 1 "$VIP1" "n2os_$mode"
		"n2os_${mode}_undo"
		KA2_MARK=$(ka_mark k2)
		measure ka "$mode" 2 "$VIP2" "ka_$mode"
		"ka_${mode}_undo"
	done
done
ka_stop k2
ka_stop k1
inst_stop r2
inst_stop r1
[ -z "$RESULTS" ] || cat "$RES" >>"$RESULTS"

# ---------------------------------------------------------------------------------------------
# the figures

build=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$N2T_BIN/../CMakeCache.txt" 2>/dev/null)
san=$(sed -n 's/^N2OS_SANITIZE:BOOL=//p' "$N2T_BIN/../CMakeCache.txt" 2>/dev/null)
echo
echo "VRRPv$VERSION $FAM failover: $RUNS runs each; ${IVMS} ms advertisements, master 210, backup 200"
echo "(Skew_Time $(python3 -c "print($SKEW_US / 1000)") ms, Master_Down_Interval $(python3 -c "print($MDI_US / 1000)") ms); h1 pings the virtual IP every $PINGMS ms"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs, Linux $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "n2os build: ${build:-RelWithDebInfo (default)}, sanitizers ${san:-OFF}; $(keepalived --version 2>&1 | head -1)"
echo
summary "$RES"
n2t_pass
