/* pifclient's pure part (lib/pifclient/pifc_core.c): the copy of pifmgr's table and the rules of
 * the snapshot-plus-sequence protocol, driven with values, one rule per test. Each test records
 * what the callbacks reported as one string and compares it whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "mem.h"
#include "pifc_core.h"

static char seen[4096];

static void note(const char *fmt, ...)
{
	size_t n = strlen(seen);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(seen + n, sizeof(seen) - n, fmt, ap);
	va_end(ap);
}

static const char *op_name(enum pifc_op op)
{
	return op == PIFC_ADD ? "add" : op == PIFC_DEL ? "del" : "change";
}

static void on_iface(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp, void *arg)
{
	(void)c, (void)arg;
	note("iface %s %s;", op_name(op), ifp->name);
}

static void on_link(struct pifc *c, const struct pifc_iface *ifp, uint64_t nl_us, void *arg)
{
	(void)c, (void)arg;
	note("link %s %s/%s", ifp->name, ifp->admin_up ? "up" : "down",
	     ifp->oper_up ? "up" : "down");
	if (nl_us)
		note(" at %llu", (unsigned long long)nl_us);
	note(";");
}

static void on_addr(struct pifc *c, enum pifc_op op, const struct pifc_iface *ifp,
		    const struct pifc_addr *a, void *arg)
{
	(void)c, (void)arg;
	char ps[N2_PREFIX_STRLEN];
	note("addr %s %s %s%s;", op_name(op), ifp->name, n2_prefix_str(&a->p, ps, sizeof(ps)),
	     a->secondary ? " sec" : "");
}

static void on_synced(struct pifc *c, void *arg)
{
	(void)c, (void)arg;
	note("synced;");
}

static void on_lost(struct pifc *c, void *arg)
{
	(void)c, (void)arg;
	note("lost;");
}

static const struct pifc_ops ops = {
	.iface = on_iface, .link = on_link, .addr = on_addr, .synced = on_synced, .lost = on_lost};

static struct pifc_addr A(const char *prefix, int secondary) {
	struct pifc_addr a = {.secondary = secondary};
	assert_int_equal(n2_prefix_parse(prefix, &a.p, 0), 0);
	return a;
}

/* An interface up (admin and line protocol) with the addresses listed (NULL-terminated). */
static struct pifc_iface *
I(uint32_t ifindex, const char *name, ...)
{
	struct pifc_iface *ifp = pifc_iface_alloc(8);
	assert_non_null(ifp);
	ifp->ifindex = ifindex;
	snprintf(ifp->name, sizeof(ifp->name), "%s", name);
	ifp->admin_up = ifp->oper_up = 1;
	ifp->flags = IFF_UP | IFF_RUNNING;
	ifp->mtu = 1500;
	va_list ap;
	va_start(ap, name);
	for (const char *p; (p = va_arg(ap, const char *));)
		ifp->addrs[ifp->naddr++] = A(p, 0);
	va_end(ap);
	return ifp;
}

static void count_if(const struct n2_mtype *mt, void *arg)
{
	if (!strcmp(mt->name, "pif client interface"))
		*(uint64_t *)arg += mt->bytes;
}

static uint64_t if_bytes(void)
{
	uint64_t b = 0;
	n2_mtype_foreach(count_if, &b);
	return b;
}

static struct pifc_core K;

static int setup(void **state)
{
	(void)state;
	pifc_core_init(&K, &ops, NULL, NULL);
	seen[0] = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pifc_core_free(&K);
	assert_int_equal(if_bytes(), 0); /* every interface the tests handed over was freed */
	return 0;
}

/* The copy after a first snapshot (epoch 1, seq 10) of eth0 (192.0.2.1/24) and eth1. */
static void synced_at_10(void)
{
	pifc_core_asking(&K);
	struct pifc_iface *ifs[] = {I(2, "eth0", "192.0.2.1/24", NULL), I(3, "eth1", NULL)};
	pifc_core_snapshot(&K, 1, 10, ifs, 2);
	seen[0] = 0;
}

/* The addresses of an interface of the copy, "a b c". */
static const char *addrs_of(const char *name)
{
	static char out[256];
	out[0] = 0;
	const struct pifc_iface *ifp = pifc_core_by_name(&K, name);
	assert_non_null(ifp);
	for (size_t i = 0; i < ifp->naddr; i++) {
		char ps[N2_PREFIX_STRLEN];
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s", i ? " " : "",
			 n2_prefix_str(&ifp->addrs[i].p, ps, sizeof(ps)));
	}
	return out;
}

/* ---- the sequence ---- */

static void first_snapshot_reports_everything_then_synced(void **state)
{
	(void)state;
	pifc_core_asking(&K);
	struct pifc_iface *ifs[] = {I(2, "eth0", "192.0.2.1/24", "198.51.100.1/24", NULL),
				    I(3, "eth1", NULL)};
	pifc_core_snapshot(&K, 1, 10, ifs, 2);
	assert_string_equal(seen, "iface add eth0;addr add eth0 192.0.2.1/24;"
				  "addr add eth0 198.51.100.1/24;iface add eth1;synced;");
	assert_true(K.synced);
	assert_false(K.asking);
	assert_int_equal(K.epoch, 1);
	assert_int_equal(K.seq, 10);
	assert_int_equal(K.n, 2);
}

static void event_before_any_snapshot_is_dropped(void **state)
{
	(void)state;
	assert_int_equal(pifc_core_iface(&K, 1, 1, PIFC_ADD, I(2, "eth0", NULL)), PIFC_DROPPED);
	assert_int_equal(pifc_core_link(&K, 1, 2, 2, 1, 0, 0), PIFC_DROPPED);
	assert_string_equal(seen, "");
	assert_int_equal(K.n, 0);
}

/* pifmgr publishes in order and the bus keeps it: what comes before the reply is in it. */
static void event_while_the_snapshot_is_on_its_way_is_dropped(void **state)
{
	(void)state;
	synced_at_10();
	pifc_core_asking(&K);
	assert_int_equal(pifc_core_link(&K, 1, 11, 2, 1, 0, 0), PIFC_DROPPED);
	assert_string_equal(seen, "");
	assert_true(pifc_core_by_name(&K, "eth0")->oper_up);
	assert_int_equal(K.seq, 10);
}

static void next_event_is_applied(void **state)
{
	(void)state;
	synced_at_10();
	assert_int_equal(pifc_core_link(&K, 1, 11, 2, 1, 0, 1234), PIFC_APPLIED);
	struct pifc_addr a = A("192.0.2.9/24", 1);
	assert_int_equal(pifc_core_addr(&K, 1, 12, PIFC_ADD, 3, &a), PIFC_APPLIED);
	assert_int_equal(pifc_core_iface(&K, 1, 13, PIFC_ADD, I(4, "eth2", NULL)), PIFC_APPLIED);
	assert_string_equal(seen, "link eth0 up/down at 1234;addr add eth1 192.0.2.9/24 sec;"
				  "iface add eth2;");
	assert_int_equal(K.seq, 13);
}

static void gap_asks_for_the_snapshot_and_changes_nothing(void **state)
{
	(void)state;
	synced_at_10();
	assert_int_equal(pifc_core_link(&K, 1, 12, 2, 1, 0, 0), PIFC_RESYNC);
	assert_string_equal(seen, "");
	assert_true(pifc_core_by_name(&K, "eth0")->oper_up);
	assert_int_equal(K.seq, 10);
}

static void new_epoch_asks_for_the_snapshot(void **state)
{
	(void)state;
	synced_at_10();
	/* a restarted pifmgr counts from 1 again: neither old nor next */
	assert_int_equal(pifc_core_link(&K, 2, 1, 2, 1, 0, 0), PIFC_RESYNC);
	assert_int_equal(pifc_core_link(&K, 2, 11, 2, 1, 0, 0), PIFC_RESYNC);
	assert_string_equal(seen, "");
}

static void duplicate_and_old_events_are_dropped(void **state)
{
	(void)state;
	synced_at_10();
	assert_int_equal(pifc_core_link(&K, 1, 11, 2, 1, 0, 0), PIFC_APPLIED);
	seen[0] = 0;
	assert_int_equal(pifc_core_link(&K, 1, 11, 2, 1, 1, 0), PIFC_DROPPED);
	assert_int_equal(pifc_core_iface(&K, 1, 3, PIFC_DEL, I(2, "eth0", NULL)), PIFC_DROPPED);
	assert_string_equal(seen, "");
	assert_false(pifc_core_by_name(&K, "eth0")->oper_up);
	assert_int_equal(K.seq, 11);
}

static void event_for_an_unknown_interface_advances_the_sequence(void **state)
{
	(void)state;
	synced_at_10();
	assert_int_equal(pifc_core_link(&K, 1, 11, 99, 1, 0, 0), PIFC_APPLIED);
	assert_string_equal(seen, "");
	assert_int_equal(pifc_core_link(&K, 1, 12, 2, 1, 0, 0), PIFC_APPLIED);
	assert_string_equal(seen, "link eth0 up/down;");
}

static void lost_pifmgr_drops_events_until_the_next_snapshot(void **state)
{
	(void)state;
	synced_at_10();
	pifc_core_lost(&K);
	assert_string_equal(seen, "lost;");
	assert_false(K.synced);
	assert_int_equal(pifc_core_link(&K, 1, 11, 2, 1, 0, 0), PIFC_DROPPED);
	assert_int_equal(K.n, 2); /* kept, to report only differences after the new snapshot */
	pifc_core_asking(&K);
	struct pifc_iface *ifs[] = {I(2, "eth0", "192.0.2.1/24", NULL), I(3, "eth1", NULL)};
	pifc_core_snapshot(&K, 2, 4, ifs, 2);
	assert_string_equal(seen, "lost;synced;");
	assert_int_equal(pifc_core_link(&K, 2, 5, 2, 1, 0, 0), PIFC_APPLIED);
}

static void unanswered_snapshot_leaves_the_copy_unsynced(void **state)
{
	(void)state;
	pifc_core_asking(&K);
	pifc_core_unanswered(&K);
	assert_false(K.asking);
	assert_false(K.synced);
	assert_int_equal(pifc_core_link(&K, 1, 1, 2, 1, 0, 0), PIFC_DROPPED);
}

/* ---- the snapshot replaces the copy ---- */

static void snapshot_reports_only_the_differences(void **state)
{
	(void)state;
	synced_at_10();
	struct pifc_iface *eth0 = I(2, "eth0", "198.51.100.1/24", NULL);
	eth0->mtu = 9000;
	eth0->oper_up = 0;
	eth0->flags &= ~(unsigned)IFF_RUNNING;
	struct pifc_iface *ifs[] = {eth0, I(4, "eth2", "203.0.113.1/24", NULL)};
	pifc_core_asking(&K);
	pifc_core_snapshot(&K, 1, 20, ifs, 2);
	assert_string_equal(seen, "iface del eth1;"
				  "addr del eth0 192.0.2.1/24;link eth0 up/down;iface change eth0;"
				  "addr add eth0 198.51.100.1/24;"
				  "iface add eth2;addr add eth2 203.0.113.1/24;synced;");
	assert_int_equal(K.n, 2);
	assert_null(pifc_core_by_name(&K, "eth1"));
	assert_int_equal(pifc_core_by_name(&K, "eth0")->mtu, 9000);
	assert_string_equal(addrs_of("eth0"), "198.51.100.1/24");
	assert_int_equal(K.seq, 20);
}

static void same_snapshot_again_reports_nothing_but_synced(void **state)
{
	(void)state;
	synced_at_10();
	struct pifc_iface *ifs[] = {I(2, "eth0", "192.0.2.1/24", NULL), I(3, "eth1", NULL)};
	pifc_core_asking(&K);
	pifc_core_snapshot(&K, 1, 10, ifs, 2);
	assert_string_equal(seen, "synced;");
}

static void empty_snapshot_removes_addresses_then_interfaces(void **state)
{
	(void)state;
	synced_at_10();
	pifc_core_asking(&K);
	pifc_core_snapshot(&K, 3, 1, NULL, 0);
	assert_string_equal(seen,
			    "iface del eth1;addr del eth0 192.0.2.1/24;iface del eth0;synced;");
	assert_int_equal(K.n, 0);
	assert_int_equal(K.epoch, 3);
}

/* ---- what each event does to the copy ---- */

static void iface_del_reports_its_addresses_first(void **state)
{
	(void)state;
	synced_at_10();
	assert_int_equal(pifc_core_iface(&K, 1, 11, PIFC_DEL, I(2, "eth0", NULL)), PIFC_APPLIED);
	assert_string_equal(seen, "addr del eth0 192.0.2.1/24;iface del eth0;");
	assert_null(pifc_core_by_index(&K, 2));
	assert_non_null(pifc_core_by_index(&K, 3)); /* the others keep their place */
	assert_string_equal(K.ifs[0]->name, "eth1");
}

static void iface_change_keeps_the_addresses_of_the_copy(void **state)
{
	(void)state;
	synced_at_10();
	struct pifc_iface *nw = I(2, "wan0", "203.0.113.7/24", NULL); /* renamed */
	assert_int_equal(pifc_core_iface(&K, 1, 11, PIFC_CHANGE, nw), PIFC_APPLIED);
	assert_string_equal(seen, "iface change wan0;");
	assert_null(pifc_core_by_name(&K, "eth0"));
	assert_string_equal(addrs_of("wan0"), "192.0.2.1/24");
}

static void iface_change_of_the_link_state_reports_link_too(void **state)
{
	(void)state;
	synced_at_10();
	struct pifc_iface *nw = I(3, "eth1", NULL);
	nw->admin_up = nw->oper_up = 0;
	nw->flags = 0;
	assert_int_equal(pifc_core_iface(&K, 1, 11, PIFC_CHANGE, nw), PIFC_APPLIED);
	assert_string_equal(seen, "link eth1 down/down;iface change eth1;");
}

static void iface_add_of_a_known_index_is_a_change(void **state)
{
	(void)state;
	synced_at_10();
	assert_int_equal(pifc_core_iface(&K, 1, 11, PIFC_ADD, I(3, "eth1", NULL)), PIFC_APPLIED);
	assert_string_equal(seen, "iface change eth1;");
	assert_int_equal(K.n, 2);
}

static void link_event_sets_the_flags(void **state)
{
	(void)state;
	synced_at_10();
	assert_int_equal(pifc_core_link(&K, 1, 11, 3, 0, 0, 0), PIFC_APPLIED);
	const struct pifc_iface *ifp = pifc_core_by_index(&K, 3);
	assert_false(ifp->admin_up);
	assert_int_equal(ifp->flags & (IFF_UP | IFF_RUNNING), 0);
	assert_int_equal(pifc_core_link(&K, 1, 12, 3, 1, 1, 0), PIFC_APPLIED);
	assert_int_equal(ifp->flags & (IFF_UP | IFF_RUNNING), IFF_UP | IFF_RUNNING);
	assert_string_equal(seen, "link eth1 down/down;link eth1 up/up;");
}

static void addr_add_of_a_known_address_reports_a_change_of_flags_only(void **state)
{
	(void)state;
	synced_at_10();
	struct pifc_addr same = A("192.0.2.1/24", 0), sec = A("192.0.2.1/24", 1);
	assert_int_equal(pifc_core_addr(&K, 1, 11, PIFC_ADD, 2, &same), PIFC_APPLIED);
	assert_string_equal(seen, "");
	assert_int_equal(pifc_core_addr(&K, 1, 12, PIFC_ADD, 2, &sec), PIFC_APPLIED);
	assert_string_equal(seen, "addr add eth0 192.0.2.1/24 sec;");
	assert_string_equal(addrs_of("eth0"), "192.0.2.1/24");
}

/* The order is pifmgr's: a consumer takes the first primary address as the interface's. */
static void addr_del_keeps_the_order_of_the_others(void **state)
{
	(void)state;
	synced_at_10();
	const char *more[] = {"192.0.2.2/24", "192.0.2.3/24", "192.0.2.4/24"};
	for (uint64_t i = 0; i < 3; i++) {
		struct pifc_addr a = A(more[i], 1);
		assert_int_equal(pifc_core_addr(&K, 1, 11 + i, PIFC_ADD, 2, &a), PIFC_APPLIED);
	}
	struct pifc_addr gone = A("192.0.2.2/24", 1);
	assert_int_equal(pifc_core_addr(&K, 1, 14, PIFC_DEL, 2, &gone), PIFC_APPLIED);
	assert_string_equal(addrs_of("eth0"), "192.0.2.1/24 192.0.2.3/24 192.0.2.4/24");
	struct pifc_addr unknown = A("10.9.9.9/8", 0);
	seen[0] = 0;
	assert_int_equal(pifc_core_addr(&K, 1, 15, PIFC_DEL, 2, &unknown), PIFC_APPLIED);
	assert_string_equal(seen, "");
}

static void ipv6_addresses_are_kept_as_values(void **state)
{
	(void)state;
	synced_at_10();
	struct pifc_addr a = A("2001:db8::1/64", 0);
	assert_int_equal(pifc_core_addr(&K, 1, 11, PIFC_ADD, 3, &a), PIFC_APPLIED);
	assert_string_equal(seen, "addr add eth1 2001:db8::1/64;");
	assert_int_equal(pifc_core_by_name(&K, "eth1")->addrs[0].p.family, AF_INET6);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(first_snapshot_reports_everything_then_synced),
		T(event_before_any_snapshot_is_dropped),
		T(event_while_the_snapshot_is_on_its_way_is_dropped),
		T(next_event_is_applied),
		T(gap_asks_for_the_snapshot_and_changes_nothing),
		T(new_epoch_asks_for_the_snapshot),
		T(duplicate_and_old_events_are_dropped),
		T(event_for_an_unknown_interface_advances_the_sequence),
		T(lost_pifmgr_drops_events_until_the_next_snapshot),
		T(unanswered_snapshot_leaves_the_copy_unsynced),
		T(snapshot_reports_only_the_differences),
		T(same_snapshot_again_reports_nothing_but_synced),
		T(empty_snapshot_removes_addresses_then_interfaces),
		T(iface_del_reports_its_addresses_first),
		T(iface_change_keeps_the_addresses_of_the_copy),
		T(iface_change_of_the_link_state_reports_link_too),
		T(iface_add_of_a_known_index_is_a_change),
		T(link_event_sets_the_flags),
		T(addr_add_of_a_known_address_reports_a_change_of_flags_only),
		T(addr_del_keeps_the_order_of_the_others),
		T(ipv6_addresses_are_kept_as_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
