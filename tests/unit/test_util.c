/* Unit tests for lib/util.c's process helpers: /proc/PID/stat split at the last ')' (a program
 * name may hold spaces and parentheses), a gone process, and the child's stdio redirection. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

static void test_stat_self(void **state)
{
	(void)state;
	char buf[1024];
	const char *comm, *rest;
	assert_int_equal(n2_proc_stat(getpid(), buf, sizeof(buf), &comm, &rest), 0);
	assert_string_equal(comm, "test_util");
	assert_int_equal(rest[0], 'R'); /* the state of a process reading its own stat */
	assert_int_equal(rest[1], ' ');
	assert_int_equal(atoi(rest + 2), (int)getppid()); /* field 4 */
}

/* A child renames itself "a) (b" and waits; its stat must split after the last ')'. */
static void test_stat_odd_name(void **state)
{
	(void)state;
	int go[2], ready[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(ready), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char c;
		prctl(PR_SET_NAME, "a) (b", 0, 0, 0);
		close(go[1]);
		if (write(ready[1], "r", 1) != 1) /* renamed */
			_exit(1);
		if (read(go[0], &c, 1) < 0) /* wait for the parent to look, then exit */
			_exit(1);
		_exit(0);
	}
	close(go[0]);
	close(ready[1]);
	char c, buf[1024];
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	const char *comm, *rest;
	assert_int_equal(n2_proc_stat(pid, buf, sizeof(buf), &comm, &rest), 0);
	assert_string_equal(comm, "a) (b");
	assert_true(strchr("RSD", rest[0]) != NULL);
	close(go[1]);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	const char *c2, *r2;
	assert_int_equal(n2_proc_stat(pid, buf, sizeof(buf), &c2, &r2), -1); /* reaped: gone */
}

static void test_stat_too_small(void **state)
{
	(void)state;
	char buf[8]; /* "PID (tes" has no ')': refused, not misread */
	const char *comm, *rest;
	assert_int_equal(n2_proc_stat(getpid(), buf, sizeof(buf), &comm, &rest), -1);
	assert_int_equal(n2_proc_stat(getpid(), buf, 1, &comm, &rest), -1);
}

static void test_redirect(void **state)
{
	(void)state;
	char dir[] = "/tmp/n2t-util-XXXXXX", log[64];
	assert_non_null(mkdtemp(dir));
	snprintf(log, sizeof(log), "%s/child.log", dir);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		n2_redirect_stdio(log);
		char c;
		ssize_t n = read(0, &c, 1); /* /dev/null: end of file at once */
		printf("out %zd\n", n);
		fflush(stdout);
		fprintf(stderr, "err\n");
		_exit(0);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	char got[64] = {0};
	FILE *f = fopen(log, "r");
	assert_non_null(f);
	assert_true(fread(got, 1, sizeof(got) - 1, f) > 0);
	fclose(f);
	assert_string_equal(got, "out 0\nerr\n");
	unlink(log);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat_self),
		cmocka_unit_test(test_stat_odd_name),
		cmocka_unit_test(test_stat_too_small),
		cmocka_unit_test(test_redirect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
