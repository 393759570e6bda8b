#!/usr/bin/python3
"""Writes the VRRP datagrams of a capture as seeds of fuzz_vrrp_rx: the IP datagram (IPv4 or
IPv6, from its header on, without the Ethernet header) of the first packet of each distinct
kind (IP version, VRRP version, VRID, priority).
Usage: pcap2seeds.py CAPTURE OUTDIR PREFIX   (Debian's python3 with python3-scapy)"""
import os
import sys

from scapy.all import IP, IPv6, rdpcap

cap, out, prefix = sys.argv[1:4]
os.makedirs(out, exist_ok=True)
seen = set()
for pkt in rdpcap(cap):
    ip = pkt[IP] if IP in pkt else pkt[IPv6] if IPv6 in pkt else None
    if ip is None:
        continue
    raw = bytes(ip)
    vrrp = raw[20:] if ip.version == 4 else raw[40:]
    if len(vrrp) < 3:
        continue
    kind = (ip.version, vrrp[0] >> 4, vrrp[1], vrrp[2])
    if kind in seen:
        continue
    seen.add(kind)
    name = f"{prefix}-ip{kind[0]}-vrrp{kind[1]}-vrid{kind[2]}-prio{kind[3]}"
    with open(os.path.join(out, name), "wb") as f:
        f.write(raw)
    print(name)
