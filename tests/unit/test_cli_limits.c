/* Unit tests for cmdmgr's limits on what a client hands it (docs/limits.md): the command line
 * (CLI_LINE_MAX, enforced in session_execute for cmsh and the startup file alike) and the size of
 * one module's configuration (DS_MODULE_JSON_MAX, checked before a commit asks any owner). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdmgr.h"

static void test_line_check(void **state)
{
	(void)state;
	char line[CLI_LINE_MAX + 2], err[128] = "";
	memset(line, 'x', CLI_LINE_MAX);
	line[CLI_LINE_MAX] = 0;
	assert_int_equal(session_line_check(line, err, sizeof(err)), 0);
	assert_string_equal(err, "");
	line[CLI_LINE_MAX] = 'x';
	line[CLI_LINE_MAX + 1] = 0;
	assert_int_equal(session_line_check(line, err, sizeof(err)), -1);
	assert_string_equal(err, "% Line too long: 1025 characters (at most 1024)");
}

struct seen {
	int calls, ok;
	char out[256];
};

static void on_done(struct job *j, int ok, const char *output, void *arg)
{
	(void)j;
	struct seen *s = arg;
	s->calls++;
	s->ok = ok;
	snprintf(s->out, sizeof(s->out), "%s", output);
}

/* A line over the limit fails whole (never cut and run as a shorter command), is not remembered,
 * and the session can run the next line. */
static void test_execute_refuses_long_line(void **state)
{
	(void)state;
	static struct cmdmgr cm; /* nothing else is needed before the line is matched */
	struct session *s = session_new(&cm, 1, NODE_EXEC);
	assert_non_null(s);
	size_t n = 5000;
	char *line = malloc(n + 1);
	memcpy(line, "show ", 5);
	memset(line + 5, 'a', n - 5);
	line[n] = 0;
	struct seen seen = {0};
	session_execute(s, line, 0, on_done, &seen);
	free(line);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.ok, 0);
	assert_string_equal(seen.out, "% Line too long: 5000 characters (at most 1024)\n");
	assert_int_equal(s->nhist, 0);
	assert_int_equal(s->busy, 0);
	session_free(s);
}

static void test_module_size_check(void **state)
{
	(void)state;
	char err[256] = "";
	assert_int_equal(ds_module_size_check("n2os-vrrp", DS_MODULE_JSON_MAX, err, sizeof(err)),
			 0);
	assert_int_equal(
		ds_module_size_check("n2os-vrrp", DS_MODULE_JSON_MAX + 1, err, sizeof(err)), -1);
	assert_string_equal(err, "% Configuration too large: n2os-vrrp would be 1048577 bytes of "
				 "JSON (at most 1048576); nothing changed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_check),
		cmocka_unit_test(test_execute_refuses_long_line),
		cmocka_unit_test(test_module_size_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
