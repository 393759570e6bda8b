/* The bus message as processes see it: our own struct, converted from and to the protobuf-c
 * Envelope in msg.c only, so generated types stay at the edge. */
#ifndef N2_MSG_H
#define N2_MSG_H
#include <stddef.h>
#include <stdint.h>
#include "frame.h"

enum n2_msg_kind {
	N2_MSG_REGISTER = 0,
	N2_MSG_REQUEST,
	N2_MSG_REPLY,
	N2_MSG_ERROR,
	N2_MSG_PUBLISH,
	N2_MSG_SUBSCRIBE,
	N2_MSG_UNSUBSCRIBE,
	N2_MSG_KIND_COUNT
};

struct n2_msg {
	enum n2_msg_kind kind;
	const char *src, *dst, *type, *error; /* never NULL after decode ("" when absent) */
	uint32_t seq;
	const uint8_t *payload;
	size_t len;
};

const char *n2_msg_kind_name(enum n2_msg_kind k);

/* Decodes one envelope. On success *holder owns the strings and payload *out points into;
 * release it with n2_msg_release(). Returns 0, or -1 when undecodable or the kind is unknown. */
int n2_msg_decode(const uint8_t *buf, size_t len, struct n2_msg *out, void **holder);
void n2_msg_release(void *holder);
/* Encodes msg as one frame at the tail of wq. -1 when the queue is full. */
int n2_msg_queue(struct n2_wqueue *wq, const struct n2_msg *msg);
/* Refuses a connection before it is served: one ERROR frame (seq 0, from src, the reason in
 * why), written at once without blocking (a fresh socket has room for it); the caller closes
 * fd. A client sees it as the answer to its registration. Returns 0, or -1 if not all written. */
int n2_msg_refuse(int fd, const char *src, const char *why);
/* Encodes msg into a new malloc'd buffer (no frame header), for tests and benchmarks. */
uint8_t *n2_msg_encode(const struct n2_msg *msg, size_t *len);
#endif
