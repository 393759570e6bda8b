#!/usr/bin/python3
"""Captures real rtnetlink messages from the kernel for the seed corpus of fuzz_pif_netlink: in
a new network namespace with links of the kinds pifmgr sees (veth, macvlan, VLAN, a
bridge and its port, addresses IPv4 and IPv6, primary and secondary, an alias), the answers to
link and address dumps, then the notifications of changes (down, up, MTU, address and link
deletions), each datagram as one recv() gave it (what one read of pifmgr's socket gives), and
all of them one after the other in one input.
Usage (root): capture-netlink.py OUTDIR"""
import os
import socket
import struct
import subprocess
import sys

out = os.path.abspath(sys.argv[1])
os.makedirs(out, exist_ok=True)
ns = f"fzn-{os.getpid()}"
RTM_GETLINK, RTM_GETADDR = 18, 22
NLM_F_REQUEST, NLM_F_DUMP = 1, 0x300
NLMSG_DONE = 3
GROUPS = 0x1 | 0x10 | 0x100  # RTMGRP_LINK, RTMGRP_IPV4_IFADDR, RTMGRP_IPV6_IFADDR


def ip(*args):
    subprocess.run(["ip", "-n", ns, *args], check=True)


def ip_try(*args):
    """A link kind this kernel may not have (VLAN, bridge): skipped when it has not."""
    return subprocess.run(["ip", "-n", ns, *args]).returncode == 0


saved = []


def save(name, data):
    saved.append(data)
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
    print(name, len(data))


def dump(sock, name, msgtype, family):
    hdr_body = struct.pack("BxxxiII", family, 0, 0, 0) if msgtype == RTM_GETLINK \
        else struct.pack("BBBBi", family, 0, 0, 0, 0)
    sock.send(struct.pack("=IHHII", 16 + len(hdr_body), msgtype, NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
              + hdr_body)
    n = 0
    while True:
        data = sock.recv(1 << 16)
        save(f"dump-{name}-{n}", data)
        n += 1
        if struct.unpack_from("=IH", data)[1] == NLMSG_DONE or \
                any(struct.unpack_from("=IH", data, off)[1] == NLMSG_DONE
                    for off in offsets(data)):
            return


def offsets(data):
    off = 0
    while off + 16 <= len(data):
        yield off
        length = struct.unpack_from("=I", data, off)[0]
        if length < 16:
            return
        off += (length + 3) & ~3


def capture():
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    sock.bind((0, 0))
    dump(sock, "links", RTM_GETLINK, socket.AF_UNSPEC)
    dump(sock, "bridge-ports", RTM_GETLINK, socket.AF_BRIDGE)
    dump(sock, "addrs", RTM_GETADDR, socket.AF_UNSPEC)
    sock.close()
    mon = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
    mon.bind((0, GROUPS))
    mon.settimeout(0.5)
    steps = [
        ("addr6-del", ["addr", "del", "2001:db8::1/64", "dev", "eth1"]),  # a down drops it
        ("down", ["link", "set", "eth1", "down"]),
        ("up", ["link", "set", "eth1", "up"]),
        ("mtu", ["link", "set", "eth1", "mtu", "1400"]),
        ("alias", ["link", "set", "eth1", "alias", 'uplink "a" \\ b']),
        ("addr-add", ["addr", "add", "198.51.100.7/24", "dev", "eth1"]),
        ("addr-del-secondary", ["addr", "del", "192.0.2.11/24", "dev", "eth1"]),
        ("macvlan-del", ["link", "del", "mv1"]),
        ("veth-del", ["link", "del", "eth1"]),
    ]
    for name, cmd in steps:
        ip(*cmd)
        n = 0
        try:
            while True:
                save(f"event-{name}-{n}", mon.recv(1 << 16))
                n += 1
        except socket.timeout:
            pass
    # the whole story in one input: the table built from the dumps, then every change to it
    save("sequence-dumps-then-events", b"".join(saved))


if len(sys.argv) > 2 and sys.argv[2] == "--inside":  # run by the setup below, in the namespace
    ns = sys.argv[3]
    capture()
    sys.exit(0)
subprocess.run(["ip", "netns", "add", ns], check=True)
try:
    ip("link", "set", "lo", "up")
    ip("link", "add", "eth1", "type", "veth", "peer", "name", "eth2")
    ip("link", "add", "eth3", "type", "veth", "peer", "name", "eth4")
    ip("link", "add", "mv1", "link", "eth1", "address", "00:00:5e:00:01:01", "type", "macvlan",
       "mode", "private")
    devs = ["eth1", "eth2", "eth3", "eth4", "mv1"]
    if ip_try("link", "add", "link", "eth2", "name", "eth2.10", "type", "vlan", "id", "10"):
        devs.append("eth2.10")
    if ip_try("link", "add", "br0", "type", "bridge"):
        ip("link", "set", "eth3", "master", "br0")
        devs.append("br0")
    for dev in devs:
        ip("link", "set", dev, "up")
    ip("addr", "add", "192.0.2.10/24", "dev", "eth1")
    ip("addr", "add", "192.0.2.11/24", "dev", "eth1")  # a secondary
    ip("addr", "add", "2001:db8::1/64", "dev", "eth1", "nodad")
    ip("addr", "add", "192.0.2.1/32", "dev", "mv1")
    ip("addr", "add", "203.0.113.1/24", "dev", devs[-1])
    r = subprocess.run(["ip", "netns", "exec", ns, sys.executable, os.path.abspath(__file__), out,
                        "--inside", ns])
    sys.exit(r.returncode)
finally:
    subprocess.run(["ip", "netns", "del", ns])
