#!/usr/bin/python3
"""Writes crafted VRRP datagrams, seeds of fuzz_vrrp_rx, with scapy's own VRRP layers (an
encoder independent of n2os's, checksums included): one that each group of the fuzz target's
interface accepts, and one for each receive check that refuses it (the kinds of
tests/integration/vrrp_badpkt.sh, plus a fragment, IP options, Ethernet padding, the largest
address list, our own source address, IPv6 with a wrong hop limit).
Usage: craft-vrrp.py OUTDIR   (Debian's python3 with python3-scapy)"""
import os
import sys

from scapy.all import IP, IPv6, Raw
from scapy.layers.vrrp import VRRP, VRRPv3

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
PEER, SELF, GROUP, GROUP6 = "192.0.2.2", "192.0.2.1", "224.0.0.18", "ff02::12"


def ip4(payload, src=PEER, ttl=255, **kw):
    return bytes(IP(src=src, dst=GROUP, ttl=ttl, proto=112, tos=0xC0, **kw) / payload)


def v2(vrid=1, prio=100, addrs=("192.0.2.100",), auth=0, pw=b"", adv=1, **kw):
    p = VRRP(vrid=vrid, priority=prio, ipcount=len(addrs), addrlist=list(addrs), authtype=auth,
             adv=adv, **kw)
    if auth:
        pw = pw.ljust(8, b"\0")  # scapy's auth fields are two 32-bit integers
        p.auth1 = int.from_bytes(pw[:4], "big")
        p.auth2 = int.from_bytes(pw[4:8], "big")
    return p


def v3(vrid=3, prio=100, addrs=("192.0.2.30",), adv=100, **kw):
    return VRRPv3(vrid=vrid, priority=prio, ipcount=len(addrs), addrlist=list(addrs), adv=adv, **kw)


seeds = {
    "v2-vrid1-ok": ip4(v2()),
    "v2-vrid1-owner": ip4(v2(prio=255)),
    "v2-vrid1-owner-other-addrs": ip4(v2(prio=255, addrs=("192.0.2.99",))),
    "v2-vrid1-resign": ip4(v2(prio=0)),
    "v2-vrid2-password": ip4(v2(vrid=2, addrs=("192.0.2.200", "192.0.2.201"), auth=1,
                                 pw=b"secret", adv=3)),
    "v2-vrid2-wrong-password": ip4(v2(vrid=2, addrs=("192.0.2.200", "192.0.2.201"), auth=1,
                                      pw=b"guess", adv=3)),
    "v2-bad-checksum": ip4(v2(chksum=0x1234)),
    "v2-ttl64": ip4(v2(), ttl=64),
    "v2-type2": ip4(v2(type=2)),
    "v2-vrid7": ip4(v2(vrid=7)),
    "v2-interval3": ip4(v2(adv=3)),
    "v2-other-addrs": ip4(v2(addrs=("192.0.2.99",))),
    "v2-auth-type1": ip4(v2(auth=1, pw=b"secret")),
    "v2-own-source": ip4(v2(), src=SELF),
    "v2-32-addrs": ip4(v2(addrs=tuple(f"198.51.100.{i}" for i in range(1, 33)))),
    "v2-fragment": ip4(v2(), flags="MF"),
    "v2-ip-options": ip4(v2(), options=b"\x94\x04\x00\x00"),  # router alert
    "v3-vrid3-ok": ip4(v3()),
    "v3-vrid4-no-addrs": ip4(v3(vrid=4, addrs=())),
    "v3-as-v2-vrid1": ip4(v3(vrid=1, addrs=("192.0.2.100",))),
    "v6-v3-vrid3": bytes(IPv6(src="fe80::2", dst=GROUP6, hlim=255) /
                         v3(addrs=("2001:db8::30", "2001:db8::31"))),
    "v6-v3-hop-limit-64": bytes(IPv6(src="fe80::2", dst=GROUP6, hlim=64) /
                                v3(addrs=("2001:db8::30",))),
}
seeds["v2-short"] = ip4(Raw(bytes(v2())[:6]))  # the IP header says 26 bytes
seeds["v2-ethernet-padding"] = seeds["v2-vrid1-ok"] + b"\0" * 6  # a 60-byte minimum frame
for name, raw in seeds.items():
    with open(os.path.join(out, "scapy-" + name), "wb") as f:
        f.write(raw)
print(len(seeds), "seeds")
