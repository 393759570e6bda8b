#!/usr/bin/python3
"""tests/integration/vrrp_craft.py: VRRPv2 and VRRPv3 advertisements and LAN garbage sent with scapy.

    vrrp_craft.py IFACE SRC KIND...
        one advertisement for VRID 1, priority 250, virtual IP 192.0.2.1, from IP SRC, per
        KIND: valid, or wrong in one way: checksum ttl version type short vrid interval
        addrlist authtype (vrrp_badpkt.sh); or a VRRPv3 one (interval 1 s): v3valid, or
        v3checksum v3pseudock (over the IPv4 pseudo-header) v3ttl v3version (2) v3type v3short v3vrid
        v3interval0 v3addrlist v3family (an IPv6 address in the list) (vrrp3_badpkt.sh);
        or, when SRC is an IPv6 (link-local) address, a VRRPv3 one over IPv6 to ff02::12 for
        the virtual addresses fe80::200:5eff:fe00:201 (RFC 9568 7.3: derived from the virtual
        MAC) and 2001:db8:1::1: v6valid, or v6checksum v6hlim (hop limit 64) v6version (2)
        v6type v6short v6vrid v6interval0 v6addrlist (another global address) v6count (one address
        less) v6family (an IPv4 address in the list) (vrrp3_badpkt.sh)
    vrrp_craft.py IFACE SRC garbage SEED COUNT VRID...
        COUNT frames of garbage drawn from SEED (the same seed sends the same frames): random
        Ethernet frames, IPv4 packets of random protocols, broken IPv4 headers,
        fragments of protocol 112, ARP noise, and VRRP advertisements for random VRIDs that are
        each wrong in at least one way (so that none of them may change a router's state).
        An advertisement for a VRID that is not one of VRID... is broken before the receiver's
        VRID check (TTL, version, type, length or checksum: RFC 3768 7.1 order), so a burst
        adds nothing to vrid-errors; its last frame is one valid advertisement for VRID 7,
        which the routers count once in vrid-errors: when that count is seen, every frame
        before it has been handled.

Every frame leaves from IFACE's own MAC (never a virtual MAC, so captures can tell routers'
advertisements from these), and every source or ARP sender address is SRC or one of
192.0.2.200-250, 198.51.100.200-250, 203.0.113.0/24 (never a router's, a host's or a virtual IP).
"""
import random
import socket
import struct
import sys

from scapy.all import ARP, Ether, IP, IPv6, Raw, conf, get_if_hwaddr, sendp

conf.verb = 0
VIP = "192.0.2.1"
VIPS6 = ("fe80::200:5eff:fe00:201", "2001:db8:1::1")  # link-local first: RFC 9568 5.2.9


def cksum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def adv(version=2, type_=1, vrid=1, prio=250, addrs=(VIP,), authtype=0, auth=b"",
        interval=1, bad_ck=False, cut=None):
    """An RFC 3768 5.1 advertisement (VRRP header and data, no IP header)."""
    p = bytes([version << 4 | type_, vrid, prio, len(addrs), authtype, interval, 0, 0])
    p += b"".join(socket.inet_aton(a) for a in addrs) + auth.ljust(8, b"\0")
    ck = cksum(p) ^ (0x5A5A if bad_ck else 0)
    p = p[:6] + struct.pack("!H", ck) + p[8:]
    return p[:cut] if cut else p


def pseudo(src, dst, n):
    """The IPv4 pseudo-header of an n-byte VRRP message (RFC 9568 5.2.8, RFC 768)."""
    if ":" in src:  # RFC 8200 8.1, which RFC 9568 5.2.8 requires for IPv6
        return (socket.inet_pton(socket.AF_INET6, src) + socket.inet_pton(socket.AF_INET6, dst)
                + struct.pack("!IxxxB", n, 112))
    return socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 112, n)


def adv3(src, version=3, type_=1, vrid=1, prio=250, addrs=(VIP,), interval=100, bad_ck=False,
         pseudo_ck=False, cut=None):
    """An RFC 9568 5.1 advertisement (interval in centiseconds). Over IPv4 its checksum covers
    the VRRP message only, as RFC 9568 5.2.8 reads for IPv4, or the pseudo-header too
    (pseudo_ck: the RFC 5798 reading of keepalived and FRR); over IPv6 (SRC with a colon) it
    always covers the IPv6 pseudo-header (RFC 9568 5.2.8). An address of the other family than
    SRC's is the wrong family."""
    raw = b"".join(socket.inet_pton(socket.AF_INET6 if ":" in a else socket.AF_INET, a)
                   for a in addrs)
    p = bytes([version << 4 | type_, vrid, prio, len(addrs), interval >> 8 & 0x0F,
               interval & 0xFF, 0, 0]) + raw
    v6 = ":" in src
    ph = pseudo(src, "ff02::12" if v6 else "224.0.0.18", len(p)) if pseudo_ck or v6 else b""
    ck = cksum(ph + p) ^ (0x5A5A if bad_ck else 0)
    p = p[:6] + struct.pack("!H", ck) + p[8:]
    return p[:cut] if cut else p


# VRRPv3 over IPv4, each wrong in one way (vrrp3_badpkt.sh); "v3ttl" is sent with TTL 64
KINDS3 = {
    "v3checksum": dict(bad_ck=True), "v3pseudock": dict(pseudo_ck=True), "v3version": dict(version=2),
    "v3type": dict(type_=2), "v3short": dict(cut=6), "v3vrid": dict(vrid=7),
    "v3interval0": dict(interval=0), "v3addrlist": dict(addrs=("192.0.2.99",)),
    "v3family": dict(addrs=("2001:db8::1",)), "v3ttl": {}, "v3valid": {},
}

# VRRPv3 over IPv6, each wrong in one way (vrrp3_badpkt.sh); "v6hlim" is sent with hop limit 64
KINDS6 = {
    "v6checksum": dict(bad_ck=True), "v6version": dict(version=2), "v6type": dict(type_=2),
    "v6short": dict(cut=6), "v6vrid": dict(vrid=7), "v6interval0": dict(interval=0),
    "v6addrlist": dict(addrs=(VIPS6[0], "2001:db8:1::99")), "v6count": dict(addrs=VIPS6[:1]),
    "v6family": dict(addrs=(VIPS6[0], VIP)), "v6hlim": {}, "v6valid": {},
}

KINDS = {
    "checksum": dict(bad_ck=True), "version": dict(version=3), "type": dict(type_=2),
    "short": dict(cut=6), "vrid": dict(vrid=7), "interval": dict(interval=3),
    "addrlist": dict(addrs=("192.0.2.99",)), "authtype": dict(authtype=1, auth=b"secret"),
    "ttl": {}, "valid": {},
}


def vrrp_ip(src, payload, ttl=255):
    return IP(src=src, dst="224.0.0.18", ttl=ttl, proto=112, tos=0xC0) / Raw(payload)


def kinds(mac, src, names):
    if ":" in src:
        return [Ether(src=mac, dst="33:33:00:00:00:12")
                / IPv6(src=src, dst="ff02::12", nh=112, hlim=64 if k == "v6hlim" else 255, tc=0xC0)
                / Raw(adv3(src, **{"addrs": VIPS6, **KINDS6[k]})) for k in names]
    return [Ether(src=mac, dst="01:00:5e:00:00:12")
            / vrrp_ip(src, adv3(src, **KINDS3[k]) if k in KINDS3 else adv(**KINDS[k]),
                      ttl=64 if k in ("ttl", "v3ttl") else 255) for k in names]


# ---- garbage

def noise_ip(r):
    return r.choice((f"192.0.2.{r.randint(200, 250)}", f"198.51.100.{r.randint(200, 250)}",
                     f"203.0.113.{r.randint(1, 254)}"))


def rbytes(r, n):
    return bytes(r.getrandbits(8) for _ in range(n))


# Faults that the receiver checks before the VRID (RFC 3768 7.1), and those it checks after.
EARLY = ("ttl", "version", "type", "short", "checksum")
LATE = ("authtype", "interval", "addrlist")


def bad_adv(r, src, vrids):
    """A VRRP advertisement that is wrong in at least one way a router checks."""
    vrid = r.choice(vrids) if r.random() < 0.6 else r.randint(0, 255)
    fault = r.choice(EARLY + LATE if vrid in vrids else EARLY)
    kw = dict(vrid=vrid, prio=r.randint(0, 255), interval=1)
    ttl = 255
    if fault == "ttl":
        ttl = r.choice((1, 64, 128, 254))
    elif fault == "version":
        kw["version"] = r.choice((0, 1, 3, 4, 15))
    elif fault == "type":
        kw["type_"] = r.choice((0, 2, 3, 15))
    elif fault == "short":
        kw["cut"] = r.randint(1, 7)
    elif fault == "checksum":
        kw["bad_ck"] = True
    elif fault == "authtype":
        kw.update(authtype=r.randint(1, 255), auth=rbytes(r, 8))
    elif fault == "interval":
        kw["interval"] = r.choice((0, 2, 3, 100, 255))
    else:
        kw["addrs"] = tuple(f"203.0.113.{r.randint(1, 254)}" for _ in range(r.randint(0, 4)))
        # RFC 3768 7.1: an address owner's list (priority 255) is taken even when it differs,
        # so such a packet is not wrong; the draw stays the same for every seed
        kw["prio"] = min(kw["prio"], 254)
    return vrrp_ip(src, adv(**kw), ttl=ttl)


def random_vrrp_bytes(r, src):
    """Random bytes as protocol 112, with a checksum that never adds up."""
    p = bytearray(rbytes(r, r.randint(0, 80)))
    if len(p) >= 8 and cksum(bytes(p)) == 0:
        p[7] ^= 1
    return vrrp_ip(src, bytes(p), ttl=r.choice((255, 255, 64)))


def garbage_frame(r, mac, src, vrids):
    kind = r.randrange(8)
    bcast, mcast = "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:12"
    if kind == 0:  # a random frame: any ethertype, any bytes
        etype = r.randint(0x0600, 0xFFFF)
        if etype in (0x0800, 0x0806, 0x8100, 0x86DD):  # not IP, ARP or VLAN by chance
            etype = 0x88B5  # IEEE 802 local experimental
        return Ether(src=mac, dst=r.choice((bcast, mcast)), type=etype) \
            / Raw(rbytes(r, r.randint(0, 1400)))
    if kind == 1:  # IPv4 of a random protocol (not VRRP's) to the VRRP group address
        proto = r.choice([p for p in range(256) if p != 112])
        return Ether(src=mac, dst=mcast) / IP(src=noise_ip(r), dst="224.0.0.18",
                                              proto=proto) / Raw(rbytes(r, 60))
    if kind == 2:  # a broken IPv4 header: bad IHL or version, truncated
        ip = bytearray(bytes(vrrp_ip(src, adv(vrid=r.choice(vrids), bad_ck=True))))
        ip[0] = r.choice((0x40 | r.randint(0, 4), 0x4F, 0x60 | 5, 0x05))
        return Ether(src=mac, dst=mcast, type=0x0800) / Raw(bytes(ip[:r.randint(1, len(ip))]))
    if kind == 3:  # a fragment of protocol 112
        ip = vrrp_ip(src, adv(vrid=r.choice(vrids), bad_ck=True))
        ip.flags, ip.frag = r.choice(((1, 0), (0, r.randint(1, 100)), (1, r.randint(1, 100))))
        ip.id = r.randint(1, 0xFFFF)  # fragments of different frames should not reassemble
        return Ether(src=mac, dst=mcast) / ip
    if kind == 4:  # ARP noise from addresses nobody uses
        return Ether(src=mac, dst=bcast) / ARP(op=r.choice((1, 2)), hwsrc=mac, psrc=noise_ip(r),
                                               pdst=noise_ip(r))
    if kind == 5:  # a broken advertisement in a broadcast frame
        return Ether(src=mac, dst=bcast) / bad_adv(r, src, vrids)
    if kind == 6:
        return Ether(src=mac, dst=mcast) / random_vrrp_bytes(r, src)
    return Ether(src=mac, dst=mcast) / bad_adv(r, src, vrids)


def garbage(mac, src, seed, count, vrids):
    r = random.Random(seed)
    frames = [garbage_frame(r, mac, src, vrids) for _ in range(count)]
    marker = vrrp_ip(src, adv(vrid=7))
    return frames + [Ether(src=mac, dst="01:00:5e:00:00:12") / marker]


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    iface, src = sys.argv[1:3]
    # scapy finds no route to 224.0.0.18 and would send from 00:00:00:00:00:00
    mac = get_if_hwaddr(iface)
    if sys.argv[3] == "garbage":
        seed, count = int(sys.argv[4]), int(sys.argv[5])
        frames = garbage(mac, src, seed, count, [int(v) for v in sys.argv[6:]])
    else:
        frames = kinds(mac, src, sys.argv[3:])
    sendp(frames, iface=iface)


if __name__ == "__main__":
    main()
