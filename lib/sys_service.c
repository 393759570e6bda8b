/* The sys.* services every process answers on the bus: ping (heartbeat), log ring and level,
 * memory accounting. The only lib file that sees sys.pb-c.h. */
#include "daemon.h"
#include "log.h"
#include "mem.h"
#include "sys.pb-c.h"

#include <stdlib.h>
#include <unistd.h>

static uint64_t started;

static void reply_packed(struct n2_ipc *ipc, const struct n2_msg *req, const ProtobufCMessage *m)
{
	size_t n = protobuf_c_message_get_packed_size(m);
	uint8_t *buf = malloc(n ? n : 1);
	if (!buf) {
		n2_ipc_reply_error(ipc, req, "out of memory");
		return;
	}
	protobuf_c_message_pack(m, buf);
	n2_ipc_reply(ipc, req, buf, n);
	free(buf);
}

static void on_ping(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)arg;
	N2os__Sys__Pong p = N2OS__SYS__PONG__INIT;
	p.pid = (uint32_t)getpid();
	p.uptime_ms = (n2_now_us() - started) / 1000u;
	reply_packed(ipc, req, &p.base);
}

struct lines {
	char **v;
	size_t n;
};

static void collect(const char *line, void *arg)
{
	struct lines *l = arg;
	l->v[l->n++] = (char *)line;
}

static void on_log_get(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)arg;
	N2os__Sys__LogGet *q = n2os__sys__log_get__unpack(NULL, req->len, req->payload);
	if (!q) {
		n2_ipc_reply_error(ipc, req, "malformed sys.log.get request");
		return;
	}
	size_t max = q->max_lines;
	n2os__sys__log_get__free_unpacked(q, NULL);
	struct lines l = {calloc(n2_log_ring_count() + 1, sizeof(char *)), 0};
	if (!l.v) {
		n2_ipc_reply_error(ipc, req, "out of memory");
		return;
	}
	n2_log_ring_foreach(max, collect, &l);
	N2os__Sys__LogLines r = N2OS__SYS__LOG_LINES__INIT;
	r.level = (char *)n2_log_level_name(n2_log_get_level());
	r.lines = l.v;
	r.n_lines = l.n;
	reply_packed(ipc, req, &r.base);
	free(l.v);
}

static void on_log_set(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)arg;
	N2os__Sys__LogSet *q = n2os__sys__log_set__unpack(NULL, req->len, req->payload);
	if (!q) {
		n2_ipc_reply_error(ipc, req, "malformed sys.log.set request");
		return;
	}
	int lvl = n2_log_level_parse(q->level);
	if (lvl < 0) {
		n2_ipc_reply_error(ipc, req, "unknown log level '%s'", q->level);
	} else {
		n2_log_set_level(lvl);
		n2_log(LOG_NOTICE, "log level set to %s", n2_log_level_name(lvl));
		n2_ipc_reply(ipc, req, NULL, 0);
	}
	n2os__sys__log_set__free_unpacked(q, NULL);
}

struct memlist {
	N2os__Sys__MemType *v;
	N2os__Sys__MemType **pv;
	size_t n, cap;
	uint64_t total;
};

static void count_type(const struct n2_mtype *mt, void *arg)
{
	struct memlist *ml = arg;
	if (ml->v && ml->n < ml->cap) {
		N2os__Sys__MemType *t = &ml->v[ml->n];
		n2os__sys__mem_type__init(t);
		t->name = (char *)mt->name;
		t->count = mt->count;
		t->bytes = mt->bytes;
		ml->pv[ml->n++] = t;
		ml->total += mt->bytes;
	} else if (!ml->v) {
		ml->cap++;
	}
}

static void on_mem_get(struct n2_ipc *ipc, const struct n2_msg *req, void *arg)
{
	(void)arg;
	struct memlist ml = {0};
	n2_mtype_foreach(count_type, &ml); /* first pass counts */
	ml.v = calloc(ml.cap + 1, sizeof(*ml.v));
	ml.pv = calloc(ml.cap + 1, sizeof(*ml.pv));
	if (!ml.v || !ml.pv) {
		free(ml.v);
		free(ml.pv);
		n2_ipc_reply_error(ipc, req, "out of memory");
		return;
	}
	n2_mtype_foreach(count_type, &ml);
	N2os__Sys__MemStats r = N2OS__SYS__MEM_STATS__INIT;
	r.types = ml.pv;
	r.n_types = ml.n;
	r.total_bytes = ml.total;
	reply_packed(ipc, req, &r.base);
	free(ml.v);
	free(ml.pv);
}

void n2_sys_services(struct n2_ipc *ipc, uint64_t started_us)
{
	started = started_us;
	n2_ipc_handle(ipc, "sys.ping", on_ping, NULL);
	n2_ipc_handle(ipc, "sys.log.get", on_log_get, NULL);
	n2_ipc_handle(ipc, "sys.log.set", on_log_set, NULL);
	n2_ipc_handle(ipc, "sys.mem.get", on_mem_get, NULL);
}
