/* bus_bench (c): what one envelope costs in protobuf-c, through the same n2_msg_* calls the bus
 * and the client library use. No sockets, no other process. */
#include "bench.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static double ns_per(uint64_t t0, unsigned long n)
{
	return (double)(now_ns() - t0) / (double)n;
}

/* n2_msg_encode: packs into a new malloc'd buffer (what ipcmgr does once per published event). */
static double time_encode(const struct n2_msg *m, unsigned long n)
{
	volatile size_t sink = 0;
	uint64_t t0 = now_ns();
	for (unsigned long i = 0; i < n; i++) {
		size_t len;
		uint8_t *p = n2_msg_encode(m, &len);
		sink += len;
		free(p);
	}
	(void)sink;
	return ns_per(t0, n);
}

/* n2_msg_queue: packs straight into a write queue (every send of a client and of the bus). */
static double time_queue(const struct n2_msg *m, unsigned long n)
{
	struct n2_wqueue wq;
	n2_wq_init(&wq, 1u << 20);
	uint64_t t0 = now_ns();
	for (unsigned long i = 0; i < n; i++) {
		if (n2_msg_queue(&wq, m) < 0)
			break;
		wq.off = wq.len = 0; /* as if written to the socket */
	}
	double r = ns_per(t0, n);
	n2_wq_fini(&wq);
	return r;
}

/* n2_msg_decode + n2_msg_release: unpack (allocating) and free, as on every frame received. */
static double time_decode(const uint8_t *buf, size_t len, unsigned long n)
{
	uint64_t t0 = now_ns();
	for (unsigned long i = 0; i < n; i++) {
		struct n2_msg out;
		void *holder;
		if (n2_msg_decode(buf, len, &out, &holder) < 0)
			return -1;
		n2_msg_release(holder);
	}
	return ns_per(t0, n);
}

static int round_trips_ok(const struct n2_msg *m, const uint8_t *buf, size_t len)
{
	struct n2_msg out;
	void *holder;
	if (n2_msg_decode(buf, len, &out, &holder) < 0)
		return 0;
	int ok = out.kind == m->kind && out.seq == m->seq && out.len == m->len &&
		 !strcmp(out.src, m->src) && !strcmp(out.dst, m->dst) &&
		 !strcmp(out.type, m->type) &&
		 (!m->len || !memcmp(out.payload, m->payload, m->len));
	n2_msg_release(holder);
	return ok;
}

static size_t packed_size(const struct n2_msg *m)
{
	size_t len = 0;
	free(n2_msg_encode(m, &len));
	return len;
}

int bench_codec_measure(const struct bench_opts *o, const uint8_t *payload, struct bench_codec *r)
{
	unsigned long n = o->iterations;
	struct n2_msg req = {.kind = N2_MSG_REQUEST,
			     .src = BENCH_REQUESTER,
			     .dst = BENCH_RESPONDER,
			     .type = BENCH_ECHO,
			     .seq = 123456,
			     .payload = payload,
			     .len = o->payload};
	struct n2_msg ev = {.kind = N2_MSG_PUBLISH,
			    .src = BENCH_REQUESTER,
			    .type = BENCH_TOPIC,
			    .payload = payload,
			    .len = o->payload};
	size_t len;
	uint8_t *buf = n2_msg_encode(&req, &len);
	if (!buf || !round_trips_ok(&req, buf, len)) {
		fprintf(stderr, "bus_bench: the envelope does not survive encode + decode\n");
		free(buf);
		return -1;
	}
	r->request_len = len;
	r->event_len = packed_size(&ev);
	r->encode_ns = time_encode(&req, n);
	r->queue_ns = time_queue(&req, n);
	r->decode_ns = time_decode(buf, len, n);
	free(buf);
	return r->decode_ns < 0 ? -1 : 0;
}

void bench_codec_print(const struct bench_opts *o, const struct bench_codec *r)
{
	printf("\n(c) envelope codec (protobuf-c through n2_msg_*), %lu iterations, %zu-byte "
	       "payload\n",
	       o->iterations, o->payload);
	printf("  packed size: request %zu bytes, event %zu bytes (+ %u-byte frame header)\n",
	       r->request_len, r->event_len, N2_FRAME_HDR);
	printf("  encode to a new buffer (n2_msg_encode + free): %.0f ns\n", r->encode_ns);
	printf("  pack into a write queue (n2_msg_queue):        %.0f ns\n", r->queue_ns);
	printf("  decode + release (n2_msg_decode):              %.0f ns\n", r->decode_ns);
	printf("  pack + unpack per envelope:                    %.0f ns\n",
	       r->queue_ns + r->decode_ns);
}
