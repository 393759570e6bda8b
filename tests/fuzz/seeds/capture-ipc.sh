#!/usr/bin/env bash
# Captures the real byte streams n2os processes write on the bus (ipc.sock) and cmsh writes to
# cmdmgr (cmd.sock, the same framing), for the seed corpus of fuzz_ipc_frame: an n2os instance
# in its own network namespace, under strace (every read(2) on a Unix socket, in full), through
# start-up, a configuration session (an interface, an address, a route, a VRRP group), the show
# commands and n2os stop. strace2seeds.py turns the reads into one stream per connection.
# With STARTUP_OUTDIR, the startup file the session's `write memory` saved goes there too (a seed
# of fuzz_startup); with TABLE_OUTDIR, the command tables the processes registered, as cmdmgr
# saved them (RUNDIR/cmdreg/OWNER.pb: seeds of fuzz_cmd_table).
# Usage (root): tests/fuzz/seeds/capture-ipc.sh BUILD OUTDIR [STARTUP_OUTDIR [TABLE_OUTDIR]]
set -euo pipefail
bin=$(cd "$1/bin" && pwd)
out=$2
startup_out=${3:-}
table_out=${4:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d /tmp/capture-ipc.XXXXXX)
ns=fzi-$$
cleanup() {
	ip netns exec "$ns" "$bin/n2os" stop --rundir "$tmp/run" >/dev/null 2>&1 || true
	ip netns del "$ns" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

ip netns add "$ns"
ip -n "$ns" link set lo up
ip -n "$ns" link add eth1 type veth peer name eth2
ip -n "$ns" link set eth1 up
ip -n "$ns" link set eth2 up
mkdir -p "$tmp/run" "$tmp/conf"
ip netns exec "$ns" strace -f -qq -o "$tmp/trace" -e trace=read -xx -s 4194304 -yy \
	"$bin/n2os" start --rundir "$tmp/run" --confdir "$tmp/conf" &
strace_pid=$!
for _ in $(seq 100); do
	ip netns exec "$ns" "$bin/n2os" status --rundir "$tmp/run" >/dev/null 2>&1 && break
	sleep 0.2
done
sleep 2 # everyone registered
cmsh() {
	ip netns exec "$ns" "$bin/cmsh" --rundir "$tmp/run" "$@" >/dev/null || true
}
cmsh -c 'configure terminal' -c 'hostname r1' -c 'interface eth1' \
	-c 'ip address 192.0.2.10/24' -c 'vrrp 1 ip 192.0.2.1' -c 'vrrp 1 priority 200' \
	-c 'exit' -c 'ip route 198.51.100.0/24 192.0.2.254' -c 'log vrrp priority debug' -c 'end' \
	-c 'write memory'
sleep 1
cmsh -c 'show running-config' -c 'show ip vrrp brief' -c 'show ip vrrp statistics json' \
	-c 'show interface json' -c 'show ip route' -c 'show processes' -c 'show ipc json' \
	-c 'show memory vrrp' -c 'show log pifmgr'
for t in "$tmp"/run/cmdreg/*.pb; do # a clean stop removes them
	[ -z "$table_out" ] || cp "$t" "$table_out/table-$(basename "$t")"
done
ip netns exec "$ns" "$bin/n2os" stop --rundir "$tmp/run" >/dev/null
wait "$strace_pid" || true
[ -z "$startup_out" ] || cp "$tmp/conf/n2os.conf" "$startup_out/write-memory.conf"
/usr/bin/python3 "$here/strace2seeds.py" "$tmp/trace" "$out"
