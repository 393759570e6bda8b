/* Unit tests for the frames vrrpd sends (protocols/vrrp/vrrp_frame.c): the advertisement's
 * Ethernet and IPv4 or IPv6 headers, the gratuitous ARP and the Neighbor Advertisement byte for
 * byte, against vectors worked out by hand below, and their checksums verified independently of
 * vrrp_cksum(). */
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
	a.cksum_v4_pseudo = 1; /* the rule with the IPv4 pseudo-header, pinned below */
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
	/* RFC 5798 5.2.8's reading: pseudo-header src, dst, zero + protocol, VRRP length */
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
	/* the largest IPv4 advertisement is the size the header says */
	a.naddr = VRRP_MAX_ADDRS;
	assert_int_equal(vrrp_frame_adv(&a, SRC, 1, f, sizeof(f)), VRRP_ADV4_FRAME_MAX);
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

static struct n2_addr v6(const char *s)
{
	struct n2_addr a;
	assert_int_equal(n2_addr_parse(s, &a), 0);
	return a;
}

/* v3 over IPv6 from fe80::1, VRID 1, priority 100, 100 cs, one address 2001:db8::1:
 *   Ethernet: 33 33 00 00 00 12 (RFC 2464 7 mapping of ff02::12), 00 00 5e 00 02 01 (RFC 9568
 *     7.3 IPv6 virtual MAC), 86 dd
 *   IPv6: 6c 00 00 00 (version 6, traffic class 0xc0, flow 0) 00 18 (8 + 16) 70 (next header
 *     112) ff (hop limit 255, RFC 9568 5.1.2.3) fe80::1 ff02::12
 *   VRRP: 31 01 64 01 00 64 CK CK 2001:db8::1
 *     checksum over the IPv6 pseudo-header (RFC 9568 5.2.8, RFC 8200 8.1): 0xfe80 + 0x0001 +
 *     0xff02 + 0x0012 + 24 + 112 + 0x3101 + 0x6401 + 0x0064 + 0x2001 + 0x0db8 + 0x0001 =
 *     0x2c13d; fold 0xc13f; complement 0x3ec0 */
static void test_adv_v6_bytes(void **state)
{
	(void)state;
	static const uint8_t want[] = {
		0x33, 0x33, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0x5e, 0x00, 0x02, 0x01, 0x86,
		0xdd, 0x6c, 0x00, 0x00, 0x00, 0x00, 0x18, 0x70, 0xff, 0xfe, 0x80, 0,    0,
		0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x01, 0xff,
		0x02, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
		0,    0x12, 0x31, 0x01, 0x64, 0x01, 0x00, 0x64, 0x3e, 0xc0, 0x20, 0x01, 0x0d,
		0xb8, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x01};
	uint8_t f[VRRP_ADV_FRAME_MAX];
	memset(f, 0xaa, sizeof(f));
	struct vrrp_adv a = adv(3);
	a.family = AF_INET6;
	a.addrs[0] = v6("2001:db8::1");
	struct n2_addr src = v6("fe80::1");
	assert_int_equal(vrrp_frame_adv(&a, &src, 1, f, sizeof(f)), sizeof(want));
	assert_memory_equal(f, want, sizeof(want));
	uint32_t ph = 0xfe80 + 0x0001 + 0xff02 + 0x0012 + 24 + 112;
	assert_int_equal(ones_sum(f + 54, 24, ph), 0xffff);
	/* the largest IPv6 advertisement fits the frame buffer; a short buffer gives nothing */
	a.naddr = VRRP_MAX_ADDRS;
	for (int i = 0; i < VRRP_MAX_ADDRS; i++)
		a.addrs[i] = a.addrs[0];
	assert_int_equal(vrrp_frame_adv(&a, &src, 1, f, sizeof(f)), VRRP_ADV6_FRAME_MAX);
	assert_int_equal(vrrp_frame_adv(&a, &src, 1, f, sizeof(f) - 1), 0);
}

/* An address of the other family in the list, or v2 over IPv6, gives no frame. */
static void test_adv_v6_refuses(void **state)
{
	(void)state;
	uint8_t f[VRRP_ADV_FRAME_MAX];
	struct n2_addr src = v6("fe80::1");
	struct vrrp_adv a = adv(3);
	assert_int_equal(vrrp_frame_adv(&a, &src, 1, f, sizeof(f)), 0); /* IPv4 list */
	a = adv(2);
	a.family = AF_INET6;
	a.addrs[0] = v6("2001:db8::1");
	assert_int_equal(vrrp_frame_adv(&a, &src, 1, f, sizeof(f)), 0);
}

/* Unsolicited NA for 2001:db8::1 of VRID 7 (RFC 9568 6.4.2, RFC 4861 4.4 and 7.2.6):
 *   Ethernet: 33 33 00 00 00 01 (all-nodes), 00 00 5e 00 02 07, 86 dd
 *   IPv6: 60 00 00 00 00 20 (32) 3a (ICMPv6) ff, from 2001:db8::1 to ff02::1
 *   ICMPv6: 88 00 (type 136) CK CK a0 00 00 00 (R, O; not S) target 2001:db8::1,
 *     option 02 01 (target link-layer address, 8 bytes) 00 00 5e 00 02 07
 *     checksum: pseudo-header 0x2001 + 0x0db8 + 0x0001 + 0xff02 + 0x0001 + 32 + 58, message
 *     0x8800 + 0xa000 + 0x2001 + 0x0db8 + 0x0001 + 0x0201 + 0x5e00 + 0x0207: 0x2e4d9;
 *     fold 0xe4db; complement 0x1b24 */
static void test_na_bytes(void **state)
{
	(void)state;
	static const uint8_t want[] = {
		0x33, 0x33, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x02, 0x07, 0x86,
		0xdd, 0x60, 0x00, 0x00, 0x00, 0x00, 0x20, 0x3a, 0xff, 0x20, 0x01, 0x0d, 0xb8,
		0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x01, 0xff,
		0x02, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
		0,    0x01, 0x88, 0x00, 0x1b, 0x24, 0xa0, 0x00, 0x00, 0x00, 0x20, 0x01, 0x0d,
		0xb8, 0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x01,
		0x02, 0x01, 0x00, 0x00, 0x5e, 0x00, 0x02, 0x07};
	uint8_t f[128];
	memset(f, 0xaa, sizeof(f));
	struct n2_addr vip = v6("2001:db8::1");
	assert_int_equal(vrrp_frame_na(7, &vip, f, sizeof(f)), VRRP_NA_FRAME_LEN);
	assert_int_equal(sizeof(want), VRRP_NA_FRAME_LEN);
	assert_memory_equal(f, want, sizeof(want));
	uint32_t ph = 0x2001 + 0x0db8 + 0x0001 + 0xff02 + 0x0001 + 32 + 58;
	assert_int_equal(ones_sum(f + 54, 32, ph), 0xffff);
	assert_int_equal(vrrp_frame_na(7, &vip, f, VRRP_NA_FRAME_LEN - 1), 0);
	assert_int_equal(vrrp_frame_na(7, VIP, f, sizeof(f)), 0);    /* IPv4: ARP instead */
	assert_int_equal(vrrp_frame_garp(7, &vip, f, sizeof(f)), 0); /* and no ARP for IPv6 */
}

static void test_vmac(void **state)
{
	(void)state;
	uint8_t mac[6];
	vrrp_vmac(AF_INET, 1, mac);
	assert_memory_equal(mac, "\x00\x00\x5e\x00\x01\x01", 6);
	vrrp_vmac(AF_INET, 200, mac);
	assert_memory_equal(mac, "\x00\x00\x5e\x00\x01\xc8", 6);
	vrrp_vmac(AF_INET6, 200, mac);
	assert_memory_equal(mac, "\x00\x00\x5e\x00\x02\xc8", 6);
}

/* 00-00-5e-00-02-c8 as a modified EUI-64 identifier: 0200:5eff:fe00:02c8. */
static void test_virtual_ll(void **state)
{
	(void)state;
	struct n2_addr want = v6("fe80::200:5eff:fe00:2c8"), got = vrrp_virtual_ll(200);
	assert_true(n2_addr_eq(&got, &want));
	want = v6("fe80::200:5eff:fe00:201");
	got = vrrp_virtual_ll(1);
	assert_true(n2_addr_eq(&got, &want));
}

/* RFC 9568 5.2.9: an IPv6 list starts with the virtual link-local address, derived when none is
 * configured, the first configured one otherwise (wherever it was written); IPv4 is as is. */
static void test_adv_addrs(void **state)
{
	(void)state;
	struct n2_addr out[4], in[3] = {v6("2001:db8::1"), v6("fe80::7"), v6("2001:db8::2")};
	assert_int_equal(vrrp_adv_addrs(AF_INET6, 200, in, 1, out), 2);
	struct n2_addr ll = vrrp_virtual_ll(200);
	assert_true(n2_addr_eq(&out[0], &ll));
	assert_true(n2_addr_eq(&out[1], &in[0]));
	assert_int_equal(vrrp_adv_addrs(AF_INET6, 200, in, 3, out), 3);
	assert_true(n2_addr_eq(&out[0], &in[1]));
	assert_true(n2_addr_eq(&out[1], &in[0]));
	assert_true(n2_addr_eq(&out[2], &in[2]));
	struct n2_addr two_ll[2] = {v6("fe80::7"), v6("fe80::8")};
	assert_int_equal(vrrp_adv_addrs(AF_INET6, 1, two_ll, 2, out), 1);
	assert_true(n2_addr_eq(&out[0], &two_ll[0]));
	assert_int_equal(vrrp_adv_addrs(AF_INET, 1, VIP, 1, out), 1);
	assert_true(n2_addr_eq(&out[0], VIP));
	assert_true(vrrp_is_link_local(&two_ll[0]));
	assert_false(vrrp_is_link_local(&in[0]));
	assert_false(vrrp_is_link_local(VIP));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_adv_v2_bytes),
		cmocka_unit_test(test_adv_v3_checksums),
		cmocka_unit_test(test_adv_vmac_and_id),
		cmocka_unit_test(test_adv_refuses),
		cmocka_unit_test(test_garp_bytes),
		cmocka_unit_test(test_adv_v6_bytes),
		cmocka_unit_test(test_adv_v6_refuses),
		cmocka_unit_test(test_na_bytes),
		cmocka_unit_test(test_vmac),
		cmocka_unit_test(test_virtual_ll),
		cmocka_unit_test(test_adv_addrs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
