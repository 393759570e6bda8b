#!/usr/bin/env bash
# Captures real VRRP advertisements from another implementation (Debian's keepalived) for the
# seed corpus of fuzz_vrrp_rx: two network namespaces joined by a veth pair, keepalived in each
# running three instances (VRRPv2 with a password, VRRPv3 over IPv4, VRRPv3 over IPv6), tcpdump
# on one end for a few seconds; the IP datagrams are written by pcap2seeds.py.
# Usage (root): tests/fuzz/seeds/capture-vrrp.sh OUTDIR
set -euo pipefail
out=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tmp=$(mktemp -d /tmp/capture-vrrp.XXXXXX)
a=fzv-a-$$ b=fzv-b-$$
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	ip netns del "$a" 2>/dev/null || true
	ip netns del "$b" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

ip netns add "$a"
ip netns add "$b"
ip link add veth0 netns "$a" type veth peer name veth0 netns "$b"
for ns in "$a" "$b"; do
	ip -n "$ns" link set lo up
	ip -n "$ns" link set veth0 up
done
ip -n "$a" addr add 192.0.2.2/24 dev veth0
ip -n "$b" addr add 192.0.2.3/24 dev veth0
ip -n "$a" addr add 2001:db8::2/64 dev veth0 nodad
ip -n "$b" addr add 2001:db8::3/64 dev veth0 nodad

# conf PRIORITY: the three instances the fuzz target's interface has groups for (VRID 2 and 3)
conf() {
	cat <<EOF
global_defs {
  router_id fz$1
  enable_script_security
}
vrrp_instance V2 {
  state BACKUP
  interface veth0
  version 2
  virtual_router_id 2
  priority $1
  advert_int 3
  authentication {
    auth_type PASS
    auth_pass secret
  }
  virtual_ipaddress {
    192.0.2.200/32
    192.0.2.201/32
  }
}
vrrp_instance V3 {
  state BACKUP
  interface veth0
  version 3
  virtual_router_id 3
  priority $1
  advert_int 1
  virtual_ipaddress {
    192.0.2.30/32
  }
}
vrrp_instance V6 {
  state BACKUP
  interface veth0
  version 3
  virtual_router_id 3
  priority $1
  advert_int 1
  virtual_ipaddress {
    2001:db8::30/128
  }
}
EOF
}

ip netns exec "$a" tcpdump -U -n -i veth0 -w "$tmp/ka.pcap" 'ip proto 112 or ip6 proto 112' \
	2>"$tmp/tcpdump.err" &
pids+=($!)
sleep 1
for ns in "$a" "$b"; do
	prio=100
	[ "$ns" = "$b" ] && prio=200
	conf "$prio" >"$tmp/$ns.conf"
	ip netns exec "$ns" keepalived -n -l -D -f "$tmp/$ns.conf" -p "$tmp/$ns.pid" \
		-r "$tmp/$ns.vrrp.pid" >"$tmp/$ns.log" 2>&1 &
	pids+=($!)
done
sleep 13 # Master_Down_Interval (3 x 3 s + skew for V2), then advertisements of each
for p in "${pids[@]:1}"; do kill -TERM "$p"; done # keepalived: priority-0 advertisements
sleep 1
kill -TERM "${pids[0]}"
wait "${pids[0]}" || true
/usr/bin/python3 "$here/pcap2seeds.py" "$tmp/ka.pcap" "$out" keepalived
