/* ribmgr's pure core: next-hop resolution through connected routes of up interfaces, selection by
 * distance then metric, ECMP merging, protocol routes and their withdrawal, what is pushed to the
 * kernel (a fake FIB), longest-prefix lookup, the n2os-routing JSON, and `show ip route` in text
 * and JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loop.h"
#include "ribmgr.h"
#include "testutil.h"

struct fake_fib {
	int installs, removes;
	char last[128];
	int refuse;
};

static int fib_install(const struct n2_prefix *p, const struct rib_fib *f, void *arg)
{
	struct fake_fib *ff = arg;
	char ps[N2_PREFIX_STRLEN], gs[N2_PREFIX_STRLEN] = "-";
	if (f->nh[0].gw.family)
		n2_prefix_addr_str(&f->nh[0].gw, gs, sizeof(gs));
	snprintf(ff->last, sizeof(ff->last), "install %s via %s dev %u n=%zu",
		 n2_prefix_str(p, ps, sizeof(ps)), gs, f->nh[0].via_ifindex, f->nnh);
	ff->installs++;
	return ff->refuse ? -1 : 0;
}

static int fib_remove(const struct n2_prefix *p, void *arg)
{
	struct fake_fib *ff = arg;
	char ps[N2_PREFIX_STRLEN];
	snprintf(ff->last, sizeof(ff->last), "remove %s", n2_prefix_str(p, ps, sizeof(ps)));
	ff->removes++;
	return 0;
}

static struct n2_prefix P(const char *s) {
	struct n2_prefix p;
	assert_int_equal(n2_prefix_parse(s, &p, 1), 0);
	return p;
}

static struct rib_static
S(const char *prefix, const char *nh, int distance) {
	struct rib_static s = {.prefix = P(prefix), .distance = (uint8_t)distance};
	if (n2_prefix_parse(nh, &s.nh.gw, 1) < 0)
		snprintf(s.nh.ifname, sizeof(s.nh.ifname), "%s", nh);
	n2_prefix_network(&s.prefix, &s.prefix);
	return s;
}

static void
two_ifaces(struct rib *r, int up1, int up2)
{
	struct n2_prefix a1 = P("192.0.2.254/24"), a2 = P("198.51.100.254/24");
	rib_if_update(r, "eth1", 2, up1);
	rib_if_addrs(r, "eth1", &a1, 1);
	rib_if_update(r, "eth2", 3, up2);
	rib_if_addrs(r, "eth2", &a2, 1);
	rib_recompute(r);
}

static const struct rib_route *best_of(const struct rib *r, const char *prefix)
{
	struct n2_prefix p = P(prefix);
	const struct rib_dest *d = rib_exact(r, &p);
	return d ? rib_best(d) : NULL;
}

static void test_connected_and_resolution(void **state)
{
	(void)state;
	struct fake_fib ff = {0};
	struct rib_fib_ops ops = {fib_install, fib_remove, NULL, &ff};
	struct rib r;
	rib_init(&r, &ops);
	two_ifaces(&r, 1, 0);
	const struct rib_route *c = best_of(&r, "192.0.2.0/24");
	assert_non_null(c);
	assert_int_equal(c->type, RIB_CONNECTED);
	assert_null(best_of(&r, "198.51.100.0/24")); /* eth2 down: no connected route */
	assert_int_equal(ff.installs, 0);            /* connected routes are the kernel's */

	struct rib_static s[] = {S("203.0.113.0/24", "198.51.100.1", 1)};
	rib_static_set(&r, s, 1);
	assert_null(best_of(&r, "203.0.113.0/24")); /* next hop unreachable: inactive */
	assert_int_equal(ff.installs, 0);

	rib_if_update(&r, "eth2", 3, 1);
	rib_recompute(&r);
	const struct rib_route *b = best_of(&r, "203.0.113.0/24");
	assert_non_null(b);
	assert_true(b->active);
	assert_string_equal(b->nh[0].via, "eth2");
	assert_string_equal(ff.last, "install 203.0.113.0/24 via 198.51.100.1 dev 3 n=1");

	rib_if_update(&r, "eth2", 3, 0); /* next hop down: withdrawn */
	rib_recompute(&r);
	assert_string_equal(ff.last, "remove 203.0.113.0/24");
	assert_null(best_of(&r, "203.0.113.0/24"));
	rib_fini(&r);
}

static void test_selection(void **state)
{
	(void)state;
	struct fake_fib ff = {0};
	struct rib_fib_ops ops = {fib_install, fib_remove, NULL, &ff};
	struct rib r;
	rib_init(&r, &ops);
	two_ifaces(&r, 1, 1);
	struct rib_static s[] = {S("203.0.113.0/24", "198.51.100.1", 10),
				 S("203.0.113.0/24", "192.0.2.1", 5)};
	rib_static_set(&r, s, 2);
	assert_string_equal(ff.last, "install 203.0.113.0/24 via 192.0.2.1 dev 2 n=1");
	/* a protocol route with a lower distance wins; metric breaks ties */
	struct rib_nh nh = {.gw = P("198.51.100.7")};
	char err[128];
	assert_int_equal(
		rib_proto_add(&r, "ripd", "rip", &s[0].prefix, 3, 7, &nh, 1, err, sizeof(err)), 0);
	assert_string_equal(best_of(&r, "203.0.113.0/24")->proto, "rip");
	assert_string_equal(ff.last, "install 203.0.113.0/24 via 198.51.100.7 dev 3 n=1");
	struct rib_nh nh2 = {.gw = P("198.51.100.8")};
	assert_int_equal(
		rib_proto_add(&r, "ospfd", "ospf", &s[0].prefix, 3, 2, &nh2, 1, err, sizeof(err)),
		0);
	assert_string_equal(best_of(&r, "203.0.113.0/24")->proto, "ospf");
	/* the process leaves: its routes go, the next best comes back */
	rib_source_gone(&r, "ospfd");
	assert_string_equal(best_of(&r, "203.0.113.0/24")->proto, "rip");
	assert_int_equal(rib_proto_del(&r, "ripd", &s[0].prefix, err, sizeof(err)), 0);
	assert_int_equal(best_of(&r, "203.0.113.0/24")->type, RIB_STATIC);
	assert_int_equal(rib_proto_del(&r, "ripd", &s[0].prefix, err, sizeof(err)), -1);
	assert_string_equal(err, "ripd has no route to 203.0.113.0/24");
	/* bad input is refused with a reason */
	struct rib_nh none = {0};
	assert_int_equal(
		rib_proto_add(&r, "x", "x", &s[0].prefix, 1, 0, &none, 1, err, sizeof(err)), -1);
	assert_int_equal(
		rib_proto_add(&r, "config", "x", &s[0].prefix, 1, 0, &nh, 1, err, sizeof(err)), -1);
	/* connected beats everything */
	struct n2_prefix net = P("192.0.2.0/24");
	assert_int_equal(rib_proto_add(&r, "ripd", "rip", &net, 1, 0, &nh, 1, err, sizeof(err)), 0);
	assert_int_equal(best_of(&r, "192.0.2.0/24")->type, RIB_CONNECTED);
	rib_fini(&r);
}

/* RIB_MAX_PROTO_ROUTES protocol routes in all: one more is refused with the reason, while a
 * route replacing a sender's own still fits, and room comes back when routes go. */
static void test_proto_route_limit(void **state)
{
	(void)state;
	struct rib r;
	rib_init(&r, NULL);
	two_ifaces(&r, 1, 1);
	struct rib_nh nh = {.gw = P("198.51.100.7")};
	char err[128];
	for (int i = 0; i < RIB_MAX_PROTO_ROUTES; i++) {
		struct n2_prefix p = P("10.0.0.0/24");
		p.addr[1] = (uint8_t)(i >> 8);
		p.addr[2] = (uint8_t)i;
		if (rib_proto_add(&r, i % 2 ? "ripd" : "ospfd", "x", &p, 1, 0, &nh, 1, err,
				  sizeof(err)) < 0)
			fail_msg("route %d refused: %s", i, err);
	}
	struct n2_prefix extra = P("172.16.0.0/16"), first = P("10.0.0.0/24");
	assert_int_equal(rib_proto_add(&r, "bfdd", "x", &extra, 1, 0, &nh, 1, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "the RIB holds 512 protocol routes already (at most 512)");
	assert_null(rib_exact(&r, &extra));
	assert_int_equal(rib_proto_add(&r, "ospfd", "x", &first, 7, 0, &nh, 1, err, sizeof(err)),
			 0); /* replaces its own */
	assert_int_equal(rib_proto_del(&r, "ospfd", &first, err, sizeof(err)), 0);
	assert_int_equal(rib_proto_add(&r, "bfdd", "x", &extra, 1, 0, &nh, 1, err, sizeof(err)), 0);
	rib_source_gone(&r, "ripd");
	assert_int_equal(r.nproto, RIB_MAX_PROTO_ROUTES / 2);
	rib_fini(&r);
}

static void test_ecmp_and_ifname(void **state)
{
	(void)state;
	struct fake_fib ff = {0};
	struct rib_fib_ops ops = {fib_install, fib_remove, NULL, &ff};
	struct rib r;
	rib_init(&r, &ops);
	two_ifaces(&r, 1, 1);
	struct rib_static s[] = {S("203.0.113.0/24", "198.51.100.1", 1),
				 S("203.0.113.0/24", "192.0.2.1", 1), S("10.0.0.0/8", "eth1", 1)};
	rib_static_set(&r, s, 3);
	struct n2_prefix p = P("203.0.113.0/24");
	const struct rib_dest *d = rib_exact(&r, &p);
	assert_int_equal(d->fib.nnh, 2);
	struct n2_prefix q = P("10.0.0.0/8");
	d = rib_exact(&r, &q);
	assert_true(d->installed);
	assert_int_equal(d->fib.nh[0].via_ifindex, 2);
	/* one next hop down: the other stays */
	rib_if_update(&r, "eth1", 2, 0);
	rib_recompute(&r);
	d = rib_exact(&r, &p);
	assert_int_equal(d->fib.nnh, 1);
	assert_false(rib_exact(&r, &q)->installed);
	/* lookup: longest prefix with a route */
	struct n2_prefix a = P("203.0.113.9");
	assert_true(n2_prefix_eq(&rib_lookup(&r, &a)->prefix, &p));
	struct n2_prefix none = P("10.1.1.1");
	assert_null(rib_lookup(&r, &none));
	/* stop: everything ribmgr installed is removed */
	int before = ff.removes;
	rib_flush(&r);
	assert_int_equal(ff.removes, before + 1);
	rib_fini(&r);
}

static void test_kernel_refuses(void **state)
{
	(void)state;
	struct fake_fib ff = {.refuse = 1};
	struct rib_fib_ops ops = {fib_install, fib_remove, NULL, &ff};
	struct rib r;
	rib_init(&r, &ops);
	two_ifaces(&r, 1, 1);
	struct rib_static s[] = {S("203.0.113.0/24", "198.51.100.1", 1)};
	rib_static_set(&r, s, 1);
	struct n2_prefix p = P("203.0.113.0/24");
	assert_false(rib_exact(&r, &p)->installed);
	ff.refuse = 0;
	rib_recompute(&r); /* tried again on the next change */
	assert_true(rib_exact(&r, &p)->installed);
	rib_fini(&r);
}

static void test_config_json(void **state)
{
	(void)state;
	struct rib_static *s;
	size_t n;
	char err[256];
	assert_int_equal(rib_cfg_parse("", &s, &n, NULL, err, sizeof(err)), 0);
	assert_int_equal(n, 0);
	assert_int_equal(
		rib_cfg_parse(
			"{\"n2os-routing:routing\":{\"static\":{\"route\":["
			"{\"prefix\":\"203.0.113.5/24\",\"next-hop\":\"198.51.100.1\"},"
			"{\"prefix\":\"10.0.0.0/8\",\"next-hop\":\"eth1\",\"distance\":7}]}}}",
			&s, &n, NULL, err, sizeof(err)),
		0);
	assert_int_equal(n, 2);
	char ps[N2_PREFIX_STRLEN];
	assert_string_equal(n2_prefix_str(&s[0].prefix, ps, sizeof(ps)), "203.0.113.0/24");
	assert_int_equal(s[0].distance, 1);
	assert_string_equal(s[1].nh.ifname, "eth1");
	assert_int_equal(s[1].distance, 7);
	free(s);
	assert_int_equal(
		rib_cfg_parse(
			"{\"n2os-routing:routing\":{\"static\":{\"route\":["
			"{\"prefix\":\"203.0.113.0/24\",\"next-hop\":\"x\",\"distance\":0}]}}}",
			&s, &n, NULL, err, sizeof(err)),
		-1);
	assert_non_null(strstr(err, "distance"));
}

/* The module's max-elements is RIB_MAX_STATIC_ROUTES: that many parse, one more is refused. */
static void test_static_route_limit(void **state)
{
	(void)state;
	for (int extra = 0; extra < 2; extra++) {
		struct n2_buf j;
		n2_buf_init(&j);
		n2_buf_printf(&j, "{\"n2os-routing:routing\":{\"static\":{\"route\":[");
		for (int i = 0; i < RIB_MAX_STATIC_ROUTES + extra; i++)
			n2_buf_printf(&j, "%s{\"prefix\":\"10.%d.%d.0/24\",\"next-hop\":\"eth1\"}",
				      i ? "," : "", i >> 8, i & 0xff);
		n2_buf_printf(&j, "]}}}");
		struct rib_static *s = NULL;
		size_t n = 0;
		char err[256] = "";
		int rc = rib_cfg_parse(n2_buf_str(&j), &s, &n, NULL, err, sizeof(err));
		n2_buf_fini(&j);
		free(s);
		if (!extra) {
			assert_int_equal(rc, 0);
			assert_int_equal(n, RIB_MAX_STATIC_ROUTES);
		} else {
			assert_int_equal(rc, -1);
			if (!strstr(err, "route"))
				fail_msg("the refusal does not name the list: %s", err);
		}
	}
}

/* ---- show ip route: text and JSON pinned byte for byte ---- */

/* Sets every route's age (changed_us) to secs[i] seconds ago, in table order; half a second
 * more, so that the test may take up to that long without changing a printed second. */
static void set_ages(struct rib *r, const unsigned *secs, size_t n)
{
	size_t i = 0;
	for (struct rib_dest *d = r->dests; d; d = d->next)
		for (struct rib_route *rt = d->routes; rt; rt = rt->next, i++)
			rt->changed_us = n2_now_us() - (uint64_t)secs[i % n] * 1000000u - 500000u;
}

/* Connected routes, two static routes of the same distance and a worse one for one prefix, a
 * static route through an interface, three inactive ones (unknown interface, unreachable
 * gateway, gateway on an unknown interface), a RIP route and a route of a protocol without a
 * code (its name needs JSON escaping) with three next hops, one of them unreachable. */
static void show_fixture(struct rib *r, struct fake_fib *ff)
{
	static struct rib_fib_ops ops = {fib_install, fib_remove, NULL, NULL};
	ops.arg = ff;
	rib_init(r, &ops);
	two_ifaces(r, 1, 1);
	struct rib_static s[] = {S("203.0.113.0/24", "198.51.100.1", 1),
				 S("203.0.113.0/24", "192.0.2.1", 1),
				 S("203.0.113.0/24", "192.0.2.9", 10),
				 S("10.0.0.0/8", "eth1", 1),
				 S("10.9.0.0/16", "eth9", 1),
				 S("172.16.0.0/12", "10.255.0.1", 1),
				 S("198.18.0.0/15", "10.255.0.1", 1)};
	snprintf(s[6].nh.ifname, sizeof(s[6].nh.ifname), "eth9");
	rib_static_set(r, s, sizeof(s) / sizeof(s[0]));
	char err[128];
	struct rib_nh nh = {.gw = P("198.51.100.7")};
	struct rib_nh three[] = {{.gw = P("192.0.2.7")}, {.gw = P("10.255.0.9")}, nh};
	struct n2_prefix p1 = P("192.0.2.128/25"), p2 = P("100.64.0.0/10");
	assert_int_equal(rib_proto_add(r, "ripd", "rip", &p1, 120, 7, &nh, 1, err, sizeof(err)), 0);
	assert_int_equal(
		rib_proto_add(r, "babeld", "ba\"bel", &p2, 100, 0, three, 3, err, sizeof(err)), 0);
	const unsigned ages[] = {0, 59, 3723, 86399, 86400, 90061 + 3600 * 5};
	set_ages(r, ages, sizeof(ages) / sizeof(ages[0]));
}

/* Runs show_ip_route (what NULL) or show_ip_route_match in text and in JSON; want[j] and rc. */
static void check_show_family(const struct rib *r, int family, const char *what,
			      const char *want[2], int rc)
{
	for (int j = 0; j < 2; j++) {
		struct n2_buf b;
		n2_buf_init(&b);
		if (what)
			assert_int_equal(show_ip_route_match(r, family, what, j, &b), rc);
		else
			show_ip_route(r, family, j, &b);
		assert_string_equal(n2_buf_str(&b), want[j]);
		n2_buf_fini(&b);
	}
}

static void check_show(const struct rib *r, const char *what, const char *want[2], int rc)
{
	check_show_family(r, AF_INET, what, want, rc);
}

/* The outputs as they were before the show used lib/emit (cmsh users and scripts read them). */
static void test_show_ip_route(void **state)
{
	(void)state;
	struct fake_fib ff = {0};
	struct rib r;
	show_fixture(&r, &ff);
	const char *all[2] = {
		"Codes: C - connected, S - static, R - RIP, O - OSPF, P - other protocol,\n"
		"       > - selected route, * - installed in the kernel\n"
		"\n"
		"S>* 10.0.0.0/8 [1/0] is directly connected, eth1, 00:00:00\n"
		"S   10.9.0.0/16 [1/0] is directly connected inactive (eth9), 00:00:59\n"
		"P>* 100.64.0.0/10 [100/0] via 192.0.2.7, eth1\n"
		"                            via 10.255.0.9 inactive\n"
		"                            via 198.51.100.7, eth2, 01:02:03\n"
		"S   172.16.0.0/12 [1/0] via 10.255.0.1 inactive, 23:59:59\n"
		"C>* 192.0.2.0/24 is directly connected, eth1, 1d00h\n"
		"R>* 192.0.2.128/25 [120/7] via 198.51.100.7, eth2, 1d06h\n"
		"S   198.18.0.0/15 [1/0] via 10.255.0.1, eth9 inactive, 00:00:00\n"
		"C>* 198.51.100.0/24 is directly connected, eth2, 00:00:59\n"
		"S>* 203.0.113.0/24 [1/0] via 198.51.100.1, eth2, 01:02:03\n"
		"S>* 203.0.113.0/24 [1/0] via 192.0.2.1, eth1, 23:59:59\n"
		"S   203.0.113.0/24 [10/0] via 192.0.2.9, eth1, 1d00h\n",
		"{\"routes\":[{\"prefix\":\"10.0.0.0/8\",\"protocol\":\"static\","
		"\"source\":\"config\",\"distance\":1,\"metric\":0,\"active\":true,\"selected\":"
		"true,"
		"\"installed\":true,\"age_s\":0,\"nexthops\":[{\"gateway\":null,"
		"\"interface\":\"eth1\",\"active\":true}]},{\"prefix\":\"10.9.0.0/16\","
		"\"protocol\":\"static\",\"source\":\"config\",\"distance\":1,\"metric\":0,"
		"\"active\":false,\"selected\":false,\"installed\":false,\"age_s\":59,"
		"\"nexthops\":[{\"gateway\":null,\"interface\":\"eth9\",\"active\":false}]},"
		"{\"prefix\":\"100.64.0.0/10\",\"protocol\":\"ba\\\"bel\",\"source\":\"babeld\","
		"\"distance\":100,\"metric\":0,\"active\":true,\"selected\":true,\"installed\":"
		"true,"
		"\"age_s\":3723,\"nexthops\":[{\"gateway\":\"192.0.2.7\",\"interface\":\"eth1\","
		"\"active\":true},{\"gateway\":\"10.255.0.9\",\"interface\":\"\",\"active\":false},"
		"{\"gateway\":\"198.51.100.7\",\"interface\":\"eth2\",\"active\":true}]},"
		"{\"prefix\":\"172.16.0.0/12\",\"protocol\":\"static\",\"source\":\"config\","
		"\"distance\":1,\"metric\":0,\"active\":false,\"selected\":false,\"installed\":"
		"false,"
		"\"age_s\":86399,\"nexthops\":[{\"gateway\":\"10.255.0.1\",\"interface\":\"\","
		"\"active\":false}]},{\"prefix\":\"192.0.2.0/24\",\"protocol\":\"connected\","
		"\"source\":\"pifmgr\",\"distance\":0,\"metric\":0,\"active\":true,\"selected\":"
		"true,"
		"\"installed\":true,\"age_s\":86400,\"nexthops\":[{\"gateway\":null,"
		"\"interface\":\"eth1\",\"active\":true}]},{\"prefix\":\"192.0.2.128/25\","
		"\"protocol\":\"rip\",\"source\":\"ripd\",\"distance\":120,\"metric\":7,"
		"\"active\":true,\"selected\":true,\"installed\":true,\"age_s\":108061,"
		"\"nexthops\":[{\"gateway\":\"198.51.100.7\",\"interface\":\"eth2\","
		"\"active\":true}]},{\"prefix\":\"198.18.0.0/15\",\"protocol\":\"static\","
		"\"source\":\"config\",\"distance\":1,\"metric\":0,\"active\":false,"
		"\"selected\":false,\"installed\":false,\"age_s\":0,"
		"\"nexthops\":[{\"gateway\":\"10.255.0.1\",\"interface\":\"eth9\","
		"\"active\":false}]},{\"prefix\":\"198.51.100.0/24\",\"protocol\":\"connected\","
		"\"source\":\"pifmgr\",\"distance\":0,\"metric\":0,\"active\":true,\"selected\":"
		"true,"
		"\"installed\":true,\"age_s\":59,\"nexthops\":[{\"gateway\":null,"
		"\"interface\":\"eth2\",\"active\":true}]},{\"prefix\":\"203.0.113.0/24\","
		"\"protocol\":\"static\",\"source\":\"config\",\"distance\":1,\"metric\":0,"
		"\"active\":true,\"selected\":true,\"installed\":true,\"age_s\":3723,"
		"\"nexthops\":[{\"gateway\":\"198.51.100.1\",\"interface\":\"eth2\","
		"\"active\":true}]},{\"prefix\":\"203.0.113.0/24\",\"protocol\":\"static\","
		"\"source\":\"config\",\"distance\":1,\"metric\":0,\"active\":true,\"selected\":"
		"true,"
		"\"installed\":true,\"age_s\":86399,\"nexthops\":[{\"gateway\":\"192.0.2.1\","
		"\"interface\":\"eth1\",\"active\":true}]},{\"prefix\":\"203.0.113.0/24\","
		"\"protocol\":\"static\",\"source\":\"config\",\"distance\":10,\"metric\":0,"
		"\"active\":true,\"selected\":false,\"installed\":false,\"age_s\":86400,"
		"\"nexthops\":[{\"gateway\":\"192.0.2.9\",\"interface\":\"eth1\","
		"\"active\":true}]}]}\n"};
	check_show(&r, NULL, all, 0);
	rib_fini(&r);
}

/* ADDR is a longest-prefix lookup, A.B.C.D/M an exact one; the text is a detail view, the JSON
 * the route list of that destination. */
static void test_show_ip_route_match(void **state)
{
	(void)state;
	struct fake_fib ff = {0};
	struct rib r;
	show_fixture(&r, &ff);
	const char *dest[2] = {
		"Routing entry for 203.0.113.0/24\n"
		"  Known via \"static\", distance 1, metric 0, best, installed\n"
		"  * 198.51.100.1, via eth2\n"
		"  Known via \"static\", distance 1, metric 0, best, installed\n"
		"  * 192.0.2.1, via eth1\n"
		"  Known via \"static\", distance 10, metric 0\n"
		"  * 192.0.2.9, via eth1\n",
		"{\"routes\":[{\"prefix\":\"203.0.113.0/24\",\"protocol\":\"static\","
		"\"source\":\"config\",\"distance\":1,\"metric\":0,\"active\":true,\"selected\":"
		"true,"
		"\"installed\":true,\"age_s\":3723,\"nexthops\":[{\"gateway\":\"198.51.100.1\","
		"\"interface\":\"eth2\",\"active\":true}]},{\"prefix\":\"203.0.113.0/24\","
		"\"protocol\":\"static\",\"source\":\"config\",\"distance\":1,\"metric\":0,"
		"\"active\":true,\"selected\":true,\"installed\":true,\"age_s\":86399,"
		"\"nexthops\":[{\"gateway\":\"192.0.2.1\",\"interface\":\"eth1\",\"active\":true}]}"
		","
		"{\"prefix\":\"203.0.113.0/24\",\"protocol\":\"static\",\"source\":\"config\","
		"\"distance\":10,\"metric\":0,\"active\":true,\"selected\":false,\"installed\":"
		"false,"
		"\"age_s\":86400,\"nexthops\":[{\"gateway\":\"192.0.2.9\",\"interface\":\"eth1\","
		"\"active\":true}]}]}\n"};
	check_show(&r, "203.0.113.9", dest, 0);
	check_show(&r, "203.0.113.0/24", dest, 0);
	const char *ecmp[2] = {
		"Routing entry for 100.64.0.0/10\n"
		"  Known via \"ba\"bel\", distance 100, metric 0, best, installed\n"
		"  * 192.0.2.7, via eth1\n"
		"    10.255.0.9, inactive\n"
		"  * 198.51.100.7, via eth2\n",
		"{\"routes\":[{\"prefix\":\"100.64.0.0/10\",\"protocol\":\"ba\\\"bel\","
		"\"source\":\"babeld\",\"distance\":100,\"metric\":0,\"active\":true,"
		"\"selected\":true,\"installed\":true,\"age_s\":3723,"
		"\"nexthops\":[{\"gateway\":\"192.0.2.7\",\"interface\":\"eth1\",\"active\":true},"
		"{\"gateway\":\"10.255.0.9\",\"interface\":\"\",\"active\":false},"
		"{\"gateway\":\"198.51.100.7\",\"interface\":\"eth2\",\"active\":true}]}]}\n"};
	check_show(&r, "100.64.1.1", ecmp, 0);
	const char *miss[2] = {"% Network not in table\n", "{\"routes\":[]}\n"};
	check_show(&r, "11.1.1.1", miss, 0);
	const char *bad[2] = {"% Bad address or prefix: 2001:db8::1",
			      "% Bad address or prefix: 2001:db8::1"};
	check_show(&r, "2001:db8::1", bad, -1);
	rib_fini(&r);
}

/* IPv6 goes through the same core: connected routes from the interfaces' IPv6 addresses
 * (fe80::/64 once per interface, as FRR shows it; the latest interface first), a static route
 * through a global gateway resolved and installed, `show ipv6 route` holding only IPv6 and `show ip
 * route` only IPv4. */
static void test_ipv6_routes(void **state)
{
	(void)state;
	struct fake_fib ff = {0};
	struct rib_fib_ops ops = {fib_install, fib_remove, NULL, &ff};
	struct rib r;
	rib_init(&r, &ops);
	struct n2_prefix a1[] = {P("192.0.2.254/24"), P("2001:db8:1::254/64"), P("fe80::1/64")};
	struct n2_prefix a2[] = {P("2001:db8:2::254/64"), P("fe80::2/64")};
	rib_if_update(&r, "eth1", 2, 1);
	rib_if_addrs(&r, "eth1", a1, 3);
	rib_if_update(&r, "eth2", 3, 1);
	rib_if_addrs(&r, "eth2", a2, 2);
	struct rib_static s[] = {S("2001:db8:99::/48", "2001:db8:2::1", 1),
				 S("2001:db8:98::/48", "2001:db8:7::1", 1)};
	rib_static_set(&r, s, 2);
	assert_string_equal(ff.last, "install 2001:db8:99::/48 via 2001:db8:2::1 dev 3 n=1");
	assert_int_equal(ff.installs, 1);
	set_ages(&r, (const unsigned[]){0}, 1);
	const char *v6 =
		"Codes: C - connected, S - static, R - RIP, O - OSPF, P - other protocol,\n"
		"       > - selected route, * - installed in the kernel\n"
		"\n"
		"C>* 2001:db8:1::/64 is directly connected, eth1, 00:00:00\n"
		"C>* 2001:db8:2::/64 is directly connected, eth2, 00:00:00\n"
		"S   2001:db8:98::/48 [1/0] via 2001:db8:7::1 inactive, 00:00:00\n"
		"S>* 2001:db8:99::/48 [1/0] via 2001:db8:2::1, eth2, 00:00:00\n"
		"C>* fe80::/64 is directly connected, eth2, 00:00:00\n"
		"C>* fe80::/64 is directly connected, eth1, 00:00:00\n";
	struct n2_buf b;
	n2_buf_init(&b);
	show_ip_route(&r, AF_INET6, 0, &b);
	assert_string_equal(n2_buf_str(&b), v6);
	n2_buf_reset(&b);
	show_ip_route(&r, AF_INET, 0, &b);
	assert_null(strstr(n2_buf_str(&b), "2001:db8"));
	assert_non_null(strstr(n2_buf_str(&b), "C>* 192.0.2.0/24"));
	n2_buf_reset(&b);
	assert_int_equal(show_ip_route_match(&r, AF_INET6, "2001:db8:99::5", 0, &b), 0);
	assert_non_null(strstr(n2_buf_str(&b), "Routing entry for 2001:db8:99::/48"));
	n2_buf_reset(&b);
	assert_int_equal(show_ip_route_match(&r, AF_INET6, "192.0.2.1", 0, &b), -1);
	n2_buf_fini(&b);
	rib_fini(&r);
}

/* A link-local gateway is on every link: it needs an interface; families do not mix. */
static void test_ipv6_nexthops(void **state)
{
	(void)state;
	struct fake_fib ff = {0};
	struct rib_fib_ops ops = {fib_install, fib_remove, NULL, &ff};
	struct rib r;
	rib_init(&r, &ops);
	struct n2_prefix a = P("2001:db8:1::254/64");
	rib_if_update(&r, "eth1", 2, 1);
	rib_if_addrs(&r, "eth1", &a, 1);
	rib_recompute(&r);
	char err[128] = "";
	struct n2_prefix p = P("2001:db8:99::/48"), p4 = P("203.0.113.0/24");
	struct rib_nh ll = {.gw = P("fe80::1")}, v4 = {.gw = P("192.0.2.1")};
	assert_int_equal(rib_proto_add(&r, "ripngd", "ripng", &p, 120, 1, &ll, 1, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "a link-local gateway needs an interface");
	assert_int_equal(rib_proto_add(&r, "ripngd", "ripng", &p, 120, 1, &v4, 1, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "an IPv6 route needs an IPv6 gateway");
	assert_int_equal(rib_proto_add(&r, "ripd", "rip", &p4, 120, 1, &ll, 1, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "an IPv4 route needs an IPv4 gateway");
	snprintf(ll.ifname, sizeof(ll.ifname), "eth1");
	assert_int_equal(rib_proto_add(&r, "ripngd", "ripng", &p, 120, 1, &ll, 1, err, sizeof(err)),
			 0);
	assert_string_equal(ff.last, "install 2001:db8:99::/48 via fe80::1 dev 2 n=1");
	rib_fini(&r);
}

/* ipv6-route parses into the same list as route; a link-local gateway is refused there too. */
static void test_config_json_ipv6(void **state)
{
	(void)state;
	struct rib_static *s;
	size_t n;
	char err[256] = "";
	assert_int_equal(rib_cfg_parse("{\"n2os-routing:routing\":{\"static\":{\"route\":["
				       "{\"prefix\":\"203.0.113.0/24\",\"next-hop\":\"eth1\"}],"
				       "\"ipv6-route\":[{\"prefix\":\"2001:db8:99::5/48\","
				       "\"next-hop\":\"2001:db8:2::1\",\"distance\":5},"
				       "{\"prefix\":\"::/0\",\"next-hop\":\"eth2\"}]}}}",
				       &s, &n, NULL, err, sizeof(err)),
			 0);
	assert_int_equal(n, 3);
	char ps[N2_PREFIX_STRLEN];
	assert_string_equal(n2_prefix_str(&s[1].prefix, ps, sizeof(ps)), "2001:db8:99::/48");
	assert_string_equal(n2_prefix_addr_str(&s[1].nh.gw, ps, sizeof(ps)), "2001:db8:2::1");
	assert_int_equal(s[1].distance, 5);
	assert_string_equal(s[2].nh.ifname, "eth2");
	free(s);
	assert_int_equal(rib_cfg_parse("{\"n2os-routing:routing\":{\"static\":{\"ipv6-route\":["
				       "{\"prefix\":\"::/0\",\"next-hop\":\"fe80::1\"}]}}}",
				       &s, &n, NULL, err, sizeof(err)),
			 -1);
	assert_int_equal(n, 0);
}

/* A /proc/sys of the same shape: the two switches at v4 and v6. */
static void fake_sys(char *root, size_t len, int v4, int v6)
{
	snprintf(root, len, "/tmp/test_rib_fwd.XXXXXX");
	assert_non_null(mkdtemp(root));
	char p[300];
	const char *dirs[] = {"net", "net/ipv4", "net/ipv6", "net/ipv6/conf", "net/ipv6/conf/all"};
	for (size_t i = 0; i < 5; i++) {
		snprintf(p, sizeof(p), "%s/%s", root, dirs[i]);
		assert_int_equal(mkdir(p, 0755), 0);
	}
	const char *files[2] = {"net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding"};
	for (int i = 0; i < 2; i++) {
		snprintf(p, sizeof(p), "%s/%s", root, files[i]);
		FILE *f = fopen(p, "w");
		assert_non_null(f);
		fprintf(f, "%d\n", i ? v6 : v4);
		fclose(f);
	}
}

static int sys_value(const char *root, const char *file)
{
	char p[300];
	snprintf(p, sizeof(p), "%s/%s", root, file);
	FILE *f = fopen(p, "r");
	int v = -1;
	assert_non_null(f);
	assert_int_equal(fscanf(f, "%d", &v), 1);
	fclose(f);
	return v;
}

static void rm_sys(const char *root)
{
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

/* A configured switch is written; one no longer configured, and all at stop, go back to what
 * was found (not to the last configured value). */
static void test_forwarding(void **state)
{
	(void)state;
	char root[64], err[400] = "";
	fake_sys(root, sizeof(root), 0, 1);
	struct rib_fwd f;
	fwd_init(&f, root);
	assert_int_equal(fwd_apply(&f, (const int[2]){1, -1}, err, sizeof(err)), 0);
	assert_int_equal(sys_value(root, "net/ipv4/ip_forward"), 1);
	assert_int_equal(sys_value(root, "net/ipv6/conf/all/forwarding"), 1);
	assert_int_equal(fwd_apply(&f, (const int[2]){1, 0}, err, sizeof(err)), 0);
	assert_int_equal(sys_value(root, "net/ipv6/conf/all/forwarding"), 0);
	assert_int_equal(fwd_apply(&f, (const int[2]){0, -1}, err, sizeof(err)), 0);
	assert_int_equal(sys_value(root, "net/ipv4/ip_forward"), 0);
	assert_int_equal(sys_value(root, "net/ipv6/conf/all/forwarding"), 1);
	assert_int_equal(fwd_apply(&f, (const int[2]){1, 0}, err, sizeof(err)), 0);
	fwd_restore(&f);
	assert_int_equal(sys_value(root, "net/ipv4/ip_forward"), 0);
	assert_int_equal(sys_value(root, "net/ipv6/conf/all/forwarding"), 1);
	/* a ribmgr that crashed with a switch changed: its successor restores the value from
	 * before, kept in the state file, and the file goes once nothing is changed */
	char st[128];
	snprintf(st, sizeof(st), "%s/ribmgr.forwarding", root);
	fwd_init(&f, root);
	fwd_state(&f, st);
	assert_int_equal(fwd_apply(&f, (const int[2]){1, -1}, err, sizeof(err)), 0);
	struct rib_fwd next;
	fwd_init(&next, root);
	fwd_state(&next, st);
	assert_int_equal(fwd_apply(&next, (const int[2]){1, -1}, err, sizeof(err)), 0);
	fwd_restore(&next);
	assert_int_equal(sys_value(root, "net/ipv4/ip_forward"), 0);
	assert_int_equal(access(st, F_OK), -1);
	rm_sys(root);
	/* a kernel without the switch: the apply is refused with the reason */
	fwd_init(&f, "/nonexistent");
	assert_int_equal(fwd_apply(&f, (const int[2]){-1, 1}, err, sizeof(err)), -1);
	assert_string_equal(err, "ipv6 forwarding: cannot read it (no IPv6 in this kernel?)");
}

static void test_config_forwarding(void **state)
{
	(void)state;
	struct rib_static *s;
	size_t n;
	int fwd[2] = {7, 7};
	char err[256] = "";
	assert_int_equal(rib_cfg_parse("", &s, &n, fwd, err, sizeof(err)), 0);
	assert_int_equal(fwd[0], -1);
	assert_int_equal(fwd[1], -1);
	assert_int_equal(rib_cfg_parse("{\"n2os-routing:routing\":{\"forwarding\":{"
				       "\"ipv4\":false,\"ipv6\":true}}}",
				       &s, &n, fwd, err, sizeof(err)),
			 0);
	assert_int_equal(fwd[0], 0);
	assert_int_equal(fwd[1], 1);
	free(s);
}

int main(void)
{
	tu_log_init("test_rib");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connected_and_resolution),
		cmocka_unit_test(test_selection),
		cmocka_unit_test(test_proto_route_limit),
		cmocka_unit_test(test_static_route_limit),
		cmocka_unit_test(test_ecmp_and_ifname),
		cmocka_unit_test(test_kernel_refuses),
		cmocka_unit_test(test_config_json),
		cmocka_unit_test(test_show_ip_route),
		cmocka_unit_test(test_show_ip_route_match),
		cmocka_unit_test(test_ipv6_routes),
		cmocka_unit_test(test_ipv6_nexthops),
		cmocka_unit_test(test_config_json_ipv6),
		cmocka_unit_test(test_forwarding),
		cmocka_unit_test(test_config_forwarding),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
