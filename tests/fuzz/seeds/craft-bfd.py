#!/usr/bin/python3
# Seeds of fuzz_bfd_rx (tests/fuzz/corpus/bfd_rx): TTL byte, UDP source port (2 bytes), then a
# BFD control packet written from RFC 5880 4.1 field by field; one good packet per state and
# one for each receive check that refuses. Run: python3 seeds/craft-bfd.py corpus/bfd_rx
import os
import struct
import sys


def pkt(vers=1, diag=0, sta=1, flags=0, mult=3, length=24, my=1, your=0,
        tx=1000000, rx=300000, echo=0, extra=b""):
    return struct.pack("!BBBBIIIII", vers << 5 | diag, sta << 6 | flags, mult, length, my,
                       your, tx, rx, echo) + extra


def dgram(p, ttl=255, port=49152):
    return struct.pack("!BH", ttl, port) + p


seeds = {
    "ok-down": dgram(pkt()),
    "ok-init": dgram(pkt(sta=2, your=7)),
    "ok-up-poll": dgram(pkt(sta=3, your=7, flags=0x20, tx=50000, rx=50000)),
    "ok-up-final": dgram(pkt(sta=3, your=7, flags=0x10)),
    "ok-admindown": dgram(pkt(sta=0, diag=7)),
    "bad-ttl": dgram(pkt(), ttl=254),
    "bad-port": dgram(pkt(), port=3784),
    "bad-version": dgram(pkt(vers=0)),
    "bad-length-short": dgram(pkt(length=23)),
    "bad-length-long": dgram(pkt(length=40)),
    "bad-mult": dgram(pkt(mult=0)),
    "multipoint": dgram(pkt(flags=0x01)),
    "zero-my-disc": dgram(pkt(my=0)),
    "zero-your-disc-up": dgram(pkt(sta=3)),
    "auth": dgram(pkt(flags=0x04, length=33, extra=bytes([1, 9, 1, 0]) + b"secret")),
    "truncated": dgram(pkt()[:20]),
}
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
