/* pifmgr without a kernel: the interface table fed by a fake netlink feed (events it reports),
 * the n2os-interfaces JSON and its checks, the plan (desired vs current), and the manager
 * applying configuration and process requests through a fake kernel that feeds the table back,
 * as netlink would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <net/if.h>
#include <string.h>
#include <sys/socket.h>

#include "pifmgr.h"
#include "testutil.h"

/* ---- the table and its events ---- */

struct seen {
	char log[2048];
};

static void ev_iface(enum pif_op op, const struct pif_iface *ifp, void *arg)
{
	struct seen *s = arg;
	snprintf(s->log + strlen(s->log), sizeof(s->log) - strlen(s->log), "iface %s %s;",
		 op == PIF_ADD   ? "add"
		 : op == PIF_DEL ? "del"
				 : "change",
		 ifp->l.name);
}

static void ev_link(const struct pif_iface *ifp, int old_admin, int old_oper, uint64_t rx,
		    void *arg)
{
	(void)old_admin;
	(void)old_oper;
	(void)rx;
	struct seen *s = arg;
	snprintf(s->log + strlen(s->log), sizeof(s->log) - strlen(s->log), "link %s %s/%s;",
		 ifp->l.name, ifp->l.admin_up ? "up" : "down", ifp->l.oper_up ? "up" : "down");
}

static void ev_addr(enum pif_op op, const struct pif_iface *ifp, const struct pif_addr *a,
		    void *arg)
{
	struct seen *s = arg;
	char ps[N2_PREFIX_STRLEN];
	snprintf(s->log + strlen(s->log), sizeof(s->log) - strlen(s->log), "addr %s %s %s%s;",
		 op == PIF_DEL ? "del" : "add", ifp->l.name, n2_prefix_str(&a->p, ps, sizeof(ps)),
		 a->secondary ? " sec" : "");
}

static struct pif_link L(uint32_t ifindex, const char *name, unsigned flags) {
	struct pif_link l = {.ifindex = ifindex, .mtu = 1500, .flags = flags};
	snprintf(l.name, sizeof(l.name), "%s", name);
	l.admin_up = !!(flags & IFF_UP);
	l.oper_up = pif_oper_up(flags);
	snprintf(l.operstate, sizeof(l.operstate), "%s", l.oper_up ? "up" : "down");
	return l;
}

static struct n2_prefix
P(const char *s) {
	struct n2_prefix p;
	assert_int_equal(n2_prefix_parse(s, &p, 0), 0);
	return p;
}

static void
test_table_events(void **state)
{
	(void)state;
	struct seen s = {""};
	struct pif_observer obs = {ev_iface, ev_link, ev_addr, &s};
	struct pif_table t;
	iftable_init(&t, &obs);
	struct pif_link l = L(3, "eth1", IFF_BROADCAST);
	iftable_link_update(&t, &l, 0);
	l = L(3, "eth1", IFF_BROADCAST | IFF_UP);
	iftable_link_update(&t, &l, 0);
	l = L(3, "eth1", IFF_BROADCAST | IFF_UP | IFF_RUNNING | IFF_LOWER_UP);
	iftable_link_update(&t, &l, 0);
	iftable_link_update(&t, &l, 0); /* no change, no event */
	l.mtu = 1400;
	iftable_link_update(&t, &l, 0);
	struct n2_prefix a = P("192.0.2.10/24"), b = P("192.0.2.11/24");
	iftable_addr_update(&t, 3, &a, 0);
	iftable_addr_update(&t, 3, &b, 1);
	iftable_addr_update(&t, 3, &b, 1); /* repeated: nothing */
	iftable_addr_update(&t, 3, &b, 0); /* promoted to primary */
	iftable_addr_del(&t, 3, &a);
	iftable_addr_update(&t, 9, &a, 0); /* unknown link: ignored */
	iftable_link_del(&t, 3);
	assert_string_equal(s.log,
			    "iface add eth1;link eth1 up/down;link eth1 up/up;iface change eth1;"
			    "addr add eth1 192.0.2.10/24;addr add eth1 192.0.2.11/24 sec;"
			    "addr add eth1 192.0.2.11/24;addr del eth1 192.0.2.10/24;"
			    "addr del eth1 192.0.2.11/24;iface del eth1;");
	assert_int_equal(t.count, 0);
	iftable_fini(&t);
}

static void test_resync(void **state)
{
	(void)state;
	struct seen s = {""};
	struct pif_observer obs = {ev_iface, ev_link, ev_addr, &s};
	struct pif_table t;
	iftable_init(&t, &obs);
	struct pif_link l1 = L(2, "eth1", IFF_UP), l2 = L(3, "eth2", IFF_UP);
	struct n2_prefix a = P("192.0.2.10/24"), b = P("198.51.100.1/24");
	iftable_link_update(&t, &l1, 0);
	iftable_link_update(&t, &l2, 0);
	iftable_addr_update(&t, 2, &a, 0);
	iftable_addr_update(&t, 3, &b, 0);
	s.log[0] = 0;
	/* notifications were lost: eth2 is gone and eth1 lost its address */
	iftable_mark_all(&t);
	iftable_link_update(&t, &l1, 0);
	iftable_sweep(&t);
	assert_string_equal(s.log, "addr del eth1 192.0.2.10/24;addr del eth2 198.51.100.1/24;"
				   "iface del eth2;");
	iftable_fini(&t);
}

/* ---- configuration ---- */

static const char *cfg_json = "{\"n2os-interfaces:interfaces\":{\"interface\":["
			      "{\"name\":\"eth1\",\"description\":\"to host\",\"mtu\":1400,"
			      "\"ipv4\":{\"address\":[{\"ip\":\"192.0.2.11/"
			      "24\",\"secondary\":true},{\"ip\":\"192.0.2.10/24\"}]},"
			      "\"ipv6\":{\"address\":[{\"ip\":\"2001:db8::1/64\"}]}},"
			      "{\"name\":\"eth2\",\"enabled\":false}]}}";

static void test_config_parse(void **state)
{
	(void)state;
	struct pif_cfg cfg;
	char err[256];
	assert_int_equal(pif_cfg_parse(cfg_json, &cfg, err, sizeof(err)), 0);
	const struct pif_cfg_if *c = pif_cfg_find(&cfg, "eth1");
	assert_non_null(c);
	assert_string_equal(c->description, "to host");
	assert_int_equal(c->mtu, 1400);
	assert_true(c->enabled);
	assert_int_equal(c->naddr, 3);
	char ps[N2_PREFIX_STRLEN];
	/* primaries first, then secondaries, then IPv6 */
	assert_string_equal(n2_prefix_str(&c->addrs[0].p, ps, sizeof(ps)), "192.0.2.10/24");
	assert_true(c->addrs[1].secondary);
	assert_int_equal(c->addrs[2].p.family, AF_INET6);
	assert_false(pif_cfg_find(&cfg, "eth2")->enabled);
	pif_cfg_free(&cfg);

	static const struct {
		const char *json, *err;
	} bad[] = {
		{"{\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth1\",\"ipv4\":{"
		 "\"address\":"
		 "[{\"ip\":\"192.0.2.10/24\"},{\"ip\":\"192.0.2.11/24\"}]}}]}}",
		 "eth1: 192.0.2.10/24 and 192.0.2.11/24 are in the same subnet: mark one "
		 "'secondary'"},
		{"{\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth1\",\"ipv4\":{"
		 "\"address\":"
		 "[{\"ip\":\"192.0.2.11/24\",\"secondary\":true}]}}]}}",
		 "eth1: secondary 192.0.2.11/24 has no primary address in its subnet"},
		{"{\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth1\",\"ipv4\":{"
		 "\"address\":"
		 "[{\"ip\":\"192.0.2.0/24\"}]}}]}}",
		 "eth1: 192.0.2.0/24 is the network or broadcast address of its subnet"},
		{"{\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth1\",\"ipv4\":{"
		 "\"address\":"
		 "[{\"ip\":\"192.0.2.1/24\"}]}},{\"name\":\"eth2\",\"ipv4\":{\"address\":"
		 "[{\"ip\":\"192.0.2.1/25\"}]}}]}}",
		 "192.0.2.1 is configured on both"},
		{"{\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth1\",\"mtu\":67}]}"
		 "}",
		 "mtu"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = 0;
		assert_int_equal(pif_cfg_parse(bad[i].json, &cfg, err, sizeof(err)), -1);
		if (!strstr(err, bad[i].err))
			fail_msg("case %zu: '%s' does not say '%s'", i, err, bad[i].err);
	}
}

/* ---- the manager with a fake kernel ---- */

static char kernel_log[4096];

static int fake_kernel(struct pif_mgr *m, const struct pif_action *a, const char *ifname, char *err,
		       size_t errlen)
{
	(void)err;
	(void)errlen;
	char ps[300] = "";
	struct pif_iface *ifp = iftable_by_name(&m->table, ifname);
	struct pif_link l = ifp->l;
	if (a->kind == ACT_ADDR_ADD || a->kind == ACT_ADDR_DEL || a->kind == ACT_ADDR_CLAIM)
		n2_prefix_str(&a->p, ps, sizeof(ps));
	switch (a->kind) {
	case ACT_ADDR_ADD:
		iftable_addr_update(&m->table, l.ifindex, &a->p, 0);
		break;
	case ACT_ADDR_DEL:
		iftable_addr_del(&m->table, l.ifindex, &a->p);
		break;
	case ACT_ADMIN:
		l.flags = a->up ? (l.flags | IFF_UP | IFF_RUNNING)
				: (l.flags & ~(unsigned)(IFF_UP | IFF_RUNNING));
		l.admin_up = a->up;
		l.oper_up = pif_oper_up(l.flags);
		iftable_link_update(&m->table, &l, 0);
		snprintf(ps, sizeof(ps), "%s", a->up ? "up" : "down");
		break;
	case ACT_MTU:
		l.mtu = a->mtu;
		iftable_link_update(&m->table, &l, 0);
		snprintf(ps, sizeof(ps), "%u", a->mtu);
		break;
	case ACT_ALIAS:
		snprintf(l.alias, sizeof(l.alias), "%s", a->alias);
		iftable_link_update(&m->table, &l, 0);
		snprintf(ps, sizeof(ps), "'%s'", a->alias);
		break;
	default:
		break;
	}
	snprintf(kernel_log + strlen(kernel_log), sizeof(kernel_log) - strlen(kernel_log),
		 "%s %s %s%s;", ifname, pif_act_name(a->kind), ps,
		 a->flags & PIF_ADDR_NODAD ? " nodad" : "");
	return 0;
}

static void mgr_with_links(struct pif_mgr *m)
{
	char err[128];
	assert_int_equal(pif_mgr_init(m, NULL, NULL, "", 0, err, sizeof(err)), 0);
	m->fake_kernel = fake_kernel;
	struct pif_link l1 = L(2, "eth1", IFF_UP | IFF_RUNNING),
			l2 = L(3, "eth2", IFF_UP | IFF_RUNNING);
	iftable_link_update(&m->table, &l1, 0);
	iftable_link_update(&m->table, &l2, 0);
	kernel_log[0] = 0;
}

static void apply(struct pif_mgr *m, const char *json)
{
	char err[256] = "";
	if (pif_apply("n2os-interfaces", json, err, sizeof(err), m) < 0)
		fail_msg("apply refused: %s", err);
}

static void test_apply_and_restore(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr_with_links(&m);
	apply(&m, cfg_json);
	assert_string_equal(kernel_log,
			    "eth1 set mtu 1400;eth1 set description 'to host';"
			    "eth1 add address 192.0.2.10/24;eth1 add address 192.0.2.11/24;"
			    "eth1 add address 2001:db8::1/64;eth2 set admin state down;");
	/* applying the same again changes nothing */
	kernel_log[0] = 0;
	apply(&m, cfg_json);
	assert_string_equal(kernel_log, "");
	/* the operator removes an address and the shutdown */
	apply(&m, "{\"n2os-interfaces:interfaces\":{\"interface\":["
		  "{\"name\":\"eth1\",\"description\":\"to host\",\"mtu\":1400,"
		  "\"ipv4\":{\"address\":[{\"ip\":\"192.0.2.10/24\"}]}},{\"name\":\"eth2\"}]}}");
	assert_string_equal(kernel_log,
			    "eth1 delete address 192.0.2.11/24;"
			    "eth1 delete address 2001:db8::1/64;eth2 set admin state up;");
	/* a process adds a secondary address, then leaves */
	char err[256];
	kernel_log[0] = 0;
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth1", "192.0.2.1/24", 1, err, sizeof(err)), 0);
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth1", "192.0.2.10/25", 0, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "192.0.2.10/25 is already on eth1 as 192.0.2.10/24");
	ops_owner_gone(&m, "vrrpd");
	assert_string_equal(kernel_log,
			    "eth1 add address 192.0.2.1/24;eth1 delete address 192.0.2.1/24;");
	/* n2os stop: back to what it was */
	kernel_log[0] = 0;
	pif_mgr_stop(&m, NULL);
	assert_string_equal(kernel_log, "eth1 delete address 192.0.2.10/24;eth1 set mtu 1500;"
					"eth1 set description '';");
	pif_mgr_fini(&m);
}

/* An IPv6 address asked for without DAD reaches the kernel with that flag (VRRPv3's virtual
 * addresses, RFC 9568 8.2); the flag is the request's, never the configuration's. */
static void test_addr_nodad(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr_with_links(&m);
	char err[256];
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth1", "2001:db8::1/64", PIF_ADDR_NODAD, err,
				  sizeof(err)),
			 0);
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth1", "2001:db8::2/64", 0, err, sizeof(err)),
			 0);
	ops_owner_gone(&m, "vrrpd");
	assert_string_equal(kernel_log, "eth1 add address 2001:db8::1/64 nodad;"
					"eth1 add address 2001:db8::2/64;"
					"eth1 delete address 2001:db8::1/64;"
					"eth1 delete address 2001:db8::2/64;");
	pif_mgr_fini(&m);
}

static void test_requests(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr_with_links(&m);
	apply(&m, "{\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth1\","
		  "\"ipv4\":{\"address\":[{\"ip\":\"192.0.2.10/24\"}]}}]}}");
	char err[256];
	kernel_log[0] = 0;
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth9", "192.0.2.1/24", 1, err, sizeof(err)), -1);
	assert_string_equal(err, "no such interface: eth9");
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth1", "192.0.2.300/24", 1, err, sizeof(err)),
			 -1);
	assert_string_equal(err, "bad address '192.0.2.300/24' (expected A.B.C.D/M or X:X::X:X/M)");
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth2", "192.0.2.1/24", 1, err, sizeof(err)), -1);
	assert_string_equal(
		err, "no primary address in 192.0.2.0/24 on eth2 for secondary 192.0.2.1/24");
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth1", "192.0.2.1/24", 1, err, sizeof(err)), 0);
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth1", "192.0.2.1/24", 1, err, sizeof(err)), 0);
	assert_string_equal(state_addr_origin(&m.state, "eth1", &(struct n2_prefix){0}), "");
	struct n2_prefix v = P("192.0.2.1/24");
	assert_string_equal(state_addr_origin(&m.state, "eth1", &v), "vrrpd");
	assert_int_equal(ops_addr(&m, "bfdd", 0, "eth1", "192.0.2.1/24", 0, err, sizeof(err)), -1);
	assert_string_equal(err, "192.0.2.1/24 on eth1 was not added by bfdd");
	/* admin down for a process, undone when it leaves */
	ops_admin(&m, "vrrpd", "eth2", 0, NULL, NULL);
	assert_false(iftable_by_name(&m.table, "eth2")->l.admin_up);
	ops_owner_gone(&m, "vrrpd");
	assert_true(iftable_by_name(&m.table, "eth2")->l.admin_up);
	assert_null(iftable_addr_find(iftable_by_name(&m.table, "eth1"), &v));
	assert_string_equal(kernel_log,
			    "eth1 add address 192.0.2.1/24;eth2 set admin state down;"
			    "eth1 delete address 192.0.2.1/24;eth2 set admin state up;");
	pif_mgr_fini(&m);
}

static void noop_done(struct pif_mgr *m, int rc, const char *err, void *arg)
{
	(void)m;
	(void)err;
	*(int *)arg = rc + 10;
}

static void test_interface_appears(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr_with_links(&m);
	apply(&m, "{\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth5\",\"enabled\":"
		  "false,"
		  "\"ipv4\":{\"address\":[{\"ip\":\"203.0.113.1/24\"}]}}]}}");
	assert_string_equal(kernel_log, "");
	struct pif_link l = L(7, "eth5", IFF_UP);
	iftable_link_update(&m.table, &l, 0);
	assert_string_equal(kernel_log,
			    "eth5 add address 203.0.113.1/24;eth5 set admin state down;");
	int done = 0;
	ops_admin(&m, "x", "nope", 1, noop_done, &done);
	assert_int_equal(done, 9);
	pif_mgr_fini(&m);
}

/* ---- the limits on what processes may ask (docs/limits.md) ---- */

struct answers {
	int ok, refused;
	char err[160];
};

static void count_done(struct pif_mgr *m, int rc, const char *err, void *arg)
{
	(void)m;
	struct answers *a = arg;
	if (rc == 0) {
		a->ok++;
	} else {
		a->refused++;
		snprintf(a->err, sizeof(a->err), "%s", err);
	}
}

/* With a loop, jobs wait for it: PIF_MAX_PENDING requests queue, the next is refused at once
 * with the reason, and the queued ones all run afterwards. */
static void test_pending_limit(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr_with_links(&m);
	struct n2_loop *loop = n2_loop_new();
	assert_non_null(loop);
	m.loop = loop;
	struct answers a = {0};
	for (int i = 0; i < PIF_MAX_PENDING; i++)
		ops_admin(&m, "vrrpd", "eth2", i % 2, count_done, &a);
	assert_int_equal(jobs_waiting(&m), PIF_MAX_PENDING);
	assert_int_equal(a.ok + a.refused, 0);
	ops_admin(&m, "vrrpd", "eth2", 1, count_done, &a);
	assert_int_equal(a.refused, 1);
	assert_string_equal(a.err,
			    "pifmgr is busy: 64 requests are waiting (at most 64); try again");
	assert_true(TU_RUN_UNTIL(loop, jobs_idle(&m), 5000));
	assert_int_equal(a.ok, PIF_MAX_PENDING);
	ops_admin(&m, "vrrpd", "eth2", 1, count_done, &a); /* room again */
	assert_true(TU_RUN_UNTIL(loop, jobs_idle(&m), 5000));
	assert_int_equal(a.ok, PIF_MAX_PENDING + 1);
	assert_true(iftable_by_name(&m.table, "eth2")->l.admin_up);
	pif_mgr_fini(&m);
	n2_loop_free(loop);
}

/* A process with PIF_MAX_OWNED objects gets no more: not an address, a macvlan nor an admin
 * state; what it has stays, and another process is not affected. */
static void test_owned_limit(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr_with_links(&m);
	apply(&m, "{\"n2os-interfaces:interfaces\":{\"interface\":[{\"name\":\"eth1\","
		  "\"ipv4\":{\"address\":[{\"ip\":\"192.0.2.10/24\"}]}}]}}");
	for (int i = 0; i < PIF_MAX_OWNED; i++) {
		char ifname[16];
		snprintf(ifname, sizeof(ifname), "gone%d", i);
		state_own_add(&m.state, OWN_ADMIN, "greedy", ifname);
	}
	char err[256];
	const char *want = "greedy already has 16384 addresses, macvlans and admin states from "
			   "pifmgr (at most 16384)";
	assert_int_equal(ops_addr(&m, "greedy", 1, "eth1", "192.0.2.1/24", 1, err, sizeof(err)),
			 -1);
	assert_string_equal(err, want);
	uint32_t ix = 0;
	static const uint8_t mac[6] = {0x00, 0x00, 0x5e, 0x00, 0x01, 0x07};
	assert_int_equal(ops_macvlan_add(&m, "greedy", "vrrp.7", "eth1", mac, 6, "private",
					 PIF_MV_UP, &ix, err, sizeof(err)),
			 -1);
	assert_string_equal(err, want);
	struct answers a = {0};
	ops_admin(&m, "greedy", "eth2", 0, count_done, &a);
	assert_int_equal(a.refused, 1);
	assert_string_equal(a.err, want);
	assert_true(iftable_by_name(&m.table, "eth2")->l.admin_up);
	assert_int_equal(state_own_count(&m.state, "greedy"), PIF_MAX_OWNED);
	assert_int_equal(ops_addr(&m, "vrrpd", 1, "eth1", "192.0.2.1/24", 1, err, sizeof(err)), 0);
	pif_mgr_fini(&m);
}

/* ---- show interface / show ip interface brief: text and JSON pinned byte for byte ---- */

static void own_addr(struct pif_mgr *m, const char *owner, const char *ifname, const char *prefix)
{
	struct pif_own *o = state_own_add(&m->state, OWN_ADDR, owner, ifname);
	o->p = P(prefix);
}

/* lo without a MAC, a veth with a description, config and vrrpd addresses (one secondary, one
 * IPv6), a macvlan vrrpd created on it, and an admin-down veth whose peer is elsewhere. */
static void show_fixture(struct pif_mgr *m)
{
	char err[128];
	assert_int_equal(pif_mgr_init(m, NULL, NULL, "", 0, err, sizeof(err)), 0);
	struct pif_link lo = L(1, "lo", IFF_UP | IFF_LOOPBACK | IFF_RUNNING | IFF_LOWER_UP);
	lo.mtu = 65536;
	snprintf(lo.operstate, sizeof(lo.operstate), "unknown");
	struct pif_link e1 =
		L(2, "eth1", IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_MULTICAST | IFF_LOWER_UP);
	e1.maclen = 6;
	memcpy(e1.mac, "\x02\x00\x5e\x00\x01\xaf", 6);
	snprintf(e1.kind, sizeof(e1.kind), "veth");
	snprintf(e1.alias, sizeof(e1.alias), "to \"host\"\\lan");
	struct pif_link e2 = L(3, "eth2", IFF_BROADCAST | IFF_MULTICAST);
	e2.maclen = 6;
	memcpy(e2.mac, "\x02\x00\x00\x00\x00\x02", 6);
	snprintf(e2.kind, sizeof(e2.kind), "veth");
	e2.parent = 99;
	e2.mtu = 1400;
	struct pif_link mv = L(4, "vrrp.1", IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_LOWER_UP);
	mv.maclen = 6;
	memcpy(mv.mac, "\x00\x00\x5e\x00\x01\x01", 6);
	snprintf(mv.kind, sizeof(mv.kind), "macvlan");
	mv.parent = 2;
	const struct pif_link *links[] = {&lo, &e1, &e2, &mv};
	for (size_t i = 0; i < 4; i++)
		iftable_link_update(&m->table, links[i], 0);
	const struct {
		uint32_t ifindex;
		const char *p;
		int secondary;
	} addrs[] = {{1, "127.0.0.1/8", 0},  {1, "::1/128", 0},        {2, "192.0.2.10/24", 0},
		     {2, "192.0.2.1/24", 1}, {2, "2001:db8::1/64", 0}, {4, "198.51.100.1/24", 0}};
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		struct n2_prefix p = P(addrs[i].p);
		iftable_addr_update(&m->table, addrs[i].ifindex, &p, addrs[i].secondary);
	}
	own_addr(m, "config", "eth1", "192.0.2.10/24");
	own_addr(m, "vrrpd", "eth1", "192.0.2.1/24");
	state_own_add(&m->state, OWN_MACVLAN, "vrrpd", "vrrp.1");
}

/* Calls one show in text (json 0) and JSON (json 1) and compares with want[json]. */
static void check_show(const struct pif_mgr *m, const char *name, int brief, const char *want[2])
{
	for (int j = 0; j < 2; j++) {
		struct n2_buf b;
		n2_buf_init(&b);
		if (brief)
			show_ip_brief(m, j, &b);
		else
			show_interface(m, name, j, &b);
		assert_string_equal(n2_buf_str(&b), want[j]);
		n2_buf_fini(&b);
	}
}

/* The outputs as they were before the shows used lib/emit (cmsh users and scripts read them). */
static void test_show_interface(void **state)
{
	(void)state;
	struct pif_mgr m;
	show_fixture(&m);
	const char *all[2] = {
		"Interface lo is up, line protocol is up\n"
		"  Index 1, kind -, MTU 65536, operational state unknown\n"
		"  Flags <UP,LOOPBACK,RUNNING,LOWER_UP>\n"
		"  Hardware address none\n"
		"  inet 127.0.0.1/8\n"
		"  inet6 ::1/128\n"
		"\n"
		"Interface eth1 is up, line protocol is up\n"
		"  Index 2, kind veth, MTU 1500, operational state up\n"
		"  Flags <UP,BROADCAST,RUNNING,MULTICAST,LOWER_UP>\n"
		"  Hardware address 02:00:5e:00:01:af\n"
		"  Description: to \"host\"\\lan\n"
		"  inet 192.0.2.10/24 (config)\n"
		"  inet 192.0.2.1/24 secondary (vrrpd)\n"
		"  inet6 2001:db8::1/64\n"
		"\n"
		"Interface eth2 is administratively down, line protocol is down\n"
		"  Index 3, kind veth, MTU 1400, operational state down\n"
		"  Flags <BROADCAST,MULTICAST>\n"
		"  Hardware address 02:00:00:00:00:02\n"
		"\n"
		"Interface vrrp.1 is up, line protocol is up\n"
		"  Index 4, kind macvlan, MTU 1500, operational state up\n"
		"  Flags <UP,BROADCAST,RUNNING,LOWER_UP>\n"
		"  Hardware address 00:00:5e:00:01:01, on eth1 (created for vrrpd)\n"
		"  inet 198.51.100.1/24\n",
		"{\"interfaces\":[{\"name\":\"lo\",\"ifindex\":1,\"admin_up\":true,\"oper_up\":"
		"true,"
		"\"oper_state\":\"unknown\",\"mtu\":65536,\"mac\":\"\",\"kind\":\"\",\"parent\":"
		"\"\","
		"\"owner\":\"\",\"description\":\"\",\"flags\":[\"UP\",\"LOOPBACK\",\"RUNNING\","
		"\"LOWER_UP\"],\"addresses\":[{\"prefix\":\"127.0.0.1/8\",\"family\":\"ipv4\","
		"\"secondary\":false,\"origin\":\"\"},{\"prefix\":\"::1/128\",\"family\":\"ipv6\","
		"\"secondary\":false,\"origin\":\"\"}]},{\"name\":\"eth1\",\"ifindex\":2,"
		"\"admin_up\":true,\"oper_up\":true,\"oper_state\":\"up\",\"mtu\":1500,"
		"\"mac\":\"02:00:5e:00:01:af\",\"kind\":\"veth\",\"parent\":\"\",\"owner\":\"\","
		"\"description\":\"to \\\"host\\\"\\\\lan\",\"flags\":[\"UP\",\"BROADCAST\","
		"\"RUNNING\",\"MULTICAST\",\"LOWER_UP\"],"
		"\"addresses\":[{\"prefix\":\"192.0.2.10/24\",\"family\":\"ipv4\","
		"\"secondary\":false,\"origin\":\"config\"},{\"prefix\":\"192.0.2.1/24\","
		"\"family\":\"ipv4\",\"secondary\":true,\"origin\":\"vrrpd\"},"
		"{\"prefix\":\"2001:db8::1/64\",\"family\":\"ipv6\",\"secondary\":false,"
		"\"origin\":\"\"}]},{\"name\":\"eth2\",\"ifindex\":3,\"admin_up\":false,"
		"\"oper_up\":false,\"oper_state\":\"down\",\"mtu\":1400,"
		"\"mac\":\"02:00:00:00:00:02\",\"kind\":\"veth\",\"parent\":\"\",\"owner\":\"\","
		"\"description\":\"\",\"flags\":[\"BROADCAST\",\"MULTICAST\"],\"addresses\":[]},"
		"{\"name\":\"vrrp.1\",\"ifindex\":4,\"admin_up\":true,\"oper_up\":true,"
		"\"oper_state\":\"up\",\"mtu\":1500,\"mac\":\"00:00:5e:00:01:01\","
		"\"kind\":\"macvlan\",\"parent\":\"eth1\",\"owner\":\"vrrpd\",\"description\":\"\","
		"\"flags\":[\"UP\",\"BROADCAST\",\"RUNNING\",\"LOWER_UP\"],"
		"\"addresses\":[{\"prefix\":\"198.51.100.1/24\",\"family\":\"ipv4\","
		"\"secondary\":false,\"origin\":\"\"}]}]}\n"};
	check_show(&m, NULL, 0, all);
	const char *one[2] = {
		"Interface eth2 is administratively down, line protocol is down\n"
		"  Index 3, kind veth, MTU 1400, operational state down\n"
		"  Flags <BROADCAST,MULTICAST>\n"
		"  Hardware address 02:00:00:00:00:02\n",
		"{\"interfaces\":[{\"name\":\"eth2\",\"ifindex\":3,\"admin_up\":false,"
		"\"oper_up\":false,\"oper_state\":\"down\",\"mtu\":1400,"
		"\"mac\":\"02:00:00:00:00:02\",\"kind\":\"veth\",\"parent\":\"\",\"owner\":\"\","
		"\"description\":\"\",\"flags\":[\"BROADCAST\",\"MULTICAST\"],\"addresses\":[]}]}"
		"\n"};
	check_show(&m, "eth2", 0, one);
	const char *none[2] = {"", "{\"interfaces\":[]}\n"};
	check_show(&m, "nope", 0, none);
	pif_mgr_fini(&m);
}

static void test_show_ip_brief(void **state)
{
	(void)state;
	struct pif_mgr m;
	show_fixture(&m);
	const char *brief[2] = {
		"Interface        IP-Address           Status                 Protocol\n"
		"lo               127.0.0.1/8          up                     up\n"
		"eth1             192.0.2.10/24        up                     up\n"
		"eth2             unassigned           administratively down  down\n"
		"vrrp.1           198.51.100.1/24      up                     up\n",
		"{\"interfaces\":[{\"name\":\"lo\",\"address\":\"127.0.0.1/8\",\"status\":\"up\","
		"\"protocol\":\"up\"},{\"name\":\"eth1\",\"address\":\"192.0.2.10/24\","
		"\"status\":\"up\",\"protocol\":\"up\"},{\"name\":\"eth2\",\"address\":null,"
		"\"status\":\"administratively down\",\"protocol\":\"down\"},{\"name\":\"vrrp.1\","
		"\"address\":\"198.51.100.1/24\",\"status\":\"up\",\"protocol\":\"up\"}]}\n"};
	check_show(&m, NULL, 1, brief);
	pif_mgr_fini(&m);
}

/* What a VRRP macvlan answers: an IPv4 one ARP for its own addresses only, an IPv6 one no ARP
 * at all (but Neighbor Discovery: no IFF_NOARP); neither gets a kernel link-local address. */
static void test_macvlan_shape(void **state)
{
	(void)state;
	struct pif_mv_shape sh;
	plan_macvlan_shape(0, &sh); /* vrrpd's IPv4 virtual router: created down */
	assert_int_equal(sh.ifflags, 0);
	assert_true(sh.addr_gen_none);
	assert_int_equal(sh.arp_ignore, 1);
	plan_macvlan_shape(PIF_MV_IPV6_ONLY, &sh);
	assert_int_equal(sh.ifflags, 0);
	assert_true(sh.addr_gen_none);
	assert_int_equal(sh.arp_ignore, 8);
	plan_macvlan_shape(PIF_MV_UP | PIF_MV_IPV6_ONLY, &sh); /* pifctl's are up at once */
	assert_int_equal(sh.ifflags, IFF_UP);
	assert_int_equal(sh.arp_ignore, 8);
	plan_macvlan_shape(PIF_MV_UP, &sh);
	assert_int_equal(sh.ifflags, IFF_UP);
	assert_int_equal(sh.arp_ignore, 1);
}

int main(void)
{
	tu_log_init("test_pif");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_events),      cmocka_unit_test(test_resync),
		cmocka_unit_test(test_config_parse),      cmocka_unit_test(test_apply_and_restore),
		cmocka_unit_test(test_requests),          cmocka_unit_test(test_addr_nodad),
		cmocka_unit_test(test_interface_appears), cmocka_unit_test(test_pending_limit),
		cmocka_unit_test(test_owned_limit),       cmocka_unit_test(test_show_interface),
		cmocka_unit_test(test_show_ip_brief),     cmocka_unit_test(test_macvlan_shape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
