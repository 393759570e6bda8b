/* Unit tests for the VRRP receive pipeline (protocols/vrrp/vrrp_rx.c): one test per receive
 * rule of RFC 3768 7.1 (v2) and RFC 9568 7.1 (v3), each on a real IPv4 datagram built from an
 * advertisement encoded by vrrp_adv_encode() and changed in the one way the rule is about. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/socket.h>
#include <string.h>
#include "vrrp_rx.h"

/* An IPv4 address, written out byte by byte. */
static struct n2_addr ip4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	return (struct n2_addr){.family = AF_INET, .u.b = {a, b, c, d}};
}

static void assert_addr(struct n2_addr got, struct n2_addr want)
{
	assert_true(n2_addr_eq(&got, &want));
}

#define SELF ip4(192, 168, 1, 1)
#define PEER ip4(192, 168, 1, 2)
#define VIP ip4(192, 168, 1, 254)

/* The receiving interface's one group: VRID 1, v2 or v3, interval 1 s, one virtual address. */
static struct n2_addr vips[1];
static struct vrrp_rx_expect grp;

/* ... and, over IPv6, VRID 3: v3, one virtual address 2001:db8::30 (cap6's). */
static struct n2_addr vips6[1];
static struct vrrp_rx_expect grp6;

static int find(void *arg, uint8_t vrid, uint8_t family, struct vrrp_rx_expect *out)
{
	(void)arg;
	if (family == AF_INET && vrid == 1)
		*out = grp;
	else if (family == AF_INET6 && vrid == 3)
		*out = grp6;
	else
		return 0;
	return 1;
}

static void use_group(uint8_t version, const char *auth)
{
	vips[0] = VIP;
	grp = (struct vrrp_rx_expect){
		.version = version, .adv_cs = 100, .auth = auth, .vips = vips, .nvips = 1};
}

/* What the group's master would send. */
static struct vrrp_adv good_adv(uint8_t version)
{
	struct vrrp_adv a = {
		.version = version, .family = AF_INET, .vrid = 1, .priority = 100, .naddr = 1};
	a.interval = version == 2 ? 1 : 100;
	a.addrs[0] = VIP;
	return a;
}

struct dgram {
	uint8_t b[128];
	size_t len;
};

static void ip_cksum(uint8_t *ip)
{
	ip[10] = ip[11] = 0;
	uint16_t ck = vrrp_cksum(ip, 20, 0);
	ip[10] = (uint8_t)(ck >> 8);
	ip[11] = (uint8_t)ck;
}

/* An IPv4 datagram from PEER to 224.0.0.18 carrying a, with the given TTL. */
static struct dgram build(const struct vrrp_adv *a, uint8_t ttl)
{
	struct dgram d;
	memset(&d, 0, sizeof(d));
	struct n2_addr src = PEER, dst = vrrp_group_addr(AF_INET);
	size_t n = vrrp_adv_encode(a, &src, &dst, d.b + 20, sizeof(d.b) - 20);
	assert_true(n > 0);
	d.len = 20 + n;
	d.b[0] = 0x45;
	d.b[1] = 0xc0;
	d.b[2] = (uint8_t)(d.len >> 8);
	d.b[3] = (uint8_t)d.len;
	d.b[8] = ttl;
	d.b[9] = VRRP_PROTO;
	memcpy(d.b + 12, src.u.b, 4);
	memcpy(d.b + 16, dst.u.b, 4);
	ip_cksum(d.b);
	return d;
}

/* Recomputes the VRRP checksum after a test edited the VRRP part (pseudo: v3 with the IPv4
 * pseudo-header, RFC 5798's reading; v2 and RFC 9568's v3 over IPv4 have none). */
static void vrrp_refix(struct dgram *d, int pseudo)
{
	uint8_t *p = d->b + 20;
	size_t n = d->len - 20;
	p[6] = p[7] = 0;
	uint32_t sum = 0;
	if (pseudo) /* src, dst, protocol, length */
		sum = 0xc0a8 + 0x0102 + 0xe000 + 0x0012 + VRRP_PROTO + (uint32_t)n;
	uint16_t ck = vrrp_cksum(p, n, sum);
	p[6] = (uint8_t)(ck >> 8);
	p[7] = (uint8_t)ck;
}

/* the receiving interface's IPv6 link-local address */
static const struct n2_addr SELF6 = {.family = AF_INET6, .u.b = {0xfe, 0x80, [15] = 0x01}};

static struct vrrp_rx_result run(const struct dgram *d)
{
	struct vrrp_rx_ctx ctx = {.self = SELF, .self6 = SELF6, .find = find};
	struct vrrp_rx_result r;
	vrrp_rx(d->b, d->len, &ctx, &r);
	return r;
}

static void expect_drop(const struct dgram *d, enum vrrp_rx_err e)
{
	struct vrrp_rx_result r = run(d);
	assert_int_equal(r.err, e);
	assert_false(r.accept);
}

/* The good case, v2 and v3: decoded and accepted, with the addresses from the IP header. */
static void test_good(void **state)
{
	(void)state;
	for (uint8_t v = 2; v <= 3; v++) {
		use_group(v, "");
		struct vrrp_adv a = good_adv(v);
		struct dgram d = build(&a, VRRP_TTL);
		struct vrrp_rx_result r = run(&d);
		assert_int_equal(r.err, VRRP_RX_OK);
		assert_true(r.accept);
		assert_true(r.known);
		assert_addr(r.src, PEER);
		assert_addr(r.dst, ip4(224, 0, 0, 18));
		assert_int_equal(r.adv.vrid, 1);
		assert_int_equal(r.adv.priority, 100);
		assert_addr(r.adv.addrs[0], VIP);
		assert_int_equal(r.adv.interval, v == 2 ? 1 : 100);
		/* Ethernet padding after the datagram is not part of it */
		d.len += 6;
		r = run(&d);
		assert_int_equal(r.err, VRRP_RX_OK);
	}
}

/* RFC 3768 7.1 / RFC 9568 7.1: "MUST verify that the IP TTL is 255". */
static void test_ttl(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	const uint8_t ttls[] = {0, 1, 64, 254};
	for (size_t i = 0; i < sizeof(ttls); i++) {
		struct dgram d = build(&a, ttls[i]);
		expect_drop(&d, VRRP_RX_TTL);
	}
}

/* "MUST verify the VRRP version": 2 for RFC 3768, 3 for RFC 9568; a v3 advertisement
 * reaching a v2 group and the other way round. */
static void test_version(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(3);
	struct dgram d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_VERSION);
	use_group(3, "");
	a = good_adv(2);
	d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_VERSION);
}

/* RFC 9568 8.4.2: a v3 group in VRRPv2 compatibility takes VRRPv2 advertisements of its VRID
 * too (decoded as v2: the interval is whole seconds, the authentication words are checked);
 * their interval need not equal its own, as v3's need not; interval 0 is still refused. */
static void test_v2_compat(void **state)
{
	(void)state;
	use_group(3, "");
	grp.v2_compat = 1;
	struct vrrp_adv a = good_adv(2);
	a.interval = 3;
	struct dgram d = build(&a, VRRP_TTL);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_OK);
	assert_true(r.accept);
	assert_int_equal(r.adv.version, 2);
	assert_int_equal(r.adv.interval, 3);
	a.auth_type = VRRP_AUTH_TEXT; /* the group has no authentication */
	strcpy(a.auth, "secret");
	d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_AUTH_TYPE);
	a = good_adv(2);
	a.interval = 0;
	d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_INTERVAL);
	a = good_adv(3); /* v3 still works as before */
	d = build(&a, VRRP_TTL);
	r = run(&d);
	assert_int_equal(r.err, VRRP_RX_OK);
	assert_int_equal(r.adv.version, 3);
	grp.v2_compat = 0; /* off: a version error again */
	a = good_adv(2);
	d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_VERSION);
}

/* RFC 3768 5.3.2 / RFC 9568 5.2.2: type 1 (advertisement) only; "a packet with unknown type
 * MUST be discarded". The VRID is still known, so the group counts it. */
static void test_type(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	struct dgram d = build(&a, VRRP_TTL);
	d.b[20] = 0x22;
	vrrp_refix(&d, 0);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_TYPE);
	assert_true(r.known);
	assert_false(r.accept);
}

/* "MUST verify the VRRP checksum". */
static void test_checksum(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	struct dgram d = build(&a, VRRP_TTL);
	d.b[20 + 7] ^= 0x5a;
	expect_drop(&d, VRRP_RX_CHECKSUM);
	use_group(3, "");
	a = good_adv(3);
	d = build(&a, VRRP_TTL);
	d.b[20 + 6] ^= 0x01;
	expect_drop(&d, VRRP_RX_CHECKSUM);
}

/* v3 over IPv4 is checked under the group's rule (RFC 9568 5.2.8: no pseudo-header, the
 * default; or with it, for RFC 5798-style peers): a packet of the other rule is a checksum
 * error, one of the group's rule is accepted. */
static void test_checksum_v4_rule(void **state)
{
	(void)state;
	for (int rule = 0; rule <= 1; rule++) {
		use_group(3, "");
		grp.cksum_v4_pseudo = rule;
		struct vrrp_adv a = good_adv(3);
		a.cksum_v4_pseudo = (uint8_t)rule;
		struct dgram d = build(&a, VRRP_TTL);
		assert_int_equal(run(&d).err, VRRP_RX_OK);
		a.cksum_v4_pseudo = (uint8_t)!rule;
		d = build(&a, VRRP_TTL);
		expect_drop(&d, VRRP_RX_CHECKSUM);
	}
	/* with the pseudo-header, the checksum is wrong for another source address */
	use_group(3, "");
	grp.cksum_v4_pseudo = 1;
	struct vrrp_adv a = good_adv(3);
	a.cksum_v4_pseudo = 1;
	struct dgram d = build(&a, VRRP_TTL);
	struct n2_addr other = ip4(192, 168, 1, 3);
	memcpy(d.b + 12, other.u.b, 4);
	ip_cksum(d.b);
	expect_drop(&d, VRRP_RX_CHECKSUM);
}

/* "MUST verify that the received packet contains the complete VRRP packet (including fixed
 * fields, IP Address(es), and Authentication Data)": shorter than the fixed header. */
static void test_short(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	struct dgram d = build(&a, VRRP_TTL);
	d.len = 20 + 6;
	d.b[3] = (uint8_t)d.len;
	ip_cksum(d.b);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_LENGTH);
	assert_true(r.known);
}

/* The same rule: the address count says more than the packet holds (checksum repaired). */
static void test_count_length_mismatch(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	struct dgram d = build(&a, VRRP_TTL);
	d.b[20 + 3] = 2;
	vrrp_refix(&d, 0);
	expect_drop(&d, VRRP_RX_LENGTH);
}

/* "MUST verify that the VRID is configured on the receiving interface". */
static void test_unknown_vrid(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	a.vrid = 7;
	struct dgram d = build(&a, VRRP_TTL);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_VRID);
	assert_false(r.known);
	assert_false(r.accept);
	assert_int_equal(r.adv.vrid, 7);
}

/* A VRRPv3 advertisement over IPv4 for a VRID we do not have is a vrid-error too, not a
 * version-error (its version cannot be checked against a group that does not exist). */
static void test_unknown_vrid_v3(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(3);
	a.vrid = 7;
	struct dgram d = build(&a, VRRP_TTL);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_VRID);
	assert_false(r.known);
	assert_int_equal(r.adv.version, 3);
}

/* RFC 3768 7.1: "MUST verify that the Auth Type matches the locally configured
 * authentication method" (RFC 9568 has no authentication). Both directions. */
static void test_auth_type(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	a.auth_type = VRRP_AUTH_TEXT;
	strcpy(a.auth, "secret");
	struct dgram d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_AUTH_TYPE);
	use_group(2, "secret");
	a = good_adv(2);
	d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_AUTH_TYPE);
}

/* RFC 3768 5.3.6.1: with simple text password authentication the password must match. */
static void test_auth_key(void **state)
{
	(void)state;
	use_group(2, "secret");
	struct vrrp_adv a = good_adv(2);
	a.auth_type = VRRP_AUTH_TEXT;
	strcpy(a.auth, "Secret");
	struct dgram d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_AUTH);
	strcpy(a.auth, "secret");
	d = build(&a, VRRP_TTL);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_OK);
	assert_true(r.accept);
}

/* RFC 3768 7.1: "MUST verify that the Adver Interval in the packet is the same as the locally
 * configured for this virtual router". RFC 9568 6.4.2 has a Backup learn the master's
 * interval instead, so v3 accepts another one. */
static void test_interval(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	a.interval = 3;
	struct dgram d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_INTERVAL);
	use_group(3, "");
	a = good_adv(3);
	a.interval = 300;
	d = build(&a, VRRP_TTL);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_OK);
	assert_int_equal(r.adv.interval, 300);
}

/* RFC 3768 7.1 / RFC 9568 7.1: "MAY verify that the IP address(es) associated with the VRID
 * are valid"; on a mismatch, "if the packet was not generated by the address owner (Priority
 * does not equal 255), the receiver MUST drop the packet, otherwise continue processing". */
static void test_address_list(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	a.addrs[0] = ip4(192, 168, 1, 99);
	struct dgram d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_ADDR_LIST);
	/* another count is another list */
	a = good_adv(2);
	a.naddr = 2;
	a.addrs[1] = ip4(192, 168, 1, 99);
	d = build(&a, VRRP_TTL);
	expect_drop(&d, VRRP_RX_ADDR_LIST);
	/* from the owner: reported, and accepted */
	a.priority = 255;
	d = build(&a, VRRP_TTL);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_ADDR_LIST);
	assert_true(r.accept);
}

/* RFC 3768 7.1 / RFC 9568 7.1: priority 0 (the master resigning, 5.3.4 / 5.2.4) is a valid
 * advertisement; the state machine acts on it. */
static void test_priority_zero(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	a.priority = 0;
	struct dgram d = build(&a, VRRP_TTL);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_OK);
	assert_true(r.accept);
	assert_int_equal(r.adv.priority, 0);
}

/* Our own advertisements come back on the packet socket: dropped without a counter. */
static void test_own(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	struct dgram d = build(&a, VRRP_TTL);
	struct n2_addr self = SELF;
	memcpy(d.b + 12, self.u.b, 4);
	ip_cksum(d.b);
	expect_drop(&d, VRRP_RX_OWN);
}

/* The packet socket gives IP headers nobody checked: a bad one, or a fragment, is dropped
 * before any VRRP check (RFC 791; VRRP is never fragmented). */
static void test_malformed_ip(void **state)
{
	(void)state;
	use_group(2, "");
	struct vrrp_adv a = good_adv(2);
	struct dgram good = build(&a, VRRP_TTL), d;
	d = good;
	d.len = 19; /* shorter than an IP header */
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = good;
	d.b[0] = 0x65; /* IPv6 version */
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = good;
	d.b[0] = 0x44; /* header length 16 */
	ip_cksum(d.b);
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = good;
	d.b[10] ^= 1; /* header checksum */
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = good;
	d.b[3] = (uint8_t)(good.len + 1); /* total length beyond what was received */
	ip_cksum(d.b);
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = good;
	d.b[6] = 0x20; /* more fragments */
	ip_cksum(d.b);
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = good;
	d.b[7] = 1; /* fragment offset */
	ip_cksum(d.b);
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = good;
	d.b[6] = 0x40; /* don't fragment: not a fragment */
	ip_cksum(d.b);
	assert_int_equal(run(&d).err, VRRP_RX_OK);
}

/* ---- IPv6 (RFC 9568 5.1.2, 7.1) ----------------------------------------------------------
 * cap6: a VRRPv3 advertisement over IPv6 as Debian's keepalived 2.2.7 sent it in a network
 * namespace (tests/fuzz/corpus/vrrp_rx/keepalived-ip6-vrrp3-vrid3-prio200):
 *   6c 0b 5b 00        version 6, traffic class 0xc0, flow label 0xb5b00
 *   00 18 70 ff        payload length 24, next header 112, hop limit 255
 *   fe80::f8a6:bbff:fe71:c446 -> ff02::12
 *   31 03 c8 01 00 64 63 30 2001:db8::30   v3 advertisement, VRID 3, priority 200, count 1,
 *                                         100 cs, checksum 0x6330 */
static const uint8_t cap6[] = {0x6c, 0x0b, 0x5b, 0x00, 0x00, 0x18, 0x70, 0xff, 0xfe, 0x80, 0x00,
			       0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0xa6, 0xbb, 0xff, 0xfe, 0x71,
			       0xc4, 0x46, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
			       0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x31, 0x03, 0xc8, 0x01,
			       0x00, 0x64, 0x63, 0x30, 0x20, 0x01, 0x0d, 0xb8, 0x00, 0x00, 0x00,
			       0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x30};

static struct dgram dgram6(void)
{
	vips6[0] =
		(struct n2_addr){.family = AF_INET6, .u.b = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x30}};
	grp6 = (struct vrrp_rx_expect){
		.version = 3, .adv_cs = 100, .auth = "", .vips = vips6, .nvips = 1};
	struct dgram d = {.len = sizeof(cap6)};
	memcpy(d.b, cap6, sizeof(cap6));
	return d;
}

/* After a test edited the VRRP part or the addresses: the payload length from d->len and
 * the checksum over the IPv6 pseudo-header again. */
static void refix6(struct dgram *d)
{
	size_t n = d->len - 40;
	d->b[4] = (uint8_t)(n >> 8);
	d->b[5] = (uint8_t)n;
	struct n2_addr src = n2_addr_from(AF_INET6, d->b + 8, 16);
	struct n2_addr dst = n2_addr_from(AF_INET6, d->b + 24, 16);
	uint8_t *p = d->b + 40;
	p[6] = p[7] = 0;
	uint16_t ck = vrrp_cksum(p, n, vrrp_pseudo_sum(&src, &dst, n));
	p[6] = (uint8_t)(ck >> 8);
	p[7] = (uint8_t)ck;
}

/* The capture is accepted by the IPv6 group of its VRID, with the IPv6 addresses. */
static void test_v6_good(void **state)
{
	(void)state;
	struct dgram d = dgram6();
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_OK);
	assert_true(r.accept);
	assert_int_equal(r.family, AF_INET6);
	assert_int_equal(r.adv.family, AF_INET6);
	assert_int_equal(r.adv.vrid, 3);
	assert_int_equal(r.adv.priority, 200);
	assert_int_equal(r.adv.interval, 100);
	assert_addr(r.adv.addrs[0], vips6[0]);
	struct n2_addr g = vrrp_group_addr(AF_INET6);
	assert_addr(r.dst, g);
	assert_int_equal(r.src.u.b[0], 0xfe);
	/* Ethernet padding after the payload length is not part of it */
	d.len += 6;
	assert_int_equal(run(&d).err, VRRP_RX_OK);
}

/* RFC 9568 7.1: "MUST verify that the IPv6 Hop Limit is 255" (not in the checksum). */
static void test_v6_hop_limit(void **state)
{
	(void)state;
	const uint8_t hl[] = {0, 1, 64, 254};
	for (size_t i = 0; i < sizeof(hl); i++) {
		struct dgram d = dgram6();
		d.b[7] = hl[i];
		expect_drop(&d, VRRP_RX_TTL);
	}
}

/* An IPv6 group runs v3 only: a v2 advertisement over IPv6 is a version error. */
static void test_v6_version(void **state)
{
	(void)state;
	struct dgram d = dgram6();
	d.b[40] = 0x21;
	refix6(&d);
	expect_drop(&d, VRRP_RX_VERSION);
}

/* The IPv6 checksum covers the pseudo-header (RFC 9568 5.2.8, RFC 8200 8.1): another
 * source address, or a flipped bit of the message, fails. */
static void test_v6_checksum(void **state)
{
	(void)state;
	struct dgram d = dgram6();
	d.b[23] ^= 0x01; /* source fe80::...c447 */
	expect_drop(&d, VRRP_RX_CHECKSUM);
	d = dgram6();
	d.b[40 + 2] ^= 0x01;
	expect_drop(&d, VRRP_RX_CHECKSUM);
}

/* The complete packet (RFC 9568 7.1), and exactly it: an IPv4 address (4 bytes) in an
 * IPv6 advertisement is a length error, as is a payload shorter than the fixed header. */
static void test_v6_length(void **state)
{
	(void)state;
	struct dgram d = dgram6();
	d.len = 40 + 8 + 4;
	refix6(&d);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_LENGTH);
	assert_true(r.known);
	d = dgram6();
	d.len = 40 + 6;
	refix6(&d);
	expect_drop(&d, VRRP_RX_LENGTH);
}

/* Max Adver Int 0 (RFC 9568 5.2.7) is refused and counted as interval-errors. */
static void test_v6_interval_zero(void **state)
{
	(void)state;
	struct dgram d = dgram6();
	d.b[40 + 5] = 0;
	refix6(&d);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_INTERVAL);
	assert_false(r.accept);
	assert_true(r.known);
}

/* RFC 9568 7.1 / 8347 address-list-errors over IPv6, and the owner exception. */
static void test_v6_address_list(void **state)
{
	(void)state;
	struct dgram d = dgram6();
	d.b[40 + 8 + 15] = 0x31; /* 2001:db8::31 */
	refix6(&d);
	expect_drop(&d, VRRP_RX_ADDR_LIST);
	d.b[40 + 2] = 255;
	refix6(&d);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_ADDR_LIST);
	assert_true(r.accept);
}

/* An IPv4 and an IPv6 virtual router of one VRID are separate (RFC 9568 1): the IPv4 group
 * of VRID 1 does not take an IPv6 advertisement for VRID 1, nor the IPv6 group of VRID 3 an
 * IPv4 one for VRID 3. */
static void test_v6_family_separates_groups(void **state)
{
	(void)state;
	use_group(3, "");
	struct dgram d = dgram6();
	d.b[41] = 1;
	refix6(&d);
	struct vrrp_rx_result r = run(&d);
	assert_int_equal(r.err, VRRP_RX_VRID);
	assert_false(r.known);
	/* (an IPv4 one for VRID 3, which has only an IPv6 group) */
	struct vrrp_adv a = good_adv(2);
	a.vrid = 3;
	d = build(&a, VRRP_TTL);
	r = run(&d);
	assert_int_equal(r.err, VRRP_RX_VRID);
	assert_false(r.known);
}

/* Dropped without a counter before any VRRP check: what is not an advertisement as RFC 9568
 * 5.1.2 sends it. */
static void test_v6_malformed(void **state)
{
	(void)state;
	struct dgram d = dgram6();
	d.len = 39; /* shorter than the fixed header */
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = dgram6();
	d.b[5] = 25; /* payload length beyond what was received */
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = dgram6();
	d.b[6] = 0; /* a hop-by-hop options header first: extension headers are not walked */
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = dgram6();
	d.b[6] = 44; /* a fragment header */
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = dgram6();
	d.b[39] = 0x13; /* to ff02::13, not ff02::12 (RFC 9568 5.1.2.2) */
	refix6(&d);
	expect_drop(&d, VRRP_RX_MALFORMED);
	d = dgram6();
	d.b[8] = 0x20; /* from 2000::..., not link-local (RFC 9568 5.1.2.1) */
	d.b[9] = 0x01;
	refix6(&d);
	expect_drop(&d, VRRP_RX_MALFORMED);
}

/* Our own advertisements come back from our link-local address: dropped, no counter. */
static void test_v6_own(void **state)
{
	(void)state;
	struct dgram d = dgram6();
	memcpy(d.b + 8, SELF6.u.b, 16);
	refix6(&d);
	expect_drop(&d, VRRP_RX_OWN);
	/* the IPv4 address does not make an IPv6 packet ours, nor the other way round */
	use_group(3, "");
	struct vrrp_adv a = good_adv(3);
	d = build(&a, VRRP_TTL);
	assert_int_equal(run(&d).err, VRRP_RX_OK);
}

/* RFC 8347 (ietf-vrrp) counter names of the reasons the pipeline adds to the codec's. */
static void test_reason_names(void **state)
{
	(void)state;
	assert_string_equal(vrrp_rx_err_name(VRRP_RX_VRID), "vrid-errors");
	assert_string_equal(vrrp_rx_err_name(VRRP_RX_INTERVAL), "interval-errors");
	assert_string_equal(vrrp_rx_err_name(VRRP_RX_ADDR_LIST), "address-list-errors");
	assert_string_equal(vrrp_rx_err_name(VRRP_RX_AUTH_TYPE), "auth-type-mismatch");
	assert_string_equal(vrrp_rx_err_name(VRRP_RX_AUTH), "auth-failures");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_v6_good),
		cmocka_unit_test(test_v6_hop_limit),
		cmocka_unit_test(test_v6_version),
		cmocka_unit_test(test_v6_checksum),
		cmocka_unit_test(test_v6_length),
		cmocka_unit_test(test_v6_interval_zero),
		cmocka_unit_test(test_v6_address_list),
		cmocka_unit_test(test_v6_family_separates_groups),
		cmocka_unit_test(test_v6_malformed),
		cmocka_unit_test(test_v6_own),
		cmocka_unit_test(test_ttl),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_v2_compat),
		cmocka_unit_test(test_type),
		cmocka_unit_test(test_checksum),
		cmocka_unit_test(test_checksum_v4_rule),
		cmocka_unit_test(test_short),
		cmocka_unit_test(test_count_length_mismatch),
		cmocka_unit_test(test_unknown_vrid),
		cmocka_unit_test(test_unknown_vrid_v3),
		cmocka_unit_test(test_auth_type),
		cmocka_unit_test(test_auth_key),
		cmocka_unit_test(test_interval),
		cmocka_unit_test(test_address_list),
		cmocka_unit_test(test_priority_zero),
		cmocka_unit_test(test_own),
		cmocka_unit_test(test_malformed_ip),
		cmocka_unit_test(test_reason_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
