/* Unit tests for BFD control packets (protocols/bfd/bfd_packet.c): a byte-exact vector written
 * out from the RFC 5880 4.1 format, every receive check of 6.8.6's first part with its own
 * reason, and RFC 5881's TTL (5) and source-port (4) rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include "bfd_packet.h"

/* RFC 5880 4.1, field by field:
 *   byte 0: Vers 1 (001) Diag 3 (00011)      = 0x23
 *   byte 1: Sta Up (11) P=1 F=0 C=0 A=0 D=0 M=0 = 0xe0
 *   byte 2: Detect Mult 3; byte 3: Length 24 = 0x18
 *   My Discriminator 0x01020304, Your Discriminator 0x0a0b0c0d
 *   Desired Min TX 300000 us = 0x000493e0, Required Min RX 50000 us = 0x0000c350,
 *   Required Min Echo RX 0. */
static const uint8_t wire[24] = {0x23, 0xe0, 0x03, 0x18, 0x01, 0x02, 0x03, 0x04,
				 0x0a, 0x0b, 0x0c, 0x0d, 0x00, 0x04, 0x93, 0xe0,
				 0x00, 0x00, 0xc3, 0x50, 0x00, 0x00, 0x00, 0x00};

static struct bfd_pkt sample(void)
{
	return (struct bfd_pkt){.version = 1,
				.diag = BFD_DIAG_NEIGHBOR_DOWN,
				.state = BFD_UP,
				.poll = 1,
				.detect_mult = 3,
				.length = 24,
				.my_disc = 0x01020304,
				.your_disc = 0x0a0b0c0d,
				.desired_min_tx_us = 300000,
				.required_min_rx_us = 50000};
}

static void test_encode_vector(void **s)
{
	(void)s;
	uint8_t buf[32];
	struct bfd_pkt p = sample();
	assert_int_equal(bfd_pkt_encode(&p, buf, sizeof(buf)), 24);
	assert_memory_equal(buf, wire, 24);
	assert_int_equal(bfd_pkt_encode(&p, buf, 23), 0);
}

static void test_decode_vector(void **s)
{
	(void)s;
	struct bfd_pkt p, want = sample();
	assert_int_equal(bfd_pkt_decode(wire, sizeof(wire), &p), BFD_RX_OK);
	assert_memory_equal(&p, &want, sizeof(p));
}

static void test_flags_each_bit(void **s)
{
	(void)s;
	uint8_t buf[24];
	struct bfd_pkt p = {.version = 1, .state = BFD_DOWN, .final = 1, .cpi = 1, .demand = 1};
	bfd_pkt_encode(&p, buf, sizeof(buf));
	/* Sta Down (01) P0 F1 C1 A0 D1 M0 = 0101 1010 */
	assert_int_equal(buf[1], 0x5a);
}

static enum bfd_rx_err decode_with(void (*patch)(uint8_t *b), size_t len)
{
	uint8_t b[32];
	memcpy(b, wire, 24);
	memset(b + 24, 0, 8);
	patch(b);
	struct bfd_pkt p;
	return bfd_pkt_decode(b, len, &p);
}

static void nothing(uint8_t *b)
{
	(void)b;
}
static void version0(uint8_t *b)
{
	b[0] = (b[0] & 0x1f);
}
static void version2(uint8_t *b)
{
	b[0] = (uint8_t)(2 << 5 | (b[0] & 0x1f));
}
static void len23(uint8_t *b)
{
	b[3] = 23;
}
static void len28(uint8_t *b)
{
	b[3] = 28;
}
static void mult0(uint8_t *b)
{
	b[2] = 0;
}
static void mpoint(uint8_t *b)
{
	b[1] |= 1;
}
static void mydisc0(uint8_t *b)
{
	memset(b + 4, 0, 4);
}
static void yourdisc0_up(uint8_t *b)
{
	memset(b + 8, 0, 4);
}
static void yourdisc0_down(uint8_t *b)
{
	memset(b + 8, 0, 4);
	b[1] = (uint8_t)(BFD_DOWN << 6);
}
static void yourdisc0_admindown(uint8_t *b)
{
	memset(b + 8, 0, 4);
	b[1] = (uint8_t)(BFD_ADMIN_DOWN << 6);
}
static void auth(uint8_t *b)
{
	b[1] |= 1 << 2;
	b[3] = 28; /* long enough for an authentication section: refused for the A bit */
}
static void auth_short(uint8_t *b)
{
	b[1] |= 1 << 2; /* A set with length 24 < 26: a length error first */
}

static void test_receive_checks(void **s)
{
	(void)s;
	assert_int_equal(decode_with(nothing, 24), BFD_RX_OK);
	assert_int_equal(decode_with(nothing, 30), BFD_RX_OK); /* length 24 <= datagram */
	assert_int_equal(decode_with(nothing, 23), BFD_RX_LENGTH);
	assert_int_equal(decode_with(nothing, 0), BFD_RX_LENGTH);
	assert_int_equal(decode_with(version0, 24), BFD_RX_VERSION);
	assert_int_equal(decode_with(version2, 24), BFD_RX_VERSION);
	assert_int_equal(decode_with(len23, 24), BFD_RX_LENGTH);
	assert_int_equal(decode_with(len28, 24), BFD_RX_LENGTH); /* more than the datagram */
	assert_int_equal(decode_with(len28, 28), BFD_RX_OK);
	assert_int_equal(decode_with(mult0, 24), BFD_RX_DETECT_MULT);
	assert_int_equal(decode_with(mpoint, 24), BFD_RX_MULTIPOINT);
	assert_int_equal(decode_with(mydisc0, 24), BFD_RX_MY_DISC);
	assert_int_equal(decode_with(yourdisc0_up, 24), BFD_RX_YOUR_DISC);
	assert_int_equal(decode_with(yourdisc0_down, 24), BFD_RX_OK);
	assert_int_equal(decode_with(yourdisc0_admindown, 24), BFD_RX_OK);
	assert_int_equal(decode_with(auth, 28), BFD_RX_AUTH);
	assert_int_equal(decode_with(auth_short, 24), BFD_RX_LENGTH);
}

static void test_meta_checks(void **s)
{
	(void)s;
	assert_int_equal(bfd_rx_meta_check(255, 49152), BFD_RX_OK);
	assert_int_equal(bfd_rx_meta_check(255, 65535), BFD_RX_OK);
	assert_int_equal(bfd_rx_meta_check(254, 50000), BFD_RX_TTL);
	assert_int_equal(bfd_rx_meta_check(1, 50000), BFD_RX_TTL);
	assert_int_equal(bfd_rx_meta_check(255, 49151), BFD_RX_SRC_PORT);
	assert_int_equal(bfd_rx_meta_check(255, 3784), BFD_RX_SRC_PORT);
}

static void test_names(void **s)
{
	(void)s;
	assert_string_equal(bfd_state_name(BFD_ADMIN_DOWN), "admin-down");
	assert_string_equal(bfd_state_name(BFD_UP), "up");
	assert_string_equal(bfd_diag_name(BFD_DIAG_DETECT_EXPIRED),
			    "control-detection-time-expired");
	assert_string_equal(bfd_diag_name(BFD_DIAG_NEIGHBOR_DOWN), "neighbor-signaled-down");
	assert_string_equal(bfd_diag_name(BFD_DIAG_COUNT), "?");
	for (int e = 0; e < BFD_RX_COUNT; e++)
		assert_non_null(bfd_rx_err_name(e));
	assert_string_equal(bfd_rx_err_name(BFD_RX_TTL), "bad-ttl");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_vector),  cmocka_unit_test(test_decode_vector),
		cmocka_unit_test(test_flags_each_bit), cmocka_unit_test(test_receive_checks),
		cmocka_unit_test(test_meta_checks),    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
