/* fuzz_ipc_frame: feeds a byte stream, as a bus client would write it to $RUNDIR/ipc.sock, to
 * the bus framing (lib/frame.c: n2_rbuf_append, n2_rbuf_next), the envelope decoder
 * (lib/msg.c: n2_msg_decode) and then to a real bus (managers/ipcmgr/bus.c, over a Unix socket
 * in this process), which registers, routes, publishes and subscribes as the frames say.
 *
 * The first byte of the input chooses how the stream is cut into pieces (pieces of 1 to 128
 * bytes, from a generator seeded by it); the rest is the stream. Beyond "no crash, no leak, no
 * undefined behaviour", it checks:
 *   - the framing is incremental: the stream cut into pieces, each appended and drained as the
 *     bus does after each read, gives the same frames (bytes) and the same end (more bytes
 *     wanted, or an oversized length) as the whole stream appended at once;
 *   - decode -> encode -> decode: every envelope that decodes encodes again (n2_msg_encode) and
 *     decodes to the same kind, names, sequence number and payload;
 *   - its payload through the membership decoders (lib/member.c: an ipc.client event, an
 *     ipc.members answer): a member they accept has a valid name and at most
 *     N2_IPC_MAX_ALIASES valid aliases, and every entry of a members answer is up;
 *   - the bus survives any client: after the stream (written piece by piece to one
 *     connection), its statistics and member list still encode and decode (ipc.stats,
 *     ipc.members), and a new client that registers gets its answer. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "bus.h"
#include "frame.h"
#include "fuzz.h"
#include "ipc.pb-c.h"
#include "member.h"
#include "log.h"
#include "loop.h"
#include "msg.h"

/* ---- how the stream is cut ---- */

struct cutter {
	uint32_t state, max;
};

static struct cutter cutter_new(uint8_t b)
{
	return (struct cutter){.state = 0x9e3779b9u ^ ((uint32_t)b * 2654435761u),
			       .max = 1u << (b % 8)};
}

static size_t next_piece(struct cutter *c, size_t left)
{
	c->state ^= c->state << 13; /* xorshift32 */
	c->state ^= c->state >> 17;
	c->state ^= c->state << 5;
	size_t n = 1 + c->state % c->max;
	return n < left ? n : left;
}

/* ---- the framing and the envelope ---- */

static void member_checked(const struct n2_member *m, bool must_be_up)
{
	FUZZ_CHECK(n2_member_name_valid(m->name) && (m->up || !must_be_up));
	int n = 0;
	for (; m->aliases && m->aliases[n]; n++)
		FUZZ_CHECK(n2_member_name_valid(m->aliases[n]));
	FUZZ_CHECK(n <= N2_IPC_MAX_ALIASES);
}

/* The membership decoders (lib/member.c) on a payload: what they accept follows the bus's
 * rules. */
static void membership(const uint8_t *p, size_t len)
{
	char why[256];
	struct n2_member_event ev;
	if (n2_member_event_decode(&ev, p, len, why, sizeof(why)) == 0) {
		member_checked(&ev.m, false);
		n2_member_event_release(&ev);
	} else {
		FUZZ_CHECK(memchr(why, 0, sizeof(why)));
	}
	struct n2_members ms;
	if (n2_members_decode(&ms, p, len, why, sizeof(why)) == 0) {
		for (size_t i = 0; i < ms.n; i++)
			member_checked(&ms.list[i], true);
		n2_members_release(&ms);
	}
}

static void envelope_round_trip(const uint8_t *f, size_t len)
{
	struct n2_msg m, m2;
	void *h, *h2;
	if (n2_msg_decode(f, len, &m, &h) < 0)
		return;
	FUZZ_CHECK(m.kind < N2_MSG_KIND_COUNT && m.src && m.dst && m.type && m.error);
	FUZZ_CHECK(m.len == 0 || m.payload);
	size_t elen;
	uint8_t *e = n2_msg_encode(&m, &elen);
	FUZZ_CHECK(e);
	FUZZ_CHECK(n2_msg_decode(e, elen, &m2, &h2) == 0);
	FUZZ_CHECK(m2.kind == m.kind && m2.seq == m.seq && m2.len == m.len);
	FUZZ_CHECK(!strcmp(m2.src, m.src) && !strcmp(m2.dst, m.dst));
	FUZZ_CHECK(!strcmp(m2.type, m.type) && !strcmp(m2.error, m.error));
	FUZZ_CHECK(m.len == 0 || !memcmp(m2.payload, m.payload, m.len));
	membership(m.payload, m.len);
	n2_msg_release(h2);
	free(e);
	n2_msg_release(h);
}

/* The stream appended at once, then cut into pieces: the same frames, the same end. */
static void framing(const uint8_t *s, size_t len, uint8_t cut)
{
	struct n2_rbuf whole, pieces;
	n2_rbuf_init(&whole);
	n2_rbuf_init(&pieces);
	FUZZ_CHECK(n2_rbuf_append(&whole, s, len) == 0);
	const uint8_t *wf[64];
	size_t wl[64];
	int nw = 0;
	enum n2_frame_status wend;
	const uint8_t *f;
	size_t flen;
	while ((wend = n2_rbuf_next(&whole, &f, &flen)) == N2_FRAME_OK && nw < 64) {
		FUZZ_CHECK(flen <= N2_FRAME_MAX && f >= whole.buf && f + flen <= whole.buf + len);
		wf[nw] = f;
		wl[nw++] = flen;
		envelope_round_trip(f, flen);
	}
	if (nw == 64) { /* more frames than this check follows: the rest is not compared */
		n2_rbuf_fini(&whole);
		return;
	}
	struct cutter c = cutter_new(cut);
	int np = 0;
	enum n2_frame_status pend = N2_FRAME_MORE;
	for (size_t off = 0; off < len && pend != N2_FRAME_OVERSIZED;) {
		size_t n = next_piece(&c, len - off);
		FUZZ_CHECK(n2_rbuf_append(&pieces, s + off, n) == 0);
		off += n;
		while ((pend = n2_rbuf_next(&pieces, &f, &flen)) == N2_FRAME_OK) {
			FUZZ_CHECK(np < nw && flen == wl[np] && !memcmp(f, wf[np], flen));
			np++;
		}
	}
	FUZZ_CHECK(np == nw && pend == wend);
	FUZZ_CHECK(wend == N2_FRAME_OVERSIZED ||
		   n2_rbuf_pending(&pieces) == n2_rbuf_pending(&whole));
	n2_rbuf_fini(&whole);
	n2_rbuf_fini(&pieces);
}

/* ---- the bus ---- */

static struct n2_loop *loop;
static struct bus *bus;
static char dir[64], path[108];

static void cleanup(void)
{
	bus_free(bus);
	n2_loop_free(loop);
	unlink(path);
	rmdir(dir);
}

static void setup(void)
{
	fuzz_log_init("fuzz_ipc_frame");
	snprintf(dir, sizeof(dir), "/tmp/fuzz_ipc_frame.XXXXXX");
	FUZZ_CHECK(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/ipc.sock", dir);
	FUZZ_CHECK((loop = n2_loop_new()));
	FUZZ_CHECK((bus = bus_new(loop, path, 0)));
	atexit(cleanup);
}

static int connect_bus(void)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0);
	return fd;
}

static void spin(int rounds)
{
	for (int i = 0; i < rounds; i++)
		FUZZ_CHECK(n2_loop_once(loop, 0) >= 0);
}

/* Writes the stream piece by piece, letting the bus read after each piece; what the bus
 * answers is read and dropped, as a client would. */
static void feed_bus(int fd, const uint8_t *s, size_t len, uint8_t cut)
{
	struct cutter c = cutter_new(cut);
	uint8_t sink[4096];
	spin(1); /* the accept */
	for (size_t off = 0; off < len;) {
		ssize_t n = send(fd, s + off, next_piece(&c, len - off), MSG_NOSIGNAL);
		if (n < 0 && errno != EAGAIN)
			break; /* the bus hung up on us: what it does to bad clients */
		off += n > 0 ? (size_t)n : 0;
		spin(1);
		while (read(fd, sink, sizeof(sink)) > 0)
			;
	}
}

static void stats_still_encode(void)
{
	size_t len;
	uint8_t *p = bus_stats_encode(bus, &len);
	FUZZ_CHECK(p);
	N2os__Ipc__Stats *st = n2os__ipc__stats__unpack(NULL, len, p);
	FUZZ_CHECK(st);
	n2os__ipc__stats__free_unpacked(st, NULL);
	free(p);
	p = bus_members_encode(bus, &len);
	FUZZ_CHECK(p);
	N2os__Ipc__Members *ms = n2os__ipc__members__unpack(NULL, len, p);
	FUZZ_CHECK(ms);
	n2os__ipc__members__free_unpacked(ms, NULL);
	free(p);
}

/* A new client registers and must get its REPLY. */
static void bus_still_answers(void)
{
	int fd = connect_bus();
	struct n2_msg reg = {.kind = N2_MSG_REGISTER, .src = "probe"};
	struct n2_wqueue wq;
	n2_wq_init(&wq, 1 << 16);
	FUZZ_CHECK(n2_msg_queue(&wq, &reg) == 0);
	FUZZ_CHECK(n2_wq_flush(&wq, fd) == 0);
	n2_wq_fini(&wq);
	struct n2_rbuf rb;
	n2_rbuf_init(&rb);
	int answered = 0;
	for (int i = 0; i < 100 && !answered; i++) {
		spin(1);
		if (n2_rbuf_fill(&rb, fd) <= 0)
			continue;
		const uint8_t *f;
		size_t flen;
		struct n2_msg m;
		void *h;
		while (!answered && n2_rbuf_next(&rb, &f, &flen) == N2_FRAME_OK) {
			FUZZ_CHECK(n2_msg_decode(f, flen, &m, &h) == 0);
			answered = m.kind == N2_MSG_REPLY;
			n2_msg_release(h);
		}
	}
	FUZZ_CHECK(answered);
	n2_rbuf_fini(&rb);
	close(fd);
	spin(3); /* the bus sees the hang-up and frees the client */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!loop)
		setup();
	if (size < 1)
		return 0;
	framing(data + 1, size - 1, data[0]);
	int fd = connect_bus();
	feed_bus(fd, data + 1, size - 1, data[0]);
	stats_still_encode();
	close(fd);
	spin(3);
	bus_still_answers();
	return 0;
}
