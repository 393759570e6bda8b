#!/usr/bin/python3
"""tests/integration/buspeer.py: a bare bus client for the tests that misbehave on purpose.

It speaks the frame format of proto/ipc.proto (a 4-byte big-endian length, then an Envelope)
with a few lines of protobuf wire encoding, so that it needs nothing but Python.

    buspeer.py SOCKET stall NAME [--partial] TOPIC...
        registers as NAME, subscribes to each TOPIC, makes one round trip (sys.ping to ipcmgr)
        so that the subscriptions are in place, prints "stalled" and then never reads again
        (with --partial it also writes the first half of a frame); it stays so until SIGTERM,
        and then closes the connection
    buspeer.py SOCKET flood NAME TOPIC COUNT SIZE
        registers as NAME, publishes COUNT events of SIZE bytes on TOPIC, then makes one round
        trip (ipcmgr handles a client's frames in order: once the answer is back, every event
        has been fanned out) and prints "flooded BYTES"

Exit status 0, or 1 with a message when the bus refuses or drops it.
"""
import signal
import socket
import struct
import sys

REGISTER, REQUEST, REPLY, ERROR, PUBLISH, SUBSCRIBE = 0, 1, 2, 3, 4, 5


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(num, value):
    if isinstance(value, int):
        return varint(num << 3) + varint(value)
    if isinstance(value, str):
        value = value.encode()
    return varint(num << 3 | 2) + varint(len(value)) + value


def envelope(kind, src="", dst="", seq=0, type_="", payload=b""):
    """Envelope fields: kind 1, src 2, dst 3, seq 4, type 5, payload 6 (proto/ipc.proto)."""
    body = field(1, kind) + field(2, src)
    if dst:
        body += field(3, dst)
    if seq:
        body += field(4, seq)
    if type_:
        body += field(5, type_)
    if payload:
        body += field(6, payload)
    return struct.pack("!I", len(body)) + body


def decode(body):
    """The varint and length-delimited fields of an envelope, by number."""
    out, i = {}, 0
    while i < len(body):
        key, i = read_varint(body, i)
        if key & 7 == 0:
            out[key >> 3], i = read_varint(body, i)
        elif key & 7 == 2:
            n, i = read_varint(body, i)
            out[key >> 3], i = body[i:i + n], i + n
        else:
            raise ValueError(f"wire type {key & 7}")
    return out


def read_varint(b, i):
    n = shift = 0
    while True:
        c = b[i]
        i += 1
        n |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return n, i


def read_frame(s):
    hdr = recv_all(s, 4)
    return decode(recv_all(s, struct.unpack("!I", hdr)[0]))


def recv_all(s, n):
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            sys.exit("buspeer: the bus closed the connection")
        buf += chunk
    return buf


def answer(s, seq):
    """Reads frames until the answer to seq (events may come first)."""
    while True:
        m = read_frame(s)
        if m.get(1, 0) in (REPLY, ERROR) and m.get(4, 0) == seq:
            if m.get(1) == ERROR:
                sys.exit(f"buspeer: error: {m.get(7, b'').decode()}")
            return


def connect(path, name):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(path)
    s.sendall(envelope(REGISTER, src=name))
    answer(s, 0)
    return s


def ping(s, name, seq):
    s.sendall(envelope(REQUEST, src=name, dst="ipcmgr", seq=seq, type_="sys.ping"))
    answer(s, seq)


def stall(s, name, args):
    partial = "--partial" in args
    for t in (a for a in args if a != "--partial"):
        s.sendall(envelope(SUBSCRIBE, src=name, type_=t))
    ping(s, name, 1)
    if partial:
        f = envelope(PUBLISH, src=name, type_="buspeer.partial", payload=b"x" * 64)
        s.sendall(f[:len(f) // 2])
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("stalled", flush=True)
    while True:
        signal.pause()  # never reads the socket again


def flood(s, name, topic, count, size):
    payload = bytes(size)
    for _ in range(count):
        s.sendall(envelope(PUBLISH, src=name, type_=topic, payload=payload))
    ping(s, name, 1)
    print(f"flooded {count * size}", flush=True)


def main():
    if len(sys.argv) < 4 or sys.argv[2] not in ("stall", "flood"):
        sys.exit(__doc__)
    path, what, name = sys.argv[1:4]
    s = connect(path, name)
    if what == "stall":
        stall(s, name, sys.argv[4:])
    else:
        flood(s, name, sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    s.close()


if __name__ == "__main__":
    main()
