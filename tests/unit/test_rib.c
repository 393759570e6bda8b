/* ribmgr's pure core: next-hop resolution through connected routes of up interfaces, selection by
 * distance then metric, ECMP merging, protocol routes and their withdrawal, what is pushed to the
 * kernel (a fake FIB), longest-prefix lookup, and the n2os-routing JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	assert_int_equal(rib_cfg_parse("", &s, &n, err, sizeof(err)), 0);
	assert_int_equal(n, 0);
	assert_int_equal(
		rib_cfg_parse(
			"{\"n2os-routing:routing\":{\"static\":{\"route\":["
			"{\"prefix\":\"203.0.113.5/24\",\"next-hop\":\"198.51.100.1\"},"
			"{\"prefix\":\"10.0.0.0/8\",\"next-hop\":\"eth1\",\"distance\":7}]}}}",
			&s, &n, err, sizeof(err)),
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
			&s, &n, err, sizeof(err)),
		-1);
	assert_non_null(strstr(err, "distance"));
}

int main(void)
{
	tu_log_init("test_rib");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_connected_and_resolution),
		cmocka_unit_test(test_selection),
		cmocka_unit_test(test_ecmp_and_ifname),
		cmocka_unit_test(test_kernel_refuses),
		cmocka_unit_test(test_config_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
