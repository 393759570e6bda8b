/* Unit tests for lib/addr.c (one IP address, IPv4 or IPv6, as a value) and for the part of
 * lib/prefix.c that builds on it. Expected bytes are written out by hand from the address text,
 * not taken from inet_pton. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>
#include "addr.h"
#include "prefix.h"

static struct n2_addr A(const char *s) {
	struct n2_addr a;
	assert_int_equal(n2_addr_parse(s, &a), 0);
	return a;
}

static void
parse_v4(void **s)
{
	(void)s;
	struct n2_addr a = A("192.0.2.10");
	const uint8_t want[4] = {192, 0, 2, 10};
	assert_int_equal(a.family, AF_INET);
	assert_int_equal(n2_addr_len(&a), 4);
	assert_memory_equal(a.u.b, want, 4);
	/* the same 32 bits as struct in_addr holds them (network order) */
	assert_int_equal(a.u.v4.s_addr, htonl(0xc000020au));
}

static void parse_v6(void **s)
{
	(void)s;
	struct n2_addr a = A("2001:db8::1");
	const uint8_t want[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
	assert_int_equal(a.family, AF_INET6);
	assert_int_equal(n2_addr_len(&a), 16);
	assert_memory_equal(a.u.b, want, 16);
	/* an IPv4-mapped address is IPv6 */
	a = A("::ffff:192.0.2.1");
	assert_int_equal(a.family, AF_INET6);
	assert_int_equal(a.u.b[10], 0xff);
	assert_int_equal(a.u.b[15], 1);
}

static void parse_refuses(void **s)
{
	(void)s;
	const char *bad[] = {"",           "192.0.2",      "192.0.2.256", "192.0.2.1/24",
			     " 192.0.2.1", "2001:db8:::1", "2001:db8::g", "eth0",
			     "1.2.3.4.5"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct n2_addr a = n2_addr_v4(htonl(1));
		assert_int_equal(n2_addr_parse(bad[i], &a), -1);
		/* a refused text leaves none, not the old value */
		assert_int_equal(a.family, 0);
		assert_true(n2_addr_is_none(&a));
	}
	struct n2_addr a;
	assert_int_equal(n2_addr_parse(NULL, &a), -1);
}

static void str(void **s)
{
	(void)s;
	char buf[N2_ADDR_STRLEN];
	assert_string_equal(n2_addr_str(&(struct n2_addr){0}, buf, sizeof(buf)), "-");
	struct n2_addr a = n2_addr_v4(htonl(0x0a000001u));
	assert_string_equal(n2_addr_str(&a, buf, sizeof(buf)), "10.0.0.1");
	/* RFC 5952 text: leading zeros dropped, the longest run of zero words as "::" */
	a = A("2001:0db8:0000:0000:0000:0000:0000:0001");
	assert_string_equal(n2_addr_str(&a, buf, sizeof(buf)), "2001:db8::1");
	/* N2_ADDR_STRLEN is the system's own bound for inet_ntop */
	assert_int_equal(N2_ADDR_STRLEN, INET6_ADDRSTRLEN);
	a = A("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	assert_string_equal(n2_addr_str(&a, buf, sizeof(buf)),
			    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
	/* IPv4-mapped: the last 32 bits in dotted form */
	a = A("::ffff:192.0.2.1");
	assert_string_equal(n2_addr_str(&a, buf, sizeof(buf)), "::ffff:192.0.2.1");
	/* round trip */
	const char *texts[] = {"0.0.0.0", "255.255.255.255", "::", "fe80::1:2", "2001:db8::"};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		a = A(texts[i]);
		assert_string_equal(n2_addr_str(&a, buf, sizeof(buf)), texts[i]);
	}
}

static void constructors(void **s)
{
	(void)s;
	struct n2_addr a = n2_addr_v4(htonl(0xc0000201u)), b = A("192.0.2.1");
	assert_true(n2_addr_eq(&a, &b));
	const uint8_t v4[4] = {192, 0, 2, 1};
	struct n2_addr c = n2_addr_from(AF_INET, v4, 4);
	assert_true(n2_addr_eq(&a, &c));
	struct in6_addr in6;
	assert_int_equal(inet_pton(AF_INET6, "2001:db8::5", &in6), 1);
	struct n2_addr d = n2_addr_v6(&in6), e = A("2001:db8::5");
	assert_true(n2_addr_eq(&d, &e));
	e = n2_addr_from(AF_INET6, &in6, 16);
	assert_true(n2_addr_eq(&d, &e));
	/* a length that is not the family's gives none */
	assert_int_equal(n2_addr_from(AF_INET, v4, 3).family, 0);
	assert_int_equal(n2_addr_from(AF_INET6, v4, 4).family, 0);
	assert_int_equal(n2_addr_from(AF_UNIX, v4, 4).family, 0);
	assert_int_equal(n2_addr_family_len(AF_INET), 4);
	assert_int_equal(n2_addr_family_len(AF_INET6), 16);
	assert_int_equal(n2_addr_family_len(0), 0);
}

static void eq(void **s)
{
	(void)s;
	struct n2_addr a = A("192.0.2.1"), b = A("192.0.2.1"), c = A("192.0.2.2");
	assert_true(n2_addr_eq(&a, &b));
	assert_false(n2_addr_eq(&a, &c));
	/* bytes beyond the family's length do not count */
	b.u.b[8] = 0x55;
	assert_true(n2_addr_eq(&a, &b));
	/* the same bytes in another family are another address: 0.0.0.0 is not :: */
	struct n2_addr z4 = A("0.0.0.0"), z6 = A("::");
	assert_false(n2_addr_eq(&z4, &z6));
	struct n2_addr n1 = {0}, n2 = {0};
	assert_true(n2_addr_eq(&n1, &n2));
	assert_false(n2_addr_eq(&n1, &z4));
}

static void cmp(void **s)
{
	(void)s;
	/* numeric order, not text order: 10.0.0.9 < 10.0.0.10 < 192.0.2.1 */
	struct n2_addr a = A("10.0.0.9"), b = A("10.0.0.10"), c = A("192.0.2.1");
	assert_true(n2_addr_cmp(&a, &b) < 0);
	assert_true(n2_addr_cmp(&b, &c) < 0);
	assert_true(n2_addr_cmp(&c, &a) > 0);
	assert_int_equal(n2_addr_cmp(&a, &a), 0);
	/* the most significant byte decides, whatever the host's byte order */
	struct n2_addr hi = A("10.0.0.1"), lo = A("9.255.255.255");
	assert_true(n2_addr_cmp(&hi, &lo) > 0);
	struct n2_addr x = A("2001:db8::2"), y = A("2001:db8::10");
	assert_true(n2_addr_cmp(&x, &y) < 0);
	/* families apart: every IPv4 address before every IPv6 one (AF_INET < AF_INET6) */
	struct n2_addr v6 = A("::");
	assert_true(n2_addr_cmp(&c, &v6) < 0);
	assert_true(n2_addr_cmp(&v6, &c) > 0);
	/* none first */
	struct n2_addr none = {0};
	assert_true(n2_addr_cmp(&none, &a) < 0);
	assert_int_equal(n2_addr_cmp(&none, &(struct n2_addr){0}), 0);
}

static void is_none(void **s)
{
	(void)s;
	assert_true(n2_addr_is_none(&(struct n2_addr){0}));
	struct n2_addr a = A("0.0.0.0");
	assert_true(n2_addr_is_none(&a));
	a = n2_addr_v4(0);
	assert_true(n2_addr_is_none(&a));
	a = A("::");
	assert_true(n2_addr_is_none(&a));
	a = A("0.0.0.1");
	assert_false(n2_addr_is_none(&a));
	a = A("::1");
	assert_false(n2_addr_is_none(&a));
}

/* prefix.c parses and prints its address as an n2_addr. */
static void prefix_builds_on_addr(void **s)
{
	(void)s;
	struct n2_prefix p;
	char buf[N2_PREFIX_STRLEN];
	assert_int_equal(n2_prefix_parse("192.0.2.10/24", &p, 0), 0);
	struct n2_addr a = n2_prefix_addr(&p), want = A("192.0.2.10");
	assert_true(n2_addr_eq(&a, &want));
	assert_string_equal(n2_prefix_str(&p, buf, sizeof(buf)), "192.0.2.10/24");
	assert_int_equal(n2_prefix_parse("2001:db8::1/64", &p, 0), 0);
	a = n2_prefix_addr(&p);
	want = A("2001:db8::1");
	assert_true(n2_addr_eq(&a, &want));
	assert_string_equal(n2_prefix_str(&p, buf, sizeof(buf)), "2001:db8::1/64");
	assert_string_equal(n2_prefix_addr_str(&p, buf, sizeof(buf)), "2001:db8::1");
	/* an address alone gets the full length when allowed */
	assert_int_equal(n2_prefix_parse("192.0.2.1", &p, 1), 0);
	assert_int_equal(p.plen, 32);
	assert_int_equal(n2_prefix_parse("192.0.2.1", &p, 0), -1);
	assert_int_equal(n2_prefix_parse("192.0.2.300/24", &p, 0), -1);
	/* unset: no address, printed "?" as before */
	struct n2_prefix u = {0};
	assert_int_equal(n2_prefix_addr(&u).family, 0);
	assert_string_equal(n2_prefix_addr_str(&u, buf, sizeof(buf)), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_v4),
		cmocka_unit_test(parse_v6),
		cmocka_unit_test(parse_refuses),
		cmocka_unit_test(str),
		cmocka_unit_test(constructors),
		cmocka_unit_test(eq),
		cmocka_unit_test(cmp),
		cmocka_unit_test(is_none),
		cmocka_unit_test(prefix_builds_on_addr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
