/* Unit tests for the log-level diff (managers/cmdmgr/levels.c), one test per rule: what a change
 * of the configuration's `log NAME priority LEVEL` entries makes cmdmgr push to the processes.
 * The regression (found by tests/integration/chaos.sh): every commit pushed every entry again,
 * so a file of N `log` lines cost N * N / 2 requests and log lines. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include "levels.h"

/* What was pushed, "name=level" in order, separated by blanks. */
static char pushed[512];

static void push(const char *name, const char *level, void *arg)
{
	assert_ptr_equal(arg, pushed);
	size_t n = strlen(pushed);
	snprintf(pushed + n, sizeof(pushed) - n, "%s%s=%s", n ? " " : "", name, level);
}

static void diff(const struct cm_level *old, int nold, const struct cm_level *now, int nnow)
{
	pushed[0] = 0;
	levels_diff(old, nold, now, nnow, push, pushed);
}

static const struct cm_level two[] = {{"vrrp", "debug"}, {"ribmgr", "warning"}};

static void test_first_apply_pushes_all(void **state)
{
	(void)state;
	diff(NULL, 0, two, 2);
	assert_string_equal(pushed, "vrrp=debug ribmgr=warning");
}

static void test_unchanged_pushes_nothing(void **state)
{
	(void)state;
	diff(two, 2, two, 2);
	assert_string_equal(pushed, "");
}

static void test_order_does_not_matter(void **state)
{
	(void)state;
	const struct cm_level swapped[] = {two[1], two[0]};
	diff(two, 2, swapped, 2);
	assert_string_equal(pushed, "");
}

static void test_added_entry_pushes_only_it(void **state)
{
	(void)state;
	const struct cm_level three[] = {two[0], two[1], {"pifmgr", "err"}};
	diff(two, 2, three, 3);
	assert_string_equal(pushed, "pifmgr=err");
}

static void test_changed_level_is_pushed(void **state)
{
	(void)state;
	const struct cm_level now[] = {{"vrrp", "info"}, two[1]};
	diff(two, 2, now, 2);
	assert_string_equal(pushed, "vrrp=info");
}

static void test_removed_entry_goes_back_to_info(void **state)
{
	(void)state;
	diff(two, 2, two + 1, 1);
	assert_string_equal(pushed, "vrrp=info");
}

static void test_all_removed(void **state)
{
	(void)state;
	diff(two, 2, NULL, 0);
	assert_string_equal(pushed, "vrrp=info ribmgr=info");
}

/* The chaos test's file: N entries added one commit at a time cost N pushes, not N * N / 2. */
static void test_one_commit_per_line_is_linear(void **state)
{
	(void)state;
	struct cm_level v[CMDMGR_MAX_LEVELS];
	for (int n = 1; n <= CMDMGR_MAX_LEVELS; n++) {
		snprintf(v[n - 1].name, sizeof(v[0].name), "p%d", n);
		snprintf(v[n - 1].level, sizeof(v[0].level), "debug");
		diff(v, n - 1, v, n);
		char want[40];
		snprintf(want, sizeof(want), "p%d=debug", n);
		assert_string_equal(pushed, want);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_apply_pushes_all),
		cmocka_unit_test(test_unchanged_pushes_nothing),
		cmocka_unit_test(test_order_does_not_matter),
		cmocka_unit_test(test_added_entry_pushes_only_it),
		cmocka_unit_test(test_changed_level_is_pushed),
		cmocka_unit_test(test_removed_entry_goes_back_to_info),
		cmocka_unit_test(test_all_removed),
		cmocka_unit_test(test_one_commit_per_line_is_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
