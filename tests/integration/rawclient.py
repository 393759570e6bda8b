"""A raw client of n2os's framed sockets (RUNDIR/ipc.sock, RUNDIR/cmd.sock) for the limit tests:
it speaks the framing by hand (a 4-byte big-endian length, then an ipc.Envelope, with buspeer.py's
codec) so that it can do what no well-behaved client does. Not a test itself; see limits.sh.

  rawclient.py hold SOCK N NAME   opens up to N connections, each registering NAME.I, one after
                                  the other (the answer of each awaited: no guessing); prints
                                  "held K" when all N are in, or "refused after K: TEXT" at the
                                  first refusal; then keeps them until its stdin closes
  rawclient.py oversized SOCK LEN registers, then sends a length prefix of LEN bytes; prints the
                                  ERROR text the server answers before it hangs up
"""
import socket
import struct
import sys

from buspeer import REGISTER, REPLY, envelope
from buspeer import decode as envelope_fields

TIMEOUT = 30  # seconds; every wait is for an answer that must come


def decode(body):
    """kind and error of an Envelope."""
    f = envelope_fields(body)
    return f.get(1, 0), f.get(7, b"").decode()


def read_frame(s):
    """The next frame's (kind, error), or None at the end of the stream."""
    buf = b""
    while len(buf) < 4 or len(buf) < 4 + struct.unpack(">I", buf[:4])[0]:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            chunk = b""
        if not chunk:
            return None
        buf += chunk
    n = struct.unpack(">I", buf[:4])[0]
    return decode(buf[4:4 + n])


def send(s, data):
    """Sends; a server that has already refused us and hung up is not an error here: what it
    said before hanging up is still to be read."""
    try:
        s.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass


def connect(path):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(TIMEOUT)
    s.connect(path)
    return s


def hold(path, n, name):
    held = []
    for i in range(n):
        s = connect(path)
        send(s, envelope(REGISTER, src="%s.%d" % (name, i)))
        ans = read_frame(s)
        if ans is None or ans[0] != REPLY:
            print("refused after %d: %s" % (len(held), ans[1] if ans else "(hang-up)"),
                  flush=True)
            break
        held.append(s)
    else:
        print("held %d" % len(held), flush=True)
    sys.stdin.read()  # until the test closes our stdin


def oversized(path, length):
    s = connect(path)
    send(s, envelope(REGISTER, src="oversized"))
    ans = read_frame(s)
    if ans is None or ans[0] != REPLY:
        sys.exit("registration refused: %s" % (ans,))
    send(s, struct.pack(">I", length))
    ans = read_frame(s)
    print(ans[1] if ans else "(hang-up without a word)")


if __name__ == "__main__":
    if sys.argv[1] == "hold":
        hold(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif sys.argv[1] == "oversized":
        oversized(sys.argv[2], int(sys.argv[3]))
    else:
        sys.exit("usage: rawclient.py hold SOCK N NAME | oversized SOCK LEN")
