#!/usr/bin/env bash
# bench/cli_bench.sh: CLI latency figures (docs/performance.md, "CLI").
#
#   bench/cli_bench.sh [BUILD_BIN_DIR] [ITEMS] [RUNS] [MIX]   (root; build/bin 1000 100 mixed)
#
# MIX=routes configures ITEMS static routes only (the same configuration as the FRR comparison).
# With FRR=1 (and FRR installed: apt-get install frr) the same figures are taken for FRR's vtysh
# against zebra + staticd started in a namespace of their own with ITEMS static routes.
#
# Starts one instance in a network namespace of its own, configures ITEMS items in one
# `cmsh -f` (ITEMS/2 `log pN priority debug` lines: n2os-system, applied by cmdmgr; ITEMS/2
# `ip route` lines: n2os-routing, sent to ribmgr at every commit), then times, RUNS times each:
#   show    cmsh -c 'show running-config'                        (a whole cmsh process)
#   config  cmsh -c 'configure terminal' -c '[no] ip route ...'   (a whole cmsh process; a
#           commit that goes to ribmgr and back, with the ITEMS already configured; runs
#           alternate adding and removing one route, so that each is a change)
#   hostname cmsh -c 'configure terminal' -c 'hostname hN'         (a commit of n2os-system)
# and prints median and p99 (nearest rank) in milliseconds. Each run is a fresh cmsh, as scripts
# use it: process start, connect, session, the line(s), exit. Stops the instance and deletes the
# namespace and files on every exit path.
set -euo pipefail
bin=$(cd "${1:-build/bin}" && pwd)
items=${2:-1000}
runs=${3:-100}
mix=${4:-mixed}
[ "$(id -u)" -eq 0 ] || { echo "cli_bench: needs root (network namespace)" >&2; exit 1; }
ns=n2bench-$$
dir=$(mktemp -d /tmp/n2bench.XXXXXX)
cleanup() {
	ip netns exec "$ns" "$bin/n2os" stop --rundir "$dir/run" >/dev/null 2>&1 || true
	ip netns del "$ns" 2>/dev/null || true
	local f pid
	for f in /var/run/frr/"$ns"/{staticd,zebra}.pid; do
		pid=$(cat "$f" 2>/dev/null) && kill "$pid" 2>/dev/null || true
	done
	rm -rf "$dir" /var/run/frr/"$ns" /etc/frr/"$ns"
	ip netns del "$ns-frr" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth1 type veth peer name eth1-p
ip -n "$ns" link set eth1 up
ip -n "$ns" link set eth1-p up
mkdir -p "$dir/run" "$dir/conf"
ip netns exec "$ns" "$bin/n2os" start --rundir "$dir/run" --confdir "$dir/conf" >/dev/null
cmsh() { ip netns exec "$ns" "$bin/cmsh" --rundir "$dir/run" "$@"; }
cmsh -c 'configure terminal' -c 'interface eth1' -c 'ip address 192.0.2.1/24' >/dev/null

# ITEMS/2 routes: /32 host routes in 198.51.100.0/24 and 203.0.113.0/24 via 192.0.2.254, then
# /31../25 ones, as many as needed (documentation ranges only)
routes() {
	local n=$1 k=0 len net i step
	for len in 32 31 30 29 28 27 26 25; do
		step=$((1 << (32 - len)))
		for net in 198.51.100 203.0.113; do
			for ((i = 0; i < 256; i += step)); do
				[ "$k" -lt "$n" ] || return 0
				echo "ip route $net.$i/$len 192.0.2.254"
				k=$((k + 1))
			done
		done
	done
	[ "$k" -ge "$n" ] || { echo "cli_bench: at most $k routes" >&2; exit 1; }
}
{
	echo 'configure terminal'
	if [ "$mix" = routes ]; then
		routes "$items"
	else
		for ((i = 1; i <= items / 2; i++)); do echo "log p$i priority debug"; done
		routes $((items - items / 2))
	fi
} >"$dir/items.cmsh"
t0=$EPOCHREALTIME
cmsh -f "$dir/items.cmsh" >/dev/null
t1=$EPOCHREALTIME
lines=$(cmsh -c 'show running-config' | wc -l)
echo "configured $items items (one cmsh -f, $((items + 1)) lines): $(((${t1/./} - ${t0/./}) / 1000)) ms; show running-config: $lines lines"

# measure NAME CMD...: runs CMD $runs times; prints median and p99 in ms
measure() {
	local name=$1 i a b
	shift
	: >"$dir/$name.us"
	for ((i = 0; i < runs; i++)); do
		a=$EPOCHREALTIME
		"$@" "$i" >/dev/null
		b=$EPOCHREALTIME
		echo $((${b/./} - ${a/./})) >>"$dir/$name.us"
	done
	sort -n "$dir/$name.us" | awk -v name="$name" -v n="$runs" '
		{ v[NR] = $1 }
		END {
			med = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
			p99 = v[int((99 * n + 99) / 100)]
			printf "%-9s median %7.2f ms   p99 %7.2f ms   (min %.2f, max %.2f, %d runs)\n",
			       name, med / 1000, p99 / 1000, v[1] / 1000, v[n] / 1000, n
		}'
}
show() { cmsh -c 'show running-config'; }
# every run changes something: add the route, then remove it
config() {
	local no=
	[ $(($1 % 2)) -eq 0 ] || no='no '
	cmsh -c 'configure terminal' -c "${no}ip route 192.0.2.128/25 192.0.2.254"
}
hostname() { cmsh -c 'configure terminal' -c "hostname h$1"; }
measure show show
measure config config
measure hostname hostname

[ "${FRR:-0}" = 1 ] || exit 0
# ---- FRR: zebra + staticd in their own namespace (pathspace $ns-frr), driven with vtysh
[ -x /usr/lib/frr/zebra ] || { echo "FRR not installed (apt-get install frr)"; exit 0; }
fns=$ns-frr
ip netns add "$fns"
ip -n "$fns" link set lo up
ip -n "$fns" link add eth1 type veth peer name eth1-p
ip -n "$fns" link set eth1 up
ip -n "$fns" link set eth1-p up
ip -n "$fns" addr add 192.0.2.1/24 dev eth1
mkdir -p /var/run/frr/"$fns" /etc/frr/"$fns"
touch /etc/frr/"$fns"/{zebra,staticd,vtysh}.conf
chown -R frr:frr /var/run/frr/"$fns" /etc/frr/"$fns"
ip netns exec "$fns" /usr/lib/frr/zebra -d -N "$fns" >/dev/null 2>&1
ip netns exec "$fns" /usr/lib/frr/staticd -d -N "$fns" >/dev/null 2>&1
cleanup_frr() {
	local f pid
	for f in /var/run/frr/"$fns"/{staticd,zebra}.pid; do
		pid=$(cat "$f" 2>/dev/null) && kill "$pid" 2>/dev/null || true
	done
	for f in /var/run/frr/"$fns"/{staticd,zebra}.pid; do
		pid=$(cat "$f" 2>/dev/null) || continue
		while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
	done
	rm -rf /var/run/frr/"$fns" /etc/frr/"$fns"
	ip netns del "$fns" 2>/dev/null || true
}
trap 'cleanup_frr; cleanup' EXIT
vtysh() { ip netns exec "$fns" /usr/bin/vtysh -N "$fns" "$@"; }
for ((i = 0; i < 100; i++)); do vtysh -c 'show version' >/dev/null 2>&1 && break; sleep 0.05; done
t0=$EPOCHREALTIME
vtysh -f <(routes "$items") >/dev/null # vtysh -f reads configuration lines
t1=$EPOCHREALTIME
echo "FRR $(vtysh -c 'show version' | head -1): configured $items static routes (one vtysh -f): $(((${t1/./} - ${t0/./}) / 1000)) ms; show running-config: $(vtysh -c 'show running-config' | wc -l) lines"
fshow() { vtysh -c 'show running-config'; }
fconfig() {
	local no=
	[ $(($1 % 2)) -eq 0 ] || no='no '
	vtysh -c 'configure terminal' -c "${no}ip route 192.0.2.128/25 192.0.2.254"
}
fhostname() { vtysh -c 'configure terminal' -c "hostname h$1"; }
measure vtysh-show fshow
measure vtysh-config fconfig
measure vtysh-hostname fhostname
