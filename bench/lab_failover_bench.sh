#!/usr/bin/env bash
# bench/lab_failover_bench.sh: the paper's failover (Section 4-3) in the lab (packaging/n2os-lab),
# N times for n2os and N times for keepalived, on the same topology in the same run, in private
# namespaces (n2bench-<pid>-*) so that a user's lab is left alone.
#
#   bench/lab_failover_bench.sh [-n N] [--modes shutdown,cut] [--version 2|3] [--interval-ms N]
#                               [--bin DIR]
#
# Each run is `n2os-lab failover --mode MODE` (--version and --interval-ms passed on: VRRPv3 at
# that advertisement interval on r1 and r2, n2os and keepalived alike; by default the paper's
# VRRPv2 at 1 s): r2 master (priority 210), r1 backup (200), h1 pinging r3 every 10 ms, then
#   shutdown  the operator takes r2's eth1 down: `interface eth1` / `shutdown` in cmsh for n2os,
#             `ip link set eth1 down` for keepalived (it has no CLI of its own)
#   cut       r2's cable is cut at the switch (sw: ip link set r2-eth1 down): nobody sees it coming
# and r2 is restored afterwards (it preempts back). For each implementation and mode it prints the
# outage seen by h1 (longest time without an echo reply) and, from a capture on sw's bridge, the
# time from the event to the new master's first advertisement and first gratuitous ARP: median,
# min, max. "n2os" is r1 and r2 running n2os; "keepalived-vmac" is r1 and r2 running
# keepalived 2.2 (VRRPv2, or v3 with --version 3) with use_vmac (the virtual MAC, as n2os),
# "keepalived-rmac" the same with
# keepalived's default, the routers' own MACs; same addresses and priorities; r3 is n2os in all.
# Figures: docs/performance.md, "Lab failover".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LABCMD=$ROOT/packaging/n2os-lab
N=5
MODES=shutdown,cut
BIN=$ROOT/build/bin
VER=2
MS=1000
while [ $# -gt 0 ]; do
	case $1 in
	-n) N=${2:?} && shift ;;
	--version) VER=${2:?} && shift ;;
	--interval-ms) MS=${2:?} && shift ;;
	--modes) MODES=${2:?} && shift ;;
	--bin) BIN=$(cd "${2:?}" && pwd) && shift ;;
	-h | --help)
		awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
		exit 0
		;;
	*)
		echo "usage: $0 [-n N] [--modes shutdown,cut] [--version 2|3] [--interval-ms N] [--bin DIR]" >&2
		exit 2
		;;
	esac
	shift
done
[ "$(id -u)" -eq 0 ] || { echo "lab_failover_bench: needs root (network namespaces)" >&2; exit 1; }
[ -x "$BIN/n2os" ] || { echo "lab_failover_bench: $BIN/n2os missing: build first (packaging/n2os-lab up does)" >&2; exit 1; }
command -v keepalived >/dev/null || { echo "lab_failover_bench: keepalived missing (packaging/setup-deps.sh)" >&2; exit 1; }

export N2OS_LAB_PREFIX="n2bench-$$-" N2OS_LAB_DIR="/tmp/n2bench-$$" N2OS_LAB_BIN="$BIN"
OUT=$(mktemp /tmp/lab_failover_bench.XXXXXX)
trap '"$LABCMD" down >/dev/null 2>&1 || true; rm -f "$OUT"' EXIT
trap 'exit 130' INT TERM

echo "lab_failover_bench: $N runs per implementation and mode ($MODES), VRRPv$VER at $MS ms; n2os from $BIN"
echo "  $(uname -r), $(nproc) cores, keepalived $(keepalived --version 2>&1 | head -1 | awk '{print $2}')"
for impl in n2os keepalived-vmac keepalived-rmac; do
	up=(--no-build)
	# shellcheck disable=SC2054 # r1,r2 is one argument
	case $impl in
	keepalived-vmac) up+=(--keepalived r1,r2) ;;
	keepalived-rmac) up+=(--keepalived r1,r2 --ka-real-mac) ;;
	esac
	"$LABCMD" up "${up[@]}" >/dev/null
	for mode in ${MODES//,/ }; do
		for ((i = 1; i <= N; i++)); do
			line=$("$LABCMD" failover --mode "$mode" --version "$VER" --interval-ms "$MS" --quiet | grep '^RESULT ')
			echo "  $impl $mode run $i: ${line#RESULT }"
			echo "$impl $line" >>"$OUT"
		done
	done
	"$LABCMD" down >/dev/null
done

python3 - "$OUT" <<'EOF'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    f = line.split()
    kv = dict(x.split("=", 1) for x in f[2:])
    rows.setdefault((f[0], kv["mode"]), []).append(kv)

def fig(runs, key):
    v = [float(r[key]) for r in runs if r[key] != "-"]
    if not v:
        return "-"
    return f"{statistics.median(v):7.1f} {min(v):7.1f} {max(v):7.1f}"

print()
print("times in ms from the event (median, min, max over the runs)")
print(f"{'VRRP':<15} {'mode':<9} {'runs':>4}  {'outage at h1':^23}  {'new master: 1st advert':^23}  "
      f"{'1st gratuitous ARP':^23}  {'bound':>7}")
for (impl, mode), runs in rows.items():
    print(f"{impl:<15} {mode:<9} {len(runs):>4}  {fig(runs, 'outage_ms'):>23}  {fig(runs, 'adv_ms'):>23}  "
          f"{fig(runs, 'garp_ms'):>23}  {runs[0]['bound_ms']:>7}")
print()
print("new master's first advertisement after the old master's last one (cut, and keepalived's shutdown: no priority 0):")
for (impl, mode), runs in rows.items():
    d = [float(r["adv_ms"]) - float(r["last_adv_ms"]) for r in runs
         if r["p0_ms"] == "-" and r["adv_ms"] != "-" and r["last_adv_ms"] != "-"]
    if d:
        print(f"  {impl:<15} {mode:<9} median {statistics.median(d):.1f} ms, min {min(d):.1f}, max {max(d):.1f} "
              f"(Master_Down_Interval {runs[0]['bound_ms']} ms)")
EOF
