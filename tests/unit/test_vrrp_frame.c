/* Unit tests for the frames vrrpd sends (protocols/vrrp/vrrp_frame.c): the advertisement's
 * Ethernet and IPv4 headers and the gratuitous ARP byte for byte, against vectors worked out by
 * hand below, and their checksums verified independently of vrrp_cksum(). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/socket.h>
#include <string.h>
#include "vrrp_frame.h"

/* An IPv4 address written out byte by byte (a pointer to a literal of the enclosing block). */
#define IP4(w, x, y, z) (&(const struct n2_addr){.family = AF_INET, .u.b = {w, x, y, z}})

#define SRC IP4(192, 168, 1, 1)
#define VIP IP4(192, 168, 1, 254)

/* Sum of 16-bit words with end-around carry, written apart from vrrp_cksum(): a correct
 * header or message (checksum included) sums to 0xffff. */
static uint16_t ones_sum(const uint8_t *b, size_t len, uint32_t sum)
{
	for (size_t i = 0; i < len; i++)
		sum += (i & 1) ? b[i] : (uint32_t)b[i] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

/* VRID 1, priority 100, one address 192.168.1.254, v2 interval 1 s / v3 100 cs. */
static struct vrrp_adv adv(uint8_t version)
{
	struct vrrp_adv a = {
		.version = version, .family = AF_INET, .vrid = 1, .priority = 100, .naddr = 1};
	a.interval = version == 2 ? 1 : 100;
	for (int i = 0; i < VRRP_MAX_ADDRS; i++) /* naddr says how many go out */
		a.addrs[i] = *VIP;
	return a;
}

/* v2 advertisement frame, IP identification 0x1234, from 192.168.1.1:
 *   Ethernet: 01 00 5e 00 00 12 (RFC 1112 6.4 mapping of 224.0.0.18), 00 00 5e 00 01 01
 *     (RFC 3768 7.3 virtual MAC of VRID 1), 08 00
 *   IPv4: 45 c0 (TOS internetwork control) 00 28 (20 + 20) 12 34 00 00 ff (TTL 255, RFC 3768
 *     5.2.3) 70 (protocol 112) CK CK c0 a8 01 01 e0 00 00 12
 *     checksum: 0x45c0 + 0x0028 + 0x1234 + 0xff70 + 0xc0a8 + 0x0101 + 0xe000 + 0x0012 =
 *     0x2f947; fold 0xf949; complement 0x06b6
 *   VRRP: 21 01 64 01 00 01 CK CK c0 a8 01 fe + 8 zero bytes of auth data
 *     checksum: 0x2101 + 0x6401 + 0x0001 + 0xc0a8 + 0x01fe = 0x147a9; fold 0x47aa;
 *     complement 0xb855 */
static const uint8_t v2_frame[] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0x12, 0x00, 0x00, 0x5e, 0x00, 0x01,
				   0x01, 0x08, 0x00, 0x45, 0xc0, 0x00, 0x28, 0x12, 0x34, 0x00, 0x00,
				   0xff, 0x70, 0x06, 0xb6, 0xc0, 0xa8, 0x01, 0x01, 0xe0, 0x00, 0x00,
				   0x12, 0x21, 0x01, 0x64, 0x01, 0x00, 0x01, 0xb8, 0x55, 0xc0, 0xa8,
				   0x01, 0xfe, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};

static void test_adv_v2_bytes(void **state)
{
	(void)state;
	uint8_t f[VRRP_ADV_FRAME_MAX];
	memset(f, 0xaa, sizeof(f)); /* garbage: every byte of the frame must be written */
	struct vrrp_adv a = adv(2);
	assert_int_equal(vrrp_frame_adv(&a, SRC, 0x1234, f, sizeof(f)), sizeof(v2_frame));
	assert_memory_equal(f, v2_frame, sizeof(v2_frame));
}

/* v3 (RFC 9568): same headers, total length 32, the VRRP checksum over the pseudo-header. */
static void test_adv_v3_checksums(void **state)
{
	(void)state;
	uint8_t f[VRRP_ADV_FRAME_MAX];
	struct vrrp_adv a = adv(3);
	size_t n = vrrp_frame_adv(&a, SRC, 1, f, sizeof(f));
	assert_int_equal(n, 14 + 20 + 12);
	assert_memory_equal(f, v2_frame, 14);
	const uint8_t *ip = f + 14;
	assert_int_equal(ip[0], 0x45);
	assert_int_equal(ip[1], VRRP_IP_TOS);
	assert_int_equal(ip[2] << 8 | ip[3], 32);
	assert_int_equal(ip[4] << 8 | ip[5], 1);
	assert_int_equal(ip[6] | ip[7], 0); /* no fragmentation flags or offset */
	assert_int_equal(ip[8], 255);
	assert_int_equal(ip[9], 112);
	assert_memory_equal(ip + 12, "\xc0\xa8\x01\x01\xe0\x00\x00\x12", 8);
	/* 0x45c0 + 0x0020 + 0x0001 + 0xff70 + 0xc0a8 + 0x0101 + 0xe000 + 0x0012 = 0x2e70c,
	 * fold 0xe70e, complement 0x18f1 */
	assert_int_equal(ip[10] << 8 | ip[11], 0x18f1);
	assert_int_equal(ones_sum(ip, 20, 0), 0xffff);
	/* RFC 9568 5.2.8: pseudo-header src, dst, zero + protocol, VRRP length */
	uint32_t ph = 0xc0a8 + 0x0101 + 0xe000 + 0x0012 + 112 + 12;
	assert_int_equal(ones_sum(ip + 20, 12, ph), 0xffff);
	assert_memory_equal(ip + 20, "\x31\x01\x64\x01\x00\x64", 6);
}

/* The source MAC follows the VRID; the identification is the caller's. */
static void test_adv_vmac_and_id(void **state)
{
	(void)state;
	uint8_t f[VRRP_ADV_FRAME_MAX];
	struct vrrp_adv a = adv(2);
	a.vrid = 255;
	size_t n = vrrp_frame_adv(&a, SRC, 0xfffe, f, sizeof(f));
	assert_int_equal(n, sizeof(v2_frame));
	assert_memory_equal(f + 6, "\x00\x00\x5e\x00\x01\xff", 6);
	assert_int_equal(f[18] << 8 | f[19], 0xfffe);
	assert_int_equal(ones_sum(f + 14, 20, 0), 0xffff);
	assert_int_equal(ones_sum(f + 34, n - 34, 0), 0xffff);
}

static void test_adv_refuses(void **state)
{
	(void)state;
	uint8_t f[VRRP_ADV_FRAME_MAX];
	struct vrrp_adv a = adv(2);
	assert_int_equal(vrrp_frame_adv(&a, SRC, 1, f, sizeof(v2_frame) - 1), 0);
	assert_int_equal(vrrp_frame_adv(&a, SRC, 1, f, 10), 0);
	a.naddr = VRRP_MAX_ADDRS + 1;
	assert_int_equal(vrrp_frame_adv(&a, SRC, 1, f, sizeof(f)), 0);
	/* the largest advertisement fits the buffer the header sizes */
	a.naddr = VRRP_MAX_ADDRS;
	assert_int_equal(vrrp_frame_adv(&a, SRC, 1, f, sizeof(f)), VRRP_ADV_FRAME_MAX);
}

/* Gratuitous ARP for 192.168.1.254 of VRID 7 (RFC 3768 6.4.2: broadcast, the virtual MAC):
 *   ff ff ff ff ff ff, 00 00 5e 00 01 07, 08 06
 *   ARP: 00 01 (Ethernet) 08 00 (IPv4) 06 04 00 01 (request)
 *        sender 00 00 5e 00 01 07 c0 a8 01 fe, target 00 00 00 00 00 00 c0 a8 01 fe */
static void test_garp_bytes(void **state)
{
	(void)state;
	static const uint8_t want[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x5e, 0x00, 0x01, 0x07, 0x08, 0x06,
		0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x01, 0x07,
		0xc0, 0xa8, 0x01, 0xfe, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0xa8, 0x01, 0xfe};
	uint8_t f[64];
	memset(f, 0xaa, sizeof(f));
	assert_int_equal(vrrp_frame_garp(7, VIP, f, sizeof(f)), sizeof(want));
	assert_memory_equal(f, want, sizeof(want));
	assert_int_equal(vrrp_frame_garp(7, VIP, f, sizeof(want) - 1), 0);
}

/* IPv4 only so far: an IPv6 source or virtual address gives no frame (rather than a wrong one). */
static void test_ipv6_not_built(void **state)
{
	(void)state;
	uint8_t f[VRRP_ADV_FRAME_MAX];
	struct n2_addr v6;
	assert_int_equal(n2_addr_parse("fe80::1", &v6), 0);
	struct vrrp_adv a = adv(3);
	assert_int_equal(vrrp_frame_adv(&a, &v6, 1, f, sizeof(f)), 0);
	a.family = AF_INET6;
	a.addrs[0] = v6;
	assert_int_equal(vrrp_frame_adv(&a, &v6, 1, f, sizeof(f)), 0);
	assert_int_equal(vrrp_frame_garp(7, &v6, f, sizeof(f)), 0);
}

static void test_vmac(void **state)
{
	(void)state;
	uint8_t mac[6];
	vrrp_vmac(1, mac);
	assert_memory_equal(mac, "\x00\x00\x5e\x00\x01\x01", 6);
	vrrp_vmac(200, mac);
	assert_memory_equal(mac, "\x00\x00\x5e\x00\x01\xc8", 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adv_v2_bytes),
		cmocka_unit_test(test_adv_v3_checksums),
		cmocka_unit_test(test_adv_vmac_and_id),
		cmocka_unit_test(test_adv_refuses),
		cmocka_unit_test(test_garp_bytes),
		cmocka_unit_test(test_ipv6_not_built),
		cmocka_unit_test(test_vmac),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
