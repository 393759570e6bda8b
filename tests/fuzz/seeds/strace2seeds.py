#!/usr/bin/python3
"""Turns an strace of n2os (strace -f -e trace=read -xx -s BIG -yy) into seeds of
fuzz_ipc_frame: the bytes read from each Unix stream connection, in order, as one stream (what
that connection's reader decoded), cut at the last whole frame within 64 KiB. Each seed starts
with the byte that tells the target how to cut the stream into pieces (see fuzz_ipc_frame.c).
Usage: strace2seeds.py TRACE OUTDIR"""
import collections
import os
import re
import sys

trace, out = sys.argv[1:3]
# ipc.sock / cmd.sock: what the bus or cmdmgr read from a client; "client": what a client read
# from the bus
os.makedirs(out, exist_ok=True)
line_re = re.compile(r'^(\d+) +read\((\d+)<UNIX-STREAM:\[(\d+)->\d+(?:,"((?:\\x[0-9a-f]{2})*)")?\]>, "((?:\\x[0-9a-f]{2})*)", \d+\) = (\d+)')
streams = collections.OrderedDict()
paths = {}
for line in open(trace, errors="replace"):
    m = line_re.match(line)
    if not m:
        continue
    pid, fd, ino, path, hexs, n = m.groups()
    key = (pid, fd, ino)
    data = bytes.fromhex(hexs.replace("\\x", ""))[: int(n)]
    streams.setdefault(key, bytearray()).extend(data)
    path = bytes.fromhex(path.replace("\\x", "")).decode() if path else ""
    paths[key] = os.path.basename(path) if path else "client"


def whole_frames(b, limit=1 << 16):
    off = 0
    while off + 4 <= len(b):
        n = int.from_bytes(b[off:off + 4], "big")
        if off + 4 + n > min(len(b), limit):
            break
        off += 4 + n
    return bytes(b[:off])


count = collections.Counter()
for key, data in streams.items():
    s = whole_frames(data)
    if not s:
        continue
    kind = paths[key]
    name = f"{kind}-{count[kind]}"
    count[kind] += 1
    with open(os.path.join(out, name), "wb") as f:
        f.write(bytes([5]) + s)  # pieces of 1 to 32 bytes
    print(name, len(s))
