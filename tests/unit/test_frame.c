/* Unit tests for bus framing (lib/frame.c): the read buffer across partial reads, several frames
 * per chunk and oversized prefixes; the write queue across partial writes on a real socket with a
 * small send buffer, and its limit. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "frame.h"

static void put_be32(uint8_t *p, uint32_t n)
{
	p[0] = (uint8_t)(n >> 24);
	p[1] = (uint8_t)(n >> 16);
	p[2] = (uint8_t)(n >> 8);
	p[3] = (uint8_t)n;
}

/* Deterministic payload bytes for frame `id`, so any reordering or corruption shows. */
static uint8_t pattern(unsigned id, size_t i)
{
	return (uint8_t)(id * 131u + i * 7u + (i >> 8));
}

/* Builds header + payload for frame `id` of `len` bytes into a new buffer. */
static uint8_t *make_frame(unsigned id, size_t len)
{
	uint8_t *f = malloc(N2_FRAME_HDR + len);
	assert_non_null(f);
	put_be32(f, (uint32_t)len);
	for (size_t i = 0; i < len; i++)
		f[N2_FRAME_HDR + i] = pattern(id, i);
	return f;
}

static void check_payload(unsigned id, const uint8_t *p, size_t len, size_t want_len)
{
	assert_int_equal(len, want_len);
	for (size_t i = 0; i < len; i++)
		if (p[i] != pattern(id, i))
			fail_msg("frame %u byte %zu: got %u, want %u", id, i, p[i], pattern(id, i));
}

static void test_byte_at_a_time(void **state)
{
	(void)state;
	struct n2_rbuf rb;
	n2_rbuf_init(&rb);
	const uint8_t *f;
	size_t len;
	/* a small frame and one larger than the buffer's first allocation (growth path) */
	const size_t sizes[] = {37, 70000};
	for (unsigned k = 0; k < 2; k++) {
		uint8_t *fr = make_frame(k, sizes[k]);
		size_t total = N2_FRAME_HDR + sizes[k];
		for (size_t i = 0; i < total; i++) {
			assert_int_equal(n2_rbuf_append(&rb, &fr[i], 1), 0);
			enum n2_frame_status st = n2_rbuf_next(&rb, &f, &len);
			if (i + 1 < total) {
				if (st != N2_FRAME_MORE)
					fail_msg("frame %u complete after %zu of %zu bytes", k,
						 i + 1, total);
			} else {
				assert_int_equal(st, N2_FRAME_OK);
			}
		}
		check_payload(k, f, len, sizes[k]);
		assert_int_equal(n2_rbuf_pending(&rb), 0);
		assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_MORE);
		free(fr);
	}
	n2_rbuf_fini(&rb);
}

static void test_several_in_one_chunk(void **state)
{
	(void)state;
	const size_t sizes[] = {10, 0, 300, 1, 5000};
	const unsigned n = 5;
	size_t total = 0;
	for (unsigned k = 0; k < n; k++)
		total += N2_FRAME_HDR + sizes[k];
	uint8_t *chunk = malloc(total);
	assert_non_null(chunk);
	size_t off = 0;
	for (unsigned k = 0; k < n; k++) {
		uint8_t *fr = make_frame(k, sizes[k]);
		memcpy(chunk + off, fr, N2_FRAME_HDR + sizes[k]);
		off += N2_FRAME_HDR + sizes[k];
		free(fr);
	}
	struct n2_rbuf rb;
	n2_rbuf_init(&rb);
	const uint8_t *f;
	size_t len;
	/* everything but the last 3 bytes: four whole frames, then MORE */
	assert_int_equal(n2_rbuf_append(&rb, chunk, total - 3), 0);
	for (unsigned k = 0; k < n - 1; k++) {
		assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_OK);
		check_payload(k, f, len, sizes[k]);
	}
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_MORE);
	assert_int_equal(n2_rbuf_pending(&rb), N2_FRAME_HDR + sizes[n - 1] - 3);
	assert_int_equal(n2_rbuf_append(&rb, chunk + total - 3, 3), 0);
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_OK);
	check_payload(n - 1, f, len, sizes[n - 1]);
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_MORE);

	/* the same chunk again, appended in odd-sized pieces (compaction between frames) */
	size_t piece = 0;
	unsigned got = 0;
	for (off = 0; off < total; off += piece) {
		piece = total - off < 97 ? total - off : 97;
		assert_int_equal(n2_rbuf_append(&rb, chunk + off, piece), 0);
		while (n2_rbuf_next(&rb, &f, &len) == N2_FRAME_OK) {
			check_payload(got, f, len, sizes[got]);
			got++;
		}
	}
	assert_int_equal(got, n);
	assert_int_equal(n2_rbuf_pending(&rb), 0);
	n2_rbuf_fini(&rb);
	free(chunk);
}

static void test_oversized(void **state)
{
	(void)state;
	struct n2_rbuf rb;
	const uint8_t *f;
	size_t len;
	uint8_t hdr[N2_FRAME_HDR];

	n2_rbuf_init(&rb);
	put_be32(hdr, N2_FRAME_MAX + 1);
	assert_int_equal(n2_rbuf_append(&rb, hdr, 3), 0);
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_MORE); /* prefix incomplete */
	assert_int_equal(n2_rbuf_append(&rb, hdr + 3, 1), 0);
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_OVERSIZED);
	assert_int_equal(len, N2_FRAME_MAX + 1); /* what the prefix said, for the error message */
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_OVERSIZED); /* stays refused */
	n2_rbuf_fini(&rb);

	n2_rbuf_init(&rb);
	put_be32(hdr, 0xffffffffu);
	n2_rbuf_append(&rb, hdr, sizeof(hdr));
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_OVERSIZED);
	n2_rbuf_fini(&rb);

	/* exactly the maximum is allowed: it just waits for the rest */
	n2_rbuf_init(&rb);
	put_be32(hdr, N2_FRAME_MAX);
	n2_rbuf_append(&rb, hdr, sizeof(hdr));
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_MORE);
	n2_rbuf_fini(&rb);
}

/* Found by fuzz_ipc_frame: appending nothing to a buffer that has no memory yet made a pointer
 * from NULL (undefined behaviour, which UBSan stops at). */
static void test_append_nothing(void **state)
{
	(void)state;
	struct n2_rbuf rb;
	const uint8_t *f;
	size_t len;
	n2_rbuf_init(&rb);
	assert_int_equal(n2_rbuf_append(&rb, "", 0), 0);
	assert_int_equal(n2_rbuf_pending(&rb), 0);
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_MORE);
	n2_rbuf_fini(&rb);
}

static void test_rbuf_fill(void **state)
{
	(void)state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
	struct n2_rbuf rb;
	n2_rbuf_init(&rb);
	errno = 0;
	assert_int_equal(n2_rbuf_fill(&rb, sv[0]), -1);
	assert_int_equal(errno, EAGAIN);
	uint8_t *fr = make_frame(9, 100);
	assert_int_equal(write(sv[1], fr, N2_FRAME_HDR + 100), N2_FRAME_HDR + 100);
	assert_int_equal(n2_rbuf_fill(&rb, sv[0]), N2_FRAME_HDR + 100);
	const uint8_t *f;
	size_t len;
	assert_int_equal(n2_rbuf_next(&rb, &f, &len), N2_FRAME_OK);
	check_payload(9, f, len, 100);
	close(sv[1]);
	assert_int_equal(n2_rbuf_fill(&rb, sv[0]), 0);
	free(fr);
	n2_rbuf_fini(&rb);
	close(sv[0]);
}

/* Reads what the reader socket has and checks every complete frame against the next expected id.
 * Returns the number of frames checked. */
static unsigned drain(int fd, struct n2_rbuf *rb, unsigned *next_id, const size_t *sizes)
{
	unsigned n = 0;
	long r;
	while ((r = n2_rbuf_fill(rb, fd)) > 0) {
		const uint8_t *f;
		size_t len;
		while (n2_rbuf_next(rb, &f, &len) == N2_FRAME_OK) {
			check_payload(*next_id, f, len, sizes[*next_id]);
			(*next_id)++;
			n++;
		}
	}
	assert_true(r < 0 && errno == EAGAIN);
	return n;
}

#define NFRAMES 400

static void test_wqueue_partial_writes(void **state)
{
	(void)state;
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
	int small = 4096;
	assert_int_equal(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small)), 0);

	static size_t sizes[NFRAMES];
	srand(4242);
	for (unsigned i = 0; i < NFRAMES; i++)
		sizes[i] = (size_t)(rand() % 3000);
	struct n2_wqueue wq;
	n2_wq_init(&wq, 1u << 20);
	struct n2_rbuf rb;
	n2_rbuf_init(&rb);

	/* queue the first half, and flush: the small buffer only takes part of it */
	unsigned pushed = 0, next_id = 0;
	for (; pushed < NFRAMES / 2; pushed++) {
		uint8_t *fr = make_frame(pushed, sizes[pushed]);
		assert_int_equal(n2_wq_push(&wq, fr + N2_FRAME_HDR, sizes[pushed]), 0);
		free(fr);
	}
	size_t queued = n2_wq_pending(&wq);
	assert_int_equal(n2_wq_flush(&wq, sv[0]), 1);
	assert_true(n2_wq_pending(&wq) > 0 && n2_wq_pending(&wq) < queued);

	/* drain on the other side while queuing the rest, through reserve this time, so the queue
	 * compacts and grows while partly sent */
	int partial = 1, rounds = 0;
	while (next_id < NFRAMES) {
		assert_true(++rounds < 100000);
		drain(sv[1], &rb, &next_id, sizes);
		for (int k = 0; k < 5 && pushed < NFRAMES; k++, pushed++) {
			uint8_t *p = n2_wq_reserve(&wq, sizes[pushed]);
			assert_non_null(p);
			for (size_t i = 0; i < sizes[pushed]; i++)
				p[i] = pattern(pushed, i);
		}
		int r = n2_wq_flush(&wq, sv[0]);
		assert_true(r == 0 || r == 1);
		partial += r;
		if (r == 0)
			assert_int_equal(n2_wq_pending(&wq), 0);
	}
	assert_int_equal(pushed, NFRAMES);
	assert_int_equal(n2_wq_pending(&wq), 0);
	assert_true(partial > 1); /* the writer really had to wait for the reader */
	n2_wq_fini(&wq);
	n2_rbuf_fini(&rb);
	close(sv[0]);
	close(sv[1]);
}

static void test_wqueue_limit(void **state)
{
	(void)state;
	struct n2_wqueue wq;
	uint8_t data[200];
	memset(data, 0xab, sizeof(data));
	n2_wq_init(&wq, 100);
	assert_int_equal(n2_wq_push(&wq, data, 50), 0); /* 54 bytes with the header */
	assert_int_equal(n2_wq_pending(&wq), 54);
	errno = 0;
	assert_int_equal(n2_wq_push(&wq, data, 43), -1); /* 54 + 47 > 100 */
	assert_int_equal(errno, ENOBUFS);
	assert_null(n2_wq_reserve(&wq, 43));
	assert_int_equal(n2_wq_pending(&wq), 54);       /* nothing queued */
	assert_int_equal(n2_wq_push(&wq, data, 42), 0); /* 54 + 46 == 100: just fits */
	assert_int_equal(n2_wq_pending(&wq), 100);
	assert_int_equal(n2_wq_push(&wq, NULL, 0), -1); /* even an empty frame needs 4 bytes */
	assert_int_equal(n2_wq_pending(&wq), 100);

	/* flushing makes room again, and the bytes are exactly the two frames */
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
	assert_int_equal(n2_wq_flush(&wq, sv[0]), 0);
	assert_int_equal(n2_wq_pending(&wq), 0);
	uint8_t got[128];
	assert_int_equal(read(sv[1], got, sizeof(got)), 100);
	assert_int_equal(got[0] | got[1] | got[2], 0);
	assert_int_equal(got[3], 50);
	assert_int_equal(got[54 + 3], 42);
	assert_int_equal(n2_wq_push(&wq, data, 96), 0);

	/* a frame beyond N2_FRAME_MAX is refused whatever the limit */
	struct n2_wqueue big;
	n2_wq_init(&big, SIZE_MAX / 2);
	errno = 0;
	assert_null(n2_wq_reserve(&big, (size_t)N2_FRAME_MAX + 1));
	assert_int_equal(errno, EMSGSIZE); /* not "queue full": the caller says which limit */
	assert_int_equal(n2_wq_pending(&big), 0);
	n2_wq_fini(&big);

	/* flushing into a closed peer is an error, not a partial write */
	close(sv[1]);
	assert_int_equal(n2_wq_flush(&wq, sv[0]), -1);
	n2_wq_fini(&wq);
	close(sv[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byte_at_a_time), cmocka_unit_test(test_several_in_one_chunk),
		cmocka_unit_test(test_oversized),      cmocka_unit_test(test_append_nothing),
		cmocka_unit_test(test_rbuf_fill),      cmocka_unit_test(test_wqueue_partial_writes),
		cmocka_unit_test(test_wqueue_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
