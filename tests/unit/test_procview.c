/* lib/procview.c: the process status table (`n2os status`, cmsh `show processes`) and its JSON,
 * pinned byte for byte from a packed n2os.proc.Status, and a reply that does not decode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proc.pb-c.h"
#include "procview.h"

/* Packs a Status of four processes: running, waiting to restart (no pid), up for over a day with
 * a name wider than its column, and failed with a reason that needs JSON escaping. */
static uint8_t *packed_status(size_t *len, int all_running)
{
	static N2os__Proc__Process p[4];
	static N2os__Proc__Process *pp[4];
	const struct {
		const char *name, *state, *reason;
		uint32_t pid, restarts;
		uint64_t uptime_ms;
	} v[4] = {
		{"ipcmgr", "running", "", 101, 0, 5999},
		{"vrrpd", "restarting", "exited with status 1", 0, 3, 0},
		{"a-long-process-name", "running", "", 4242424, 12, 90061000ull + 3600000ull * 5},
		{"ribmgr", "failed", "said \"no\"\\\n", 0, 123456789, 7},
	};
	for (size_t i = 0; i < 4; i++) {
		n2os__proc__process__init(&p[i]);
		p[i].name = (char *)v[i].name;
		p[i].state = (char *)v[i].state;
		p[i].reason = (char *)v[i].reason;
		p[i].pid = v[i].pid;
		p[i].restarts = v[i].restarts;
		p[i].uptime_ms = v[i].uptime_ms;
		pp[i] = &p[i];
	}
	N2os__Proc__Status st = N2OS__PROC__STATUS__INIT;
	st.n_processes = 4;
	st.processes = pp;
	st.uptime_ms = 3723000;
	st.all_running = all_running;
	*len = n2os__proc__status__get_packed_size(&st);
	uint8_t *buf = malloc(*len);
	assert_non_null(buf);
	n2os__proc__status__pack(&st, buf);
	return buf;
}

/* The outputs as they were before the view used lib/emit (scripts read `n2os status --json`). */
static void test_table_and_json(void **state)
{
	(void)state;
	size_t len;
	uint8_t *buf = packed_status(&len, 0);
	const char *want[2] = {
		"NAME       PID      STATE       UPTIME     RESTARTS LAST EVENT\n"
		"ipcmgr     101      running     00:00:05   0        \n"
		"vrrpd      -        restarting  -          3        exited with status 1\n"
		"a-long-process-name 4242424  running     1d06:01:01 12       \n"
		"ribmgr     -        failed      -          123456789 said \"no\"\\\n"
		"\n",
		"{\"all_running\":false,\"uptime_ms\":3723000,\"processes\":[{\"name\":\"ipcmgr\","
		"\"pid\":101,\"state\":\"running\",\"uptime_ms\":5999,\"restarts\":0,"
		"\"reason\":\"\"},{\"name\":\"vrrpd\",\"pid\":0,\"state\":\"restarting\","
		"\"uptime_ms\":0,\"restarts\":3,\"reason\":\"exited with status 1\"},"
		"{\"name\":\"a-long-process-name\",\"pid\":4242424,\"state\":\"running\","
		"\"uptime_ms\":108061000,\"restarts\":12,\"reason\":\"\"},{\"name\":\"ribmgr\","
		"\"pid\":0,\"state\":\"failed\",\"uptime_ms\":7,\"restarts\":123456789,"
		"\"reason\":\"said \\\"no\\\"\\\\\\n\"}]}\n"};
	for (int j = 0; j < 2; j++) {
		struct n2_buf b;
		n2_buf_init(&b);
		int all = -1;
		assert_int_equal(n2_procview(buf, len, j, &b, &all), 0);
		assert_string_equal(n2_buf_str(&b), want[j]);
		assert_int_equal(all, 0);
		n2_buf_fini(&b);
	}
	free(buf);
}

static void test_all_running(void **state)
{
	(void)state;
	size_t len;
	uint8_t *buf = packed_status(&len, 1);
	struct n2_buf b;
	n2_buf_init(&b);
	int all = -1;
	assert_int_equal(n2_procview(buf, len, 1, &b, &all), 0);
	assert_int_equal(all, 1);
	assert_non_null(strstr(n2_buf_str(&b), "{\"all_running\":true,"));
	n2_buf_fini(&b);
	free(buf);
}

/* A reply that is not a Status: -1, nothing written, *all_running untouched. */
static void test_bad_reply(void **state)
{
	(void)state;
	const uint8_t junk[] = {0x0a, 0x7f, 0x01};
	struct n2_buf b;
	n2_buf_init(&b);
	int all = -1;
	assert_int_equal(n2_procview(junk, sizeof(junk), 0, &b, &all), -1);
	assert_int_equal(all, -1);
	assert_string_equal(n2_buf_str(&b), "");
	n2_buf_fini(&b);
}

int main(void)
{
	const struct CMUnitTest t[] = {
		cmocka_unit_test(test_table_and_json),
		cmocka_unit_test(test_all_running),
		cmocka_unit_test(test_bad_reply),
	};
	return cmocka_run_group_tests(t, NULL, NULL);
}
