/* IPC client (see ipc.h): one non-blocking Unix stream connection to ipcmgr. */
#include "ipc.h"
#include "ipc.pb-c.h"
#include "log.h"
#include "mem.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

N2_MTYPE(MT_IPC, "ipc client");
N2_MTYPE(MT_IPC_PENDING, "ipc pending request");
N2_MTYPE(MT_IPC_ENTRY, "ipc handler/subscription");

#define PENDING_BUCKETS 256
#define RECONNECT_MIN_US 10000u
#define RECONNECT_MAX_US 1000000u

struct entry { /* a request handler or a subscription */
	struct entry *next;
	char *key;
	void *fn;
	void *arg;
};

struct pending {
	struct pending *next;
	struct n2_ipc *ipc;
	uint32_t seq;
	n2_ipc_reply_cb cb;
	void *arg;
	struct n2_timer *timeout;
};

struct n2_ipc {
	struct n2_loop *loop;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	char name[64];
	const char *const *aliases; /* sent with REGISTER (n2_ipc_set_aliases) */
	int fd, up, reconnect;
	uint32_t seq;
	uint64_t backoff_us;
	struct n2_timer *t_reconnect;
	struct n2_rbuf rb;
	struct n2_wqueue wq;
	struct entry *handlers, *subs;
	struct pending *pend[PENDING_BUCKETS];
	n2_ipc_state_cb state_cb;
	void *state_arg;
	struct {
		n2_ipc_state_cb cb;
		void *arg;
	} more_cb[8];
	struct {
		n2_ipc_member_cb cb;
		void *arg;
	} watch[8]; /* n2_ipc_watch_members */
	uint64_t member_drops;
	struct n2_ratelimit member_rl;
	char last_error[128];
};

int n2_ipc_sock_path(const char *rundir, char *buf, size_t len)
{
	size_t max = sizeof(((struct sockaddr_un *)0)->sun_path);
	int n = snprintf(buf, len, "%s/ipc.sock", rundir);
	if (n < 0 || (size_t)n >= len || (size_t)n >= max) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

struct n2_ipc *n2_ipc_new(struct n2_loop *loop, const char *sockpath, const char *name)
{
	struct n2_ipc *ipc = n2_calloc(MT_IPC, 1, sizeof(*ipc));
	if (!ipc)
		return NULL;
	if (strlen(sockpath) >= sizeof(ipc->path) || strlen(name) >= sizeof(ipc->name) || !*name) {
		n2_free(MT_IPC, ipc);
		errno = ENAMETOOLONG;
		return NULL;
	}
	strcpy(ipc->path, sockpath);
	strcpy(ipc->name, name);
	ipc->loop = loop;
	ipc->fd = -1;
	ipc->reconnect = 1;
	ipc->backoff_us = RECONNECT_MIN_US;
	ipc->member_rl = (struct n2_ratelimit)N2_RATELIMIT_INIT(1000, 5);
	n2_rbuf_init(&ipc->rb);
	n2_wq_init(&ipc->wq, N2_IPC_QUEUE_LIMIT);
	return ipc;
}

static void free_entries(struct entry *e)
{
	while (e) {
		struct entry *n = e->next;
		n2_free(MT_IPC_ENTRY, e->key);
		n2_free(MT_IPC_ENTRY, e);
		e = n;
	}
}

static void fail_pending(struct n2_ipc *ipc, int status)
{
	for (int b = 0; b < PENDING_BUCKETS; b++) {
		struct pending *p;
		while ((p = ipc->pend[b])) {
			ipc->pend[b] = p->next;
			n2_timer_cancel(&p->timeout);
			if (p->cb)
				p->cb(ipc, status, NULL, p->arg);
			n2_free(MT_IPC_PENDING, p);
		}
	}
}

static void disconnect(struct n2_ipc *ipc)
{
	if (ipc->fd >= 0) {
		n2_fd_del(ipc->loop, ipc->fd);
		close(ipc->fd);
		ipc->fd = -1;
	}
	n2_rbuf_fini(&ipc->rb);
	n2_wq_fini(&ipc->wq);
}

void n2_ipc_free(struct n2_ipc *ipc)
{
	if (!ipc)
		return;
	ipc->state_cb = NULL;
	memset(ipc->more_cb, 0, sizeof(ipc->more_cb));
	disconnect(ipc);
	fail_pending(ipc, N2_IPC_EDOWN);
	n2_timer_cancel(&ipc->t_reconnect);
	free_entries(ipc->handlers);
	free_entries(ipc->subs);
	n2_free(MT_IPC, ipc);
}

const char *n2_ipc_name(const struct n2_ipc *ipc)
{
	return ipc->name;
}

const char *n2_ipc_last_error(const struct n2_ipc *ipc)
{
	return ipc->last_error;
}

void n2_ipc_set_state_cb(struct n2_ipc *ipc, n2_ipc_state_cb cb, void *arg)
{
	ipc->state_cb = cb;
	ipc->state_arg = arg;
}

int n2_ipc_add_state_cb(struct n2_ipc *ipc, n2_ipc_state_cb cb, void *arg)
{
	for (size_t i = 0; i < sizeof(ipc->more_cb) / sizeof(ipc->more_cb[0]); i++)
		if (!ipc->more_cb[i].cb) {
			ipc->more_cb[i].cb = cb;
			ipc->more_cb[i].arg = arg;
			return 0;
		}
	return -1;
}

static void tell_state(struct n2_ipc *ipc, int up)
{
	if (ipc->state_cb)
		ipc->state_cb(ipc, up, ipc->state_arg);
	for (size_t i = 0; i < sizeof(ipc->more_cb) / sizeof(ipc->more_cb[0]); i++)
		if (ipc->more_cb[i].cb)
			ipc->more_cb[i].cb(ipc, up, ipc->more_cb[i].arg);
}

void n2_ipc_set_reconnect(struct n2_ipc *ipc, int on)
{
	ipc->reconnect = on;
}

int n2_ipc_is_up(const struct n2_ipc *ipc)
{
	return ipc->up;
}

/* -1 with errno ENOTCONN, EMSGSIZE (over N2_FRAME_MAX), ENOBUFS (queue full) or ENOMEM. */
static int send_msg(struct n2_ipc *ipc, const struct n2_msg *m)
{
	if (ipc->fd < 0) {
		errno = ENOTCONN;
		return -1;
	}
	int was_empty = n2_wq_pending(&ipc->wq) == 0;
	if (n2_msg_queue(&ipc->wq, m) < 0) {
		/* Bounded: a caller retrying a full queue must not flood the log and its ring.
		 * Publishes and subscriptions have no dst: never hand NULL to %s. */
		static struct n2_ratelimit rl = N2_RATELIMIT_INIT(1000, 5);
		int e = errno;
		char why[64];
		if (e == EMSGSIZE)
			snprintf(why, sizeof(why), "over the bus frame limit (%u bytes)",
				 N2_FRAME_MAX);
		else
			snprintf(why, sizeof(why), "output queue full");
		n2_log_rl(&rl, LOG_WARNING, "ipc: %s, dropping %s %s%s%s", why,
			  n2_msg_kind_name(m->kind), m->type ? m->type : "", m->dst ? " to " : "",
			  m->dst ? m->dst : "");
		errno = e;
		return -1;
	}
	/* Write at once when nothing is waiting: the common case needs no extra loop round. */
	if (was_empty) {
		int r = n2_wq_flush(&ipc->wq, ipc->fd);
		if (r == 1)
			n2_fd_mod(ipc->loop, ipc->fd, N2_READ | N2_WRITE);
		/* on error the read side sees the hang-up and handles it */
	}
	return 0;
}

static void lost(struct n2_ipc *ipc);
static void try_connect(struct n2_loop *loop, void *arg);

static void schedule_reconnect(struct n2_ipc *ipc)
{
	if (!ipc->reconnect)
		return;
	n2_timer_add(ipc->loop, &ipc->t_reconnect, ipc->backoff_us, try_connect, ipc);
	ipc->backoff_us *= 2;
	if (ipc->backoff_us > RECONNECT_MAX_US)
		ipc->backoff_us = RECONNECT_MAX_US;
}

static void lost(struct n2_ipc *ipc)
{
	int was_up = ipc->up;
	ipc->up = 0;
	disconnect(ipc);
	fail_pending(ipc, N2_IPC_EDOWN);
	if (was_up) {
		n2_log_warn("ipc: lost the bus connection");
		tell_state(ipc, 0);
	}
	schedule_reconnect(ipc);
}

static struct entry *find(struct entry *e, const char *key)
{
	for (; e; e = e->next)
		if (!strcmp(e->key, key))
			return e;
	return NULL;
}

static struct pending **pending_slot(struct n2_ipc *ipc, uint32_t seq)
{
	struct pending **pp = &ipc->pend[seq % PENDING_BUCKETS];
	while (*pp && (*pp)->seq != seq)
		pp = &(*pp)->next;
	return pp;
}

static void on_registered(struct n2_ipc *ipc)
{
	ipc->up = 1;
	ipc->backoff_us = RECONNECT_MIN_US;
	ipc->last_error[0] = 0;
	for (struct entry *e = ipc->subs; e; e = e->next) {
		struct entry *first = ipc->subs;
		while (strcmp(first->key, e->key)) /* once per topic */
			first = first->next;
		if (first != e)
			continue;
		struct n2_msg m = {.kind = N2_MSG_SUBSCRIBE, .type = e->key};
		send_msg(ipc, &m);
	}
	n2_log_debug("ipc: registered as %s", ipc->name);
	tell_state(ipc, 1);
}

static void dispatch_answer(struct n2_ipc *ipc, const struct n2_msg *m)
{
	if (!ipc->up) { /* the answer to REGISTER, or a refusal of the connection */
		if (m->kind == N2_MSG_REPLY) {
			on_registered(ipc);
		} else {
			snprintf(ipc->last_error, sizeof(ipc->last_error), "%s", m->error);
			n2_log_err("ipc: registration as %s refused: %s", ipc->name, m->error);
		}
		return;
	}
	if (m->seq == 0) { /* the bus's word on a frame of ours (a limit), before it hangs up */
		if (m->kind == N2_MSG_ERROR) {
			snprintf(ipc->last_error, sizeof(ipc->last_error), "%s", m->error);
			n2_log_err("ipc: %s says: %s", m->src, m->error);
		}
		return;
	}
	struct pending **pp = pending_slot(ipc, m->seq);
	struct pending *p = *pp;
	if (!p) {
		n2_log_debug("ipc: %s for unknown or expired seq %u from %s",
			     n2_msg_kind_name(m->kind), m->seq, m->src);
		return;
	}
	*pp = p->next;
	n2_timer_cancel(&p->timeout);
	p->cb(ipc, m->kind == N2_MSG_REPLY ? N2_IPC_OK : N2_IPC_EREMOTE, m, p->arg);
	n2_free(MT_IPC_PENDING, p);
}

static void dispatch(struct n2_ipc *ipc, const struct n2_msg *m)
{
	struct entry *e;
	switch (m->kind) {
	case N2_MSG_REPLY:
	case N2_MSG_ERROR:
		dispatch_answer(ipc, m);
		break;
	case N2_MSG_REQUEST:
		if ((e = find(ipc->handlers, m->type)))
			((n2_ipc_handler)e->fn)(ipc, m, e->arg);
		else
			n2_ipc_reply_error(ipc, m, "%s does not handle '%s'", ipc->name, m->type);
		break;
	case N2_MSG_PUBLISH:
		/* a listener may unsubscribe from inside its callback: fetch next first */
		for (struct entry *n, *s = ipc->subs; s; s = n) {
			n = s->next;
			if (!strcmp(s->key, m->type))
				((n2_ipc_event_cb)s->fn)(ipc, m, s->arg);
		}
		break;
	default:
		n2_log_warn("ipc: unexpected %s frame from the bus", n2_msg_kind_name(m->kind));
	}
}

static void on_readable(struct n2_ipc *ipc)
{
	long n = n2_rbuf_fill(&ipc->rb, ipc->fd);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		lost(ipc);
		return;
	}
	const uint8_t *f;
	size_t len;
	enum n2_frame_status st;
	int fd = ipc->fd;
	while (ipc->fd == fd && (st = n2_rbuf_next(&ipc->rb, &f, &len)) == N2_FRAME_OK) {
		struct n2_msg m;
		void *holder;
		if (n2_msg_decode(f, len, &m, &holder) < 0) {
			n2_log_err("ipc: undecodable frame from the bus (%zu bytes)", len);
			continue;
		}
		dispatch(ipc, &m);
		n2_msg_release(holder);
	}
	if (ipc->fd == fd && st == N2_FRAME_OVERSIZED) {
		n2_log_err("ipc: oversized frame from the bus, reconnecting");
		lost(ipc);
	}
}

static void on_io(struct n2_loop *loop, int fd, unsigned ev, void *arg)
{
	(void)loop;
	(void)fd;
	struct n2_ipc *ipc = arg;
	if (ev & N2_WRITE) {
		int r = n2_wq_flush(&ipc->wq, ipc->fd);
		if (r < 0) {
			lost(ipc);
			return;
		}
		if (r == 0)
			n2_fd_mod(ipc->loop, ipc->fd, N2_READ);
	}
	if (ev & N2_READ)
		on_readable(ipc);
}

static void try_connect(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct n2_ipc *ipc = arg;
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		schedule_reconnect(ipc);
		return;
	}
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	strcpy(sa.sun_path, ipc->path);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		snprintf(ipc->last_error, sizeof(ipc->last_error), "connect %s: %s", ipc->path,
			 strerror(errno));
		close(fd);
		schedule_reconnect(ipc);
		return;
	}
	ipc->fd = fd;
	if (n2_fd_add(ipc->loop, fd, N2_READ, on_io, ipc) < 0) {
		disconnect(ipc);
		schedule_reconnect(ipc);
		return;
	}
	N2os__Ipc__Hello hello = N2OS__IPC__HELLO__INIT;
	hello.aliases = (char **)ipc->aliases;
	while (ipc->aliases && hello.n_aliases < N2_IPC_MAX_ALIASES &&
	       ipc->aliases[hello.n_aliases])
		hello.n_aliases++;
	uint8_t buf[N2_IPC_MAX_ALIASES * 72];
	size_t n = n2os__ipc__hello__get_packed_size(&hello);
	if (n > sizeof(buf))
		n = 0; /* names too long for the bus anyway (64 bytes): register without them */
	else
		n2os__ipc__hello__pack(&hello, buf);
	struct n2_msg m = {.kind = N2_MSG_REGISTER, .src = ipc->name, .payload = buf, .len = n};
	send_msg(ipc, &m);
}

void n2_ipc_set_aliases(struct n2_ipc *ipc, const char *const *aliases)
{
	ipc->aliases = aliases;
}

struct members_req {
	n2_ipc_members_cb cb;
	void *arg;
};

static void on_members(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	struct members_req r = *(struct members_req *)arg;
	n2_free(MT_IPC, arg);
	struct n2_members ms;
	char why[256];
	if (status != N2_IPC_OK) {
		r.cb(NULL, -1, r.arg);
	} else if (n2_members_decode(&ms, rep->payload, rep->len, why, sizeof(why)) < 0) {
		ipc->member_drops++;
		n2_log_rl(&ipc->member_rl, LOG_WARNING, "ipc: malformed ipc.members answer: %s",
			  why);
		r.cb(NULL, -1, r.arg);
	} else {
		r.cb(ms.list, (int)ms.n, r.arg);
		n2_members_release(&ms);
	}
}

int n2_ipc_members(struct n2_ipc *ipc, unsigned timeout_ms, n2_ipc_members_cb cb, void *arg)
{
	struct members_req *r = n2_calloc(MT_IPC, 1, sizeof(*r));
	if (!r)
		return -1;
	*r = (struct members_req){cb, arg};
	if (n2_ipc_request(ipc, "ipcmgr", "ipc.members", NULL, 0, timeout_ms, on_members, r) < 0) {
		n2_free(MT_IPC, r);
		return -1;
	}
	return 0;
}

/* The one "ipc.client" subscription of a client: decoded once, handed to every watcher. */
static void on_member_event(struct n2_ipc *ipc, const struct n2_msg *ev, void *arg)
{
	(void)arg;
	struct n2_member_event me;
	char why[256];
	if (strcmp(ev->src, "ipcmgr")) {
		snprintf(why, sizeof(why), "published by %s, not by the bus", ev->src);
	} else if (n2_member_event_decode(&me, ev->payload, ev->len, why, sizeof(why)) == 0) {
		for (size_t i = 0; i < sizeof(ipc->watch) / sizeof(ipc->watch[0]); i++)
			if (ipc->watch[i].cb)
				ipc->watch[i].cb(&me.m, ipc->watch[i].arg);
		n2_member_event_release(&me);
		return;
	}
	ipc->member_drops++;
	n2_log_rl(&ipc->member_rl, LOG_WARNING, "ipc: dropping malformed ipc.client event: %s",
		  why);
}

int n2_ipc_watch_members(struct n2_ipc *ipc, n2_ipc_member_cb cb, void *arg)
{
	size_t n = sizeof(ipc->watch) / sizeof(ipc->watch[0]), i = 0;
	while (i < n && ipc->watch[i].cb)
		i++;
	if (i == n || (i == 0 && n2_ipc_subscribe(ipc, "ipc.client", on_member_event, NULL) < 0))
		return -1;
	ipc->watch[i].cb = cb;
	ipc->watch[i].arg = arg;
	return 0;
}

uint64_t n2_ipc_member_drops(const struct n2_ipc *ipc)
{
	return ipc->member_drops;
}

void n2_ipc_start(struct n2_ipc *ipc)
{
	if (ipc->fd < 0 && !ipc->t_reconnect)
		try_connect(ipc->loop, ipc);
}

static int add_entry(struct entry **list, const char *key, void *fn, void *arg)
{
	struct entry *e = find(*list, key);
	if (!e) {
		e = n2_calloc(MT_IPC_ENTRY, 1, sizeof(*e));
		if (!e || !(e->key = n2_strdup(MT_IPC_ENTRY, key))) {
			n2_free(MT_IPC_ENTRY, e);
			return -1;
		}
		e->next = *list;
		*list = e;
	}
	e->fn = fn;
	e->arg = arg;
	return 0;
}

int n2_ipc_handle(struct n2_ipc *ipc, const char *type, n2_ipc_handler fn, void *arg)
{
	return add_entry(&ipc->handlers, type, (void *)fn, arg);
}

/* Several listeners may share a topic; the bus hears of the topic once. */
int n2_ipc_subscribe(struct n2_ipc *ipc, const char *topic, n2_ipc_event_cb cb, void *arg)
{
	int fresh = 1;
	for (struct entry *e = ipc->subs; e; e = e->next) {
		if (strcmp(e->key, topic))
			continue;
		if (e->fn == (void *)cb && e->arg == arg)
			return 0;
		fresh = 0;
	}
	struct entry *e = n2_calloc(MT_IPC_ENTRY, 1, sizeof(*e));
	if (!e || !(e->key = n2_strdup(MT_IPC_ENTRY, topic))) {
		n2_free(MT_IPC_ENTRY, e);
		return -1;
	}
	e->fn = (void *)cb;
	e->arg = arg;
	e->next = ipc->subs;
	ipc->subs = e;
	if (fresh && ipc->up) {
		struct n2_msg m = {.kind = N2_MSG_SUBSCRIBE, .type = topic};
		send_msg(ipc, &m);
	}
	return 0;
}

void n2_ipc_unsubscribe(struct n2_ipc *ipc, const char *topic)
{
	int found = 0;
	for (struct entry **pe = &ipc->subs; *pe;) {
		struct entry *e = *pe;
		if (strcmp(e->key, topic)) {
			pe = &e->next;
			continue;
		}
		*pe = e->next;
		n2_free(MT_IPC_ENTRY, e->key);
		n2_free(MT_IPC_ENTRY, e);
		found = 1;
	}
	if (found && ipc->up) {
		struct n2_msg m = {.kind = N2_MSG_UNSUBSCRIBE, .type = topic};
		send_msg(ipc, &m);
	}
}

static void on_timeout(struct n2_loop *loop, void *arg)
{
	(void)loop;
	struct pending *p = arg;
	struct n2_ipc *ipc = p->ipc;
	*pending_slot(ipc, p->seq) = p->next;
	p->cb(ipc, N2_IPC_ETIMEOUT, NULL, p->arg);
	n2_free(MT_IPC_PENDING, p);
}

int n2_ipc_request(struct n2_ipc *ipc, const char *dst, const char *type, const void *payload,
		   size_t len, unsigned timeout_ms, n2_ipc_reply_cb cb, void *arg)
{
	if (!ipc->up) {
		errno = ENOTCONN;
		return -1;
	}
	uint32_t seq = ++ipc->seq ? ipc->seq : ++ipc->seq; /* 0 is the registration's */
	struct n2_msg m = {.kind = N2_MSG_REQUEST,
			   .src = ipc->name,
			   .dst = dst,
			   .type = type,
			   .seq = seq,
			   .payload = payload,
			   .len = len};
	if (send_msg(ipc, &m) < 0)
		return -1;
	struct pending *p = n2_calloc(MT_IPC_PENDING, 1, sizeof(*p));
	if (!p) {
		errno = ENOMEM;
		return -1;
	}
	p->ipc = ipc;
	p->seq = seq;
	p->cb = cb;
	p->arg = arg;
	struct pending **head = &ipc->pend[seq % PENDING_BUCKETS];
	p->next = *head;
	*head = p;
	n2_timer_add(ipc->loop, &p->timeout, (uint64_t)timeout_ms * 1000u, on_timeout, p);
	return 0;
}

int n2_ipc_reply(struct n2_ipc *ipc, const struct n2_msg *req, const void *payload, size_t len)
{
	struct n2_msg m = {.kind = N2_MSG_REPLY,
			   .src = ipc->name,
			   .dst = req->src,
			   .type = req->type,
			   .seq = req->seq,
			   .payload = payload,
			   .len = len};
	return send_msg(ipc, &m);
}

int n2_ipc_reply_error(struct n2_ipc *ipc, const struct n2_msg *req, const char *fmt, ...)
{
	char err[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, sizeof(err), fmt, ap);
	va_end(ap);
	struct n2_msg m = {.kind = N2_MSG_ERROR,
			   .src = ipc->name,
			   .dst = req->src,
			   .type = req->type,
			   .seq = req->seq,
			   .error = err};
	return send_msg(ipc, &m);
}

int n2_ipc_publish(struct n2_ipc *ipc, const char *topic, const void *payload, size_t len)
{
	if (!ipc->up)
		return -1;
	struct n2_msg m = {.kind = N2_MSG_PUBLISH,
			   .src = ipc->name,
			   .type = topic,
			   .payload = payload,
			   .len = len};
	return send_msg(ipc, &m);
}

static void wait_expired(struct n2_loop *loop, void *arg)
{
	(void)loop;
	*(int *)arg = 1;
}

int n2_ipc_connect_wait(struct n2_ipc *ipc, unsigned timeout_ms)
{
	int expired = 0;
	struct n2_timer *t = NULL;
	n2_timer_add(ipc->loop, &t, (uint64_t)timeout_ms * 1000u, wait_expired, &expired);
	n2_ipc_start(ipc);
	while (!ipc->up && !expired && (ipc->fd >= 0 || ipc->t_reconnect))
		if (n2_loop_once(ipc->loop, -1) < 0)
			break;
	n2_timer_cancel(&t);
	return ipc->up ? 0 : -1;
}

struct call_state {
	int done, status;
	uint8_t *reply;
	size_t rlen;
	char *err;
	size_t errlen;
};

static void call_done(struct n2_ipc *ipc, int status, const struct n2_msg *rep, void *arg)
{
	(void)ipc;
	struct call_state *cs = arg;
	cs->done = 1;
	cs->status = status;
	if (status == N2_IPC_OK) {
		cs->reply = malloc(rep->len ? rep->len : 1);
		if (cs->reply && rep->len)
			memcpy(cs->reply, rep->payload, rep->len);
		cs->rlen = rep->len;
	} else if (cs->err && cs->errlen) {
		snprintf(cs->err, cs->errlen, "%s",
			 status == N2_IPC_EREMOTE    ? rep->error
			 : status == N2_IPC_ETIMEOUT ? "no reply (timed out)"
						     : "lost the bus connection");
	}
}

int n2_ipc_call(struct n2_ipc *ipc, const char *dst, const char *type, const void *payload,
		size_t len, unsigned timeout_ms, uint8_t **reply, size_t *rlen, char *err,
		size_t errlen)
{
	struct call_state cs = {.err = err, .errlen = errlen};
	if (n2_ipc_request(ipc, dst, type, payload, len, timeout_ms, call_done, &cs) < 0) {
		if (err && errlen && errno == EMSGSIZE)
			snprintf(err, errlen, "the request is over the bus frame limit (%u bytes)",
				 N2_FRAME_MAX);
		else if (err && errlen)
			snprintf(err, errlen, "%s",
				 errno == ENOTCONN ? "not connected to the bus" : strerror(errno));
		return N2_IPC_EDOWN;
	}
	while (!cs.done)
		if (n2_loop_once(ipc->loop, -1) < 0)
			break;
	if (!cs.done) /* the loop failed: nothing more will come */
		return N2_IPC_EDOWN;
	if (reply)
		*reply = cs.reply;
	else
		free(cs.reply);
	if (rlen)
		*rlen = cs.rlen;
	return cs.status;
}
