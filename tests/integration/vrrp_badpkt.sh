#!/usr/bin/env bash
# integ_vrrp_badpkt: bad advertisements from the LAN (RFC 3768 7.1 receive checks). r1 (200) is
# Master, r2 (100) Backup. The host sends, with scapy, advertisements for VRID 1 at priority 250
# (each would take mastership from r1 were it accepted) that are wrong in one way each: bad
# checksum, TTL 64, version 3, type 2, too short, VRID 7 (not configured), interval 3 s, another
# address list, auth type 1. Each router counts each exactly once under its RFC 8347 name in
# `show ip vrrp statistics json`, and neither changes state. A last, valid one at 250 does make
# r1 step down (so the others were dropped by the checks, not ignored for another reason), and
# r1 takes over again after its Master_Down_Interval.
source "$(dirname "${BASH_SOURCE[0]}")/vrrp_lib.sh"
n2t_init "$@"
PY=/usr/bin/python3 # Debian's, with python3-scapy
"$PY" -c 'import scapy' 2>/dev/null || fail "scapy not found for $PY (run packaging/setup-deps.sh)"

vt_pair host
cm_if r1 eth1 'vrrp 1 priority 200' "vrrp 1 ip $VT_VIP"
wait_state r1 Master
cm_if r2 eth1 "vrrp 1 ip $VT_VIP"
wait_state r2 Backup

# craft KIND...: sends one advertisement of each KIND from h1's eth1.
craft() {
	nsx h1 "$PY" - "$@" 2> >(grep -v 'WARNING: .*No route found' >&2) <<'PY'
import socket, struct, sys
from scapy.all import Ether, IP, Raw, conf, get_if_hwaddr, sendp
conf.verb = 0
mac = get_if_hwaddr("eth1") # scapy finds no route to 224.0.0.18 and would send from 00:00:00:00:00:00

def cksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def adv(version=2, type_=1, vrid=1, prio=250, addrs=("192.0.2.1",), authtype=0, auth=b"",
        interval=1, bad_ck=False, cut=None):
    p = bytes([version << 4 | type_, vrid, prio, len(addrs), authtype, interval, 0, 0])
    p += b"".join(socket.inet_aton(a) for a in addrs) + auth.ljust(8, b"\0")
    ck = cksum(p) ^ (0x5a5a if bad_ck else 0)
    p = p[:6] + struct.pack("!H", ck) + p[8:]
    return p[:cut] if cut else p

kinds = {
    "checksum": dict(bad_ck=True), "version": dict(version=3), "type": dict(type_=2),
    "short": dict(cut=6), "vrid": dict(vrid=7), "interval": dict(interval=3),
    "addrlist": dict(addrs=("192.0.2.99",)), "authtype": dict(authtype=1, auth=b"secret"),
    "ttl": {}, "valid": {},
}
for k in sys.argv[1:]:
    ip = IP(src="192.0.2.100", dst="224.0.0.18", ttl=64 if k == "ttl" else 255, proto=112, tos=0xc0)
    sendp(Ether(src=mac, dst="01:00:5e:00:00:12") / ip / Raw(adv(**kinds[k])), iface="eth1")
PY
}

# counters L: every counter of L (global and group 1 on eth1), one "name value" per line
counters() {
	cm "$1" 'show ip vrrp statistics json'
	json_get "$CM_OUT" '"\n".join(f"{k} {v}" for k, v in sorted(list((k, v) for k, v in d.items()
		if k != "groups") + list(d["groups"][0].items())) if k not in ("interface", "vrid"))'
}

declare -A expect=(
	[checksum-errors]=1 [ip-ttl-errors]=1 [version-errors]=1 [invalid-type-pkts-rcvd]=1
	[packet-length-errors]=1 [vrid-errors]=1 [interval-errors]=1 [address-list-errors]=1
	[auth-type-mismatch]=1
)
declare -A before1 before2
while read -r k v; do before1[$k]=$v; done < <(counters r1)
while read -r k v; do before2[$k]=$v; done < <(counters r2)
m1=$(log_mark r1)
m2=$(log_mark r2)
say "h1 sends nine bad advertisements at priority 250"
craft checksum ttl version type short vrid interval addrlist authtype
# processed in order: the last one counted means all were
wait_stat r1 auth-type-mismatch $((before1[auth-type-mismatch] + 1))
wait_stat r2 auth-type-mismatch $((before2[auth-type-mismatch] + 1))
for r in r1 r2; do
	declare -n before=before${r#r}
	while read -r k v; do
		case $k in
		advertisement-rcvd | advertisement-sent) continue ;; # r1's own traffic goes on
		esac
		assert_eq "$((v - ${before[$k]:-0}))" "${expect[$k]:-0}" "$r: increase of $k"
	done < <(counters "$r")
	unset -n before
done
assert_no_transition r1 "$m1"
assert_no_transition r2 "$m2"
assert_roles r1 r2
for why in checksum-errors ip-ttl-errors version-errors invalid-type-pkts-rcvd packet-length-errors; do
	grep -q "advertisement from 192.0.2.100 dropped: $why" <(tail -n "+$((m1 + 1))" "$(vlog r1)") ||
		fail "r1: no log line for the $why drop"
done
for why in 'advertisement interval 3 s from 192.0.2.100' 'address list from 192.0.2.100 differs' \
	'auth type 1 from 192.0.2.100'; do
	grep -q "$why" <(tail -n "+$((m1 + 1))" "$(vlog r1)") || fail "r1: no log line '$why'"
done

say "a valid advertisement at 250 does take mastership from r1"
craft valid
transition_after r1 "$m1" Backup
assert_contains "$TR_LINE" "Master -> Backup (advertisement from 192.0.2.100 priority 250)" "r1"
transition_after r1 "$m1" Master
assert_contains "$TR_LINE" "Backup -> Master (master down timer expired)" "r1 takes over again"
wait_state r1 Master
wait_state r2 Backup
inst_stop r1
inst_stop r2
n2t_pass
