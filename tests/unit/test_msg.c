/* Unit tests for the envelope codec (lib/msg.c): every kind survives encode/decode and framing,
 * absent strings decode as "", and undecodable bytes or unknown kinds are refused. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include "msg.h"

/* What a string field should decode as: absent (NULL) comes back as "". */
static const char *str(const char *s)
{
	return s ? s : "";
}

/* Compares what was encoded (a) with what was decoded (b). */
static void check_equal(const struct n2_msg *a, const struct n2_msg *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_string_equal(str(a->src), b->src);
	assert_string_equal(str(a->dst), b->dst);
	assert_string_equal(str(a->type), b->type);
	assert_string_equal(str(a->error), b->error);
	assert_int_equal(a->seq, b->seq);
	assert_int_equal(a->len, b->len);
	if (a->len)
		assert_memory_equal(a->payload, b->payload, a->len);
}

static void test_round_trip_every_kind(void **state)
{
	(void)state;
	/* binary payload with zero bytes and high bits, so no string handling can pass by luck */
	uint8_t payload[300];
	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(i * 37u);
	for (int k = 0; k < N2_MSG_KIND_COUNT; k++) {
		const char *error = k == N2_MSG_ERROR ? "no such link" : "";
		struct n2_msg m = {.kind = (enum n2_msg_kind)k,
				   .src = "pifmgr",
				   .dst = "vrrpd",
				   .type = "pif.link",
				   .error = error,
				   .seq = 0xfffffff0u + (uint32_t)k,
				   .payload = payload,
				   .len = sizeof(payload) - (size_t)k};
		size_t len;
		uint8_t *buf = n2_msg_encode(&m, &len);
		assert_non_null(buf);
		assert_true(len > m.len);
		struct n2_msg out;
		void *holder = NULL;
		assert_int_equal(n2_msg_decode(buf, len, &out, &holder), 0);
		assert_non_null(holder);
		check_equal(&m, &out);
		n2_msg_release(holder);
		free(buf);
		assert_string_not_equal(n2_msg_kind_name(m.kind), "unknown");
	}
	assert_string_equal(n2_msg_kind_name(N2_MSG_REQUEST), "request");
	assert_string_equal(n2_msg_kind_name(N2_MSG_KIND_COUNT), "unknown");
}

static void test_absent_fields(void **state)
{
	(void)state;
	/* NULL strings and no payload encode as absent and decode as "" and length 0 */
	struct n2_msg m = {.kind = N2_MSG_SUBSCRIBE, .type = "ipc.client"};
	size_t len;
	uint8_t *buf = n2_msg_encode(&m, &len);
	assert_non_null(buf);
	struct n2_msg out;
	void *holder;
	assert_int_equal(n2_msg_decode(buf, len, &out, &holder), 0);
	assert_int_equal(out.kind, N2_MSG_SUBSCRIBE);
	assert_string_equal(out.type, "ipc.client");
	assert_non_null(out.src);
	assert_string_equal(out.src, "");
	assert_string_equal(out.dst, "");
	assert_string_equal(out.error, "");
	assert_int_equal(out.seq, 0);
	assert_int_equal(out.len, 0);
	n2_msg_release(holder);
	free(buf);
	n2_msg_release(NULL); /* harmless */
}

static void test_queue_then_frame(void **state)
{
	(void)state;
	struct n2_wqueue wq;
	n2_wq_init(&wq, 1u << 16);
	struct n2_msg a = {.kind = N2_MSG_REQUEST,
			   .src = "a",
			   .dst = "b",
			   .type = "t.x",
			   .seq = 7,
			   .payload = (const uint8_t *)"abc",
			   .len = 3};
	struct n2_msg b = {.kind = N2_MSG_PUBLISH,
			   .src = "b",
			   .type = "t.y",
			   .payload = (const uint8_t *)"\0\1\2",
			   .len = 3};
	assert_int_equal(n2_msg_queue(&wq, &a), 0);
	assert_int_equal(n2_msg_queue(&wq, &b), 0);
	/* what the queue holds is a frame stream the read buffer takes apart again */
	struct n2_rbuf rb;
	n2_rbuf_init(&rb);
	assert_int_equal(n2_rbuf_append(&rb, wq.buf + wq.off, n2_wq_pending(&wq)), 0);
	const struct n2_msg *want[] = {&a, &b};
	for (int i = 0; i < 2; i++) {
		const uint8_t *f;
		size_t len;
		struct n2_msg out;
		void *holder;
		assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_OK);
		assert_int_equal(n2_msg_decode(f, len, &out, &holder), 0);
		check_equal(want[i], &out);
		n2_msg_release(holder);
	}
	assert_int_equal(n2_rbuf_pending(&rb), 0);
	n2_rbuf_fini(&rb);
	n2_wq_fini(&wq);

	/* a queue too small for the envelope refuses it and stays empty */
	n2_wq_init(&wq, 10);
	assert_int_equal(n2_msg_queue(&wq, &a), -1);
	assert_int_equal(n2_wq_pending(&wq), 0);
	n2_wq_fini(&wq);
}

static void expect_undecodable(const uint8_t *buf, size_t len)
{
	struct n2_msg out;
	void *holder = NULL;
	assert_int_equal(n2_msg_decode(buf, len, &out, &holder), -1);
	assert_null(holder);
}

static void test_garbage(void **state)
{
	(void)state;
	/* a field tag longer than any varint tag may be */
	static const uint8_t long_tag[] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
	/* field 2 (src) claims 16 bytes, one follows */
	static const uint8_t short_string[] = {0x12, 0x10, 'a'};
	/* wire type 7 does not exist */
	static const uint8_t bad_wire_type[] = {0x0f, 0x00};
	expect_undecodable(long_tag, sizeof(long_tag));
	expect_undecodable(short_string, sizeof(short_string));
	expect_undecodable(bad_wire_type, sizeof(bad_wire_type));

	/* a valid envelope cut short anywhere inside its payload */
	struct n2_msg m = {
		.kind = N2_MSG_REPLY, .src = "x", .payload = (const uint8_t *)"hello", .len = 5};
	size_t len;
	uint8_t *buf = n2_msg_encode(&m, &len);
	assert_non_null(buf);
	expect_undecodable(buf, len - 1);
	free(buf);

	/* random bytes: whatever decodes must still be a known kind with non-NULL strings */
	srand(99);
	for (int i = 0; i < 2000; i++) {
		uint8_t r[32];
		size_t n = (size_t)(rand() % (int)sizeof(r));
		for (size_t j = 0; j < n; j++)
			r[j] = (uint8_t)rand();
		struct n2_msg out;
		void *holder;
		if (n2_msg_decode(r, n, &out, &holder) == 0) {
			assert_true((unsigned)out.kind < N2_MSG_KIND_COUNT);
			assert_non_null(out.src);
			assert_non_null(out.dst);
			assert_non_null(out.type);
			assert_non_null(out.error);
			n2_msg_release(holder);
		}
	}
}

static void test_unknown_kind(void **state)
{
	(void)state;
	/* field 1 (kind) as a varint: 7 is one past the last kind; 1000; and -1 */
	static const uint8_t kind7[] = {0x08, 0x07};
	static const uint8_t kind1000[] = {0x08, 0xe8, 0x07};
	static const uint8_t kind_neg[] = {0x08, 0xff, 0xff, 0xff, 0xff, 0xff,
					   0xff, 0xff, 0xff, 0xff, 0x01};
	static const uint8_t kind6[] = {0x08, 0x06}; /* the last valid kind, as a control */
	expect_undecodable(kind7, sizeof(kind7));
	expect_undecodable(kind1000, sizeof(kind1000));
	expect_undecodable(kind_neg, sizeof(kind_neg));
	struct n2_msg out;
	void *holder;
	assert_int_equal(n2_msg_decode(kind6, sizeof(kind6), &out, &holder), 0);
	assert_int_equal(out.kind, N2_MSG_UNSUBSCRIBE);
	n2_msg_release(holder);

	/* the same through our own encoder */
	struct n2_msg m = {.kind = (enum n2_msg_kind)N2_MSG_KIND_COUNT, .src = "a"};
	size_t len;
	uint8_t *buf = n2_msg_encode(&m, &len);
	assert_non_null(buf);
	expect_undecodable(buf, len);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip_every_kind), cmocka_unit_test(test_absent_fields),
		cmocka_unit_test(test_queue_then_frame),      cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_unknown_kind),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
