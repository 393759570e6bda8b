/* lib/member.c: the one decoder of ipc.ClientEvent and ipc.Members, fed real packed frames: what
 * a watcher is handed (name, pid, up, aliases NULL-terminated), and one test per reason an event
 * is refused (the reason names what is wrong). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc.pb-c.h"
#include "member.h"

struct frame {
	uint8_t buf[1024];
	size_t len;
};

/* A ClientEvent as ipcmgr packs it; aliases NULL-terminated. */
static struct frame event(const char *name, uint32_t pid, int up, const char *const *aliases)
{
	N2os__Ipc__ClientEvent ce = N2OS__IPC__CLIENT_EVENT__INIT;
	ce.name = (char *)name;
	ce.pid = pid;
	ce.up = up;
	ce.aliases = (char **)aliases;
	while (aliases && aliases[ce.n_aliases])
		ce.n_aliases++;
	struct frame f;
	assert_true(n2os__ipc__client_event__get_packed_size(&ce) <= sizeof(f.buf));
	f.len = n2os__ipc__client_event__pack(&ce, f.buf);
	return f;
}

/* Decodes f expecting a refusal whose reason contains `want`. */
static void refused(struct frame f, const char *want)
{
	struct n2_member_event ev;
	char why[256] = "";
	assert_int_equal(n2_member_event_decode(&ev, f.buf, f.len, why, sizeof(why)), -1);
	if (!strstr(why, want))
		fail_msg("reason '%s' does not say '%s'", why, want);
}

/* Decodes f into ev expecting success. */
static void accepted(struct frame f, struct n2_member_event *ev)
{
	char why[256] = "";
	if (n2_member_event_decode(ev, f.buf, f.len, why, sizeof(why)) < 0)
		fail_msg("refused: %s", why);
}

static void test_up_event(void **state)
{
	(void)state;
	struct n2_member_event ev;
	accepted(event("ribmgr", 4242, 1, NULL), &ev);
	assert_string_equal(ev.m.name, "ribmgr");
	assert_int_equal(ev.m.pid, 4242);
	assert_true(ev.m.up);
	assert_non_null(ev.m.aliases);
	assert_null(ev.m.aliases[0]);
	n2_member_event_release(&ev);
}

static void test_down_event_with_aliases(void **state)
{
	(void)state;
	static const char *const al[] = {"vrrp", "vrrp-v3", NULL};
	struct n2_member_event ev;
	accepted(event("vrrpd", 77, 0, al), &ev);
	assert_string_equal(ev.m.name, "vrrpd");
	assert_int_equal(ev.m.pid, 77);
	assert_false(ev.m.up);
	assert_string_equal(ev.m.aliases[0], "vrrp");
	assert_string_equal(ev.m.aliases[1], "vrrp-v3");
	assert_null(ev.m.aliases[2]);
	n2_member_event_release(&ev);
}

static void test_max_aliases(void **state)
{
	(void)state;
	static const char *const al[] = {"a", "b", "c", "d", NULL};
	struct n2_member_event ev;
	accepted(event("x", 1, 1, al), &ev);
	assert_string_equal(ev.m.aliases[N2_IPC_MAX_ALIASES - 1], "d");
	assert_null(ev.m.aliases[N2_IPC_MAX_ALIASES]);
	n2_member_event_release(&ev);
}

static void test_undecodable(void **state)
{
	(void)state;
	struct frame f = event("ribmgr", 1, 1, NULL);
	f.len = 4; /* tag, length 6, then only "ri" of the name */
	refused(f, "undecodable ClientEvent");
}

static void test_no_name(void **state)
{
	(void)state;
	refused(event("", 1, 1, NULL), "name '' is not a bus name");
}

static void test_bad_name(void **state)
{
	(void)state;
	refused(event("bad name\n", 1, 1, NULL), "name 'bad name?' is not a bus name");
}

static void test_long_name(void **state)
{
	(void)state;
	char name[N2_IPC_NAME_MAX + 1];
	memset(name, 'n', sizeof(name) - 1);
	name[N2_IPC_NAME_MAX] = 0;
	refused(event(name, 1, 1, NULL), "is not a bus name");
}

static void test_pid_out_of_range(void **state)
{
	(void)state;
	refused(event("ribmgr", 0x80000000u, 1, NULL), "ribmgr: pid 2147483648 out of range");
}

static void test_too_many_aliases(void **state)
{
	(void)state;
	static const char *const al[] = {"a", "b", "c", "d", "e", NULL};
	refused(event("x", 1, 1, al), "x: 5 aliases, at most 4");
}

static void test_bad_alias(void **state)
{
	(void)state;
	static const char *const al[] = {"ok", "", NULL};
	refused(event("x", 1, 1, al), "x: alias 1 '' is not a bus name");
}

static void test_name_rule(void **state)
{
	(void)state;
	char name[N2_IPC_NAME_MAX];
	memset(name, 'n', sizeof(name) - 1);
	name[N2_IPC_NAME_MAX - 1] = 0;
	assert_true(n2_member_name_valid(name)); /* 63 bytes: the longest */
	assert_true(n2_member_name_valid("A-z_0.9"));
	assert_false(n2_member_name_valid(""));
	assert_false(n2_member_name_valid("a/b"));
	assert_false(n2_member_name_valid("a b"));
}

/* A Members answer of the given events (packed). */
static struct frame members(const struct frame *ev, size_t n)
{
	N2os__Ipc__ClientEvent *ce[4];
	N2os__Ipc__Members ms = N2OS__IPC__MEMBERS__INIT;
	for (size_t i = 0; i < n; i++)
		assert_non_null(
			ce[i] = n2os__ipc__client_event__unpack(NULL, ev[i].len, ev[i].buf));
	ms.clients = ce;
	ms.n_clients = n;
	struct frame f;
	assert_true(n2os__ipc__members__get_packed_size(&ms) <= sizeof(f.buf));
	f.len = n2os__ipc__members__pack(&ms, f.buf);
	for (size_t i = 0; i < n; i++)
		n2os__ipc__client_event__free_unpacked(ce[i], NULL);
	return f;
}

static void test_members(void **state)
{
	(void)state;
	static const char *const al[] = {"vrrp", NULL};
	struct frame ev[2] = {event("procmgr", 10, 1, NULL), event("vrrpd", 11, 1, al)};
	struct frame f = members(ev, 2);
	struct n2_members ms;
	char why[256];
	assert_int_equal(n2_members_decode(&ms, f.buf, f.len, why, sizeof(why)), 0);
	assert_int_equal(ms.n, 2);
	assert_string_equal(ms.list[0].name, "procmgr");
	assert_int_equal(ms.list[0].pid, 10);
	assert_null(ms.list[0].aliases[0]);
	assert_string_equal(ms.list[1].name, "vrrpd");
	assert_string_equal(ms.list[1].aliases[0], "vrrp");
	assert_null(ms.list[1].aliases[1]);
	n2_members_release(&ms);
}

static void test_members_empty(void **state)
{
	(void)state;
	struct n2_members ms;
	char why[256];
	assert_int_equal(n2_members_decode(&ms, (const uint8_t *)"", 0, why, sizeof(why)), 0);
	assert_int_equal(ms.n, 0);
	n2_members_release(&ms);
}

static void test_members_bad_entry(void **state)
{
	(void)state;
	struct frame ev[2] = {event("procmgr", 10, 1, NULL), event("bad name", 11, 1, NULL)};
	struct frame f = members(ev, 2);
	struct n2_members ms;
	char why[256];
	assert_int_equal(n2_members_decode(&ms, f.buf, f.len, why, sizeof(why)), -1);
	assert_string_equal(why, "entry 1: name 'bad name' is not a bus name");
	assert_null(ms.list);
}

static void test_members_entry_down(void **state)
{
	(void)state;
	struct frame ev[1] = {event("procmgr", 10, 0, NULL)};
	struct frame f = members(ev, 1);
	struct n2_members ms;
	char why[256];
	assert_int_equal(n2_members_decode(&ms, f.buf, f.len, why, sizeof(why)), -1);
	assert_string_equal(why, "entry 0: procmgr is not up");
}

static void test_members_undecodable(void **state)
{
	(void)state;
	const uint8_t junk[] = {0x0a, 0x7f, 0x01}; /* clients: 127 bytes announced, 1 there */
	struct n2_members ms;
	char why[256];
	assert_int_equal(n2_members_decode(&ms, junk, sizeof(junk), why, sizeof(why)), -1);
	assert_string_equal(why, "undecodable Members (3 bytes)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_up_event),
		cmocka_unit_test(test_down_event_with_aliases),
		cmocka_unit_test(test_max_aliases),
		cmocka_unit_test(test_undecodable),
		cmocka_unit_test(test_no_name),
		cmocka_unit_test(test_bad_name),
		cmocka_unit_test(test_long_name),
		cmocka_unit_test(test_pid_out_of_range),
		cmocka_unit_test(test_too_many_aliases),
		cmocka_unit_test(test_bad_alias),
		cmocka_unit_test(test_name_rule),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_members_empty),
		cmocka_unit_test(test_members_bad_entry),
		cmocka_unit_test(test_members_entry_down),
		cmocka_unit_test(test_members_undecodable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
