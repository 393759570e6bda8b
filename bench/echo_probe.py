#!/usr/bin/env python3
"""bench/echo_probe.py: echo requests at a fixed rate, for failover_bench.sh's outage figure.

Usage: echo_probe.py ADDRESS INTERVAL_MS   (root: a raw ICMP / ICMPv6 socket; until SIGINT)

iputils ping slows down to about one request per 10 ms while its requests go unanswered, so
during a failover its gaps are 10 ms coarse whatever -i says. This sends one request every
INTERVAL_MS on a fixed schedule, answered or not, and prints each reply (receive time from
the kernel's SO_TIMESTAMP) and the summary in ping -D -n's format, which failover_bench.sh
parses: "[EPOCH] 64 bytes from ADDRESS: icmp_seq=N" and "N packets transmitted, M received,
time Tms".
"""
import os
import signal
import socket
import struct
import sys
import threading
import time

addr, interval = sys.argv[1], float(sys.argv[2]) / 1e3
v6 = ":" in addr
if v6:  # the kernel fills in the ICMPv6 checksum (RFC 3542 3.1)
    sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    req_type, rep_type = 128, 129
else:
    sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    req_type, rep_type = 8, 0
SO_TIMESTAMP = getattr(socket, "SO_TIMESTAMP", 29)  # Linux's value; Python does not name it
sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMP, 1)
ident = os.getpid() & 0xFFFF
payload = bytes(range(56))
stop = threading.Event()
sent = 0


def checksum(b):
    s = sum(struct.unpack(f"!{len(b) // 2}H", b))
    s = (s >> 16) + (s & 0xFFFF)
    return ~(s + (s >> 16)) & 0xFFFF


def receive():
    while not stop.is_set():
        try:
            data, anc, _, _ = sock.recvmsg(2048, 64)
        except socket.timeout:
            continue
        t = time.time()
        for level, kind, val in anc:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMP:
                sec, usec = struct.unpack("qq", val[:16])
                t = sec + usec / 1e6
        icmp = data if v6 else data[(data[0] & 0x0F) * 4:]
        if len(icmp) < 8:
            continue
        typ, _, _, rid, seq = struct.unpack("!BBHHH", icmp[:8])
        if typ == rep_type and rid == ident:
            print(f"[{t:.6f}] {len(icmp)} bytes from {addr}: icmp_seq={seq}", flush=True)


signal.signal(signal.SIGINT, lambda *_: stop.set())
signal.signal(signal.SIGTERM, lambda *_: stop.set())
sock.settimeout(0.1)
rx = threading.Thread(target=receive, daemon=True)
rx.start()
print(f"PROBE {addr} every {interval * 1e3:g} ms", flush=True)
t0 = time.monotonic()
while not stop.is_set():
    seq = (sent + 1) & 0xFFFF
    hdr = struct.pack("!BBHHH", req_type, 0, 0, ident, seq)
    if not v6:
        hdr = struct.pack("!BBHHH", req_type, 0, checksum(hdr + payload), ident, seq)
    try:
        sock.sendto(hdr + payload, (addr, 0))
    except OSError:
        pass  # no route or no neighbour yet: counted as sent, not answered
    sent += 1
    delay = t0 + sent * interval - time.monotonic()
    if delay > 0:
        stop.wait(delay)
rx.join(0.5)
print(f"{sent} packets transmitted, time {round((time.monotonic() - t0) * 1e3)}ms", flush=True)
