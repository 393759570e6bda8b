#!/usr/bin/env bash
# integ_vrrp_arp: what a host learns for the virtual IP is the virtual MAC, before and after a
# failover. r1 (200) is Master, r2 (100) Backup; h1 (no entry for the VIP yet) pings the virtual
# IP: its ARP entry must be 00:00:5e:00:01:01, and every ARP reply for the virtual IP seen on the
# bridge must come from that MAC (a router answering with its own interface MAC would pin the
# host to that router). Then r1 `shutdown`s eth1, r2 takes over, h1 pings again (after flushing
# its entry): the same. All findings are collected and reported together.
#
# Known to fail until pifmgr sets arp_ignore=1 (answer only for addresses of the receiving
# interface) on the parent of the virtual-MAC macvlan: the parent then answers ARP for the
# virtual IP, held by the macvlan, with its own MAC.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

vt_pair host
pcap=$N2T_TMP/arp.pcap
capture_start "$pcap" arp
cm_if r1 eth1 'vrrp 1 priority 200' "vrrp 1 ip $VT_VIP"
wait_state r1 Master
cm_if r2 eth1 "vrrp 1 ip $VT_VIP"
wait_state r2 Backup

problems=()
mac_of() { nsx h1 ip neigh show "$1" dev eth1 | awk '{for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1)}'; }
# shellcheck disable=SC2317 # called through wait_cmd
mac_is() { nsx h1 ip neigh show "$1" dev eth1 | grep -q lladdr; }
macs() { # MAC of each router's eth1, to name who answered
	echo "r1 eth1 $(nsx r1 cat /sys/class/net/eth1/address), r2 eth1 $(nsx r2 cat /sys/class/net/eth1/address)"
}

check_host() {
	local when=$1 mac
	nsx h1 ip neigh flush dev eth1
	assert_rc 0 "h1: ping $VT_VIP ($when)" nsx h1 ping -c 3 -i 0.2 -w "$N2T_WAIT" "$VT_VIP"
	wait_cmd "h1 has an ARP entry for $VT_VIP" mac_is "$VT_VIP"
	mac=$(mac_of "$VT_VIP")
	say "$when: h1's ARP entry for $VT_VIP is $mac"
	[ "$mac" = "$VT_VMAC" ] ||
		problems+=("$when: h1's ARP entry for $VT_VIP is $mac, not the virtual MAC $VT_VMAC ($(macs))")
}

check_host "r1 master"
m2=$(log_mark r2)
cm_if r1 eth1 shutdown
transition_after r2 "$m2" Master
wait_state r2 Master
check_host "r2 master after r1's shutdown"
capture_stop

replies=$(tshark -r "$pcap" -Y "arp.opcode == 2 && arp.src.proto_ipv4 == $VT_VIP" -T fields \
	-e frame.time_relative -e arp.src.hw_mac 2>/dev/null)
say "ARP replies for $VT_VIP on the bridge: $(echo "$replies" | awk '{print $2}' | sort | uniq -c | xargs)"
[ -n "$replies" ] || problems+=("no ARP reply for $VT_VIP on the bridge")
wrong=$(echo "$replies" | awk -v vm="$VT_VMAC" 'NF && $2 != vm {print $2}' | sort | uniq -c | xargs)
[ -z "$wrong" ] || problems+=("ARP replies for $VT_VIP from other MACs than $VT_VMAC: $wrong ($(macs))")

[ ${#problems[@]} -eq 0 ] || fail "$(printf '\n  %s' "${problems[@]}")"
inst_stop r2
inst_stop r1
n2t_pass
