#!/usr/bin/env bash
# integ_vrrp3_accept: accept mode in the kernel (RFC 9568 6.4.3). r1 alone on the LAN with h1 is
# a VRRPv3 master of VRID 1 over IPv4 (192.0.2.1) and IPv6 (2001:db8:1::1) without owning them.
# Accept mode off (the default): h1's pings to 192.0.2.1 get no reply and a TCP connection to it
# neither a SYN-ACK nor a RST, while ARP still resolves it to the virtual MAC; over IPv6 the TCP
# connection is dropped the same way while Neighbor Discovery of the address still gets the
# virtual MAC into h1's neighbour table (ICMPv6 passes: NUD's unicast NS must be answered, and a
# policy rule cannot tell it from an echo request, so ping6 is answered: docs/architecture.md).
# pifmgr's policy rules are in r1's namespace. `vrrp 1 accept-mode`: the rules go, pings are
# answered and the TCP connections refused at once (a RST: the packets reach the stack). The
# owner of its addresses (VRID 2 on r1's own 192.0.2.10) gets no rules. At n2os stop r1's rules
# are back to the kernel's three, and the rules outside the test's namespaces were never touched.
# h1's ARP requests for 192.0.2.1 are answered with the IPv4 virtual MAC only, never by VRID 1's
# IPv6 macvlan, and neither macvlan has a kernel-made link-local address.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"

VIP6=2001:db8:1::1
VMAC6=00:00:5e:00:02:01
host_rules=$( (ip -4 rule show; ip -6 rule show) | sha1sum)

vt_switch
vt_router r1 192.0.2.10
vt_host h1 192.0.2.100
ip -n "${N2T_NS[r1]}" -6 addr add 2001:db8:1::10/64 dev eth1 nodad
ip -n "${N2T_NS[h1]}" -6 addr add 2001:db8:1::100/64 dev eth1 nodad
kernel_rules=$(nsx r1 ip -4 rule show; nsx r1 ip -6 rule show)
inst_start r1

cm_if r1 eth1 "vrrp 1 ip $VT_VIP" 'vrrp 1 version 3' 'vrrp 1 timers advertise msec 100' \
	"vrrp 1 ipv6 $VIP6" 'vrrp 2 ip 192.0.2.10' 'vrrp 2 version 3'
wait_state r1 Master eth1 1
wait_state r1 Master eth1 1 ipv6
wait_state r1 Master eth1 2
cm r1 'show ip vrrp status'
assert_match "$CM_OUT" 'Accept mode +: off' "r1: show ip vrrp status"

# rule_for FAMILY TEXT: r1 has a policy rule containing TEXT
rule_for() { nsx r1 ip "$1" rule show | grep -q -- "$2"; }
wait_cmd "r1: the IPv4 blackhole for $VT_VIP" rule_for -4 "to $VT_VIP ipproto tcp blackhole"
wait_cmd "r1: the IPv6 blackhole for $VIP6" rule_for -6 "to $VIP6 blackhole"
wait_cmd "r1 holds $VIP6" bash -c "ip -n ${N2T_NS[r1]} -6 -br addr | grep -q '$VIP6/128'"
say "r1's rules: $(nsx r1 ip -4 rule show | tr '\n' '|')"
assert_match "$(nsx r1 ip -4 rule show)" "100:.*to $VT_VIP iif lo lookup local" "r1: local traffic"
assert_match "$(nsx r1 ip -6 rule show)" "100:.*to $VIP6 ipproto ipv6-icmp lookup local" \
	"r1: ICMPv6 (Neighbor Discovery)"
assert_match "$(nsx r1 ip -4 rule show)" "1000:.*from all lookup local" "r1: the local rule moved"
! nsx r1 ip -4 rule show | grep -q '^0:' || fail "r1: the local rule is still at 0"
! rule_for -4 'to 192.0.2.10 ' || fail "r1: rules for the owner's 192.0.2.10"

# pings N ADDR: h1's replies out of N pings (bounded: -c N, -W 1)
pings() {
	run nsx h1 ping -n -c "$1" -i 0.2 -W 1 "$2"
	sed -n 's/.* \([0-9]*\) received.*/\1/p' <<<"$RUN_OUT"
}
# tcp ADDR: how h1's connection to port 9 of ADDR ends: refused (a RST came back) or timeout
tcp() {
	if timeout 1 ip netns exec "${N2T_NS[h1]}" bash -c "exec 3<>/dev/tcp/$1/9" 2>/dev/null; then
		echo open
	elif [ $? -eq 124 ]; then echo timeout; else echo refused; fi
}

say "accept mode off: nothing for the virtual addresses reaches r1's stack"
assert_eq "$(pings 3 "$VT_VIP")" 0 "h1: replies to ping $VT_VIP"
assert_match "$(nsx h1 ip -4 neigh show "$VT_VIP")" "lladdr $VT_VMAC" "h1: ARP for $VT_VIP"
# One VRID with both families: only the IPv4 virtual router's macvlan answers ARP (pifmgr gives
# the IPv6 one arp_ignore=8), and neither has a link-local address the kernel made: the IPv4
# one no IPv6 address at all, the IPv6 one only the virtual link-local vrrpd added.
run nsx h1 arping -c 3 -w 5 -I eth1 "$VT_VIP"

assert_eq "$(grep -o 'from [0-9a-f:]*' <<<"$RUN_OUT" | sort -u | tr '\n' ' ')" "from $VT_VMAC " \
	"h1: MACs answering its ARP requests for $VT_VIP"
mv_of() { nsx r1 ip -o link show | sed -n "s/^[0-9]*: \(vrrp[0-9]*\.1$1\)@.*/\1/p"; }
mv4=$(mv_of '') mv6=$(mv_of '\.6')
[ -n "$mv4" ] && [ -n "$mv6" ] || fail "r1: VRID 1's macvlans: '$mv4' '$mv6'"
assert_match "$(nsx r1 ip -d link show "$mv6")" 'addrgenmode none' "r1: $mv6"
assert_eq "$(nsx r1 ip -6 -o addr show dev "$mv4" | wc -l)" 0 "r1: IPv6 addresses on $mv4"
assert_eq "$(nsx r1 ip -6 -o addr show dev "$mv6" scope link | awk '{print $4}')" \
	fe80::200:5eff:fe00:201/128 "r1: link-local addresses on $mv6"
assert_eq "$(tcp "$VT_VIP")" timeout "h1: TCP to $VT_VIP"
assert_eq "$(tcp "$VIP6")" timeout "h1: TCP to $VIP6"
assert_match "$(nsx h1 ip -6 neigh show "$VIP6")" "lladdr $VMAC6" "h1: Neighbor Discovery of $VIP6"
assert_eq "$(pings 2 "$VIP6")" 2 "h1: ping6 $VIP6 (ICMPv6 passes)"
assert_eq "$(pings 2 192.0.2.10)" 2 "h1: ping 192.0.2.10 (the owner's)"
assert_eq "$(nsx r1 ping -n -c 1 -W 1 "$VT_VIP" >/dev/null && echo ok)" ok "r1: ping its own $VT_VIP"

say "vrrp 1 accept-mode: the rules go, the addresses accept"
cm_if r1 eth1 'vrrp 1 accept-mode'
wait_cmd_fails "r1: the IPv4 rules removed" rule_for -4 "to $VT_VIP "
wait_cmd_fails "r1: the IPv6 rules removed" rule_for -6 "to $VIP6 "
cm r1 'show ip vrrp status'
assert_match "$CM_OUT" 'Accept mode +: on' "r1: show ip vrrp status"
assert_eq "$(pings 3 "$VT_VIP")" 3 "h1: replies to ping $VT_VIP with accept mode"
assert_eq "$(tcp "$VT_VIP")" refused "h1: TCP to $VT_VIP with accept mode"
assert_eq "$(tcp "$VIP6")" refused "h1: TCP to $VIP6 with accept mode"
assert_match "$(nsx r1 ip -4 rule show)" '^0:.*from all lookup local' "r1: the local rule back at 0"

say "no vrrp 1 accept-mode: dropped again"
cm_if r1 eth1 'no vrrp 1 accept-mode'
wait_cmd "r1: the IPv4 blackhole again" rule_for -4 "to $VT_VIP ipproto tcp blackhole"
assert_eq "$(pings 2 "$VT_VIP")" 0 "h1: replies to ping $VT_VIP"

inst_stop r1
assert_eq "$(nsx r1 ip -4 rule show; nsx r1 ip -6 rule show)" "$kernel_rules" \
	"r1's rules after n2os stop"
assert_eq "$( (ip -4 rule show; ip -6 rule show) | sha1sum)" "$host_rules" "the host's own rules"
n2t_pass
