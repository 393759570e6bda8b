/* bus_bench's requester side: (a) sequential request/reply round trips through ipcmgr and
 * (b) a publish flood to the subscribing responder, each with the CPU time of the three
 * processes. */
#include "bench.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct cpu {
	uint64_t self, ipcmgr, responder;
};

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void cpu_snap(const struct bench *b, struct cpu *c)
{
	c->self = bench_cpu_us(0);
	c->ipcmgr = bench_cpu_us(b->ipcmgr);
	c->responder = bench_cpu_us(b->responder);
}

/* CPU microseconds per operation of each process between two snapshots. */
static void cpu_print(const char *per, const char *self, const char *peer, const struct cpu *a,
		      const struct cpu *z, unsigned long n)
{
	double s = (double)(z->self - a->self) / (double)n;
	double i = (double)(z->ipcmgr - a->ipcmgr) / (double)n;
	double r = (double)(z->responder - a->responder) / (double)n;
	printf("  CPU per %s: %s %.2f us + ipcmgr %.2f us + %s %.2f us = %.2f us\n", per, self, s,
	       i, peer, r, s + i + r);
}

/* Blocking BENCH_COUNT: how many flood events the responder has seen (and with a bad length). */
static int responder_count(struct bench *b, uint64_t *events, uint64_t *badlen, char *err,
			   size_t errlen)
{
	uint8_t *rep = NULL;
	size_t len;
	int st = n2_ipc_call(b->ipc, BENCH_RESPONDER, BENCH_COUNT, NULL, 0, BENCH_TIMEOUT_MS, &rep,
			     &len, err, errlen);
	if (st != N2_IPC_OK)
		return st;
	char text[64];
	snprintf(text, sizeof(text), "%.*s", (int)(len < sizeof(text) ? len : sizeof(text) - 1),
		 (const char *)rep);
	free(rep);
	unsigned long long e, bl;
	if (sscanf(text, "%llu %llu", &e, &bl) != 2) {
		snprintf(err, errlen, "malformed %s reply '%s'", BENCH_COUNT, text);
		return N2_IPC_EREMOTE;
	}
	*events = e;
	*badlen = bl;
	return N2_IPC_OK;
}

int bench_wait_responder(struct bench *b, unsigned timeout_ms)
{
	uint64_t deadline = now_ns() + (uint64_t)timeout_ms * 1000000u, e, bl;
	char err[256] = "";
	for (;;) {
		if (responder_count(b, &e, &bl, err, sizeof(err)) == N2_IPC_OK)
			return 0;
		if (now_ns() > deadline || !n2_ipc_is_up(b->ipc))
			break;
		usleep(10000); /* "no such destination" until it has registered */
	}
	fprintf(stderr, "bus_bench: the responder did not come up: %s\n", err);
	return -1;
}

/* ---- (a) round trips ---- */

struct rtt {
	int done, status, match;
	const struct bench *b;
};

static void on_echo(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct rtt *r = arg;
	r->done = 1;
	r->status = status;
	r->match = status == N2_IPC_OK && rep->len == r->b->o->payload &&
		   (!rep->len || !memcmp(rep->payload, r->b->payload, rep->len));
}

/* One request and its reply; the round trip in ns, or 0 on failure. */
static uint64_t round_trip(struct bench *b)
{
	struct rtt r = {.b = b};
	uint64_t t0 = now_ns();
	if (n2_ipc_request(b->ipc, BENCH_RESPONDER, BENCH_ECHO, b->payload, b->o->payload,
			   BENCH_TIMEOUT_MS, on_echo, &r) < 0)
		return 0;
	while (!r.done)
		if (n2_loop_once(b->loop, -1) < 0)
			return 0;
	uint64_t dt = now_ns() - t0;
	if (!r.match) {
		fprintf(stderr, "bus_bench: echo %s\n",
			r.status == N2_IPC_OK ? "came back different" : "failed");
		return 0;
	}
	return dt ? dt : 1;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted samples, in microseconds. */
static double pct_us(const uint64_t *v, size_t n, unsigned p)
{
	size_t rank = (n * p + 99) / 100;
	return (double)v[rank ? rank - 1 : 0] / 1000.0;
}

static void latency_print(uint64_t *v, size_t n, uint64_t wall_ns)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	uint64_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += v[i];
	printf("  latency: median %.1f us, p90 %.1f us, p99 %.1f us, max %.1f us (mean %.1f us, "
	       "min %.1f us)\n",
	       pct_us(v, n, 50), pct_us(v, n, 90), pct_us(v, n, 99), (double)v[n - 1] / 1000.0,
	       (double)sum / (double)n / 1000.0, (double)v[0] / 1000.0);
	printf("  %.0f round trips/s, one at a time\n", (double)n * 1e9 / (double)wall_ns);
}

int bench_latency(struct bench *b)
{
	size_t n = b->o->count, warm = n < 1000 ? n : 1000;
	uint64_t *v = malloc(n * sizeof(*v));
	if (!v)
		return -1;
	printf("\n(a) request/reply round trip through ipcmgr: %zu sequential requests '%s', "
	       "%zu-byte payload (after %zu warm-up)\n",
	       n, BENCH_ECHO, b->o->payload, warm);
	for (size_t i = 0; i < warm; i++)
		if (!round_trip(b))
			goto fail;
	struct cpu c0, c1;
	cpu_snap(b, &c0);
	uint64_t t0 = now_ns();
	for (size_t i = 0; i < n; i++)
		if (!(v[i] = round_trip(b)))
			goto fail;
	uint64_t wall = now_ns() - t0;
	cpu_snap(b, &c1);
	latency_print(v, n, wall);
	cpu_print("round trip", "requester", "responder", &c0, &c1, n);
	free(v);
	return 0;
fail:
	fprintf(stderr, "bus_bench: round trip failed\n");
	free(v);
	return -1;
}

/* ---- (b) flood ---- */

struct flood {
	unsigned outstanding;
	int failed;
};

static void on_sync(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	(void)rep;
	struct flood *f = arg;
	f->outstanding--;
	if (status != N2_IPC_OK)
		f->failed = 1;
}

/* A request behind the events sent so far: its reply means the responder has read them. */
static int sync_and_wait(struct bench *b, struct flood *f, unsigned max_outstanding)
{
	if (n2_ipc_request(b->ipc, BENCH_RESPONDER, BENCH_COUNT, NULL, 0, BENCH_TIMEOUT_MS, on_sync,
			   f) < 0)
		return -1;
	f->outstanding++;
	while (f->outstanding > max_outstanding && !f->failed)
		if (n2_loop_once(b->loop, -1) < 0)
			return -1;
	return f->failed ? -1 : 0;
}

static int publish_all(struct bench *b, struct flood *f, unsigned long window)
{
	for (unsigned long i = 0; i < b->o->events; i++) {
		while (n2_ipc_publish(b->ipc, BENCH_TOPIC, b->payload, b->o->payload) < 0) {
			if (!n2_ipc_is_up(b->ipc)) /* else our own queue is full: let it drain */
				return -1;
			n2_loop_once(b->loop, 1000);
		}
		/* The window: publish the next batch while the previous one is confirmed. */
		if ((i + 1) % window == 0 && sync_and_wait(b, f, 1) < 0)
			return -1;
	}
	return sync_and_wait(b, f, 0);
}

int bench_flood(struct bench *b)
{
	uint64_t e0, e1, bad0, bad1;
	char err[256];
	unsigned long window = BENCH_WINDOW_BYTES / (b->o->payload + 128);
	if (window > b->o->window)
		window = b->o->window;
	if (window == 0)
		window = 1;
	printf("\n(b) publish/subscribe flood: %lu events of %zu bytes on '%s', a request/reply "
	       "to the subscriber every %lu events (at most two in flight)\n",
	       b->o->events, b->o->payload, BENCH_TOPIC, window);
	if (responder_count(b, &e0, &bad0, err, sizeof(err)) != N2_IPC_OK)
		goto fail;
	struct flood f = {0};
	struct cpu c0, c1;
	cpu_snap(b, &c0);
	uint64_t t0 = now_ns();
	if (publish_all(b, &f, window) < 0) {
		snprintf(err, sizeof(err), "publishing failed (bus lost or no answer)");
		goto fail;
	}
	uint64_t wall = now_ns() - t0;
	cpu_snap(b, &c1);
	if (responder_count(b, &e1, &bad1, err, sizeof(err)) != N2_IPC_OK)
		goto fail;
	uint64_t got = e1 - e0;
	printf("  received %" PRIu64 " of %lu (%" PRIu64 " with a wrong length) in %.3f s: "
	       "%.0f msgs/s\n",
	       got, b->o->events, bad1 - bad0, (double)wall / 1e9,
	       (double)got * 1e9 / (double)wall);
	cpu_print("message", "publisher", "subscriber", &c0, &c1, b->o->events);
	return got == b->o->events && bad1 == bad0 ? 0 : -1;
fail:
	fprintf(stderr, "bus_bench: flood: %s\n", err);
	return -1;
}
