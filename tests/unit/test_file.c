/* Unit tests for lib/file.c: a file is replaced whole or not at all. A write that runs out of
 * room is made with RLIMIT_FSIZE (the kernel's short write then EFBIG, the same path as a full
 * disk's short write then ENOSPC, which tests/integration/cli_fulldisk.sh provokes for real). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

struct fx {
	char dir[64], path[128], tmp[136];
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/n2t-file-XXXXXX");
	if (!fx || !mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/n2os.conf", fx->dir);
	snprintf(fx->tmp, sizeof(fx->tmp), "%s.tmp", fx->path);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	char cmd[160];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	int rc = system(cmd);
	free(fx);
	return rc == 0 ? 0 : -1;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The file's whole content (at most 64 KiB). */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	char *buf = calloc(1, 65536);
	size_t n = fread(buf, 1, 65535, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static void test_replaces(void **state)
{
	struct fx *fx = *state;
	char err[256] = "";
	put(fx->path, "old\n");
	assert_int_equal(n2_file_replace(fx->path, "new text\n", 9, 0640, err, sizeof(err)), 0);
	char *s = slurp(fx->path);
	assert_string_equal(s, "new text\n");
	free(s);
	struct stat st;
	assert_int_equal(stat(fx->path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
	assert_int_equal(access(fx->tmp, F_OK), -1); /* nothing left behind */
}

static void test_creates(void **state)
{
	struct fx *fx = *state;
	char err[256] = "";
	assert_int_equal(n2_file_replace(fx->path, "", 0, 0644, err, sizeof(err)), 0);
	char *s = slurp(fx->path);
	assert_string_equal(s, "");
	free(s);
}

static void test_missing_directory(void **state)
{
	struct fx *fx = *state;
	char path[160], err[256] = "", want[256];
	snprintf(path, sizeof(path), "%s/none/n2os.conf", fx->dir);
	assert_int_equal(n2_file_replace(path, "x", 1, 0640, err, sizeof(err)), -1);
	assert_int_equal(errno, ENOENT);
	snprintf(want, sizeof(want), "%s.tmp: No such file or directory", path);
	assert_string_equal(err, want);
}

/* The rename is refused: the temporary file goes, the error names the file. */
static void test_rename_refused(void **state)
{
	struct fx *fx = *state;
	char inner[160], err[256] = "", want[256];
	assert_int_equal(mkdir(fx->path, 0755), 0); /* a non-empty directory where the file goes */
	snprintf(inner, sizeof(inner), "%s/keep", fx->path);
	put(inner, "k");
	assert_int_equal(n2_file_replace(fx->path, "x", 1, 0640, err, sizeof(err)), -1);
	snprintf(want, sizeof(want), "%s: %s", fx->path, strerror(errno));
	assert_string_equal(err, want);
	assert_int_equal(access(fx->tmp, F_OK), -1);
	assert_int_equal(access(inner, F_OK), 0);
}

/* Out of room in the middle: the old file is byte for byte what it was, the reason is given. */
static void test_out_of_room(void **state)
{
	struct fx *fx = *state;
	char err[256] = "", want[256];
	put(fx->path, "hostname Old\n");
	size_t len = 40000;
	char *big = malloc(len);
	memset(big, 'x', len);
	struct rlimit old, small = {.rlim_cur = 4096, .rlim_max = RLIM_INFINITY};
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	small.rlim_max = old.rlim_max;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	int rc = n2_file_replace(fx->path, big, len, 0640, err, sizeof(err));
	int e = errno;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, SIG_DFL);
	free(big);
	assert_int_equal(rc, -1);
	assert_int_equal(e, EFBIG);
	snprintf(want, sizeof(want), "%s: %s", fx->path, strerror(EFBIG));
	assert_string_equal(err, want);
	char *s = slurp(fx->path);
	assert_string_equal(s, "hostname Old\n");
	free(s);
	assert_int_equal(access(fx->tmp, F_OK), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_creates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_directory, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rename_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_out_of_room, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
