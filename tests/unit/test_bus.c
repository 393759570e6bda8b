/* Unit tests for the bus (managers/ipcmgr/bus.c) with real n2_ipc clients (lib/ipc.c), all in one
 * process and one event loop: registration, routing, timeouts, publish/subscribe, misbehaving and
 * slow clients, client events and reconnection after a bus restart.
 *
 * "Did not receive" is checked with a round trip through the bus (tc_sync): the bus handles each
 * connection's frames in order and answers on the same connection, so once a client's own ping
 * comes back, anything the bus queued for it earlier has been delivered too. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bus.h"
#include "frame.h"
#include "ipc.h"
#include "ipc.pb-c.h"
#include "msg.h"
#include "testutil.h"

#define WAIT_MS 5000
#define MAX_TC 16

struct fx;

struct held { /* a request kept to be answered later */
	char src[64], type[64];
	uint32_t seq;
	uint8_t payload[64];
	size_t len;
};

struct tc { /* a test client: an n2_ipc and what it has seen */
	struct fx *fx;
	struct n2_ipc *ipc;
	char name[64];
	int ups, downs;
	char last_req_src[64];
	struct held held[8];
	int nheld;
	int nev, bad_order; /* events on test topics (payload starts with a be32 sequence) */
	char ev_src[64], ev_topic[64];
	int nce; /* ipc.client events */
	char ce_name[64];
	char ce_alias[64]; /* the first alias of the last event, "" if none */
	pid_t ce_pid;
	int ce_up;
	int ce_order; /* when on_member last ran, counted over all clients (fx->watch_calls) */
};

struct fx {
	char dir[64], path[108];
	struct n2_loop *loop;
	struct bus *bus;
	struct tc *tcs[MAX_TC];
	int ntc;
	int watch_calls;
};

struct result { /* what a reply callback saw */
	int done, status, rep_null;
	uint32_t seq;
	char src[64], error[160];
	uint8_t payload[64]; /* the first bytes */
	size_t len, full_len;
	uint32_t hash; /* of the whole payload */
};

static void put_be32(uint8_t *p, uint32_t n)
{
	p[0] = (uint8_t)(n >> 24);
	p[1] = (uint8_t)(n >> 16);
	p[2] = (uint8_t)(n >> 8);
	p[3] = (uint8_t)n;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t fnv1a(const uint8_t *p, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static void copy_str(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

/* ---- fixture ---- */

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	copy_str(fx->dir, sizeof(fx->dir), "/tmp/n2os-unit-bus-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/ipc.sock", fx->dir);
	fx->loop = n2_loop_new();
	if (!fx->loop)
		return -1;
	fx->bus = bus_new(fx->loop, fx->path, 1);
	if (!fx->bus)
		return -1;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	for (int i = 0; i < fx->ntc; i++) {
		n2_ipc_free(fx->tcs[i]->ipc);
		free(fx->tcs[i]);
	}
	bus_free(fx->bus);
	n2_loop_free(fx->loop);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/* ---- test clients ---- */

static void on_state(struct n2_ipc *ipc, int up, void *arg)
{
	(void)ipc;
	struct tc *c = arg;
	if (up)
		c->ups++;
	else
		c->downs++;
}

static void on_ping(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct tc *c = arg;
	copy_str(c->last_req_src, sizeof(c->last_req_src), req->src);
	n2_ipc_reply(ipc, req, req->payload, req->len);
}

static void on_hold(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)ipc;
	struct tc *c = arg;
	assert_true(c->nheld < 8);
	struct held *h = &c->held[c->nheld++];
	copy_str(h->src, sizeof(h->src), req->src);
	copy_str(h->type, sizeof(h->type), req->type);
	h->seq = req->seq;
	h->len = req->len < sizeof(h->payload) ? req->len : sizeof(h->payload);
	if (h->len) /* an empty payload may be NULL */
		memcpy(h->payload, req->payload, h->len);
}

static void on_event(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct tc *c = arg;
	if (ev->len < 4 || get_be32(ev->payload) != (uint32_t)c->nev)
		c->bad_order++;
	c->nev++;
	copy_str(c->ev_src, sizeof(c->ev_src), ev->src);
	copy_str(c->ev_topic, sizeof(c->ev_topic), ev->type);
}

/* The membership events, through the one watcher every process uses (n2_ipc_watch_members). */
static void on_member(const struct n2_member *m, void *arg)
{
	struct tc *c = arg;
	c->nce++;
	copy_str(c->ce_name, sizeof(c->ce_name), m->name);
	c->ce_pid = m->pid;
	c->ce_up = m->up;
	copy_str(c->ce_alias, sizeof(c->ce_alias), m->aliases[0] ? m->aliases[0] : "");
	c->ce_order = ++c->fx->watch_calls;
}

/* A client that answers "test.ping" at once and keeps "test.hold" requests; started unless
 * start is 0. */
static struct tc *tc_new(struct fx *fx, const char *name, int start)
{
	assert_true(fx->ntc < MAX_TC);
	struct tc *c = calloc(1, sizeof(*c));
	assert_non_null(c);
	c->fx = fx;
	copy_str(c->name, sizeof(c->name), name);
	c->ipc = n2_ipc_new(fx->loop, fx->path, name);
	assert_non_null(c->ipc);
	fx->tcs[fx->ntc++] = c;
	n2_ipc_set_state_cb(c->ipc, on_state, c);
	assert_int_equal(n2_ipc_handle(c->ipc, "test.ping", on_ping, c), 0);
	assert_int_equal(n2_ipc_handle(c->ipc, "test.hold", on_hold, c), 0);
	if (start)
		n2_ipc_start(c->ipc);
	return c;
}

static struct tc *tc_up(struct fx *fx, const char *name)
{
	struct tc *c = tc_new(fx, name, 1);
	assert_true(TU_RUN_UNTIL(fx->loop, c->ups == 1, WAIT_MS));
	assert_true(n2_ipc_is_up(c->ipc));
	return c;
}

static void tc_free(struct tc *c)
{
	n2_ipc_free(c->ipc);
	c->ipc = NULL;
}

static void on_result(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct result *r = arg;
	r->done++;
	r->status = status;
	r->rep_null = rep == NULL;
	if (!rep)
		return;
	r->seq = rep->seq;
	copy_str(r->src, sizeof(r->src), rep->src);
	copy_str(r->error, sizeof(r->error), rep->error);
	r->len = rep->len < sizeof(r->payload) ? rep->len : sizeof(r->payload);
	if (r->len)
		memcpy(r->payload, rep->payload, r->len);
	r->full_len = rep->len;
	r->hash = fnv1a(rep->payload, rep->len);
}

/* A round trip from c to itself through the bus: afterwards everything the bus had queued for c,
 * and every frame c sent before, has been handled. */
static void tc_sync(struct tc *c)
{
	struct result r = {0};
	assert_int_equal(
		n2_ipc_request(c->ipc, c->name, "test.ping", "sync", 4, WAIT_MS, on_result, &r), 0);
	assert_true(TU_RUN_UNTIL(c->fx->loop, r.done, WAIT_MS));
	assert_int_equal(r.status, N2_IPC_OK);
}

/* a asks b for "test.ping" and checks the echoed answer: routing by name still works. */
static void check_rr(struct tc *a, struct tc *b)
{
	static int n;
	char msg[32];
	snprintf(msg, sizeof(msg), "hello %d", ++n);
	struct result r = {0};
	assert_int_equal(n2_ipc_request(a->ipc, b->name, "test.ping", msg, strlen(msg), WAIT_MS,
					on_result, &r),
			 0);
	assert_true(TU_RUN_UNTIL(a->fx->loop, r.done, WAIT_MS));
	assert_int_equal(r.done, 1);
	assert_int_equal(r.status, N2_IPC_OK);
	assert_string_equal(r.src, b->name);
	assert_int_equal(r.len, strlen(msg));
	assert_memory_equal(r.payload, msg, r.len);
	assert_string_equal(b->last_req_src, a->name);
}

static void publish_seq(struct tc *c, const char *topic, uint32_t seq, size_t len)
{
	uint8_t buf[4096];
	assert_true(len >= 4 && len <= sizeof(buf));
	memset(buf, (int)(seq & 0xff), len);
	put_be32(buf, seq);
	assert_int_equal(n2_ipc_publish(c->ipc, topic, buf, len), 0);
}

/* ---- the bus's view (bus_stats_encode) ---- */

/* The bus's rejection counters, indexable so a test can say which one must move. */
enum {
	C_OVERSIZED,
	C_TRUNCATED,
	C_UNDECODABLE,
	C_PROTOCOL,
	C_PERMISSION,
	C_NO_DEST,
	C_SLOW,
	C_CLIENTS,
	C_N
};

struct counts {
	uint64_t v[C_N];
	size_t clients; /* live connections, registered or not */
};

static N2os__Ipc__Stats *stats_get(struct fx *fx)
{
	size_t len;
	uint8_t *buf = bus_stats_encode(fx->bus, &len);
	assert_non_null(buf);
	N2os__Ipc__Stats *st = n2os__ipc__stats__unpack(NULL, len, buf);
	free(buf);
	assert_non_null(st);
	return st;
}

static struct counts counts(struct fx *fx)
{
	N2os__Ipc__Stats *st = stats_get(fx);
	struct counts c = {{st->rejected_oversized, st->rejected_truncated,
			    st->rejected_undecodable, st->rejected_protocol,
			    st->rejected_permission, st->no_destination, st->slow_disconnects,
			    st->rejected_clients},
			   st->n_clients};
	n2os__ipc__stats__free_unpacked(st, NULL);
	return c;
}

static uint64_t count_of(struct fx *fx, int which)
{
	return counts(fx).v[which];
}

/* The stats of the live client called name: 1 if found (then *pid and, if topic is not NULL,
 * whether it subscribes to topic), else 0. */
static int bus_client(struct fx *fx, const char *name, const char *topic, uint32_t *pid,
		      int *subscribed)
{
	N2os__Ipc__Stats *st = stats_get(fx);
	int found = 0;
	for (size_t i = 0; i < st->n_clients && !found; i++) {
		N2os__Ipc__ClientStats *cs = st->clients[i];
		if (strcmp(cs->name, name))
			continue;
		found = 1;
		if (pid)
			*pid = cs->pid;
		if (topic && subscribed) {
			*subscribed = 0;
			for (size_t k = 0; k < cs->n_topics; k++)
				*subscribed |= !strcmp(cs->topics[k], topic);
		}
	}
	n2os__ipc__stats__free_unpacked(st, NULL);
	return found;
}

static int bus_has(struct fx *fx, const char *name, const char *topic)
{
	int sub = 1;
	return bus_client(fx, name, topic, NULL, &sub) && sub;
}

/* ---- raw sockets: clients that do not go through n2_ipc ---- */

struct raw {
	struct fx *fx;
	int fd, watched, eof;
	struct n2_rbuf rb;
	int kinds[N2_MSG_KIND_COUNT];
	char error[160];
};

static void on_raw(struct n2_loop *loop, int fd, unsigned ev, void *arg)
{
	(void)ev;
	struct raw *r = arg;
	long n = n2_rbuf_fill(&r->rb, fd);
	if (n < 0 && errno == EAGAIN)
		return;
	if (n <= 0) { /* end of file, or ECONNRESET: the bus hung up either way */
		r->eof = 1;
		n2_fd_del(loop, fd);
		r->watched = 0;
	}
	const uint8_t *f;
	size_t len;
	while (n2_rbuf_next(&r->rb, &f, &len) == N2_FRAME_OK) {
		struct n2_msg m;
		void *holder;
		assert_int_equal(n2_msg_decode(f, len, &m, &holder), 0);
		r->kinds[m.kind]++;
		if (m.kind == N2_MSG_ERROR)
			copy_str(r->error, sizeof(r->error), m.error);
		n2_msg_release(holder);
	}
}

static int connect_to(const char *path)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	copy_str(sa.sun_path, sizeof(sa.sun_path), path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Connects; when watch is set, the loop reads what the bus sends and notices the hang-up. */
static void raw_open(struct fx *fx, struct raw *r, int watch)
{
	memset(r, 0, sizeof(*r));
	r->fx = fx;
	n2_rbuf_init(&r->rb);
	r->fd = connect_to(fx->path);
	assert_true(r->fd >= 0);
	if (watch) {
		assert_int_equal(n2_fd_add(fx->loop, r->fd, N2_READ, on_raw, r), 0);
		r->watched = 1;
	}
}

static void raw_close(struct raw *r)
{
	if (r->watched)
		n2_fd_del(r->fx->loop, r->fd);
	r->watched = 0;
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
	n2_rbuf_fini(&r->rb);
}

static int write_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	while (n) {
		ssize_t w = send(fd, b, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

static int send_frame(int fd, const struct n2_msg *m)
{
	size_t len;
	uint8_t *body = n2_msg_encode(m, &len);
	uint8_t hdr[N2_FRAME_HDR];
	if (!body)
		return -1;
	put_be32(hdr, (uint32_t)len);
	int rc = write_all(fd, hdr, sizeof(hdr)) < 0 || write_all(fd, body, len) < 0 ? -1 : 0;
	free(body);
	return rc;
}

static void raw_send(struct raw *r, const struct n2_msg *m)
{
	assert_int_equal(send_frame(r->fd, m), 0);
}

static void raw_register(struct raw *r, const char *name)
{
	struct n2_msg m = {.kind = N2_MSG_REGISTER, .src = name};
	raw_send(r, &m);
}

/* ---- tests ---- */

static void test_register(void **state)
{
	struct fx *fx = *state;
	struct tc *a = tc_up(fx, "alpha");
	assert_int_equal(a->ups, 1);
	assert_int_equal(a->downs, 0);
	assert_string_equal(n2_ipc_last_error(a->ipc), "");
	assert_string_equal(n2_ipc_name(a->ipc), "alpha");
	uint32_t pid = 0;
	assert_true(bus_client(fx, "alpha", NULL, &pid, NULL));
	assert_int_equal(pid, (uint32_t)getpid()); /* taken from SO_PEERCRED */

	/* a name the bus does not accept is refused, with the reason, and never comes up */
	struct tc *bad = tc_new(fx, "bad name!", 0);
	n2_ipc_set_reconnect(bad->ipc, 0);
	n2_ipc_start(bad->ipc);
	assert_true(TU_RUN_UNTIL(fx->loop, n2_ipc_last_error(bad->ipc)[0], WAIT_MS));
	assert_non_null(strstr(n2_ipc_last_error(bad->ipc), "invalid client name"));
	assert_int_equal(bad->ups, 0);
	assert_true(TU_RUN_UNTIL(fx->loop, count_of(fx, C_PROTOCOL) == 1, WAIT_MS));
	assert_false(bus_has(fx, "bad name!", NULL));
	check_rr(a, a);
}

static void test_duplicate_name(void **state)
{
	struct fx *fx = *state;
	/* The first holder must be another process: a second connection from the same pid is taken
	 * as the process reconnecting and replaces the first. Forked before any client exists so
	 * the child holds no copy of their sockets. */
	int pfd[2];
	assert_int_equal(pipe(pfd), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(pfd[1]);
		int fd = connect_to(fx->path);
		struct n2_msg m = {.kind = N2_MSG_REGISTER, .src = "dup"};
		if (fd < 0 || send_frame(fd, &m) < 0)
			_exit(1);
		char c;
		/* holds the name until the parent closes the pipe */
		ssize_t n = read(pfd[0], &c, 1);
		_exit(n == 0 ? 0 : 2);
	}
	close(pfd[0]);
	uint32_t holder = 0;
	assert_true(TU_RUN_UNTIL(fx->loop, bus_client(fx, "dup", NULL, &holder, NULL), WAIT_MS));
	assert_int_equal(holder, (uint32_t)pid);

	struct tc *d = tc_new(fx, "dup", 1);
	assert_true(TU_RUN_UNTIL(fx->loop, n2_ipc_last_error(d->ipc)[0], WAIT_MS));
	const char *err = n2_ipc_last_error(d->ipc);
	char want[64];
	snprintf(want, sizeof(want), "already registered by pid %d", (int)pid);
	if (!strstr(err, want))
		fail_msg("last error '%s', want '%s'", err, want);
	assert_int_equal(d->ups, 0);
	assert_false(n2_ipc_is_up(d->ipc));
	assert_true(count_of(fx, C_PROTOCOL) >= 1);
	assert_true(bus_client(fx, "dup", NULL, &holder, NULL));
	assert_int_equal(holder, (uint32_t)pid); /* the holder kept its name */

	/* once the holder is gone, the client (reconnecting on its own) gets the name */
	close(pfd[1]);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_true(TU_RUN_UNTIL(fx->loop, d->ups == 1, WAIT_MS));
	assert_string_equal(n2_ipc_last_error(d->ipc), "");
	assert_true(bus_client(fx, "dup", NULL, &holder, NULL));
	assert_int_equal(holder, (uint32_t)getpid());
}

static void test_request_reply(void **state)
{
	struct fx *fx = *state;
	struct tc *a = tc_up(fx, "a");
	struct tc *b = tc_up(fx, "b");
	struct result r[3];
	memset(r, 0, sizeof(r));
	for (int i = 0; i < 3; i++) {
		char p[16];
		snprintf(p, sizeof(p), "req-%d", i);
		assert_int_equal(n2_ipc_request(a->ipc, "b", "test.hold", p, strlen(p), WAIT_MS,
						on_result, &r[i]),
				 0);
	}
	assert_true(TU_RUN_UNTIL(fx->loop, b->nheld == 3, WAIT_MS));
	for (int i = 0; i < 3; i++) {
		char p[16];
		snprintf(p, sizeof(p), "req-%d", i);
		assert_string_equal(b->held[i].src, "a");
		assert_string_equal(b->held[i].type, "test.hold");
		assert_int_equal(b->held[i].len, strlen(p));
		assert_memory_equal(b->held[i].payload, p, strlen(p));
		assert_int_not_equal(b->held[i].seq, 0);
		for (int k = 0; k < i; k++)
			assert_int_not_equal(b->held[i].seq, b->held[k].seq);
	}
	/* answered in reverse order; each answer must reach the request with its seq */
	for (int i = 2; i >= 0; i--) {
		char p[16];
		snprintf(p, sizeof(p), "ans-%d", i);
		struct n2_msg req = {
			.src = b->held[i].src, .type = b->held[i].type, .seq = b->held[i].seq};
		if (i == 1)
			assert_int_equal(n2_ipc_reply_error(b->ipc, &req, "refused %d", i), 0);
		else
			assert_int_equal(n2_ipc_reply(b->ipc, &req, p, strlen(p)), 0);
	}
	assert_true(TU_RUN_UNTIL(fx->loop, r[0].done && r[1].done && r[2].done, WAIT_MS));
	for (int i = 0; i < 3; i++) {
		char p[16];
		snprintf(p, sizeof(p), "ans-%d", i);
		assert_int_equal(r[i].done, 1);
		assert_int_equal(r[i].seq, b->held[i].seq);
		assert_string_equal(r[i].src, "b");
		if (i == 1) {
			assert_int_equal(r[i].status, N2_IPC_EREMOTE);
			assert_string_equal(r[i].error, "refused 1");
		} else {
			assert_int_equal(r[i].status, N2_IPC_OK);
			assert_int_equal(r[i].len, strlen(p));
			assert_memory_equal(r[i].payload, p, r[i].len);
		}
	}
	/* a type the destination has no handler for is answered with an error by the client lib */
	struct result u = {0};
	assert_int_equal(
		n2_ipc_request(a->ipc, "b", "test.nosuch", NULL, 0, WAIT_MS, on_result, &u), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, u.done, WAIT_MS));
	assert_int_equal(u.status, N2_IPC_EREMOTE);
	assert_string_equal(u.error, "b does not handle 'test.nosuch'");
	check_rr(b, a);
}

static void test_no_destination(void **state)
{
	struct fx *fx = *state;
	struct tc *a = tc_up(fx, "a");
	struct result r = {0};
	assert_int_equal(
		n2_ipc_request(a->ipc, "nobody", "test.ping", NULL, 0, WAIT_MS, on_result, &r), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, r.done, WAIT_MS));
	assert_int_equal(r.done, 1);
	assert_int_equal(r.status, N2_IPC_EREMOTE);
	assert_string_equal(r.src, "ipcmgr");
	assert_non_null(strstr(r.error, "no such destination"));
	assert_non_null(strstr(r.error, "nobody"));
	assert_int_equal(count_of(fx, C_NO_DEST), 1);

	/* a connection that has not registered has no name: "" must not route to it */
	struct raw u;
	raw_open(fx, &u, 1);
	assert_true(TU_RUN_UNTIL(fx->loop, counts(fx).clients == 2, WAIT_MS));
	struct result e = {0};
	assert_int_equal(n2_ipc_request(a->ipc, "", "test.ping", NULL, 0, 1000, on_result, &e), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, e.done, WAIT_MS));
	assert_int_equal(e.status, N2_IPC_EREMOTE);
	assert_non_null(strstr(e.error, "no such destination"));
	assert_int_equal(u.kinds[N2_MSG_REQUEST], 0);
	assert_int_equal(count_of(fx, C_NO_DEST), 2);
	raw_close(&u);
}

static void test_timeout(void **state)
{
	struct fx *fx = *state;
	struct tc *a = tc_up(fx, "a");
	struct tc *b = tc_up(fx, "b");
	struct result r = {0};
	uint64_t t0 = n2_now_us();
	assert_int_equal(n2_ipc_request(a->ipc, "b", "test.hold", "x", 1, 100, on_result, &r), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, r.done, WAIT_MS));
	uint64_t took = n2_now_us() - t0;
	assert_int_equal(r.status, N2_IPC_ETIMEOUT);
	assert_true(r.rep_null);
	assert_true(took >= 100000);
	assert_int_equal(b->nheld, 1); /* it did arrive; it was just never answered */

	/* an answer after the timeout is dropped: the callback ran exactly once */
	struct n2_msg req = {.src = b->held[0].src, .type = b->held[0].type, .seq = b->held[0].seq};
	assert_int_equal(n2_ipc_reply(b->ipc, &req, "late", 4), 0);
	tc_sync(b);
	tc_sync(a);
	assert_int_equal(r.done, 1);
	check_rr(a, b);
}

static void test_pubsub(void **state)
{
	struct fx *fx = *state;
	struct tc *p = tc_up(fx, "pub");
	struct tc *s[3];
	for (int i = 0; i < 3; i++) {
		char name[8];
		snprintf(name, sizeof(name), "sub%d", i);
		s[i] = tc_up(fx, name);
		assert_int_equal(n2_ipc_subscribe(s[i]->ipc, "news", on_event, s[i]), 0);
	}
	struct tc *n = tc_up(fx, "other");
	assert_int_equal(n2_ipc_subscribe(n->ipc, "weather", on_event, n), 0);
	assert_int_equal(n2_ipc_subscribe(p->ipc, "news", on_event, p), 0); /* its own topic */
	struct tc *all[] = {p, s[0], s[1], s[2], n};
	for (int i = 0; i < 5; i++)
		tc_sync(all[i]);
	assert_true(bus_has(fx, "sub1", "news"));
	assert_false(bus_has(fx, "other", "news"));

	for (uint32_t k = 0; k < 3; k++)
		publish_seq(p, "news", k, 16);
	tc_sync(p);
	for (int i = 0; i < 5; i++)
		tc_sync(all[i]);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(s[i]->nev, 3);
		assert_int_equal(s[i]->bad_order, 0);
		assert_string_equal(s[i]->ev_src, "pub");
		assert_string_equal(s[i]->ev_topic, "news");
	}
	assert_int_equal(n->nev, 0); /* not subscribed to "news" */
	assert_int_equal(p->nev, 0); /* a publisher does not hear itself */

	/* after unsubscribing, sub1 hears nothing more; the others go on */
	n2_ipc_unsubscribe(s[1]->ipc, "news");
	tc_sync(s[1]);
	assert_false(bus_has(fx, "sub1", "news"));
	publish_seq(p, "news", 3, 16);
	tc_sync(p);
	for (int i = 0; i < 5; i++)
		tc_sync(all[i]);
	assert_int_equal(s[0]->nev, 4);
	assert_int_equal(s[1]->nev, 3);
	assert_int_equal(s[2]->nev, 4);
	assert_int_equal(s[0]->bad_order + s[2]->bad_order, 0);
	assert_int_equal(n->nev, 0);
}

static void test_burst(void **state)
{
	/* More than a socket buffer at once, with no loop round in between: what does not fit must
	 * wait in the client's queue, then in the bus's, until the socket is writable again. */
	struct fx *fx = *state;
	enum { N = 1000, PAYLOAD = 2048, BIG = 1 << 20 };
	struct tc *p = tc_up(fx, "pub");
	struct tc *s1 = tc_up(fx, "s1");
	struct tc *s2 = tc_up(fx, "s2");
	n2_ipc_subscribe(s1->ipc, "burst", on_event, s1);
	n2_ipc_subscribe(s2->ipc, "burst", on_event, s2);
	tc_sync(s1);
	tc_sync(s2);
	for (uint32_t i = 0; i < N; i++)
		publish_seq(p, "burst", i, PAYLOAD);
	assert_true(TU_RUN_UNTIL(fx->loop, s1->nev == N && s2->nev == N, WAIT_MS));
	assert_int_equal(s1->bad_order + s2->bad_order, 0);

	/* one frame much larger than a socket buffer, there and back */
	uint8_t *big = malloc(BIG);
	assert_non_null(big);
	for (size_t i = 0; i < BIG; i++)
		big[i] = (uint8_t)(i * 2654435761u >> 13);
	struct result r = {0};
	assert_int_equal(
		n2_ipc_request(p->ipc, "s1", "test.ping", big, BIG, WAIT_MS, on_result, &r), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, r.done, WAIT_MS));
	assert_int_equal(r.status, N2_IPC_OK);
	assert_int_equal(r.full_len, BIG);
	assert_int_equal(r.hash, fnv1a(big, BIG));
	free(big);
	assert_int_equal(p->downs + s1->downs + s2->downs, 0);
	assert_int_equal(count_of(fx, C_SLOW), 0);
}

struct bad_case {
	const char *what;
	const uint8_t *bytes;
	size_t len;
	int close_after;   /* the client hangs up itself */
	const char *reg;   /* register under this name first (NULL: do not) */
	int counter;       /* the C_* counter that must go up */
	const char *error; /* the bus answers with an ERROR saying this before hanging up */
};

static void test_bad_clients(void **state)
{
	struct fx *fx = *state;
	struct tc *a = tc_up(fx, "a");
	struct tc *b = tc_up(fx, "b");

	static const uint8_t undecodable[] = {0,    0,    0,    8,    0xff, 0xff,
					      0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	static const uint8_t truncated[] = {0, 0, 0, 100, 0x08, 0x01, 0x12, 0x01, 'x'};
	static const uint8_t oversized[] = {0x7f, 0xff, 0xff, 0xff, 0x08, 0x01};
	static const uint8_t http[] = "GET / HTTP/1.0\r\n\r\n"; /* "GET " as a length: 1.2 GB */
	static const uint8_t bad_kind[] = {0, 0, 0, 2, 0x08, 0x07};
	uint8_t request[128], bad_name[128], twice[128];
	size_t request_len, bad_name_len, twice_len;
	{
		/* valid frames that break the rules */
		struct n2_msg req = {.kind = N2_MSG_REQUEST,
				     .src = "evil",
				     .dst = "a",
				     .type = "test.ping",
				     .seq = 1};
		struct n2_msg reg = {.kind = N2_MSG_REGISTER, .src = "no/slash"};
		struct n2_msg again = {.kind = N2_MSG_REGISTER, .src = "again"};
		const struct n2_msg *ms[] = {&req, &reg, &again};
		uint8_t *bufs[] = {request, bad_name, twice};
		size_t *lens[] = {&request_len, &bad_name_len, &twice_len};
		for (int i = 0; i < 3; i++) {
			size_t n;
			uint8_t *e = n2_msg_encode(ms[i], &n);
			assert_true(e && n + N2_FRAME_HDR <= sizeof(request));
			put_be32(bufs[i], (uint32_t)n);
			memcpy(bufs[i] + N2_FRAME_HDR, e, n);
			*lens[i] = n + N2_FRAME_HDR;
			free(e);
		}
	}
	const struct bad_case cases[] = {
		{"undecodable frame", undecodable, sizeof(undecodable), 0, NULL, C_UNDECODABLE,
		 NULL},
		{"unknown kind", bad_kind, sizeof(bad_kind), 0, "kind", C_UNDECODABLE, NULL},
		{"truncated frame then close", truncated, sizeof(truncated), 1, NULL, C_TRUNCATED,
		 NULL},
		{"oversized length prefix", oversized, sizeof(oversized), 0, NULL, C_OVERSIZED,
		 "frame of 2147483647 bytes is over the limit of 4194304 bytes"},
		{"oversized after registering", oversized, sizeof(oversized), 0, "big", C_OVERSIZED,
		 "frame of 2147483647 bytes is over the limit of 4194304 bytes"},
		{"unframed text", http, sizeof(http) - 1, 0, NULL, C_OVERSIZED,
		 "frame of 1195725856 bytes is over the limit"}, /* "GET " */
		{"request before registering", request, request_len, 0, NULL, C_PROTOCOL, NULL},
		{"invalid name", bad_name, bad_name_len, 0, NULL, C_PROTOCOL,
		 "invalid client name"},
		{"registering twice", twice, twice_len, 0, "once", C_PROTOCOL,
		 "already registered"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct bad_case *bc = &cases[i];
		struct counts before = counts(fx);
		struct raw r;
		raw_open(fx, &r, 1);
		if (bc->reg) {
			raw_register(&r, bc->reg);
			assert_true(TU_RUN_UNTIL(fx->loop, r.kinds[N2_MSG_REPLY] == 1, WAIT_MS));
		}
		assert_int_equal(write_all(r.fd, bc->bytes, bc->len), 0);
		if (bc->close_after)
			raw_close(&r);
		uint64_t want = before.v[bc->counter] + 1;
		if (!TU_RUN_UNTIL(fx->loop,
				  count_of(fx, bc->counter) == want && (bc->close_after || r.eof),
				  WAIT_MS))
			fail_msg("%s: not counted or not disconnected", bc->what);
		/* that counter moved by one, and no other */
		struct counts after = counts(fx);
		for (int k = 0; k < C_N; k++)
			if (after.v[k] != before.v[k] + (k == bc->counter))
				fail_msg("%s: counter %d went from %llu to %llu", bc->what, k,
					 (unsigned long long)before.v[k],
					 (unsigned long long)after.v[k]);
		if (bc->error) {
			assert_int_equal(r.kinds[N2_MSG_ERROR], 1);
			if (!strstr(r.error, bc->error))
				fail_msg("%s: the error says '%s', not '%s'", bc->what, r.error,
					 bc->error);
		}
		if (bc->reg)
			assert_false(bus_has(fx, bc->reg, NULL));
		raw_close(&r);
		/* everyone else carries on */
		check_rr(a, b);
		check_rr(b, a);
		assert_int_equal(a->downs + b->downs, 0);
	}
	assert_true(TU_RUN_UNTIL(fx->loop, counts(fx).clients == 2, WAIT_MS));

	/* a registered client cannot claim another name in src */
	struct raw s;
	raw_open(fx, &s, 1);
	raw_register(&s, "rawc");
	struct n2_msg spoof = {
		.kind = N2_MSG_REQUEST, .src = "b", .dst = "a", .type = "test.ping", .seq = 5};
	raw_send(&s, &spoof);
	assert_true(TU_RUN_UNTIL(fx->loop, s.kinds[N2_MSG_REPLY] == 2, WAIT_MS));
	assert_string_equal(a->last_req_src, "rawc");
	raw_close(&s);
}

/* BUS_MAX_CLIENTS connections at once: the next one is told why and closed, counted once; the
 * clients on the bus carry on, and a client refused earlier gets in once there is room. */
static void test_client_limit(void **state)
{
	struct fx *fx = *state;
	struct tc *a = tc_up(fx, "a");
	struct tc *b = tc_up(fx, "b");
	enum { N = BUS_MAX_CLIENTS - 2 };
	struct raw *idle = calloc(N, sizeof(*idle));
	assert_non_null(idle);
	for (int i = 0; i < N; i++)
		raw_open(fx, &idle[i], 0);
	assert_true(TU_RUN_UNTIL(fx->loop, counts(fx).clients == BUS_MAX_CLIENTS, WAIT_MS));

	struct raw over;
	raw_open(fx, &over, 1);
	assert_true(TU_RUN_UNTIL(fx->loop, over.eof, WAIT_MS));
	assert_int_equal(over.kinds[N2_MSG_ERROR], 1);
	assert_string_equal(over.error, "too many bus clients (at most 64)");
	assert_int_equal(count_of(fx, C_CLIENTS), 1);
	raw_close(&over);
	struct tc *late = tc_new(fx, "late", 1);
	assert_true(TU_RUN_UNTIL(fx->loop, n2_ipc_last_error(late->ipc)[0], WAIT_MS));
	assert_string_equal(n2_ipc_last_error(late->ipc), "too many bus clients (at most 64)");
	assert_int_equal(late->ups, 0);
	assert_int_equal(counts(fx).clients, BUS_MAX_CLIENTS);
	check_rr(a, b);

	raw_close(&idle[0]); /* room for one: the library's own reconnection gets in */
	assert_true(TU_RUN_UNTIL(fx->loop, late->ups == 1, WAIT_MS));
	check_rr(late, a);
	for (int i = 1; i < N; i++)
		raw_close(&idle[i]);
	free(idle);
	assert_int_equal(a->downs + b->downs, 0);
}

/* A request over N2_FRAME_MAX is refused by the library before anything goes out, with errno
 * EMSGSIZE; n2_ipc_call says which limit; the connection carries on. */
static void test_request_over_frame(void **state)
{
	struct fx *fx = *state;
	struct tc *a = tc_up(fx, "a");
	struct tc *b = tc_up(fx, "b");
	size_t len = (size_t)N2_FRAME_MAX + 1;
	uint8_t *big = calloc(1, len);
	assert_non_null(big);
	struct result r = {0};
	errno = 0;
	assert_int_equal(n2_ipc_request(a->ipc, "b", "test.ping", big, len, WAIT_MS, on_result, &r),
			 -1);
	assert_int_equal(errno, EMSGSIZE);
	char err[128];
	assert_int_equal(n2_ipc_call(a->ipc, "b", "test.ping", big, len, WAIT_MS, NULL, NULL, err,
				     sizeof(err)),
			 N2_IPC_EDOWN);
	assert_string_equal(err, "the request is over the bus frame limit (4194304 bytes)");
	free(big);
	check_rr(a, b);
	assert_int_equal(r.done, 0);
	assert_int_equal(a->downs, 0);
}

/* A client's BUS_MAX_TOPICS + 1st subscription: an ERROR saying so, then the hang-up. */
static void test_topic_limit(void **state)
{
	struct fx *fx = *state;
	struct raw r;
	raw_open(fx, &r, 1);
	raw_register(&r, "greedy");
	assert_true(TU_RUN_UNTIL(fx->loop, r.kinds[N2_MSG_REPLY] == 1, WAIT_MS));
	uint64_t before = count_of(fx, C_PROTOCOL);
	for (int i = 0; i <= BUS_MAX_TOPICS; i++) {
		char topic[32];
		snprintf(topic, sizeof(topic), "t.%d", i);
		struct n2_msg m = {.kind = N2_MSG_SUBSCRIBE, .type = topic};
		raw_send(&r, &m);
		n2_loop_once(fx->loop, 0); /* the bus reads as we go: the socket never fills */
	}
	assert_true(TU_RUN_UNTIL(fx->loop, r.eof, WAIT_MS));
	assert_int_equal(r.kinds[N2_MSG_ERROR], 1);
	assert_string_equal(r.error, "too many subscriptions (at most 256)");
	assert_int_equal(count_of(fx, C_PROTOCOL), before + 1);
	raw_close(&r);
}

/* In a child process: registers `name` with `alias`, writes the bus's answer (the error text, or
 * "ok") to out, and keeps the connection until hold is closed. */
static void child_register(const char *path, const char *name, const char *alias, int out, int hold)
{
	int fd = connect_to(path);
	char *aliases[] = {(char *)alias};
	N2os__Ipc__Hello h = N2OS__IPC__HELLO__INIT;
	h.aliases = aliases;
	h.n_aliases = alias ? 1 : 0;
	uint8_t hb[128];
	size_t hl = n2os__ipc__hello__pack(&h, hb);
	struct n2_msg m = {.kind = N2_MSG_REGISTER, .src = name, .payload = hb, .len = hl};
	if (fd < 0 || send_frame(fd, &m) < 0)
		_exit(1);
	struct n2_rbuf rb;
	n2_rbuf_init(&rb);
	const uint8_t *f;
	size_t len;
	while (n2_rbuf_next(&rb, &f, &len) != N2_FRAME_OK)
		if (n2_rbuf_fill(&rb, fd) <= 0)
			_exit(2);
	struct n2_msg ans;
	void *holder;
	if (n2_msg_decode(f, len, &ans, &holder) < 0)
		_exit(3);
	const char *say = ans.kind == N2_MSG_REPLY ? "ok" : ans.error;
	if (write(out, say, strlen(say)) < 0)
		_exit(4);
	close(out);
	char c;
	_exit(read(hold, &c, 1) == 0 ? 0 : 5);
}

/* What a child process registering name (with alias) was told; its connection is held until
 * *hold is closed. */
static pid_t child_told(struct fx *fx, const char *name, const char *alias, char *told, size_t len,
			int *hold)
{
	int out[2], h[2];
	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(h), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(out[0]);
		close(h[1]);
		child_register(fx->path, name, alias, out[1], h[0]);
	}
	close(out[1]);
	close(h[0]);
	*hold = h[1];
	int flags = fcntl(out[0], F_GETFL);
	assert_int_equal(fcntl(out[0], F_SETFL, flags | O_NONBLOCK), 0);
	size_t got = 0;
	ssize_t n = 0;
	/* the bus runs in this process: drive it until the child has its answer */
	assert_true(TU_RUN_UNTIL(fx->loop,
				 (n = read(out[0], told + got, len - 1 - got)) == 0 ||
					 (n > 0 && (got += (size_t)n, 0)),
				 WAIT_MS));
	told[got] = 0;
	close(out[0]);
	return pid;
}

static void child_end(pid_t pid, int hold)
{
	close(hold);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

/* The name "ipcmgr" belongs to the bus's own client (the bus's pid): another process may neither
 * register it nor answer to it as an alias, so it cannot publish ipc.client events that every
 * process trusts (lib/member.c). */
static void test_reserved_name(void **state)
{
	struct fx *fx = *state;
	char told[160];
	int hold;
	uint64_t before = count_of(fx, C_PROTOCOL);
	pid_t pid = child_told(fx, "ipcmgr", NULL, told, sizeof(told), &hold);
	assert_string_equal(told, "the name 'ipcmgr' is reserved for the bus itself");
	child_end(pid, hold);
	assert_int_equal(count_of(fx, C_PROTOCOL), before + 1);
	assert_false(bus_has(fx, "ipcmgr", NULL));

	pid = child_told(fx, "posing", "ipcmgr", told, sizeof(told), &hold);
	assert_string_equal(told, "ok");
	struct tc *w = tc_up(fx, "watch");
	struct result r = {0};
	assert_int_equal(
		n2_ipc_request(w->ipc, "ipcmgr", "test.ping", "p", 1, WAIT_MS, on_result, &r), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, r.done, WAIT_MS));
	assert_int_equal(r.status,
			 N2_IPC_EREMOTE); /* "no such destination": the alias was dropped */
	child_end(pid, hold);

	struct tc *own = tc_up(fx, "ipcmgr"); /* the bus's own pid: allowed */
	check_rr(own, w);
}

static void test_slow_client(void **state)
{
	struct fx *fx = *state;
	enum { LIMIT = 64 * 1024, PAYLOAD = 2048, BATCH = 16, MAX_BATCHES = 512 };
	bus_set_queue_limit(fx->bus, LIMIT); /* applies to connections from now on */
	struct tc *p = tc_up(fx, "pub");
	struct tc *s1 = tc_up(fx, "s1");
	struct tc *s2 = tc_up(fx, "s2");
	struct tc *w = tc_up(fx, "watch");
	n2_ipc_subscribe(s1->ipc, "bulk", on_event, s1);
	n2_ipc_subscribe(s2->ipc, "bulk", on_event, s2);
	n2_ipc_watch_members(w->ipc, on_member, w);
	tc_sync(s1);
	tc_sync(s2);
	tc_sync(w);

	/* a client that subscribes and then never reads */
	struct raw slow;
	raw_open(fx, &slow, 0);
	raw_register(&slow, "slow");
	struct n2_msg sub = {.kind = N2_MSG_SUBSCRIBE, .type = "bulk"};
	raw_send(&slow, &sub);
	assert_true(TU_RUN_UNTIL(fx->loop, bus_has(fx, "slow", "bulk"), WAIT_MS));

	/* Publish in batches the live subscribers keep up with, until the bus gives up on the slow
	 * one (its socket buffer, then its queue fill up), and a few batches more. */
	uint32_t seq = 0;
	int extra = -1;
	for (int batch = 0; batch < MAX_BATCHES && extra != 0; batch++) {
		for (int k = 0; k < BATCH; k++)
			publish_seq(p, "bulk", seq++, PAYLOAD);
		assert_true(TU_RUN_UNTIL(fx->loop, s1->nev == (int)seq && s2->nev == (int)seq,
					 WAIT_MS));
		if (extra > 0)
			extra--;
		else if (extra < 0 && count_of(fx, C_SLOW) == 1)
			extra = 4;
	}
	assert_int_equal(extra, 0);
	struct counts c = counts(fx);
	assert_int_equal(c.v[C_SLOW], 1);
	assert_false(bus_has(fx, "slow", NULL));
	assert_int_equal(c.clients, 4);

	/* publisher and subscribers unaffected: everything arrived, in order, nobody went down */
	assert_int_equal(s1->bad_order + s2->bad_order, 0);
	assert_int_equal(p->downs + s1->downs + s2->downs + w->downs, 0);
	assert_int_equal(p->nev, 0);
	check_rr(p, s1);
	check_rr(s2, p);
	N2os__Ipc__Stats *st = stats_get(fx);
	for (size_t i = 0; i < st->n_clients; i++)
		assert_int_equal(st->clients[i]->drops, 0);
	n2os__ipc__stats__free_unpacked(st, NULL);
	/* the others were told it came and went */
	assert_true(TU_RUN_UNTIL(fx->loop, w->nce == 2, WAIT_MS));
	assert_string_equal(w->ce_name, "slow");
	assert_false(w->ce_up);

	/* what the slow client did get is an unbroken prefix of the stream, then the hang-up */
	struct n2_rbuf *rb = &slow.rb;
	int flags = fcntl(slow.fd, F_GETFL);
	assert_int_equal(fcntl(slow.fd, F_SETFL, flags | O_NONBLOCK), 0);
	long n;
	uint32_t next = 0;
	int frames = 0;
	while ((n = n2_rbuf_fill(rb, slow.fd)) > 0) {
		const uint8_t *f;
		size_t len;
		while (n2_rbuf_next(rb, &f, &len) == N2_FRAME_OK) {
			struct n2_msg m;
			void *holder;
			assert_int_equal(n2_msg_decode(f, len, &m, &holder), 0);
			if (frames++ == 0) {
				assert_int_equal(m.kind, N2_MSG_REPLY); /* the registration */
			} else {
				assert_int_equal(m.kind, N2_MSG_PUBLISH);
				assert_int_equal(m.len, PAYLOAD);
				assert_int_equal(get_be32(m.payload), next++);
			}
			n2_msg_release(holder);
		}
	}
	assert_true(n == 0 || errno == ECONNRESET); /* not EAGAIN: the bus closed it */
	assert_true(next > 0 && next < seq);
	raw_close(&slow);
}

static void test_slow_request_target(void **state)
{
	struct fx *fx = *state;
	enum { PAYLOAD = 2048, BATCH = 16, MAX_BATCHES = 512, TIMEOUT_MS = 300 };
	bus_set_queue_limit(fx->bus, 64 * 1024);
	struct tc *a = tc_up(fx, "a");
	struct tc *b = tc_up(fx, "b");
	struct raw deaf; /* registered, then never reads: unicast traffic to it piles up */
	raw_open(fx, &deaf, 0);
	raw_register(&deaf, "deaf");
	assert_true(TU_RUN_UNTIL(fx->loop, bus_has(fx, "deaf", NULL), WAIT_MS));

	static struct result r[MAX_BATCHES * BATCH];
	memset(r, 0, sizeof(r));
	uint8_t buf[PAYLOAD];
	memset(buf, 0x5a, sizeof(buf));
	int sent = 0, extra = -1;
	for (int batch = 0; batch < MAX_BATCHES && extra != 0; batch++) {
		for (int k = 0; k < BATCH; k++, sent++) {
			int rc = n2_ipc_request(a->ipc, "deaf", "test.ping", buf, sizeof(buf),
						TIMEOUT_MS, on_result, &r[sent]);
			assert_int_equal(rc, 0);
		}
		tc_sync(a); /* the bus has routed (or refused) all of them */
		if (extra > 0)
			extra--;
		else if (extra < 0 && count_of(fx, C_SLOW) == 1)
			extra = 2;
	}
	assert_int_equal(extra, 0);
	assert_int_equal(count_of(fx, C_SLOW), 1);
	assert_false(bus_has(fx, "deaf", NULL));

	/* every request is answered exactly once: by a timeout if it reached the deaf client's
	 * queue, by "no such destination" once the bus had dropped it */
	assert_true(TU_RUN_UNTIL(fx->loop, r[sent - 1].done && r[0].done, WAIT_MS));
	int timeouts = 0, refused = 0;
	for (int i = 0; i < sent; i++) {
		assert_true(TU_RUN_UNTIL(fx->loop, r[i].done, WAIT_MS));
		assert_int_equal(r[i].done, 1);
		if (r[i].status == N2_IPC_ETIMEOUT) {
			assert_int_equal(refused, 0); /* no timeout after the first refusal */
			timeouts++;
		} else {
			assert_int_equal(r[i].status, N2_IPC_EREMOTE);
			assert_non_null(strstr(r[i].error, "no such destination"));
			refused++;
		}
	}
	assert_true(timeouts > 0 && refused >= BATCH);
	assert_int_equal(a->downs + b->downs, 0);
	check_rr(a, b);
	raw_close(&deaf);
}

static void test_client_events(void **state)
{
	struct fx *fx = *state;
	struct tc *w = tc_up(fx, "watch");
	assert_int_equal(n2_ipc_watch_members(w->ipc, on_member, w), 0);
	tc_sync(w);
	assert_int_equal(w->nce, 0);

	struct tc *x = tc_up(fx, "xray");
	assert_true(TU_RUN_UNTIL(fx->loop, w->nce == 1, WAIT_MS));
	assert_string_equal(w->ce_name, "xray");
	assert_true(w->ce_up);
	assert_int_equal(w->ce_pid, getpid());

	tc_free(x);
	assert_true(TU_RUN_UNTIL(fx->loop, w->nce == 2, WAIT_MS));
	assert_string_equal(w->ce_name, "xray");
	assert_false(w->ce_up);

	/* a connection that never registered comes and goes without events */
	struct raw r;
	raw_open(fx, &r, 0);
	assert_true(TU_RUN_UNTIL(fx->loop, counts(fx).clients == 2, WAIT_MS));
	raw_close(&r);
	assert_true(TU_RUN_UNTIL(fx->loop, counts(fx).clients == 1, WAIT_MS));
	tc_sync(w);
	assert_int_equal(w->nce, 2);
	assert_int_equal(n2_ipc_member_drops(w->ipc), 0);
}

/* A request to an alias reaches the client that registered it; a registered name wins over an
 * alias; events and the membership list carry the aliases. */
static void test_aliases(void **state)
{
	struct fx *fx = *state;
	static const char *const aliases[] = {"xray", "x-ray", NULL};
	struct tc *w = tc_up(fx, "watch");
	assert_int_equal(n2_ipc_watch_members(w->ipc, on_member, w), 0);
	tc_sync(w);
	struct tc *x = tc_new(fx, "xrayd", 0);
	n2_ipc_set_aliases(x->ipc, aliases);
	n2_ipc_start(x->ipc);
	assert_true(TU_RUN_UNTIL(fx->loop, x->ups == 1 && w->nce == 1, WAIT_MS));
	assert_string_equal(w->ce_name, "xrayd");
	assert_string_equal(w->ce_alias, "xray");

	struct result r = {0};
	assert_int_equal(
		n2_ipc_request(w->ipc, "x-ray", "test.ping", "p", 1, WAIT_MS, on_result, &r), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, r.done, WAIT_MS));
	assert_int_equal(r.status, N2_IPC_OK);
	assert_string_equal(r.src, "xrayd"); /* the answer names the process */

	size_t len;
	uint8_t *buf = bus_members_encode(fx->bus, &len);
	assert_non_null(buf);
	N2os__Ipc__Members *m = n2os__ipc__members__unpack(NULL, len, buf);
	assert_non_null(m);
	assert_int_equal(m->n_clients, 2);
	assert_string_equal(m->clients[0]->name, "watch");
	assert_int_equal(m->clients[0]->n_aliases, 0);
	assert_string_equal(m->clients[1]->name, "xrayd");
	assert_int_equal(m->clients[1]->n_aliases, 2);
	assert_string_equal(m->clients[1]->aliases[1], "x-ray");
	assert_true(m->clients[1]->up);
	n2os__ipc__members__free_unpacked(m, NULL);
	free(buf);

	/* a process registered as "xray" itself takes the name over from the alias */
	struct tc *y = tc_up(fx, "xray");
	(void)y;
	struct result r2 = {0};
	assert_int_equal(
		n2_ipc_request(w->ipc, "xray", "test.ping", "p", 1, WAIT_MS, on_result, &r2), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, r2.done, WAIT_MS));
	assert_string_equal(r2.src, "xray");
}

/* Two watchers on one client share one subscription and are called in the order they were
 * added; a membership event that a client (not ipcmgr) publishes reaches neither and is counted. */
static void test_member_watchers(void **state)
{
	struct fx *fx = *state;
	struct tc *w = tc_up(fx, "watch");
	struct tc second = {.fx = fx};
	assert_int_equal(n2_ipc_watch_members(w->ipc, on_member, w), 0);
	assert_int_equal(n2_ipc_watch_members(w->ipc, on_member, &second), 0);
	tc_sync(w);
	assert_true(bus_has(fx, "watch", "ipc.client"));

	struct tc *x = tc_up(fx, "xray");
	assert_true(TU_RUN_UNTIL(fx->loop, w->nce == 1 && second.nce == 1, WAIT_MS));
	assert_string_equal(second.ce_name, "xray");
	assert_true(w->ce_order < second.ce_order);

	/* a client's forgery: "xray went away", on the membership topic */
	N2os__Ipc__ClientEvent ce = N2OS__IPC__CLIENT_EVENT__INIT;
	ce.name = "xray";
	ce.pid = (uint32_t)getpid();
	uint8_t buf[64];
	size_t len = n2os__ipc__client_event__pack(&ce, buf);
	assert_int_equal(n2_ipc_publish(x->ipc, "ipc.client", buf, len), 0);
	tc_sync(x);
	tc_sync(w);
	assert_int_equal(w->nce + second.nce, 2);
	assert_true(w->ce_up);
	assert_int_equal(n2_ipc_member_drops(w->ipc), 1);
}

struct members_seen {
	int done, n;
	char names[4][64], alias[4][64];
};

static void on_members(const struct n2_member *members, int n, void *arg)
{
	struct members_seen *ms = arg;
	ms->done++;
	ms->n = n;
	for (int i = 0; i < n && i < 4; i++) {
		copy_str(ms->names[i], sizeof(ms->names[i]), members[i].name);
		copy_str(ms->alias[i], sizeof(ms->alias[i]),
			 members[i].aliases[0] ? members[i].aliases[0] : "");
	}
}

/* ipcmgr's own client answers "ipc.members" with the bus's list (as managers/ipcmgr/main.c). */
static void on_members_req(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct tc *c = arg;
	size_t len;
	uint8_t *buf = bus_members_encode(c->fx->bus, &len);
	assert_non_null(buf);
	n2_ipc_reply(ipc, req, buf, len);
	free(buf);
}

/* The membership query through lib/ipc.c: everyone on the bus, in order, with their aliases. */
static void test_members_query(void **state)
{
	struct fx *fx = *state;
	static const char *const aliases[] = {"vrrp", NULL};
	struct tc *mgr = tc_up(fx, "ipcmgr");
	assert_int_equal(n2_ipc_handle(mgr->ipc, "ipc.members", on_members_req, mgr), 0);
	struct tc *w = tc_up(fx, "watch");
	struct tc *v = tc_new(fx, "vrrpd", 0);
	n2_ipc_set_aliases(v->ipc, aliases);
	n2_ipc_start(v->ipc);
	assert_true(TU_RUN_UNTIL(fx->loop, v->ups == 1, WAIT_MS));
	struct members_seen ms = {0};
	assert_int_equal(n2_ipc_members(w->ipc, WAIT_MS, on_members, &ms), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, ms.done, WAIT_MS));
	assert_int_equal(ms.n, 3);
	assert_string_equal(ms.names[0], "ipcmgr");
	assert_string_equal(ms.names[1], "watch");
	assert_string_equal(ms.alias[1], "");
	assert_string_equal(ms.names[2], "vrrpd");
	assert_string_equal(ms.alias[2], "vrrp");
	assert_int_equal(n2_ipc_member_drops(w->ipc), 0);
}

static void test_reconnect(void **state)
{
	struct fx *fx = *state;
	struct tc *a = tc_up(fx, "a");
	struct tc *b = tc_up(fx, "b");
	assert_int_equal(n2_ipc_subscribe(b->ipc, "t", on_event, b), 0);
	tc_sync(b);
	struct result pending = {0};
	assert_int_equal(
		n2_ipc_request(a->ipc, "b", "test.hold", NULL, 0, 60000, on_result, &pending), 0);
	assert_true(TU_RUN_UNTIL(fx->loop, b->nheld == 1, WAIT_MS));

	/* the bus goes away: both notice, and the request in flight fails at once */
	bus_free(fx->bus);
	fx->bus = NULL;
	assert_true(
		TU_RUN_UNTIL(fx->loop, a->downs == 1 && b->downs == 1 && pending.done, WAIT_MS));
	assert_int_equal(pending.done, 1);
	assert_int_equal(pending.status, N2_IPC_EDOWN);
	assert_false(n2_ipc_is_up(a->ipc));
	struct result never = {0};
	assert_int_equal(n2_ipc_request(a->ipc, "b", "test.ping", NULL, 0, 1000, on_result, &never),
			 -1);
	assert_int_equal(n2_ipc_publish(a->ipc, "t", "x", 1), -1);

	/* a new bus on the same path: both come back by themselves, b subscribed again */
	fx->bus = bus_new(fx->loop, fx->path, 1);
	assert_non_null(fx->bus);
	assert_true(TU_RUN_UNTIL(fx->loop, a->ups == 2 && b->ups == 2, WAIT_MS));
	tc_sync(b);
	assert_true(bus_has(fx, "b", "t"));
	publish_seq(a, "t", 0, 8);
	tc_sync(a);
	tc_sync(b);
	assert_int_equal(b->nev, 1);
	assert_int_equal(b->bad_order, 0);
	check_rr(a, b);
	check_rr(b, a);
	assert_int_equal(never.done, 0);
	assert_int_equal(pending.done, 1);
}

int main(void)
{
	tu_log_init("test_bus");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_register, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_reply, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_destination, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pubsub, setup, teardown),
		cmocka_unit_test_setup_teardown(test_burst, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_clients, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_topic_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_over_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reserved_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slow_client, setup, teardown),
		cmocka_unit_test_setup_teardown(test_slow_request_target, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_events, setup, teardown),
		cmocka_unit_test_setup_teardown(test_aliases, setup, teardown),
		cmocka_unit_test_setup_teardown(test_member_watchers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_members_query, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reconnect, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
