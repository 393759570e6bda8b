/* managers/cmdmgr/sysview.c: `show ipc [json]`, `show memory NAME [json]` and `show log NAME`
 * pinned byte for byte from packed answers (ipc.Stats, sys.MemStats, sys.LogLines) as ipcmgr
 * and the processes send them: values wider than their columns, the largest counters, names
 * that need JSON escaping, empty lists; and answers that do not decode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipc.pb-c.h"
#include "sys.pb-c.h"
#include "sysview.h"

/* Three clients: an ordinary one with two topics, one whose name and numbers are wider than
 * their columns (and no topic), one whose name and topic need escaping in JSON. */
static uint8_t *packed_stats(size_t *len)
{
	static N2os__Ipc__ClientStats c[3];
	static N2os__Ipc__ClientStats *pc[3];
	static char *topics0[] = {"ipc.client", "proc.event"}, *topics2[] = {"t\"x"};
	const struct {
		const char *name;
		uint32_t pid, queued;
		uint64_t msgs_in, msgs_out, bytes_in, bytes_out, drops;
		char **topics;
		size_t ntopics;
	} v[3] = {
		{"procmgr", 100, 0, 12, 34, 5678, 91011, 0, topics0, 2},
		{"a-client-name-wider-than-18", 4294967295u, 65536, UINT64_MAX, 1, 2, 3, 7, NULL,
		 0},
		{"odd\"name\\", 1, 0, 0, 0, 0, 0, 0, topics2, 1},
	};
	for (size_t i = 0; i < 3; i++) {
		n2os__ipc__client_stats__init(&c[i]);
		c[i].name = (char *)v[i].name;
		c[i].pid = v[i].pid;
		c[i].msgs_in = v[i].msgs_in;
		c[i].msgs_out = v[i].msgs_out;
		c[i].bytes_in = v[i].bytes_in;
		c[i].bytes_out = v[i].bytes_out;
		c[i].drops = v[i].drops;
		c[i].queued_bytes = v[i].queued;
		c[i].topics = v[i].topics;
		c[i].n_topics = v[i].ntopics;
		pc[i] = &c[i];
	}
	N2os__Ipc__Stats st = N2OS__IPC__STATS__INIT;
	st.clients = pc;
	st.n_clients = 3;
	st.rejected_oversized = 1;
	st.rejected_truncated = 2;
	st.rejected_undecodable = 3;
	st.rejected_protocol = 4;
	st.rejected_permission = 5;
	st.no_destination = 6;
	st.slow_disconnects = 7;
	st.rejected_clients = 8;
	st.uptime_ms = 3723000;
	*len = n2os__ipc__stats__get_packed_size(&st);
	uint8_t *buf = malloc(*len + 1);
	assert_non_null(buf);
	n2os__ipc__stats__pack(&st, buf);
	return buf;
}

static uint8_t *packed_mem(size_t *len, size_t ntypes, uint64_t total)
{
	static N2os__Sys__MemType t[3];
	static N2os__Sys__MemType *pt[3];
	const struct {
		const char *name;
		uint64_t count, bytes;
	} v[3] = {
		{"cli command", 120, 34560},
		{"a memory type name longer than 32 chars", 3, 1536},
		{"x\"y", 0, 0},
	};
	for (size_t i = 0; i < 3; i++) {
		n2os__sys__mem_type__init(&t[i]);
		t[i].name = (char *)v[i].name;
		t[i].count = v[i].count;
		t[i].bytes = v[i].bytes;
		pt[i] = &t[i];
	}
	N2os__Sys__MemStats st = N2OS__SYS__MEM_STATS__INIT;
	st.types = pt;
	st.n_types = ntypes;
	st.total_bytes = total;
	*len = n2os__sys__mem_stats__get_packed_size(&st);
	uint8_t *buf = malloc(*len + 1);
	assert_non_null(buf);
	n2os__sys__mem_stats__pack(&st, buf);
	return buf;
}

/* Runs a view in text (json 0) and JSON (json 1) and compares both outputs. */
#define ASSERT_VIEW(call_text, call_json, text, json)      \
	do {                                               \
		struct n2_buf b;                           \
		n2_buf_init(&b);                           \
		assert_int_equal(call_text, 0);            \
		assert_string_equal(n2_buf_str(&b), text); \
		n2_buf_fini(&b);                           \
		n2_buf_init(&b);                           \
		assert_int_equal(call_json, 0);            \
		assert_string_equal(n2_buf_str(&b), json); \
		n2_buf_fini(&b);                           \
	} while (0)

/* The outputs as they were before the views used lib/emit. */
static void test_ipc(void **state)
{
	(void)state;
	size_t len;
	uint8_t *buf = packed_stats(&len);
	ASSERT_VIEW(
		sysview_ipc(buf, len, 0, &b), sysview_ipc(buf, len, 1, &b),
		"CLIENT                 PID    MSGS IN   MSGS OUT     BYTES IN    BYTES OUT  DROPS "
		" "
		"QUEUED  TOPICS\n"
		"procmgr                100         12         34         5678        91011      0 "
		"      0  ipc.client,proc.event\n"
		"a-client-name-wider-than-18 4294967295 18446744073709551615          1            "
		"2 "
		"           3      7   65536  \n"
		"odd\"name\\                1          0          0            0            0      "
		"0 "
		"      0  t\"x\n"
		"Rejected frames: 1 oversized, 2 truncated, 3 undecodable, 4 protocol, 5 "
		"permission; "
		"6 without destination; 7 slow clients disconnected; 8 connections over the client "
		"limit\n",
		"{\"uptime_ms\":3723000,\"rejected\":{\"oversized\":1,\"truncated\":2,"
		"\"undecodable\":3,\"protocol\":4,\"permission\":5,\"clients\":8},\"no_"
		"destination\":6,"
		"\"slow_disconnects\":7,\"clients\":["
		"{\"name\":\"procmgr\",\"pid\":100,\"msgs_in\":12,\"msgs_out\":34,\"bytes_in\":"
		"5678,"
		"\"bytes_out\":91011,\"drops\":0,\"queued_bytes\":0,"
		"\"topics\":[\"ipc.client\",\"proc.event\"]},"
		"{\"name\":\"a-client-name-wider-than-18\",\"pid\":4294967295,"
		"\"msgs_in\":18446744073709551615,\"msgs_out\":1,\"bytes_in\":2,\"bytes_out\":3,"
		"\"drops\":7,\"queued_bytes\":65536,\"topics\":[]},"
		"{\"name\":\"odd\\\"name\\\\\",\"pid\":1,\"msgs_in\":0,\"msgs_out\":0,\"bytes_in\":"
		"0,"
		"\"bytes_out\":0,\"drops\":0,\"queued_bytes\":0,\"topics\":[\"t\\\"x\"]}]}\n");
	free(buf);
}

/* No client at all: the header and the counters, an empty list. */
static void test_ipc_empty(void **state)
{
	(void)state;
	N2os__Ipc__Stats st = N2OS__IPC__STATS__INIT;
	uint8_t buf[64];
	size_t len = n2os__ipc__stats__pack(&st, buf);
	ASSERT_VIEW(
		sysview_ipc(buf, len, 0, &b), sysview_ipc(buf, len, 1, &b),
		"CLIENT                 PID    MSGS IN   MSGS OUT     BYTES IN    BYTES OUT  "
		"DROPS  QUEUED  TOPICS\n"
		"Rejected frames: 0 oversized, 0 truncated, 0 undecodable, 0 protocol, 0 "
		"permission; 0 without destination; 0 slow clients disconnected; 0 connections "
		"over the client limit\n",
		"{\"uptime_ms\":0,\"rejected\":{\"oversized\":0,\"truncated\":0,\"undecodable\":0,"
		"\"protocol\":0,\"permission\":0,\"clients\":0},\"no_destination\":0,\"slow_"
		"disconnects\":0,"
		"\"clients\":[]}\n");
}

static void test_memory(void **state)
{
	(void)state;
	size_t len;
	uint8_t *buf = packed_mem(&len, 3, 36096);
	ASSERT_VIEW(
		sysview_memory(buf, len, "vrrpd", 0, &b), sysview_memory(buf, len, "vrrpd", 1, &b),
		"Memory of vrrpd (accounted allocations)\n"
		"TYPE                                  COUNT        BYTES\n"
		"cli command                             120        34560\n"
		"a memory type name longer than 32 chars          3         1536\n"
		"x\"y                                       0            0\n"
		"Total                                              36096\n",
		"{\"process\":\"vrrpd\",\"total_bytes\":36096,\"types\":["
		"{\"name\":\"cli command\",\"count\":120,\"bytes\":34560},"
		"{\"name\":\"a memory type name longer than 32 chars\",\"count\":3,\"bytes\":1536},"
		"{\"name\":\"x\\\"y\",\"count\":0,\"bytes\":0}]}\n");
	free(buf);
}

static void test_memory_empty(void **state)
{
	(void)state;
	size_t len;
	uint8_t *buf = packed_mem(&len, 0, 0);
	ASSERT_VIEW(sysview_memory(buf, len, "cmdmgr", 0, &b),
		    sysview_memory(buf, len, "cmdmgr", 1, &b),
		    "Memory of cmdmgr (accounted allocations)\n"
		    "TYPE                                  COUNT        BYTES\n"
		    "Total                                                  0\n",
		    "{\"process\":\"cmdmgr\",\"total_bytes\":0,\"types\":[]}\n");
	free(buf);
}

static void test_log(void **state)
{
	(void)state;
	char *lines[] = {"2024-01-01 00:00:00 info: started", "a line with 100% and \"quotes\""};
	N2os__Sys__LogLines ll = N2OS__SYS__LOG_LINES__INIT;
	ll.level = "debug";
	ll.lines = lines;
	ll.n_lines = 2;
	uint8_t buf[256];
	size_t len = n2os__sys__log_lines__pack(&ll, buf);
	struct n2_buf b;
	n2_buf_init(&b);
	assert_int_equal(sysview_log(buf, len, "pifmgr", &b), 0);
	assert_string_equal(n2_buf_str(&b), "Log of pifmgr, level debug (2 recent lines):\n"
					    "2024-01-01 00:00:00 info: started\n"
					    "a line with 100% and \"quotes\"\n");
	n2_buf_fini(&b);
}

/* An answer that does not decode: -1 and nothing written, whichever view. */
static void test_bad_answer(void **state)
{
	(void)state;
	const uint8_t junk[] = {0x0a, 0x7f, 0x01};
	struct n2_buf b;
	n2_buf_init(&b);
	for (int json = 0; json < 2; json++) {
		assert_int_equal(sysview_ipc(junk, sizeof(junk), json, &b), -1);
		assert_int_equal(sysview_memory(junk, sizeof(junk), "vrrpd", json, &b), -1);
	}
	assert_int_equal(sysview_log(junk, sizeof(junk), "vrrpd", &b), -1);
	assert_string_equal(n2_buf_str(&b), "");
	n2_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_ipc),    cmocka_unit_test(test_ipc_empty),
		cmocka_unit_test(test_memory), cmocka_unit_test(test_memory_empty),
		cmocka_unit_test(test_log),    cmocka_unit_test(test_bad_answer),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
