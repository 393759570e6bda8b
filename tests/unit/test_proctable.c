/* Unit tests for the process table parser (managers/procmgr/proctable.c): the default table, one
 * precise "line N: reason" error per kind of mistake, comments and blank lines, and transitive
 * dependencies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include "proctable.h"

static struct proctable t;

static int idx(const char *name)
{
	int i = pt_index(&t, name);
	if (i < 0)
		fail_msg("no entry '%s'", name);
	return i;
}

static int depends(const char *b, const char *a)
{
	return pt_depends(&t, idx(b), idx(a));
}

/* The set of direct dependencies of `name`, as names joined by ',' in table order. */
static const char *direct_deps(const char *name)
{
	static char buf[256];
	const struct pt_entry *e = &t.e[idx(name)];
	buf[0] = 0;
	for (int i = 0; i < t.n; i++) {
		int has = 0;
		for (int k = 0; k < e->ndeps; k++)
			has |= e->deps[k] == i;
		if (has)
			snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
				 buf[0] ? "," : "", t.e[i].name);
	}
	return buf;
}

static void test_default_table(void **state)
{
	(void)state;
	char err[256] = "";
	assert_int_equal(pt_parse(&t, pt_default_text, err, sizeof(err)), 0);
	assert_int_equal(t.n, 5);
	static const char *const names[] = {"ipcmgr", "cmdmgr", "pifmgr", "ribmgr", "vrrpd"};
	for (int i = 0; i < 5; i++) {
		assert_string_equal(t.e[i].name, names[i]);
		assert_string_equal(t.e[i].program, names[i]);
		assert_int_equal(t.e[i].heartbeat_ms, 1000);
		assert_int_equal(t.e[i].start_timeout_ms, 10000); /* the default */
	}
	/* direct dependencies as written, plus the bus for everyone but the bus itself */
	assert_int_equal(t.e[0].ndeps, 0);
	assert_string_equal(direct_deps("pifmgr"), "ipcmgr,cmdmgr");
	assert_string_equal(direct_deps("ribmgr"), "ipcmgr,pifmgr");
	assert_string_equal(direct_deps("cmdmgr"), "ipcmgr");
	assert_string_equal(direct_deps("vrrpd"), "ipcmgr,cmdmgr,pifmgr,ribmgr"); /* table order */
	/* each dependency once, though cmdmgr names the bus that everyone gets anyway */
	assert_int_equal(t.e[idx("cmdmgr")].ndeps, 1);
	assert_int_equal(t.e[idx("vrrpd")].ndeps, 4);
	for (int i = 1; i < 5; i++)
		assert_true(pt_depends(&t, i, 0));
	assert_false(depends("ipcmgr", "pifmgr"));
	assert_false(depends("cmdmgr", "pifmgr"));
	assert_true(depends("ribmgr", "cmdmgr")); /* through pifmgr */
	/* configured processes count as started once their configuration is applied */
	assert_false(t.e[idx("cmdmgr")].ready_config);
	assert_true(t.e[idx("pifmgr")].ready_config && t.e[idx("ribmgr")].ready_config &&
		    t.e[idx("vrrpd")].ready_config);
	assert_false(depends("pifmgr", "vrrpd"));
	assert_int_equal(pt_index(&t, "ospfd"), -1);
}

/* Parses text expecting failure; checks the error starts with "line N:" and contains `why`. */
static void expect_error(const char *text, int line, const char *why)
{
	char err[256] = "", prefix[32];
	if (pt_parse(&t, text, err, sizeof(err)) == 0)
		fail_msg("accepted:\n%s", text);
	snprintf(prefix, sizeof(prefix), "line %d: ", line);
	if (strncmp(err, prefix, strlen(prefix)) || !strstr(err, why))
		fail_msg("error '%s', want '%s...%s'", err, prefix, why);
}

#define HEAD "ipcmgr ipcmgr - heartbeat=1000\n"

static void test_errors(void **state)
{
	(void)state;
	/* unknown dependency, and a dependency on a later entry (no cycles possible) */
	expect_error(HEAD "pifmgr pifmgr nosuch\n", 2, "'nosuch' is not an earlier entry");
	expect_error(HEAD "ribmgr ribmgr pifmgr\npifmgr pifmgr -\n", 2,
		     "'pifmgr' is not an earlier entry");
	expect_error(HEAD "a a a\n", 2, "'a' is not an earlier entry"); /* itself */
	/* duplicate name */
	expect_error(HEAD "pifmgr pifmgr -\npifmgr other -\n", 3, "'pifmgr' is listed twice");
	expect_error(HEAD "ipcmgr ipcmgr -\n", 2, "listed twice");
	/* the bus first */
	expect_error("pifmgr pifmgr -\n" HEAD, 1, "first process must be ipcmgr");
	/* bad options */
	expect_error(HEAD "pifmgr pifmgr - colour=blue\n", 2, "unknown option 'colour'");
	expect_error(HEAD "pifmgr pifmgr - heartbeat\n", 2, "'heartbeat' is not key=value");
	/* bad heartbeat values */
	expect_error(HEAD "pifmgr pifmgr - heartbeat=abc\n", 2,
		     "'heartbeat=abc' needs milliseconds");
	expect_error(HEAD "pifmgr pifmgr - heartbeat=\n", 2, "needs milliseconds");
	expect_error(HEAD "pifmgr pifmgr - heartbeat=-5\n", 2, "needs milliseconds");
	expect_error(HEAD "pifmgr pifmgr - heartbeat=10s\n", 2, "needs milliseconds");
	expect_error(HEAD "pifmgr pifmgr - heartbeat=600001\n", 2, "needs milliseconds");
	expect_error(HEAD "pifmgr pifmgr - start-timeout=0\n", 2, "at least 1 ms");
	/* program paths: a bare file name or an absolute path, nothing relative with a slash */
	expect_error(HEAD "pifmgr bin/pifmgr -\n", 2,
		     "'bin/pifmgr' must be a file name or an absolute");
	expect_error(HEAD "pifmgr ./pifmgr -\n", 2, "must be a file name or an absolute path");
	/* shape of a line, and names */
	expect_error(HEAD "pifmgr pifmgr\n", 2, "expected 'name program after");
	expect_error(HEAD "PifMgr pifmgr -\n", 2, "bad process name 'PifMgr'");
	/* the line number counts comments and blank lines */
	expect_error("# table\n\n" HEAD "   \n# more\npifmgr pifmgr - heartbeat=x\n", 6,
		     "needs milliseconds");
	/* an empty table is refused (no line to blame) */
	char err[128];
	assert_int_equal(pt_parse(&t, "# nothing\n\n", err, sizeof(err)), -1);
	assert_non_null(strstr(err, "no process"));
}

static void test_valid_options(void **state)
{
	(void)state;
	char err[256] = "";
	assert_int_equal(pt_parse(&t,
				  HEAD "pifmgr /usr/lib/n2os/pifmgr - heartbeat=0 "
				       "start-timeout=600000\n",
				  err, sizeof(err)),
			 0);
	assert_int_equal(t.n, 2);
	assert_string_equal(t.e[1].program, "/usr/lib/n2os/pifmgr");
	assert_int_equal(t.e[1].heartbeat_ms, 0);
	assert_int_equal(t.e[1].start_timeout_ms, 600000);
}

static void test_comments_and_blank_lines(void **state)
{
	(void)state;
	static const char text[] =
		"# n2os process table\n"
		"\n"
		"   \t \n"
		"ipcmgr   ipcmgr   -     heartbeat=1000   # the bus\n"
		"#pifmgr  nothing  -\n"
		"cmdmgr   cmdmgr   ipcmgr heartbeat=1000\n"
		"pifmgr\tpifmgr\tcmdmgr\theartbeat=1000\tready=config\r\n"
		"ribmgr   ribmgr   pifmgr heartbeat=1000 ready=config\n"
		"\n"
		/* and the last line without a newline */
		"vrrpd    vrrpd    pifmgr,ribmgr,cmdmgr heartbeat=1000 ready=config";
	char err[256] = "";
	assert_int_equal(pt_parse(&t, text, err, sizeof(err)), 0);
	struct proctable mine = t;
	assert_int_equal(pt_parse(&t, pt_default_text, err, sizeof(err)), 0);
	assert_int_equal(mine.n, t.n);
	for (int i = 0; i < t.n; i++) {
		assert_string_equal(mine.e[i].name, t.e[i].name);
		assert_string_equal(mine.e[i].program, t.e[i].program);
		assert_int_equal(mine.e[i].heartbeat_ms, t.e[i].heartbeat_ms);
		assert_int_equal(mine.e[i].ready_config, t.e[i].ready_config);
		for (int j = 0; j < t.n; j++)
			assert_int_equal(pt_depends(&mine, i, j), pt_depends(&t, i, j));
	}
}

static void test_depends_transitive(void **state)
{
	(void)state;
	static const char text[] = HEAD "a a -\n"
					"b b a\n"
					"c c b\n"
					"d d c\n"
					"x x -\n"
					"y y x,d\n";
	char err[256] = "";
	assert_int_equal(pt_parse(&t, text, err, sizeof(err)), 0);
	assert_true(depends("b", "a"));
	assert_true(depends("d", "a")); /* d -> c -> b -> a */
	assert_true(depends("y", "a")); /* y -> d -> ... -> a */
	assert_true(depends("y", "x"));
	assert_true(depends("d", "ipcmgr"));
	assert_false(depends("a", "d")); /* not symmetric */
	assert_false(depends("d", "x"));
	assert_false(depends("x", "a"));
	assert_false(depends("a", "a")); /* nothing depends on itself */
	assert_false(depends("ipcmgr", "ipcmgr"));
}

static void test_dependency_limit(void **state)
{
	(void)state;
	/* an entry may name PT_MAX_DEPS earlier entries, the implicit bus dependency aside, and
	 * naming the bus explicitly does not count twice */
	char text[2048], list[512] = "", err[256] = "";
	int n = snprintf(text, sizeof(text), HEAD);
	for (int i = 0; i < PT_MAX_DEPS + 1; i++) {
		n += snprintf(text + n, sizeof(text) - (size_t)n, "p%d p%d -\n", i, i);
		if (i < PT_MAX_DEPS)
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%sp%d",
				 i ? "," : "", i);
	}
	snprintf(text + n, sizeof(text) - (size_t)n, "top top %s\nbus bus ipcmgr,p0\n", list);
	if (pt_parse(&t, text, err, sizeof(err)) < 0)
		fail_msg("%s", err);
	for (int i = 0; i < PT_MAX_DEPS; i++) {
		char name[8];
		snprintf(name, sizeof(name), "p%d", i);
		assert_true(depends("top", name));
	}
	assert_false(depends("top", "p8"));
	assert_int_equal(t.e[idx("bus")].ndeps, 2);

	/* one more is refused, naming the limit */
	char more[2200];
	snprintf(more, sizeof(more), "%.*stop top %s,p%d\n", n, text, list, PT_MAX_DEPS);
	char why[64];
	snprintf(why, sizeof(why), "more than %d dependencies", PT_MAX_DEPS);
	expect_error(more, PT_MAX_DEPS + 3, why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_table),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_valid_options),
		cmocka_unit_test(test_comments_and_blank_lines),
		cmocka_unit_test(test_depends_transitive),
		cmocka_unit_test(test_dependency_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
