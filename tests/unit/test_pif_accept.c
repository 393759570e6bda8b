/* pifmgr's accept mode (managers/pifmgr/accept.c): which policy rules a no-accept address needs,
 * in what order they reach the kernel relative to the address and to the local table's rule,
 * and that they follow the address's records (asked again, removed, owner gone, n2os stop,
 * restart). The kernel is a fake that logs each change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "pifmgr.h"

static char klog[8192];

static void logf_(const char *fmt, const char *a, const char *b)
{
	size_t n = strlen(klog);
	snprintf(klog + n, sizeof(klog) - n, fmt, a, b);
}

static int fake_rule(struct pif_mgr *m, int add, const struct pif_rule *r, char *err, size_t errlen)
{
	(void)m;
	(void)err;
	(void)errlen;
	char rs[128];
	logf_("%s %s;", add ? "rule add" : "rule del", pif_rule_str(r, rs, sizeof(rs)));
	return 0;
}

/* Addresses reach the table as netlink would report them. */
static int fake_kernel(struct pif_mgr *m, const struct pif_action *a, const char *ifname, char *err,
		       size_t errlen)
{
	(void)err;
	(void)errlen;
	char ps[N2_PREFIX_STRLEN];
	const struct pif_iface *ifp = iftable_by_name(&m->table, ifname);
	if (a->kind == ACT_ADDR_ADD)
		iftable_addr_update(&m->table, ifp->l.ifindex, &a->p, 0);
	else if (a->kind == ACT_ADDR_DEL)
		iftable_addr_del(&m->table, ifp->l.ifindex, &a->p);
	logf_(a->kind == ACT_ADDR_ADD ? "addr add %s %s;" : "addr del %s %s;", ifname,
	      n2_prefix_str(&a->p, ps, sizeof(ps)));
	return 0;
}

static void mgr(struct pif_mgr *m, const char *state_path)
{
	char err[128];
	assert_int_equal(pif_mgr_init(m, NULL, NULL, state_path, 0, err, sizeof(err)), 0);
	m->fake_kernel = fake_kernel;
	m->fake_rule = fake_rule;
	struct pif_link l = {.ifindex = 5, .name = "vmac1", .admin_up = 1, .oper_up = 1};
	iftable_link_update(&m->table, &l, 0);
	klog[0] = 0;
}

static void addr(struct pif_mgr *m, int add, const char *prefix, unsigned flags)
{
	char err[256] = "";
	if (ops_addr(m, "vrrpd", add, "vmac1", prefix, flags, err, sizeof(err)) < 0)
		fail_msg("ops_addr %s: %s", prefix, err);
}

#define LOCAL4_UP                                        \
	"rule add ipv4 pref 1000 from all lookup local;" \
	"rule del ipv4 pref 0 from all lookup local proto kernel;"
#define LOCAL4_BACK                                                \
	"rule add ipv4 pref 0 from all lookup local proto kernel;" \
	"rule del ipv4 pref 1000 from all lookup local;"
#define RULES4_ADD                                                       \
	"rule add ipv4 pref 100 to 192.0.2.1/32 iif lo lookup local;"    \
	"rule add ipv4 pref 101 to 192.0.2.1/32 ipproto icmp blackhole;" \
	"rule add ipv4 pref 101 to 192.0.2.1/32 ipproto tcp blackhole;"  \
	"rule add ipv4 pref 101 to 192.0.2.1/32 ipproto udp blackhole;"  \
	"rule add ipv4 pref 101 to 192.0.2.1/32 ipproto sctp blackhole;" \
	"rule add ipv4 pref 101 to 192.0.2.1/32 ipproto dccp blackhole;" \
	"rule add ipv4 pref 101 to 192.0.2.1/32 ipproto udplite blackhole;"
#define RULES4_DEL                                                          \
	"rule del ipv4 pref 101 to 192.0.2.1/32 ipproto udplite blackhole;" \
	"rule del ipv4 pref 101 to 192.0.2.1/32 ipproto dccp blackhole;"    \
	"rule del ipv4 pref 101 to 192.0.2.1/32 ipproto sctp blackhole;"    \
	"rule del ipv4 pref 101 to 192.0.2.1/32 ipproto udp blackhole;"     \
	"rule del ipv4 pref 101 to 192.0.2.1/32 ipproto tcp blackhole;"     \
	"rule del ipv4 pref 101 to 192.0.2.1/32 ipproto icmp blackhole;"    \
	"rule del ipv4 pref 100 to 192.0.2.1/32 iif lo lookup local;"

/* IPv4: local traffic passes; the transport protocols are dropped, one rule each, and nothing
 * else: an ARP request's route lookup (protocol 0) must find the local route, or the kernel
 * does not answer it (RFC 9568 6.4.3: ARP is answered for the address). */
static void test_rules_ipv4(void **state)
{
	(void)state;
	struct n2_prefix p;
	assert_int_equal(n2_prefix_parse("192.0.2.1/24", &p, 0), 0);
	struct pif_rule r[PIF_RULES_PER_ADDR];
	char s[128];
	assert_int_equal(pif_rules_noaccept(&p, r), 7);
	assert_string_equal(pif_rule_str(&r[0], s, sizeof(s)),
			    "ipv4 pref 100 to 192.0.2.1/32 iif lo lookup local");
	assert_string_equal(pif_rule_str(&r[1], s, sizeof(s)),
			    "ipv4 pref 101 to 192.0.2.1/32 ipproto icmp blackhole");
	assert_string_equal(pif_rule_str(&r[6], s, sizeof(s)),
			    "ipv4 pref 101 to 192.0.2.1/32 ipproto udplite blackhole");
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(r[i].proto, PIF_RULE_PROTO);
		assert_int_equal(r[i].action, i ? PIF_RULE_BLACKHOLE : PIF_RULE_LOOKUP_LOCAL);
		assert_true(i == 0 || r[i].ipproto != 0);
	}
}

/* IPv6: ICMPv6 passes as well, so that Neighbor Solicitations sent to the address (NUD) are
 * answered (RFC 9568 6.4.3). */
static void test_rules_ipv6(void **state)
{
	(void)state;
	struct n2_prefix p;
	assert_int_equal(n2_prefix_parse("2001:db8::1/64", &p, 0), 0);
	struct pif_rule r[PIF_RULES_PER_ADDR];
	char s[128];
	assert_int_equal(pif_rules_noaccept(&p, r), 3);
	assert_string_equal(pif_rule_str(&r[0], s, sizeof(s)),
			    "ipv6 pref 100 to 2001:db8::1/128 iif lo lookup local");
	assert_string_equal(pif_rule_str(&r[1], s, sizeof(s)),
			    "ipv6 pref 100 to 2001:db8::1/128 ipproto ipv6-icmp lookup local");
	assert_int_equal(r[1].ipproto, IPPROTO_ICMPV6);
	assert_string_equal(pif_rule_str(&r[2], s, sizeof(s)),
			    "ipv6 pref 101 to 2001:db8::1/128 blackhole");
}

/* The local rule moves before the first rule, the rules come before the address (no packet for
 * it is ever accepted) and leave after it, and the local rule goes back with the last. */
static void test_order(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr(&m, "");
	addr(&m, 1, "192.0.2.1/32", PIF_ADDR_NOACCEPT);
	assert_string_equal(klog, LOCAL4_UP RULES4_ADD "addr add vmac1 192.0.2.1/32;");
	klog[0] = 0;
	addr(&m, 0, "192.0.2.1/32", 0);
	assert_string_equal(klog, "addr del vmac1 192.0.2.1/32;" RULES4_DEL LOCAL4_BACK);
	pif_mgr_fini(&m);
}

/* An address asked without the flag gets no rules; asking again with the other value changes
 * the rules in place, the address untouched (accept-mode toggled on a master). */
static void test_asked_again(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr(&m, "");
	addr(&m, 1, "192.0.2.1/32", 0);
	assert_string_equal(klog, "addr add vmac1 192.0.2.1/32;");
	klog[0] = 0;
	addr(&m, 1, "192.0.2.1/32", PIF_ADDR_NOACCEPT);
	assert_string_equal(klog, LOCAL4_UP RULES4_ADD);
	klog[0] = 0;
	addr(&m, 1, "192.0.2.1/32", PIF_ADDR_NOACCEPT);
	assert_string_equal(klog, "");
	addr(&m, 1, "192.0.2.1/32", 0);
	assert_string_equal(klog, RULES4_DEL LOCAL4_BACK);
	pif_mgr_fini(&m);
}

/* One local move per family, however many addresses; each family restored with its last. */
static void test_families(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr(&m, "");
	addr(&m, 1, "192.0.2.1/32", PIF_ADDR_NOACCEPT);
	addr(&m, 1, "192.0.2.2/32", PIF_ADDR_NOACCEPT);
	addr(&m, 1, "2001:db8::1/128", PIF_ADDR_NOACCEPT | PIF_ADDR_NODAD);
	assert_int_equal(m.local_moved[0], 1);
	assert_int_equal(m.local_moved[1], 1);
	const char *s = klog;
	int moves = 0;
	while ((s = strstr(s, "pref 1000 from all lookup local;")))
		moves++, s++;
	assert_int_equal(moves, 2);
	addr(&m, 0, "192.0.2.1/32", 0);
	assert_int_equal(m.local_moved[0], 1);
	addr(&m, 0, "192.0.2.2/32", 0);
	assert_int_equal(m.local_moved[0], 0);
	assert_int_equal(m.local_moved[1], 1);
	pif_mgr_fini(&m);
}

/* The requester leaving takes the rules with its addresses. */
static void test_owner_gone(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr(&m, "");
	addr(&m, 1, "192.0.2.1/32", PIF_ADDR_NOACCEPT);
	klog[0] = 0;
	ops_owner_gone(&m, "vrrpd");
	assert_string_equal(klog, "addr del vmac1 192.0.2.1/32;" RULES4_DEL LOCAL4_BACK);
	pif_mgr_fini(&m);
}

/* n2os stop: the rules go and the kernel's local rule is back at 0. */
static void test_stop(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr(&m, "");
	addr(&m, 1, "192.0.2.1/32", PIF_ADDR_NOACCEPT);
	klog[0] = 0;
	pif_mgr_stop(&m, NULL);
	assert_non_null(strstr(klog, RULES4_DEL LOCAL4_BACK));
	assert_int_equal(m.local_moved[0], 0);
	pif_mgr_fini(&m);
}

/* The flag survives in the state file, so a pifmgr restarted after a crash knows it. */
static void test_saved(void **state)
{
	(void)state;
	char path[] = "/tmp/test_pif_accept.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	struct pif_mgr m;
	mgr(&m, path);
	addr(&m, 1, "192.0.2.1/32", PIF_ADDR_NOACCEPT);
	addr(&m, 1, "192.0.2.9/32", 0);
	pif_mgr_fini(&m); /* a crash: no stop, the state file stays */
	struct pif_state st;
	state_init(&st, path);
	assert_true(state_load(&st) > 0);
	assert_int_equal(st.own->noaccept, 1);
	assert_int_equal(st.own->next->noaccept, 0);
	state_fini(&st);
	unlink(path);
}

/* At start-up the local rule is put where the records say, for each family (where an earlier
 * pifmgr left it is not known), and the records' rules are (re)added. */
static void test_adopt(void **state)
{
	(void)state;
	struct pif_mgr m;
	mgr(&m, "");
	struct pif_own *o = state_own_add(&m.state, OWN_ADDR, "vrrpd", "vmac1");
	assert_int_equal(n2_prefix_parse("192.0.2.1/32", &o->p, 0), 0);
	o->noaccept = 1;
	accept_adopt(&m);
	assert_string_equal(klog,
			    LOCAL4_UP "rule add ipv6 pref 0 from all lookup local proto kernel;"
				      "rule del ipv6 pref 1000 from all lookup local;" RULES4_ADD);
	pif_mgr_fini(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules_ipv4), cmocka_unit_test(test_rules_ipv6),
		cmocka_unit_test(test_order),      cmocka_unit_test(test_asked_again),
		cmocka_unit_test(test_families),   cmocka_unit_test(test_owner_gone),
		cmocka_unit_test(test_stop),       cmocka_unit_test(test_saved),
		cmocka_unit_test(test_adopt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
