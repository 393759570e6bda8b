/* bus_bench's responder: a plain bus client that echoes requests and counts flood events. It is
 * deliberately minimal so that the figures measure the bus and the client library, not work done
 * in handlers. */
#include "bench.h"
#include "log.h"

#include <signal.h>
#include <stdio.h>

struct responder {
	struct n2_loop *loop;
	size_t payload;
	uint64_t events, badlen;
};

static void on_echo(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)arg;
	n2_ipc_reply(ipc, req, req->payload, req->len);
}

static void on_count(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	struct responder *r = arg;
	char buf[64];
	int n = snprintf(buf, sizeof(buf), "%llu %llu", (unsigned long long)r->events,
			 (unsigned long long)r->badlen);
	n2_ipc_reply(ipc, req, buf, (size_t)n);
}

static void on_flood(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)ipc;
	struct responder *r = arg;
	r->events++;
	if (ev->len != r->payload)
		r->badlen++;
}

static void on_term(struct n2_loop *loop, int signo, void *arg)
{
	(void)signo;
	(void)arg;
	n2_loop_stop(loop);
}

static void on_bus(struct n2_ipc *ipc, int up, void *arg)
{
	(void)ipc;
	struct responder *r = arg;
	if (!up) /* the bus went away: the benchmark is over (or broken) */
		n2_loop_stop(r->loop);
}

int bench_responder_run(const char *sockpath, size_t payload)
{
	struct responder r = {.payload = payload};
	if (!(r.loop = n2_loop_new()))
		return 1;
	struct n2_ipc *ipc = n2_ipc_new(r.loop, sockpath, BENCH_RESPONDER);
	if (!ipc)
		return 1;
	n2_signal_add(r.loop, SIGTERM, on_term, NULL);
	n2_ipc_handle(ipc, BENCH_ECHO, on_echo, &r);
	n2_ipc_handle(ipc, BENCH_COUNT, on_count, &r);
	n2_ipc_subscribe(ipc, BENCH_TOPIC, on_flood, &r);
	int rc = 1;
	if (n2_ipc_connect_wait(ipc, 5000) == 0) {
		n2_ipc_set_reconnect(ipc, 0);
		n2_ipc_set_state_cb(ipc, on_bus, &r);
		rc = n2_loop_run(r.loop) < 0;
	} else {
		n2_log_err("responder: cannot join the bus: %s", n2_ipc_last_error(ipc));
	}
	n2_ipc_free(ipc);
	n2_loop_free(r.loop);
	return rc;
}
