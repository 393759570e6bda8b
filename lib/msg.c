/* Conversion between struct n2_msg and the protobuf-c Envelope (the only lib file that sees it). */
#include "msg.h"
#include "ipc.pb-c.h"
#include <stdlib.h>
#include <sys/socket.h>

static const char *const kind_names[N2_MSG_KIND_COUNT] = {
	[N2_MSG_REGISTER] = "register",
	[N2_MSG_REQUEST] = "request",
	[N2_MSG_REPLY] = "reply",
	[N2_MSG_ERROR] = "error",
	[N2_MSG_PUBLISH] = "publish",
	[N2_MSG_SUBSCRIBE] = "subscribe",
	[N2_MSG_UNSUBSCRIBE] = "unsubscribe",
};

const char *n2_msg_kind_name(enum n2_msg_kind k)
{
	return (unsigned)k < N2_MSG_KIND_COUNT ? kind_names[k] : "unknown";
}

static const char *s(const char *p)
{
	return p ? p : "";
}

int n2_msg_decode(const uint8_t *buf, size_t len, struct n2_msg *out, void **holder)
{
	N2os__Ipc__Envelope *e = n2os__ipc__envelope__unpack(NULL, len, buf);
	if (!e)
		return -1;
	if ((unsigned)e->kind >= N2_MSG_KIND_COUNT) {
		n2os__ipc__envelope__free_unpacked(e, NULL);
		return -1;
	}
	out->kind = (enum n2_msg_kind)e->kind;
	out->src = s(e->src);
	out->dst = s(e->dst);
	out->type = s(e->type);
	out->error = s(e->error);
	out->seq = e->seq;
	out->payload = e->payload.data;
	out->len = e->payload.len;
	*holder = e;
	return 0;
}

void n2_msg_release(void *holder)
{
	if (holder)
		n2os__ipc__envelope__free_unpacked(holder, NULL);
}

static void to_envelope(const struct n2_msg *m, N2os__Ipc__Envelope *e)
{
	n2os__ipc__envelope__init(e);
	e->kind = (N2os__Ipc__Envelope__Kind)m->kind;
	/* protobuf-c wants char *; it only reads them when packing */
	e->src = (char *)s(m->src);
	e->dst = (char *)s(m->dst);
	e->type = (char *)s(m->type);
	e->error = (char *)s(m->error);
	e->seq = m->seq;
	e->payload.data = (uint8_t *)m->payload;
	e->payload.len = m->payload ? m->len : 0;
}

int n2_msg_queue(struct n2_wqueue *wq, const struct n2_msg *msg)
{
	N2os__Ipc__Envelope e;
	to_envelope(msg, &e);
	size_t n = n2os__ipc__envelope__get_packed_size(&e);
	uint8_t *p = n2_wq_reserve(wq, n);
	if (!p)
		return -1;
	n2os__ipc__envelope__pack(&e, p);
	return 0;
}

uint8_t *n2_msg_encode(const struct n2_msg *msg, size_t *len)
{
	N2os__Ipc__Envelope e;
	to_envelope(msg, &e);
	*len = n2os__ipc__envelope__get_packed_size(&e);
	uint8_t *p = malloc(*len ? *len : 1);
	if (p)
		n2os__ipc__envelope__pack(&e, p);
	return p;
}

int n2_msg_refuse(int fd, const char *src, const char *why)
{
	struct n2_msg m = {.kind = N2_MSG_ERROR, .src = src, .error = why};
	struct n2_wqueue wq;
	n2_wq_init(&wq, 2 * N2_FRAME_HDR + 1024);
	int rc = -1;
	if (n2_msg_queue(&wq, &m) == 0) {
		ssize_t n = send(fd, wq.buf, n2_wq_pending(&wq), MSG_DONTWAIT | MSG_NOSIGNAL);
		rc = n == (ssize_t)n2_wq_pending(&wq) ? 0 : -1;
	}
	n2_wq_fini(&wq);
	return rc;
}
