/* Bus framing (see frame.h). */
#include "frame.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define READ_CHUNK 65536u

void n2_rbuf_init(struct n2_rbuf *rb)
{
	memset(rb, 0, sizeof(*rb));
}

void n2_rbuf_fini(struct n2_rbuf *rb)
{
	free(rb->buf);
	n2_rbuf_init(rb);
}

static int rbuf_room(struct n2_rbuf *rb, size_t need)
{
	if (rb->off && rb->off == rb->len)
		rb->off = rb->len = 0;
	if (rb->cap - rb->len >= need)
		return 0;
	if (rb->off) { /* compact before growing */
		memmove(rb->buf, rb->buf + rb->off, rb->len - rb->off);
		rb->len -= rb->off;
		rb->off = 0;
		if (rb->cap - rb->len >= need)
			return 0;
	}
	size_t cap = rb->cap ? rb->cap : READ_CHUNK;
	while (cap - rb->len < need)
		cap *= 2;
	uint8_t *b = realloc(rb->buf, cap);
	if (!b)
		return -1;
	rb->buf = b;
	rb->cap = cap;
	return 0;
}

long n2_rbuf_fill(struct n2_rbuf *rb, int fd)
{
	if (rbuf_room(rb, READ_CHUNK) < 0) {
		errno = ENOMEM;
		return -1;
	}
	ssize_t n = read(fd, rb->buf + rb->len, rb->cap - rb->len);
	if (n > 0)
		rb->len += (size_t)n;
	return (long)n;
}

int n2_rbuf_append(struct n2_rbuf *rb, const void *data, size_t len)
{
	if (!len) /* an empty buffer has no memory yet: no pointer to copy nothing to */
		return 0;
	if (rbuf_room(rb, len) < 0)
		return -1;
	memcpy(rb->buf + rb->len, data, len);
	rb->len += len;
	return 0;
}

enum n2_frame_status n2_rbuf_next(struct n2_rbuf *rb, const uint8_t **frame, size_t *len)
{
	size_t avail = rb->len - rb->off;
	if (avail < N2_FRAME_HDR)
		return N2_FRAME_MORE;
	const uint8_t *p = rb->buf + rb->off;
	uint32_t n = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	if (n > N2_FRAME_MAX) {
		*len = n;
		return N2_FRAME_OVERSIZED;
	}
	if (avail - N2_FRAME_HDR < n)
		return N2_FRAME_MORE;
	*frame = p + N2_FRAME_HDR;
	*len = n;
	rb->off += N2_FRAME_HDR + n;
	return N2_FRAME_OK;
}

void n2_wq_init(struct n2_wqueue *wq, size_t limit)
{
	memset(wq, 0, sizeof(*wq));
	wq->limit = limit;
}

void n2_wq_fini(struct n2_wqueue *wq)
{
	free(wq->buf);
	n2_wq_init(wq, wq->limit);
}

uint8_t *n2_wq_reserve(struct n2_wqueue *wq, size_t len)
{
	size_t need = N2_FRAME_HDR + len;
	if (len > N2_FRAME_MAX || n2_wq_pending(wq) + need > wq->limit) {
		errno = len > N2_FRAME_MAX ? EMSGSIZE : ENOBUFS;
		return NULL;
	}
	if (wq->off == wq->len)
		wq->off = wq->len = 0;
	if (wq->cap - wq->len < need) {
		if (wq->off) {
			memmove(wq->buf, wq->buf + wq->off, wq->len - wq->off);
			wq->len -= wq->off;
			wq->off = 0;
		}
		if (wq->cap - wq->len < need) {
			size_t cap = wq->cap ? wq->cap : 4096;
			while (cap - wq->len < need)
				cap *= 2;
			uint8_t *b = realloc(wq->buf, cap);
			if (!b) {
				errno = ENOMEM;
				return NULL;
			}
			wq->buf = b;
			wq->cap = cap;
		}
	}
	uint8_t *p = wq->buf + wq->len;
	p[0] = (uint8_t)(len >> 24);
	p[1] = (uint8_t)(len >> 16);
	p[2] = (uint8_t)(len >> 8);
	p[3] = (uint8_t)len;
	wq->len += need;
	return p + N2_FRAME_HDR;
}

int n2_wq_push(struct n2_wqueue *wq, const void *payload, size_t len)
{
	uint8_t *p = n2_wq_reserve(wq, len);
	if (!p)
		return -1;
	if (len)
		memcpy(p, payload, len);
	return 0;
}

int n2_wq_flush(struct n2_wqueue *wq, int fd)
{
	while (wq->off < wq->len) {
		ssize_t n = send(fd, wq->buf + wq->off, wq->len - wq->off, MSG_NOSIGNAL);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 1;
			return -1;
		}
		wq->off += (size_t)n;
	}
	wq->off = wq->len = 0;
	return 0;
}
