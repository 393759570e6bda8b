/* Bus framing: a 4-byte big-endian length, then the encoded envelope. A read buffer that yields
 * whole frames across partial reads, and a bounded write queue that survives partial writes. */
#ifndef N2_FRAME_H
#define N2_FRAME_H
#include <stddef.h>
#include <stdint.h>

#define N2_FRAME_HDR 4u
#define N2_FRAME_MAX (4u << 20) /* largest envelope accepted, bytes */

struct n2_rbuf {
	uint8_t *buf;
	size_t off, len, cap; /* unread bytes are buf[off .. len) */
};

enum n2_frame_status {
	N2_FRAME_OK = 1,        /* a whole frame is returned */
	N2_FRAME_MORE = 0,      /* need more bytes */
	N2_FRAME_OVERSIZED = -1 /* the length prefix exceeds N2_FRAME_MAX: *len is what it says */
};

void n2_rbuf_init(struct n2_rbuf *rb);
void n2_rbuf_fini(struct n2_rbuf *rb);
/* Reads what the (non-blocking) fd has. Returns bytes read, 0 at end of file, -1 on error
 * (errno EAGAIN when there was nothing to read). */
long n2_rbuf_fill(struct n2_rbuf *rb, int fd);
/* Appends bytes (used by tests and by callers that read themselves). */
int n2_rbuf_append(struct n2_rbuf *rb, const void *data, size_t len);
enum n2_frame_status n2_rbuf_next(struct n2_rbuf *rb, const uint8_t **frame, size_t *len);
static inline size_t n2_rbuf_pending(const struct n2_rbuf *rb)
{
	return rb->len - rb->off;
}

struct n2_wqueue {
	uint8_t *buf;
	size_t off, len, cap;
	size_t limit; /* most bytes that may wait; beyond it the peer is too slow */
};

void n2_wq_init(struct n2_wqueue *wq, size_t limit);
void n2_wq_fini(struct n2_wqueue *wq);
/* Reserves room for a frame of `len` payload bytes, writes the header and returns where the
 * payload goes; NULL (nothing is queued) with errno EMSGSIZE when len is over N2_FRAME_MAX,
 * ENOBUFS when the queue would exceed its limit, ENOMEM when out of memory. */
uint8_t *n2_wq_reserve(struct n2_wqueue *wq, size_t len);
int n2_wq_push(struct n2_wqueue *wq, const void *payload, size_t len);
/* Writes as much as the fd takes. Returns 0 when empty, 1 when bytes remain, -1 on error. */
int n2_wq_flush(struct n2_wqueue *wq, int fd);
static inline size_t n2_wq_pending(const struct n2_wqueue *wq)
{
	return wq->len - wq->off;
}
#endif
